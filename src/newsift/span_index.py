"""Character spans indexed by start, for "which findings lie inside (or overlap) this span?".

An analyzer that links each of its findings to the findings of another (a claim to the
places, times and attribution inside its sentence) would otherwise scan every finding for
every claim: quadratic in the length of the article, which a 2-million-character article
makes hours. :class:`SpanIndex` answers each question in O(log n + matches).

Answers come back in the order the items were given, so results are the same as a scan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class SpanIndex(Generic[Item]):
    """Items with character spans ``[start, end)``, sorted by start; build with :meth:`of`."""

    starts: tuple[int, ...]
    entries: tuple[tuple[int, int, int, Item], ...]  #: (start, end, given order, item)
    longest: int  #: the longest span's length

    @classmethod
    def of(cls, items: Iterable[tuple[int, int, Item]]) -> SpanIndex[Item]:
        """Index ``(start, end, item)`` triples."""
        entries = tuple(
            sorted(
                ((start, end, order, item) for order, (start, end, item) in enumerate(items)),
                key=lambda entry: (entry[0], entry[2]),
            )
        )
        return cls(
            starts=tuple(entry[0] for entry in entries),
            entries=entries,
            longest=max((end - start for start, end, _, _ in entries), default=0),
        )

    def inside(self, start: int, end: int) -> list[Item]:
        """Items whose span lies within ``[start, end]`` (``start <= s`` and ``e <= end``)."""
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, end)
        found = [(o, item) for _, e, o, item in self.entries[low:high] if e <= end]
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Item]]:
        """``(s, e, item)`` of the items that share at least one character with
        ``[start, end)`` (``s < end`` and ``e > start``)."""
        # An item that ends after ``start`` starts after ``start - longest``.
        low = bisect_right(self.starts, start - self.longest)
        high = bisect_left(self.starts, end)
        found = [(o, s, e, item) for s, e, o, item in self.entries[low:high] if e > start]
        return [(s, e, item) for _, s, e, item in sorted(found, key=lambda entry: entry[0])]
