"""The HTML report's text pieces and an attribution's parts (source, cue, content).

Every run of article text on the page carries its offsets (``data-s``, ``data-e``), so the
page's script can mark the pieces inside a selected attribution's sub-spans.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.model import Finding, Report, sort_findings, span_dict
from newsift.render import render
from newsift.render.html import article_pieces
from tests.test_render import TEXT, make_report, script_data

PARTS = ("source", "cue", "content")


class _Pieces(HTMLParser):
    """The article's pieces as ``(tag, data-s, data-e, text)``, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, int, int, str]] = []
        self.in_article = False
        self._depth = 0  # open elements inside the current piece, itself included

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif self._depth:
            self._depth += 1
        elif self.in_article and "data-s" in found:
            self.pieces.append((tag, int(found["data-s"] or ""), int(found["data-e"] or ""), ""))
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
        elif self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            tag, start, end, text = self.pieces[-1]
            self.pieces[-1] = (tag, start, end, text + data)


def pieces_of(report: Report) -> list[tuple[str, int, int, str]]:
    parser = _Pieces()
    parser.feed(render(report, "html"))
    return parser.pieces


def assert_pieces_cover(text: str, pieces: list[tuple[str, int, int, str]]) -> None:
    """The pieces tile the text: in order, no gap, none empty, each its own slice."""
    assert "".join(piece for _, _, _, piece in pieces) == text
    offset = 0
    for _, start, end, piece in pieces:
        assert start == offset < end
        assert piece == text[start:end]
        offset = end
    assert offset == len(text)


def test_every_piece_of_the_text_carries_its_offsets() -> None:
    report = make_report()
    pieces = pieces_of(report)
    assert_pieces_cover(TEXT, pieces)
    assert {tag for tag, *_ in pieces} == {"mark", "span"}  # highlighted and plain text


def test_sub_spans_cover_whole_pieces() -> None:
    report = make_report()
    pieces = pieces_of(report)
    for name in PARTS:
        span = report.findings[0].fields[name]
        inside = [p for _, s, e, p in pieces if span["start"] <= s and e <= span["end"]]
        assert "".join(inside) == span["text"], name


def test_script_data_holds_an_attributions_sub_spans() -> None:
    report = make_report()
    attribution = json.loads(script_data(render(report, "html")))["findings"][0]
    assert attribution["kind"] == "attribution"
    fields = report.findings[0].fields
    assert attribution["subspans"] == [
        {"key": name, "start": fields[name]["start"], "end": fields[name]["end"]} for name in PARTS
    ]


def test_script_and_style_mark_the_three_parts_and_the_panel_shows_them_alike() -> None:
    out = render(make_report(), "html")
    style = out.split("<style>")[1].split("</style>")[0]
    script = out.split("<script>")[1].split("</script>")[0]
    for name in PARTS:
        assert f".sub-{name}" in style and f".part-{name}" in style
        assert f'"sub-{name}"' in script  # cleared by name
    assert "markParts(byNumber[n])" in script and "PARTS[span.key]" in script
    entry = out.split('<li id="f1"')[1].split("</li>")[0]
    assert '<span class="part-source">“Mayor Alicia Brandt”</span>' in entry
    assert '<span class="part-cue">“said”</span>' in entry


def test_pieces_keep_one_keyboard_stop_per_finding() -> None:
    report = make_report()
    _, pieces = article_pieces(report)
    assert len(pieces) > len(report.findings)  # cut at the sub-spans too
    assert sum(1 for p in pieces if p.first and p.seg.starts) == len(report.findings)


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    """Text with markup characters, and attributions whose parts lie anywhere in it."""
    alphabet = st.sampled_from([*"ab1 .-<>&\"'{}%#\n\t", "é", "“", "😀", "\u0301"])
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=40))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = st.tuples(bounds, bounds).map(sorted)
    found = []
    for start, end in draw(st.lists(spans, max_size=4)):
        fields = {
            name: span_dict(text, *draw(spans)) for name in draw(st.sets(st.sampled_from(PARTS)))
        }
        found.append(Finding("attribution", "x", start, end, text[start:end], 0.5, "t", {}, fields))
    return text, sort_findings(found)


@settings(max_examples=100, deadline=None)
@given(cases())
def test_pieces_cover_any_text_exactly(case: tuple[str, list[Finding]]) -> None:
    text, found = case
    assert_pieces_cover(text, pieces_of(make_report(text=text, findings=found, summary={})))
