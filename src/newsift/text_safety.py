"""Text from an input shown to a person: control characters made visible, never obeyed.

File names and document text reach terminals (messages on stderr, the terminal report) and
Markdown viewers. A terminal obeys ESC sequences (clearing the screen, rewriting earlier
lines, setting the window title, opening hyperlinks), and bidirectional overrides make text
read in an order other than the one it is stored in ("Trojan Source", CVE-2021-42574). Every
such character is written as a visible escape instead: ``\\x1b`` for C0/C1 controls and DEL,
``⟨U+202E⟩`` for bidi controls, ``\\udcff`` for lone surrogates (undecodable bytes in file
names, which no terminal or UTF-8 file can take).

A leaf module: renderers, sinks and the command line share it.
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional embedding/override/isolate controls: they reorder what a reader sees.
#: (The invisible marks U+200E, U+200F and U+061C only nudge neutral characters and stay.)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Characters that are ever rewritten: C0, DEL, C1, bidi controls, surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")


def shown(char: str) -> str:
    """The visible stand-in for one unsafe character (``char`` itself if it is safe)."""
    code = ord(char)
    if char in BIDI_CONTROLS:
        return f"⟨U+{code:04X}⟩"
    if code < 0x100:
        return f"\\x{code:02x}" if unicodedata.category(char) == "Cc" else char
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char


def visible_controls(text: str, keep: str = "") -> str:
    """``text`` with every control, bidi control and lone surrogate made visible.

    Args:
        text: Any text, e.g. a file name or an article.
        keep: Controls to leave as they are (``"\\n\\t"`` for multi-line text).
    """
    return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else shown(m[0]), text)


def safe_lines(text: str) -> str:
    """Multi-line ``text`` made safe: newlines and tabs stay, ``\\r`` becomes a newline."""
    return visible_controls(_NEWLINES.sub("\n", text), keep="\n\t")


def safe_line(text: str) -> str:
    """One-line ``text`` (a message) made safe: line breaks too are shown, not obeyed, so a
    file name can't start a line of its own that looks like another message."""
    return visible_controls(text)
