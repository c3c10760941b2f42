"""The ``time`` analyzer: when an article points (dates, times, durations, repetitions).

Candidates are spaCy ``DATE``/``TIME`` entities plus :data:`PATTERNS` (durations such as
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
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.analyzers.base import (
    finding_span,
    register_extensions,
    spacy_model_info,
    spans_key,
)
from newsift.model import Finding, ModelInfo, span_dict

NAME = "time"
VERSION = "1.0.0"
#: Where the pipeline puts the publication date (an ISO date string or None).
PUBLISHED_KEY = "newsift.published"

TimeLabel = Literal["date", "time", "duration", "set"]
Tense = Literal["past", "future", "none"]

MONTHS: dict[str, int] = {}
for _month_number, _month_name in enumerate(calendar.month_name):
    if _month_name:
        MONTHS[_month_name.lower()] = _month_number
        MONTHS[_month_name[:3].lower()] = _month_number
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "several": 3,
    "a few": 3,
    "few": 3,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
#: Unit → (ISO designator, is a time unit, length in months).
UNITS: dict[str, tuple[str, bool, float]] = {
    "year": ("Y", False, 12.0),
    "month": ("M", False, 1.0),
    "week": ("W", False, 12 / 52.18),
    "day": ("D", False, 12 / 365.25),
    "hour": ("H", True, 12 / 8766),
    "minute": ("M", True, 12 / 525960),
    "decade": ("Y", False, 120.0),
    "century": ("Y", False, 1200.0),
}
UNIT_FACTOR: dict[str, int] = {"decade": 10, "century": 100}
PART_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}
#: Verbs of planning: a past-tense "was scheduled for 2030" is no contradiction.
PLANNING_VERBS: frozenset[str] = frozenset(
    {
        "schedule",
        "plan",
        "expect",
        "set",
        "slate",
        "postpone",
        "delay",
        "reschedule",
        "push",
        "move",
        "announce",
        "agree",
        "promise",
        "vow",
        "pledge",
        "aim",
        "hope",
        "intend",
        "want",
        "predict",
        "forecast",
        "project",
        "due",
    }
)

_NUM = (
    r"(?:\d+(?:[.,]\d+)?|a few|several|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + r")"
)
_UNIT = r"(?:year|month|week|day|hour|minute|decade|centur(?:y|ie))s?"
_ORD = "|".join(ORDINALS)
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"

#: Patterns spaCy's NER misses or splits; matched case-insensitively on the text.
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?:(?:about|nearly|almost|more than|over|some|roughly|the past|the last)\s+)?"
        rf"(?:{_NUM}(?:\s+and\s+a\s+half)?|half\s+an?)\s+{_UNIT}\b",
        re.I,
    ),
    re.compile(rf"\b{_NUM}(?:-|\s)?(?:and-a-half-)?{_UNIT}(?:-long)?(?=\s+\w)", re.I),
    re.compile(rf"\b(?:(?:the|its|their|his|her)\s+)({_ORD})\s+(?:full\s+)?{_UNIT}\b", re.I),
    re.compile(rf"\b(?:last|next|this|on)\s+{_WEEKDAY}\b", re.I),
    re.compile(rf"\b(?:every|each)\s+(?:{_NUM}\s+)?(?:{_UNIT}|{_WEEKDAY})\b", re.I),
)


@dataclass(frozen=True)
class TimeValue:
    """A normalised time expression.

    Attributes:
        label: ``date``, ``time``, ``duration`` or ``set``.
        value: ISO 8601 / TIMEX3 value.
        relative: Resolved against the publication date (or would need it).
        explicit_year: The text gives the year (dates only).
        months: For durations, the range of lengths (in months) the text allows.
    """

    label: TimeLabel
    value: str
    relative: bool = False
    explicit_year: bool = False
    months: tuple[float, float] | None = None
    ordinal: bool = False


def _number(text: str) -> float | None:
    text = text.lower().strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def duration_value(amount: float, unit: str) -> tuple[str, tuple[float, float]]:
    """ISO 8601 duration and length in months of ``amount`` ``unit``s (``2.5, "year"``)."""
    unit = unit.lower().rstrip("s").replace("centurie", "century").replace("centuri", "century")
    designator, is_time, months = UNITS[unit]
    amount_iso = amount * UNIT_FACTOR.get(unit, 1)
    value = f"PT{_fmt(amount_iso)}{designator}" if is_time else f"P{_fmt(amount_iso)}{designator}"
    length = amount * months
    return value, (length, length)


_DURATION = re.compile(
    rf"^(?:(?P<mod>about|nearly|almost|more than|over|some|roughly|the past|the last|"
    rf"the next|past|last|next|for|at least|up to|around)\s+)?"
    rf"(?P<num>{_NUM}|half an?)(?P<half>\s+and\s+a\s+half)?(?:-|\s+)(?:and-a-half-)?"
    rf"(?P<unit>{_UNIT})(?P<half2>\s+and\s+a\s+half)?(?:-long|\s+long|\s+old)?$",
    re.I,
)
_ORDINAL = re.compile(
    rf"^(?:(?:the|its|their|his|her|a)\s+)?(?P<ord>{_ORD})\s+"
    rf"(?:(?:full|straight|consecutive)\s+)?(?P<unit>{_UNIT})$",
    re.I,
)
#: TIMEX3 season codes.
SEASONS: dict[str, str] = {
    "winter": "WI",
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
}
_SEASON = re.compile(
    r"^(?:(?P<rel>this|last|next|past|coming)\s+)?(?:(?:early|late|mid)-?\s*)?"
    r"(?P<season>winter|spring|summer|autumn|fall)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$",
    re.I,
)
_AGO = re.compile(rf"^(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+ago$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_DAY = re.compile(
    rf"^(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?$",
    re.I,
)
_DAY_MONTH = re.compile(
    rf"^(?:on\s+)?(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?$",
    re.I,
)
_MONTH_YEAR = re.compile(
    rf"^(?:(?:in|since|until|by|early|late|mid|mid-)\s*)?(?:(?:early|late|mid)-?\s*)?"
    rf"(?P<month>{_MONTH})(?:,?\s+(?:of\s+)?(?P<year>\d{{4}}))?$",
    re.I,
)
_YEAR = re.compile(r"^(?:(?:in|since|until|by|the year)\s+)?(?P<year>1[89]\d\d|20\d\d)$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?P<decade>1[89]\d|20\d)0s$", re.I)
_WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|next|this|on|early|late)\s+)?(?P<day>{_WEEKDAY})"
    rf"(?:\s+(?P<part>morning|afternoon|evening|night))?$",
    re.I,
)
_REL_PERIOD = re.compile(
    r"^(?P<rel>last|next|this|past|previous|coming)\s+(?P<unit>week|month|year)$", re.I
)
_DEICTIC = re.compile(
    r"^(?P<word>yesterday|today|tomorrow|tonight|now|currently)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$",
    re.I,
)
_PART_TODAY = re.compile(r"^(?:this|last)\s+(?P<part>morning|afternoon|evening|night)$", re.I)
_CLOCK = re.compile(
    r"^(?:at\s+)?(?:about\s+|around\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?(?:\s+(?:local time|GMT|UTC))?$",
    re.I,
)
_SET = re.compile(
    rf"^(?:every|each)\s+(?:(?P<num>{_NUM})\s+)?(?P<what>{_UNIT}|{_WEEKDAY})$|"
    r"^(?:every|each)\s+(?P<part>morning|afternoon|evening|night)$|"
    r"^(?P<adv>daily|weekly|monthly|yearly|annually|hourly)$",
    re.I,
)


def _year_for(month: int, day: int, published: dt.date, tense: Tense) -> int:
    """The year that puts month/day on the side of ``published`` the tense points to."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if tense == "past":
        past = [d for d in candidates if d <= published]
        if past:
            return max(past).year
    if tense == "future":
        future = [d for d in candidates if d >= published]
        if future:
            return min(future).year
    return min(candidates, key=lambda d: abs((d - published).days)).year


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


