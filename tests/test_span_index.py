"""SpanIndex answers exactly what a scan over all spans answers, in the same order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsift.span_index import SpanIndex

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)
queries = st.tuples(st.integers(0, 80), st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans, queries)
def test_inside_and_overlapping_match_a_scan(
    items: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    start, end = query
    index = SpanIndex.of((s, e, n) for n, (s, e) in enumerate(items))
    assert index.inside(start, end) == [
        n for n, (s, e) in enumerate(items) if start <= s and e <= end
    ]
    assert index.overlapping(start, end) == [
        (s, e, n) for n, (s, e) in enumerate(items) if s < end and e > start
    ]


def test_empty_index() -> None:
    index: SpanIndex[str] = SpanIndex.of([])
    assert index.inside(0, 10) == []
    assert index.overlapping(0, 10) == []
