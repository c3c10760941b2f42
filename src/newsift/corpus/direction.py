"""Which of two articles sharing text is the source: attribution cues, timestamps, containment.

Public API::

    cites(text, outlet) -> str | None                 # the cue naming ``outlet``, if any
    decide_direction(a, b, coverage_a, coverage_b) -> Direction

Rules, in order (``docs/corpus.md`` gives the reasons):

1. **Attribution cue**: one article names the other's outlet as its source ("according to
   TASS", "(Reuters)", "Reuters reported", "via AP", "h/t: The Hill") and not the reverse;
   the article that cites is the copy. A cue wins over timestamps (a mis-stamped copy still
   says whom it took from); the reason notes when the timestamps disagree.
2. **Timestamps**: both known and at least ``min_lag_seconds`` apart: the earlier one is the
   source, unless the containment says the opposite (the later one is an excerpt of the
   earlier's text, see 3): then the direction is undetermined, with that reason.
3. **Asymmetric containment**: one article is mostly text of the other
   (coverage ≥ ``excerpt``) while the other is mostly its own (coverage ≤ ``own_text``):
   the one contained is the excerpt, hence the copy.
4. Otherwise undetermined, saying what was missing: the timestamps, a containment that makes
   one side an excerpt (the two shares are given when they differ), a cue (outlets unknown,
   the same outlet, or cues both ways).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsift.corpus.model import CorpusArticle

#: Containments closer than this are "symmetric" in an undetermined edge's reason.
SYMMETRIC = 0.1
_HOST_PARTS = frozenset({"www", "com", "org", "net", "co", "uk", "ru", "news", "de", "fr"})


@dataclass(frozen=True)
class DirectionParams:
    """Thresholds for :func:`decide_direction`."""

    min_lag_seconds: float = 1.0
    excerpt: float = 0.8
    own_text: float = 0.5


@dataclass(frozen=True)
class Direction:
    """The outcome: ``source_is_a`` tells which article is the source (``a`` when undetermined).

    Attributes:
        source_is_a: ``True`` when ``a`` is the source.
        determined: Whether a rule settled it.
        reason: The rule that settled it, or what was missing or contradictory.
        cue: The attribution cue found, if any.
    """

    source_is_a: bool
    determined: bool
    reason: str
    cue: str | None = None


def outlet_names(outlet: str) -> tuple[str, ...]:
    """Names an outlet goes by in text: the name itself and, for a host, its main label."""
    name = outlet.strip()
    names = [name]
    if "." in name and " " not in name:
        labels = [p for p in name.lower().split(".") if p and p not in _HOST_PARTS]
        if labels:
            names.append(labels[-1])
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


@lru_cache(maxsize=4096)
def _cue_pattern(outlet: str) -> re.Pattern[str]:
    name = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in outlet_names(outlet))
    n = rf"(?:the\s+)?(?:{name})\b"
    return re.compile(
        rf"\((?:{name})\)"
        rf"|\baccording\s+to\s+{n}"
        rf"|\b(?:via|citing|cited\s+by|courtesy\s+of|source:|sources?:|h/t:?|reported\s+by"
        rf"|told)\s+{n}"
        rf"|\b(?<![-\w])(?:{name})\s+(?:reported|reports|said|says|wrote|writes|first\s+reported)"
        rf"|\b(?:{name})\s+contributed\s+to\s+this",
        re.IGNORECASE,
    )


def cites(text: str, outlet: str | None) -> str | None:
    """The attribution cue in ``text`` that names ``outlet`` as a source, or ``None``."""
    if not outlet or not outlet_names(outlet):
        return None
    m = _cue_pattern(outlet).search(text)
    return m.group() if m else None


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def lag_seconds(source: CorpusArticle, copy: CorpusArticle) -> float | None:
    """``copy.published - source.published`` in seconds (naive times read as UTC)."""
    if source.published is None or copy.published is None:
        return None
    return (_utc(copy.published) - _utc(source.published)).total_seconds()


def decide_direction(
    a: CorpusArticle,
    b: CorpusArticle,
    coverage_a: float,
    coverage_b: float,
    params: DirectionParams | None = None,
) -> Direction:
    """Decide which of ``a`` and ``b`` is the source.

    Args:
        a, b: The two articles.
        coverage_a: Share of ``a``'s words found in ``b``.
        coverage_b: Share of ``b``'s words found in ``a``.
        params: Thresholds.
    """
    params = params or DirectionParams()
    by_ts: bool | None = None
    lag = lag_seconds(a, b)
    if lag is not None and abs(lag) >= params.min_lag_seconds:
        by_ts = lag > 0
    by_containment: bool | None = None
    if coverage_b >= params.excerpt and coverage_a <= params.own_text:
        by_containment = True  # b is an excerpt of a
    elif coverage_a >= params.excerpt and coverage_b <= params.own_text:
        by_containment = False
    same_outlet = a.outlet is not None and a.outlet == b.outlet
    cue_b = None if same_outlet else cites(b.text, a.outlet)
    cue_a = None if same_outlet else cites(a.text, b.outlet)
    if (cue_a is None) != (cue_b is None):
        source_is_a = cue_b is not None
        reason = "attribution_cue"
        if by_ts is not None and by_ts != source_is_a:
            reason += "; timestamps contradict"
        return Direction(source_is_a, True, reason, cue_b or cue_a)
    if by_ts is not None:
        if by_containment is not None and by_containment != by_ts:
            return Direction(True, False, "timestamps contradict containment")
        return Direction(by_ts, True, "timestamps")
    if by_containment is not None:
        missing = "equal" if lag is not None else "missing"
        return Direction(by_containment, True, f"containment; timestamps {missing}")
    why = "timestamps missing" if lag is None else "timestamps equal"
    return Direction(
        True, False, f"{why}; {_containment_note(coverage_a, coverage_b)}; {_cue_note(a, b)}"
    )


def _containment_note(coverage_a: float, coverage_b: float) -> str:
    """Why containment didn't settle it: equal, or unequal but neither side an excerpt."""
    if abs(coverage_a - coverage_b) < SYMMETRIC:
        return "containment symmetric"
    return f"containment not decisive ({coverage_a:.2f} vs {coverage_b:.2f}: neither an excerpt)"


def _cue_note(a: CorpusArticle, b: CorpusArticle) -> str:
    """Why no attribution cue settled it (both cite each other, or outlets unknown)."""
    if a.outlet is None and b.outlet is None:
        return "no attribution cue (outlets unknown)"
    if a.outlet is not None and a.outlet == b.outlet:
        return "no attribution cue (same outlet)"
    if cites(a.text, b.outlet) and cites(b.text, a.outlet):
        return "attribution cues both ways"
    return "no attribution cue"