#: A normalisation rule: (match, expression, publication date, tense) -> value or None.
_Normalizer = Callable[[re.Match[str], str, dt.date | None, Tense], TimeValue | None]


def _iso_date(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """An ISO date ("2024-12-11")."""
    return TimeValue("date", t, explicit_year=True)


def _month_day(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A day of a month, with or without its year ("December 11", "11 December 2024")."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    day = int(match["day"])
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    if match["year"]:
        return TimeValue("date", f"{match['year']}-{month:02d}-{day:02d}", explicit_year=True)
    if published is None:
        return TimeValue("date", f"XXXX-{month:02d}-{day:02d}", relative=True)
    year = _year_for(month, day, published, tense)
    return TimeValue("date", f"{year}-{month:02d}-{day:02d}", relative=True)


def _month_year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A month, with or without its year ("March 2022", "in March")."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    if match["year"]:
        return TimeValue("date", f"{match['year']}-{month:02d}", explicit_year=True)
    if match["month"].lower().rstrip(".") in ("may", "march") and not t[0].isupper():
        return None  # the verbs "may", "march"
    if published is None:
        return TimeValue("date", f"XXXX-{month:02d}", relative=True)
    year = _year_for(month, 1, published, tense)
    return TimeValue("date", f"{year}-{month:02d}", relative=True)


def _year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A year ("2019")."""
    return TimeValue("date", match["year"], explicit_year=True)


def _decade(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A decade ("the 1990s")."""
    return TimeValue("date", match["decade"], explicit_year=True)


def _weekday(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A weekday, maybe with "last"/"next" and a part of the day ("on Wednesday")."""
    weekday = WEEKDAYS[match["day"].lower()]
    part = PART_OF_DAY.get((match["part"] or "").lower(), "")
    label: TimeLabel = "time" if part else "date"
    suffix = f"T{part}" if part else ""
    if published is None:
        return TimeValue(label, f"XXXX-WXX-{weekday + 1}{suffix}", relative=True)
    rel = (match["rel"] or "").lower()
    offset = (published.weekday() - weekday) % 7
    if rel == "next" or (rel != "last" and tense == "future"):
        ahead = (weekday - published.weekday()) % 7 or (7 if rel == "next" else 0)
        day_value = published + dt.timedelta(days=ahead)
    else:
        if rel == "last" and offset == 0:
            offset = 7
        day_value = published - dt.timedelta(days=offset)
    return TimeValue(label, f"{day_value.isoformat()}{suffix}", relative=True)


def _deictic(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """The deictic words ("now", "today", "yesterday", "tomorrow", "tonight"), and a part
    of the day."""
    word = match["word"].lower()
    part = PART_OF_DAY.get((match["part"] or "").lower(), "")
    if word == "tonight":
        part = "NI"
    if word in ("now", "currently"):
        return TimeValue("date", "PRESENT_REF", relative=True)
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word]
    if published is None:
        ref = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[shift]
        return TimeValue("time" if part else "date", ref, relative=True)
    day_value = published + dt.timedelta(days=shift)
    value = day_value.isoformat() + (f"T{part}" if part else "")
    return TimeValue("time" if part else "date", value, relative=True)


def _part_of_today(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A part of today ("this morning")."""
    part = PART_OF_DAY[match["part"].lower()]
    if published is None:
        return TimeValue("time", f"PRESENT_REFT{part}", relative=True)
    return TimeValue("time", f"{published.isoformat()}T{part}", relative=True)


def _relative_period(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A period relative to the publication date ("last year", "next month", "this week")."""
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[rel]
    if published is None:
        return TimeValue(
            "date", {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[step], relative=True
        )
    if unit == "year":
        return TimeValue("date", str(published.year + step), relative=True)
    if unit == "month":
        shifted = _shift_months(published.replace(day=1), step)
        return TimeValue("date", f"{shifted.year}-{shifted.month:02d}", relative=True)
    week_day = published + dt.timedelta(weeks=step)
    iso = week_day.isocalendar()
    return TimeValue("date", f"{iso.year}-W{iso.week:02d}", relative=True)


def _ago(match: re.Match[str], t: str, published: dt.date | None, tense: Tense) -> TimeValue | None:
    """A distance back from the publication date ("three years ago")."""
    amount = _number(match["num"])
    unit = match["unit"].lower().rstrip("s")
    if amount is None or unit not in ("year", "month", "week", "day"):
        return None
    if published is None:
        return TimeValue("date", "PAST_REF", relative=True)
    whole = int(amount)
    if unit == "day":
        return TimeValue("date", (published - dt.timedelta(days=whole)).isoformat(), True)
    if unit == "week":
        iso = (published - dt.timedelta(weeks=whole)).isocalendar()
        return TimeValue("date", f"{iso.year}-W{iso.week:02d}", relative=True)
    if unit == "month":
        shifted = _shift_months(published.replace(day=1), -whole)
        return TimeValue("date", f"{shifted.year}-{shifted.month:02d}", relative=True)
    return TimeValue("date", str(published.year - whole), relative=True)


def _duration(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A duration ("2.5 years", "more than a decade")."""
    raw = match["num"].lower()
    amount = 0.5 if raw.startswith("half") else _number(raw)
    if amount is None:
        return None
    if match["half"] or match["half2"]:
        amount += 0.5
    value, (low, high) = duration_value(amount, match["unit"])
    mod = (match["mod"] or "").lower()
    if mod in ("more than", "over", "at least"):
        high = float("inf")
    elif mod in ("nearly", "almost", "up to"):
        low = low * 0.75
    elif mod in ("about", "some", "roughly", "around"):
        low, high = low * 0.75, high * 1.25
    return TimeValue("duration", value, months=(low, high))


def _ordinal(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """An ordinal period ("the third year")."""
    nth = ORDINALS[match["ord"].lower()]
    value, (length, _) = duration_value(nth, match["unit"])
    unit_months = length / nth
    return TimeValue("duration", value, months=(length - unit_months, length), ordinal=True)


def _season(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A season, with or without its year ("last summer")."""
    code = SEASONS[match["season"].lower()]
    if match["year"]:
        return TimeValue("date", f"{match['year']}-{code}", explicit_year=True)
    rel = (match["rel"] or "").lower()
    if published is None:
        return TimeValue("date", f"XXXX-{code}", relative=True)
    year = published.year + {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return TimeValue("date", f"{year}-{code}", relative=True)


def _set(match: re.Match[str], t: str, published: dt.date | None, tense: Tense) -> TimeValue | None:
    """A recurring time ("every Monday", "daily")."""
    if match["part"]:
        return TimeValue("set", f"XXXX-XX-XXT{PART_OF_DAY[match['part'].lower()]}")
    if match["adv"]:
        designator = {
            "daily": "P1D",
            "weekly": "P1W",
            "monthly": "P1M",
            "yearly": "P1Y",
            "annually": "P1Y",
            "hourly": "PT1H",
        }
        return TimeValue("set", designator[match["adv"].lower()])
    what = str(match["what"]).lower()
    if what in WEEKDAYS:
        return TimeValue("set", f"XXXX-WXX-{WEEKDAYS[what] + 1}")
    amount = _number(match["num"]) if match["num"] else 1.0
    if amount is None:
        return None
    return TimeValue("set", duration_value(amount, what)[0])


def _clock(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A clock time ("10:30", "3 p.m.")."""
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if not (match["m"] or ampm) or hour > 23 or minute > 59:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    prefix = published.isoformat() if published else ""
    return TimeValue("time", f"{prefix}T{hour:02d}:{minute:02d}", relative=bool(published))


#: Normalisation rules, tried in order: the first pattern that matches decides (a rule may
#: still refuse, with None).
_NORMALIZERS: tuple[tuple[re.Pattern[str], _Normalizer], ...] = (
    (_ISO, _iso_date),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _month_day),
    (_MONTH_YEAR, _month_year),
    (_YEAR, _year),
    (_DECADE, _decade),
    (_WEEKDAY_RE, _weekday),
    (_DEICTIC, _deictic),
    (_PART_TODAY, _part_of_today),
    (_REL_PERIOD, _relative_period),
    (_AGO, _ago),
    (_DURATION, _duration),
    (_ORDINAL, _ordinal),
    (_SEASON, _season),
    (_SET, _set),
    (_CLOCK, _clock),
)


def normalize(
    text: str, published: dt.date | None = None, tense: Tense = "none"
) -> TimeValue | None:
    """Normalise one time expression; ``None`` when no rule applies.

    Args:
        text: The expression ("December 11", "on Wednesday", "2.5 years").
        published: The publication date relative expressions resolve against.
        tense: Tense of the governing verb (decides the year of "December 11").
    """
    t = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    t = re.sub(r"^(?:the\s+|on\s+|in\s+|since\s+|until\s+|by\s+)(?=\S)", "", t, flags=re.I)
    for pattern, rule in _NORMALIZERS:
        if match := pattern.match(t):
            return rule(match, t, published, tense)
    return None


# --- tense, events and flags ----------------------------------------------------------


def governing_tense(span: Span) -> tuple[Tense, Any]:
    """Tense of the verb that governs a span, and that verb (or ``None``)."""
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "none", None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"} or any(c.lower_ == "to" for c in auxes):
        return "future", token
    if words & {"would", "could", "should", "might", "may", "must", "can"}:
        return "none", token
    if token.tag_ == "VBD" or words & {"had", "was", "were", "did", "has", "have"}:
        return "past", token
    return "none", token


def _event_noun(doc: Doc, start: int, end: int, text: str | None = None) -> str | None:
    """The event a duration measures: "the 18-month siege", "the siege, now in its third year",
    "the third year of the war", "two years of war"."""
    text = doc.text if text is None else text
    after = text[end : end + 40]
    before = text[max(0, start - 60) : start]
    if m := re.match(r"(?:-long)?\s+(?:of\s+(?:the\s+)?)?([a-z]+)", after):
        word = m[1]
        if after.lstrip().startswith("of") or re.fullmatch(r"\s+[a-z]+", after[: m.end()]):
            return _noun_lemma(doc, end + m.start(1), word)
    if m := re.search(
        r"\b([a-z]+),?\s+(?:which\s+is\s+|is\s+|now\s+|which\s+is\s+now\s+|is\s+now\s+)*"
        r"(?:in|into|entering|enters|entered|reached|reaches)\s+(?:its|their|the)?\s*$",
        before,
    ):
        return _noun_lemma(doc, max(0, start - 60) + m.start(1), m[1])
    if m := re.search(r"\b([a-z]+)\s+(?:has|had|have)\s+(?:now\s+)?lasted\s+(?:for\s+)?$", before):
        return _noun_lemma(doc, max(0, start - 60) + m.start(1), m[1])
    return None


def _noun_lemma(doc: Doc, char: int, word: str) -> str | None:
    span = doc.char_span(char, char + len(word))
    if span is None or len(span) != 1:
        return None
    token = span[0]
    if token.pos_ != "NOUN":
        return None
    return str(token.lemma_.lower())


@dataclass(frozen=True)
class TimeMention:
    """A candidate time expression with its normalised value."""

    start: int
    end: int
    text: str
    value: TimeValue | None
    source: str
    tense: Tense


#: Endings whose full stop belongs to the expression ("3:30 p.m.", "Dec.").
_ABBREVIATION_END = re.compile(r"(?:\b[ap]\.m\.|\b[A-Z][a-z]{2,3}\.)$")


_BARE_SMALL_NUMBER = re.compile(r"\d{1,3}")


def find_time_mentions(doc: Doc, published: dt.date | None) -> list[TimeMention]:
    """spaCy DATE/TIME entities plus :data:`PATTERNS` matches, normalised."""
    spans: list[tuple[int, int, str]] = [
        (e.start_char, e.end_char, f"ner:{e.label_}")
        for e in doc.ents
        # A bare one- to three-digit number is an age or a count ("Olena Petrenko, 54,"),
        # which the NER sometimes tags DATE; years have four digits.
        if e.label_ in ("DATE", "TIME") and not _BARE_SMALL_NUMBER.fullmatch(e.text)
    ]
    taken = [(s, e) for s, e, _ in spans]
    doc_text = doc.text  # Doc.text joins every token on each access: read it once
    for pattern in PATTERNS:
        for m in pattern.finditer(doc_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            spans.append((m.start(), m.end(), "pattern"))
            taken.append((m.start(), m.end()))
    mentions = []
    for start, end, source in sorted(spans):
        # spaCy includes "the past", "some" … fine; trailing punctuation never.
        while (
            end > start
            and doc_text[end - 1] in " ,.;:"
            and not _ABBREVIATION_END.search(doc_text[start:end])
        ):
            end -= 1
        text = doc_text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        tense: Tense = "none"
        if span is not None and len(span):
            tense, _ = governing_tense(span)
        value = normalize(text, published, tense)
        if value is None and source == "pattern":
            continue
        mentions.append(TimeMention(start, end, text, value, source, tense))
    return mentions


def future_in_past(mention: TimeMention, published: dt.date | None, verb: Any) -> bool:
    """Whether a mention is a dated event after publication told in the past tense."""
    value = mention.value
    if published is None or value is None or value.label != "date" or not value.explicit_year:
        return False
    if mention.tense != "past" or verb is None or verb.lemma_.lower() in PLANNING_VERBS:
        return False
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in PLANNING_VERBS:
        return False
    return _earliest(value.value) > published


def _earliest(value: str) -> dt.date:
    """First day of an ISO date, month or year value."""
    parts = value.split("-")
    if len(parts[0]) == 3:  # a decade: "199"
        return dt.date(int(parts[0]) * 10, 1, 1)
    year = int(parts[0])
    if len(parts) > 1 and not parts[1].isdigit():  # a season: its earliest possible start
        season_start = {"WI": dt.date(year - 1, 12, 1), "SP": dt.date(year, 3, 1)}
        season_start.update({"SU": dt.date(year, 6, 1), "FA": dt.date(year, 9, 1)})
        return season_start.get(parts[1], dt.date(year, 1, 1))
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2][:2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


def inconsistent_pairs(
    durations: Sequence[tuple[TimeMention, str]],
) -> list[tuple[TimeMention, TimeMention, str]]:
    """Pairs of durations of the same event whose month ranges cannot both hold."""
    pairs = []
    for i, (second, event) in enumerate(durations):
        for first, other_event in durations[:i]:
            if event != other_event or first.value is None or second.value is None:
                continue
            a, b = first.value.months, second.value.months
            if a is None or b is None:
                continue
            if a[1] < b[0] * 0.999 or b[1] < a[0] * 0.999:
                pairs.append((first, second, event))
                break
    return pairs


def published_date(doc: Doc) -> dt.date | None:
    """The publication date the pipeline put in ``doc.user_data`` (ISO string), if any."""
    raw = doc.user_data.get(PUBLISHED_KEY)
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str) and raw.strip():
        try:
            return dt.date.fromisoformat(raw.strip()[:10])
        except ValueError:
            return None
    return None


class TimeAnalyzer:
    """Writes ``time`` findings (and their flags) to ``doc.spans["newsift.time"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self._model = spacy_model_info(nlp)

    def models(self) -> list[ModelInfo]:
        return [self._model]

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc)
        doc_text = doc.text
        mentions = find_time_mentions(doc, published)
        spans: list[Span] = []
        durations: list[tuple[TimeMention, str]] = []
        for mention in mentions:
            value = mention.value
            label = value.label if value else "date"
            spans.append(
                finding_span(
                    doc,
                    mention.start,
                    mention.end,
                    label=label,
                    kind="time",
                    score=1.0 if value else 0.5,
                    evidence={
                        "found_by": mention.source,
                        "rule": "newsift time normaliser"
                        + (
                            " (relative to the publication date)"
                            if value and value.relative and published
                            else ""
                        ),
                        "tense": mention.tense,
                        "score_is": "1.0 when a normalisation rule matched, 0.5 when the "
                        "expression was found but not normalised",
                    },
                    fields={
                        "value": value.value if value else None,
                        "relative": bool(value and value.relative),
                        "anchor": published.isoformat() if published else None,
                    },
                )
            )
            if value is not None and value.label == "duration":
                event = _event_noun(doc, mention.start, mention.end, doc_text)
                if event:
                    durations.append((mention, event))
            if value is not None and value.label == "date":
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                verb = governing_tense(span)[1] if span is not None and len(span) else None
                if future_in_past(mention, published, verb):
                    flag = finding_span(
                        doc,
                        mention.start,
                        mention.end,
                        label="future_date_in_past_tense",
                        kind="flag",
                        score=0.8,
                        evidence={
                            "rule": "a date after the publication date, governed by a verb "
                            "in the past tense",
                            "published": published.isoformat() if published else None,
                            "verb": verb.text if verb is not None else None,
                            "score_is": "fixed: the rule's precision on our golden texts",
                        },
                        fields={"value": value.value},
                    )
                    spans.append(flag)
        for first, second, event in inconsistent_pairs(durations):
            flag = finding_span(
                doc,
                second.start,
                second.end,
                label="inconsistent_durations",
                kind="flag",
                score=0.7,
                evidence={
                    "rule": "two durations of the same event whose ranges do not overlap",
                    "event": event,
                    "other": f"{first.text!r} ({first.value.value if first.value else '?'})",
                    "score_is": "fixed: durations may be measured at different times",
                },
                fields={
                    "event": event,
                    "other": span_dict(doc_text, first.start, first.end),
                    "values": [
                        first.value.value if first.value else None,
                        second.value.value if second.value else None,
                    ],
                },
            )
            spans.append(flag)
        doc.spans[spans_key(NAME)] = spans
        return doc


@Language.factory("newsift_time", assigns=["doc.spans"], requires=["doc.ents"])
def make_time_analyzer(nlp: Language, name: str) -> TimeAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_time")``."""
    return TimeAnalyzer(nlp, name)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.timeline``: normalised time expressions, sorted by value, then position."""
    timeline = [
        {"text": f.text, "value": f.fields.get("value"), "start": f.start, "end": f.end}
        for f in findings
        if f.kind == "time" and f.fields.get("value")
    ]
    timeline.sort(key=lambda item: (str(item["value"]), item["start"]))
    return {"timeline": timeline}
