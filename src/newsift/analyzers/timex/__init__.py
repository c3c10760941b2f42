"""The ``time`` analyzer: when an article points (dates, times, durations, repetitions).

Candidates are spaCy ``DATE``/``TIME`` entities plus :data:`~.mentions.PATTERNS` (durations such as
"2.5 years" and "18-month", "the third year of the war", weekdays) that spaCy misses; a
pattern match that overlaps an entity is dropped, the entity kept.

Labels (TimeML's TIMEX3 types, which ISO-TimeML and the TempEval tasks use):

- ``date``: a calendar date or period: ``2023-12-11``, ``2023-12``, ``2023``, ``2023-W49``,
  ``2023-SU`` (a season), ``199`` (the 1990s), ``XXXX-12-11`` (year unknown),
  ``XXXX-WXX-3`` (a Wednesday, no publication date);
- ``time``: a time of day, with its date when known: ``2023-12-11T14:30``,
  ``2023-12-11TMO`` (morning; ``AF``, ``EV``, ``NI`` as in TIMEX3);
- ``duration``: ISO 8601 durations: ``P2.5Y``, ``P18M``, ``PT3H``; an ordinal ("its third
  year") is ``P3Y`` with ``ordinal: true`` (more than two years, at most three);
- ``set``: repetitions: ``P1W`` for "weekly", ``XXXX-WXX-1`` for "every Monday",
  ``XXXX-XX-XXTNI`` for "every night".

An expression spaCy tags but no rule normalises ("recent years") is still a ``date``
finding, with ``value: null`` and score 0.5; pattern matches always normalise.

Relative expressions ("on Wednesday", "last month", "two days ago") are resolved against
the publication date (``doc.user_data["newsift.published"]``, ISO string) and marked
``relative: true``; without one, TIMEX3's ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` stand
in. A month and day without a year take the year that puts them on the side of the
publication date that the governing verb's tense points to (past tense: on or before it;
future: on or after it; no tense: the nearer one). A normaliser of our own, not
``dateparser``: it is ~100 times faster and every rule is tested.

Flags (kind ``flag``, in this analyzer's group):

- ``future_date_in_past_tense``: a date written with its year, after the publication
  date, whose governing verb is in the simple past or past/present perfect, without a
  modal ("would") and not a verb of planning ("was scheduled for").
- ``inconsistent_durations``: two durations of the same event noun ("the 18-month
  siege", "the siege, now in its third year") whose ranges cannot overlap.

Modules: :mod:`.values` (the words and values), :mod:`.normalize` (one expression to a
value), :mod:`.mentions` (finding expressions, tenses and the flags' checks) and
:mod:`.component` (the spaCy component and the summary).
"""

from __future__ import annotations

from newsift.analyzers.timex.component import (
    NAME,
    VERSION,
    TimeAnalyzer,
    make_time_analyzer,
    summarize,
)
from newsift.analyzers.timex.mentions import (
    PATTERNS,
    PUBLISHED_KEY,
    TimeMention,
    find_time_mentions,
    inconsistent_pairs,
    published_date,
)
from newsift.analyzers.timex.normalize import normalize
from newsift.analyzers.timex.values import Tense, TimeLabel, TimeValue, duration_value

__all__ = [
    "NAME",
    "PATTERNS",
    "PUBLISHED_KEY",
    "VERSION",
    "Tense",
    "TimeAnalyzer",
    "TimeLabel",
    "TimeMention",
    "TimeValue",
    "duration_value",
    "find_time_mentions",
    "inconsistent_pairs",
    "make_time_analyzer",
    "normalize",
    "published_date",
    "summarize",
]
