"""Which attributions a sourcing profile counts, in one place.

The ``attribution`` analyzer's summary (``summary.sourcing``), the digest that renders a
report filtered by ``--min-score`` and the ``articles``/``outlets`` tables all count with
:func:`profiled`, so the three never disagree: only asserted statements with a resolved
source are counted; every other attribution is left out under its reason (``negated``,
``declined``, ``unresolved``, ``allegation``, ``belief``, ``intention``).

Free of spaCy (the render layer reads it without loading a model).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsift.model import Finding

#: The source types that are named.
NAMED_TYPES: frozenset[str] = frozenset({"named_person", "named_organization"})


def left_out_reason(finding: Finding) -> str | None:
    """Why the sourcing profile leaves an attribution out, or None when it counts it:
    only asserted statements by a resolved source count."""
    polarity = finding.fields.get("polarity", "asserted")
    if polarity != "asserted":
        return str(polarity)
    source = finding.fields.get("source")
    if finding.label == "unknown" or not isinstance(source, Mapping) or not source.get("text"):
        return "unresolved"
    stance = finding.fields.get("stance", "statement")
    return None if stance == "statement" else str(stance)


@dataclass(frozen=True)
class Profiled:
    """The attributions a sourcing profile counts and those it leaves out.

    Attributes:
        counted: The attribution findings counted, in the order given.
        left_out: How many were left out, per reason (reasons sorted).
    """

    counted: tuple[Finding, ...]
    left_out: dict[str, int]

    @property
    def named(self) -> int:
        """Counted attributions with a named source."""
        return sum(1 for f in self.counted if f.label in NAMED_TYPES)

    @property
    def named_share(self) -> float:
        """Named over counted (0.0 when nothing is counted)."""
        return self.named / len(self.counted) if self.counted else 0.0


def profiled(findings: Iterable[Finding]) -> Profiled:
    """Split the attribution findings among ``findings`` (other kinds are ignored) into
    those the sourcing profile counts and those it leaves out, by reason."""
    counted: list[Finding] = []
    left_out: Counter[str] = Counter()
    for f in findings:
        if f.kind != "attribution":
            continue
        reason = left_out_reason(f)
        if reason is None:
            counted.append(f)
        else:
            left_out[reason] += 1
    return Profiled(tuple(counted), dict(sorted(left_out.items())))


__all__ = ["NAMED_TYPES", "Profiled", "left_out_reason", "profiled"]
