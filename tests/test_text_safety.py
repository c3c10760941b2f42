"""Text from an input shown to a person: controls made visible, everything else kept."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsift.text_safety import safe_line, safe_lines, visible_controls

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@given(st.text())
def test_no_control_survives_and_the_result_is_encodable(text: str) -> None:
    shown = safe_line(text)
    assert not UNSAFE.search(shown)
    shown.encode("utf-8")  # no lone surrogate left
    assert safe_line(shown) == shown  # nothing left to neutralise


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_controls_is_kept_as_it_is(text: str) -> None:
    text = "".join(ch for ch in text if not UNSAFE.match(ch))
    assert safe_line(text) == text and safe_lines(text) == text


def test_each_kind_of_control_has_its_visible_form() -> None:
    assert safe_line("a\x1b[2Jb\x9bc\x7f") == "a\\x1b[2Jb\\x9bc\\x7f"
    assert safe_line("\u202eevil\u2069") == "⟨U+202E⟩evil⟨U+2069⟩"
    assert safe_line("name\udcff.txt") == "name\\udcff.txt"  # an undecodable file-name byte
    assert safe_line("one\nerror: forged") == "one\\x0aerror: forged"
    assert safe_lines("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour"
    assert visible_controls("a\tb\x00", keep="\t") == "a\tb\\x00"
