"""Normalising one time expression to a TIMEX3 value, a table of patterns tried in order.

See :mod:`newsift.analyzers.timex` for the labels and values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from newsift.analyzers.timex.values import (
    _MONTH,
    _NUM,
    _ORD,
    _UNIT,
    _WEEKDAY,
    MONTHS,
    ORDINALS,
    PART_OF_DAY,
    SEASONS,
    WEEKDAYS,
    Tense,
    TimeLabel,
    TimeValue,
    _number,
    duration_value,
)

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
