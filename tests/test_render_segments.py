"""highlight_segments: the article cut at every finding boundary, nested and crossing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsift.model import Finding
from newsift.render import Segment, highlight_segments
from newsift.render.segments import finding_ends, primary_finding


def make(text: str, start: int, end: int, label: str = "X") -> Finding:
    """A bare finding over ``text[start:end]``."""
    return Finding("entity", label, start, end, text[start:end], 0.5, "test", {"rule": "test"})


@st.composite
def text_and_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    """Any text (emoji and combining marks included) with findings anywhere inside it."""
    text = draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=8))
    return text, [make(text, min(a, b), max(a, b)) for a, b in pairs]


@given(text_and_findings())
def test_segments_cover_the_text_in_order_without_gaps(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    segments = highlight_segments(text, findings)
    assert "".join(s.text for s in segments) == text
    assert all(s.start < s.end and text[s.start : s.end] == s.text for s in segments)
    assert [s.start for s in segments[1:]] == [s.end for s in segments[:-1]]
    if text:
        assert segments[0].start == 0 and segments[-1].end == len(text)


@given(text_and_findings())
def test_each_finding_is_exactly_the_union_of_its_segments(
    case: tuple[str, list[Finding]],
) -> None:
    text, findings = case
    segments = highlight_segments(text, findings)
    for i, finding in enumerate(findings):
        covered = {c for s in segments if i in s.findings for c in range(s.start, s.end)}
        assert covered == set(range(finding.start, finding.end))
    for segment in segments:
        assert segment.findings == tuple(
            i
            for i, f in enumerate(findings)
            if f.start <= segment.start and segment.end <= f.end and f.start < f.end
        )


def test_nested_and_crossing_findings() -> None:
    text = "Mayor Alicia Brandt said so."
    outer, inner, crossing = make(text, 0, 24), make(text, 6, 19), make(text, 13, 27)
    segments = highlight_segments(text, [outer, inner, crossing])
    assert segments == [
        Segment(0, 6, "Mayor ", (0,)),
        Segment(6, 13, "Alicia ", (0, 1)),
        Segment(13, 19, "Brandt", (0, 1, 2)),
        Segment(19, 24, " said", (0, 2)),
        Segment(24, 27, " so", (2,)),
        Segment(27, 28, ".", ()),
    ]
    assert primary_finding((0, 1, 2), [outer, inner, crossing]) == 1


def test_plain_text_empty_text_and_offsets_outside_the_text() -> None:
    assert highlight_segments("plain", []) == [Segment(0, 5, "plain", ())]
    assert highlight_segments("", [make("", 0, 0)]) == []
    stray = Finding("flag", "X", 3, 99, "lo", 0.1, "test", {})
    assert highlight_segments("hello", [stray]) == [
        Segment(0, 3, "hel", ()),
        Segment(3, 5, "lo", (0,)),
    ]


def test_markers_close_inner_findings_first() -> None:
    text = "said on Tuesday"
    findings = [make(text, 0, 15), make(text, 8, 15), make(text, 4, 4)]
    assert finding_ends(text, findings) == {15: [1, 0], 4: [2]}
