"""Quotation marks in running text: which ranges of an article are quoted.

:func:`find_quotes` pairs straight, curly and single quote marks (and the ``''`` of some
newspapers), carries a quote over paragraphs that reopen it (the news convention), and closes
a quote mark that never pairs at the end of its sentence (never later than its paragraph), so
an odd mark can't swallow the article.

A leaf of the package: the attribution analyzer takes quotations as statements, and the
techniques analyzer tells the outlet's own words from the words it quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Quote marks: what opens, what closes, and which straight marks do both.
_DOUBLE_OPEN, _DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE = "“", "”", "‘", "’"
_STRAIGHT_DOUBLE, _STRAIGHT_SINGLE = '"', "'"
_WIDE = "\x00"  # stands in for the second mark of '' while scanning
QUOTE_CHARS = frozenset("\"“”‘’'")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``text[start:end]`` runs from its opening mark through its closing one.

    ``paired`` is false when no closing mark was found and the quote was closed at the end
    of its sentence or paragraph.
    """

    start: int
    end: int
    paired: bool = True


def _is_space(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _opens(text: str, i: int) -> bool:
    """A straight mark at ``i`` opens a quote: after space/start/bracket, before a non-space."""
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/"
    return before_ok and not _is_space(text, i + 1)


def _closes(text: str, i: int) -> bool:
    """A straight or curly single mark at ``i`` closes a quote (not an apostrophe)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_space(text, i - 1) and not after.isalnum()


def _unpaired_end(text: str, start: int, limit: int) -> int:
    """Where a quote with no closing mark ends: its first sentence end, at most ``limit``."""
    match = _SENTENCE_END.search(text, start + 1, limit)
    end = match.end() if match else limit
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``, in order, never overlapping.

    Double marks (``"`` ``“`` ``”``) nest single ones; single marks (``‘ ’`` and ``'``)
    quote at the top level only when they pair within the paragraph, so apostrophes
    ("don't", "voters’") are never taken for quote marks. A quote still open at a paragraph
    break continues when the next paragraph opens with a quote mark of the same kind (the
    multi-paragraph convention); otherwise it is unpaired and ends at its first sentence end.
    """
    quotes: list[Quote] = []
    open_at = -1
    kind = ""  # "double" or "single" while a quote is open
    continuation = -1  # index of a reopening mark that continues a multi-paragraph quote
    # Two straight single marks ('') stand for a double one (the New York Times' style).
    scan = text.replace("''", _STRAIGHT_DOUBLE + _WIDE)
    n = len(scan)

    def close_unpaired(limit: int) -> None:
        nonlocal open_at, kind
        if kind == "double":
            quotes.append(Quote(open_at, _unpaired_end(text, open_at, limit), paired=False))
        open_at, kind = -1, ""

    i = 0
    while i < n:
        ch = scan[i]
        after = i + 2 if scan[i + 1 : i + 2] == _WIDE else i + 1  # just past the mark
        if ch == "\n" and open_at >= 0:
            j = i
            while j < n and scan[j].isspace():
                j += 1
            reopen = j < n and (
                (kind == "double" and scan[j] in (_DOUBLE_OPEN, _STRAIGHT_DOUBLE))
                or (kind == "single" and scan[j] in (_SINGLE_OPEN, _STRAIGHT_SINGLE))
            )
            if reopen and j > i:
                continuation = j
            else:
                close_unpaired(i)
        elif i == continuation:
            pass
        elif ch in (_DOUBLE_OPEN, _DOUBLE_CLOSE, _STRAIGHT_DOUBLE):
            if kind == "single":
                open_at, kind = -1, ""  # a lone single mark was an apostrophe after all
            if kind == "double":
                if ch == _DOUBLE_OPEN and not _is_space(scan, i - 1) and _is_space(scan, after):
                    ch = _DOUBLE_CLOSE  # a mistyped closing mark: “… here,“ she said
                if ch == _DOUBLE_OPEN or (
                    ch == _STRAIGHT_DOUBLE and _is_space(scan, i - 1) and not _is_space(scan, after)
                ):
                    close_unpaired(i)  # an opening mark while one is open: that one is unpaired
                    open_at, kind = i, "double"
                else:
                    quotes.append(Quote(open_at, after))
                    open_at, kind = -1, ""
            elif ch == _DOUBLE_OPEN or (ch == _STRAIGHT_DOUBLE and not _is_space(scan, after)):
                open_at, kind = i, "double"
        elif ch in (_SINGLE_OPEN, _STRAIGHT_SINGLE, _SINGLE_CLOSE) and kind != "double":
            if kind == "single":
                if ch != _SINGLE_OPEN and _closes(scan, i):
                    quotes.append(Quote(open_at, i + 1))
                    open_at, kind = -1, ""
            elif (
                ch in (_SINGLE_OPEN, _STRAIGHT_SINGLE)
                and _opens(scan, i)
                and not scan[i + 1].isdigit()
            ):
                open_at, kind = i, "single"
        i = after if ch == _STRAIGHT_DOUBLE else i + 1
    if open_at >= 0:
        close_unpaired(n)
    return quotes
