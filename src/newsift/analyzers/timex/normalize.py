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
    NUMBER_WORDS,
    ORDINALS,
    PART_OF_DAY,
    SEASON_STARTS,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    Tense,
    TimeLabel,
    TimeValue,
    _number,
    duration_value,
)

_DURATION_MOD = (
    r"about|nearly|almost|more than|less than|over|some|roughly|the past|the last|the first|"
    r"the next|the coming|past|last|first|next|for|at least|up to|around|only|just|another|"
    r"no more than|no less than|as long as|as much as|as little as|within|under|barely|"
    r"merely|a full|an additional|an extra|additional|each of the past|each of the last|"
    r"the latest|the entire"
)
_DURATION = re.compile(
    rf"^(?P<mod>(?:(?:{_DURATION_MOD})\s+)*)"
    rf"(?P<num>{_NUM}|half an?)(?P<half>\s+and\s+a\s+half)?(?:-|\s+)(?:and-a-half-)?"
    rf"(?:(?:straight|consecutive|full|trading|business|working|calendar|successive|additional|"
    rf"extra|further)\s+)?"
    rf"(?P<unit>{_UNIT}|quarters?)(?P<half2>\s+and\s+a\s+half)?(?:-long|\s+long|\s+(?:later|earlier|afterwards))?$",
    re.I,
)
#: A duration without a number: "years", "the coming years", "decades-long".
_VAGUE_DURATION = re.compile(
    r"^(?:(?:the|these|those|recent|coming|past|last|next|several|a few|few|some|many|over|"
    r"for|in)\s+)*(?P<unit>years|months|weeks|days|decades|hours|minutes)(?:-long)?$",
    re.I,
)
_CENTURY = re.compile(
    rf"^(?:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{_ORD}|thirteenth|fourteenth|"
    r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))"
    r"[-\s]century$",
    re.I,
)
_DECADE_WORD = re.compile(
    r"^(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<word>twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties)$",
    re.I,
)
_PAST_DECADE = re.compile(r"^(?:past|last|previous)\s+(?P<unit>decade|century)$", re.I)
_ORDINAL = re.compile(
    rf"^(?:(?:the|its|their|his|her|a)\s+)?(?P<ord>{_ORD})\s+"
    rf"(?:(?:full|straight|consecutive)\s+)?(?P<unit>{_UNIT})$",
    re.I,
)
_SEASON = re.compile(
    r"^(?:(?P<rel>this past|this|last|next|past|coming)\s+)?(?:(?:early|late|mid)-?\s*)?"
    r"(?P<season>winter|spring|summer|autumn|fall)(?:\s+(?:of\s+)?(?P<year>\d{4}))?$",
    re.I,
)
_AGO = re.compile(
    rf"^(?:(?:nearly|almost|about|around|some|roughly|more than|less than|over|just|only)\s+)*"
    rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+ago$",
    re.I,
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: A numeric date: "7/8/07", "12/25/2008" (month first, as US copy writes it), "25/12/2008"
#: (day first when the first number cannot be a month).
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})$")
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
_DECADE = re.compile(
    r"^(?:the\s+)?(?:mid-|early\s+|late\s+)?"
    r"(?:(?P<decade>1[89]\d|20\d)0|['\u2019]?(?P<short>[2-9])0)s$",
    re.I,
)
_WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|next|this|on|early|late)\s+)?(?P<day>{_WEEKDAY})"
    rf"(?:\s+(?P<part>morning|afternoon|evening|night))?$",
    re.I,
)
_REL_PERIOD = re.compile(
    r"^(?P<rel>last|next|this|past|previous|coming|current)\s+(?P<unit>week|month|year)$", re.I
)
_DEICTIC = re.compile(
    r"^(?P<word>yesterday|today|tomorrow|tonight|now|currently)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?$",
    re.I,
)
_PART_TODAY = re.compile(r"^(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)$", re.I)
_CLOCK = re.compile(
    r"^(?:at\s+)?(?:about\s+|around\s+)?(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?|"
    r"(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s+(?:GMT|UTC)))\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?(?:\s+(?:local time|(?P<utc>GMT|UTC)))?$",
    re.I,
)
_CLOCK_WORD = re.compile(r"^(?:at\s+)?(?P<word>noon|midday|midnight)$", re.I)
#: A clock time and the day it falls on: "10 p.m. Wednesday", "noon Thursday",
#: "5 p.m. EST, Nov. 6", "midnight Friday", "4 a.m. EDT Thursday".
_CLOCK_DAY = re.compile(
    r"^(?:at\s+)?(?P<clock>(?:\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?)|\d{1,2}:\d{2}|noon|midday|"
    r"midnight)"
    r"(?:\s+(?P<zone>[ECMP][SD]T|GMT|UTC|local time))?,?\s+(?:on\s+)?(?P<day>[A-Za-z].*)$",
    re.I,
)
_ORDINAL_NUMBER: dict[str, int] = {
    "final": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
#: Fiscal and calendar quarters and halves: "the third quarter", "third-quarter",
#: "the 1988 second quarter", "the year-ago quarter", "the latest quarter", "the first half".
_PERIOD_PART = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)(?:'s|\u2019s)?\s+|"
    r"(?P<yrel>this|last|next)\s+year(?:'s|\u2019s)\s+|"
    r"(?P<ago>year-ago|year-earlier|prior-year|previous-year|comparable year-ago|comparable)\s+|"
    r"(?P<rel>this|last|next|current|latest|previous|past|coming|recent|most recent)\s+)?"
    r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s])?"
    r"(?P<unit>quarter|half)(?:\s+of\s+(?:(?P<year2>(?:19|20)\d\d)|"
    r"(?P<yrel2>this|last|next)\s+year))?$",
    re.I,
)
_MONTH_REL = re.compile(rf"^(?P<rel>last|next|this|past|coming)\s+(?P<month>{_MONTH})$", re.I)
_MONTH_OF_YEAR = re.compile(
    rf"^(?P<month>{_MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year$", re.I
)
_WEEKEND = re.compile(r"^(?:(?P<rel>this|last|next|past|coming)\s+)?weekend$", re.I)
_YEAR_AGO = re.compile(
    r"^(?:year-ago|year-earlier|a year earlier|the year before)(?:\s+period)?$", re.I
)
_YEAR_END = re.compile(r"^year[-\s]end$|^year(?:'s|\u2019s) end$", re.I)
_SHORT_YEAR = re.compile(r"^['\u2019](?P<short>\d\d)$")
_RECENT = re.compile(r"^recent\s+(?:years|months|weeks|days)$", re.I)
#: TIMEX3's reference tokens for the present, past and future.
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "present": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "past": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF",
    "future": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "near future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "foreseeable future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    "near term": "FUTURE_REF",
    "the near term": "FUTURE_REF",
}
_REFERENCE = re.compile(
    "^(?:" + "|".join(re.escape(k) for k in sorted(REFERENCES, key=len, reverse=True)) + ")$",
    re.I,
)
#: Words before a time expression that leave its value as it is (TIMEX3 puts them in
#: ``mod``, not in the value): "early next year", "late yesterday", "earlier this month".
_NON_VALUE_WORDS = re.compile(
    r"^(?:(?:early|late|earlier|later|mid|sometime|just|only|both|even|as early as|as late as|"
    r"as of|the end of|"
    r"the beginning of|the start of|the middle of|the rest of|the remainder of|the whole of|"
    r"all of|the|on|in|since|until|by|from|through|throughout|during|of|its|their|his|her|"
    r"our)\s+)+",
    re.I,
)
#: How far from the publication date a tense may place a date without a year (days): a
#: past-tense "Feb. 9" in January is this year's, not one eleven months back.
TENSE_REACH_DAYS = 300
#: How far back a date without a year or a tense is still read as past (months).
UNTENSED_PAST_MONTHS = 8
_TEEN_WORDS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")
_TENS: dict[str, int] = {
    word: int(NUMBER_WORDS[word])
    for word in (*_TEEN_WORDS, "seventeen", "eighteen", "nineteen", "twenty")
}
_DECADE_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_WORDS: dict[str, int] = {
    word: int(NUMBER_WORDS[word])
    for word in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
}
_TEENS_RE = "|".join(_TENS)
_UNITS_RE = "|".join(_UNIT_WORDS)
_SPELLED_YEAR = re.compile(
    rf"^(?:(?:the\s+)?year\s+)?(?:two thousand(?:\s+(?:and\s+)?(?:{_TEENS_RE}|{_UNITS_RE}))?|"
    rf"(?:eighteen|nineteen|twenty)[\s-](?:{_TEENS_RE}|(?:{'|'.join(_DECADE_WORDS)})"
    rf"(?:[\s-](?:{_UNITS_RE}))?))$",
    re.I,
)
_SET = re.compile(
    rf"^(?:every|each)\s+(?:(?P<num>{_NUM})\s+)?(?P<what>{_UNIT}|quarters?|{_WEEKDAY})$|"
    rf"^(?:every|each)\s+(?P<month>{_MONTH})$|"
    r"^(?:every|each)\s+(?P<part>morning|afternoon|evening|night)$|"
    r"^(?P<adv>daily|weekly|monthly|yearly|annually|hourly)$",
    re.I,
)


def _year_for(month: int, day: int, published: dt.date, tense: Tense) -> int:
    """The year of month/day: the tense's side of ``published`` when that date lies within
    :data:`TENSE_REACH_DAYS` (about ten months) of it, else the nearest.

    A past-tense "Dec. 18" in an article of 2019-12-30 is 2019-12-18; a past-tense "Feb. 9"
    (announced) in January 2020 is 2020-02-09: a date eleven months back is rarely what a
    news report means, whatever the verb's tense; "by Jan. 14" a day after it is that day.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    near = [d for d in candidates if abs((d - published).days) <= TENSE_REACH_DAYS]
    if tense == "past":
        past = [d for d in near if d <= published]
        if past:
            return max(past).year
    if tense == "future":
        future = [d for d in near if d >= published]
        if future:
            return min(future).year
    if tense == "none":
        # News reports what happened: without a tense, a date up to eight months back
        # ("rose from $29.75 in March", written in October) is meant before one ahead.
        months_back = published.year * 12 + published.month
        recent = [
            d
            for d in candidates
            if d <= published and months_back - (d.year * 12 + d.month) <= UNTENSED_PAST_MONTHS
        ]
        if recent:
            return max(recent).year
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


def _numeric_date(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A numeric date ("7/8/07"): month first unless the first number exceeds 12; a
    two-digit year in the century that puts it on or before the publication year."""
    a, b, raw_year = int(match["a"]), int(match["b"]), match["y"]
    month, day = (b, a) if a > 12 else (a, b)
    if len(raw_year) == 2:
        short = int(raw_year)
        pivot = published.year % 100 if published else 30
        year = (2000 if short <= pivot else 1900) + short
    else:
        year = int(raw_year)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return TimeValue("date", value.isoformat(), explicit_year=True)


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
    year = _year_of_month(month, published, tense)
    return TimeValue("date", f"{year}-{month:02d}", relative=True)


def _year_of_month(month: int, published: dt.date, tense: Tense) -> int:
    """The year of a month named without one ("in March"): a past tense picks its latest
    occurrence that has begun by ``published`` ("was arrested in March", written in
    January 2020: 2019-03), a future tense its next one that has not ended ("will open in
    March", written in April 2024: 2025-03); untensed, the rule of :func:`_year_for`."""
    if tense == "past":
        return published.year if month <= published.month else published.year - 1
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    return _year_for(month, 1, published, tense)


def _year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A year ("2019")."""
    return TimeValue("date", match["year"], explicit_year=True)


_CENTURY_WORDS: dict[str, int] = {
    **ORDINALS,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}


def _century(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """An ordinal century: "the 20th century" is ``19`` (TIMEX3: the century's first two
    digits), "the 11th century" ``10``."""
    number = int(match["n"]) if match["n"] else _CENTURY_WORDS[match["word"].lower()]
    if not 1 <= number <= 21:
        return None
    return TimeValue("date", f"{number - 1:02d}", explicit_year=True)


def _decade_word(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A decade in words: "the nineties" is ``199`` (the last century's)."""
    tens = _DECADE_WORDS[match["word"].lower().replace("ies", "y")]
    return TimeValue("date", f"19{tens // 10}", explicit_year=True)


def _decade(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A decade ("the 1990s", "the '70s": the last century's)."""
    if match["short"]:
        return TimeValue("date", f"19{match['short']}", explicit_year=True)
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
    # "last night" is the night before the publication date; "this morning" its own.
    night_before = published - dt.timedelta(days=1 if match["rel"].lower() == "last" else 0)
    return TimeValue("time", f"{night_before.isoformat()}T{part}", relative=True)


def _relative_period(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A period relative to the publication date ("last year", "next month", "this week")."""
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "this": 0,
        "current": 0,
    }[rel]
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
    if unit == "week":  # TimeBank and MEANTIME: "two weeks ago" is a day
        return TimeValue("date", (published - dt.timedelta(weeks=whole)).isoformat(), True)
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
    mods = " ".join((match["mod"] or "").lower().split())
    if re.search(r"\b(?:more than|over|at least)\b", mods):
        high = float("inf")
    elif re.search(r"\b(?:nearly|almost|up to|less than)\b", mods):
        low = low * 0.75
    elif re.search(r"\b(?:about|some|roughly|around)\b", mods):
        low, high = low * 0.75, high * 1.25
    if raw in VAGUE_NUMBERS:
        value = re.sub(r"\d+(?:\.\d+)?", "X", value)
    return TimeValue("duration", value, months=(low, high))


def _vague_duration(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A duration without a number ("years", "the coming years"): ``PXY``."""
    designator, is_time, months = UNITS[match["unit"].lower().rstrip("s")]
    value = f"PTX{designator}" if is_time else f"PX{designator}"
    return TimeValue("duration", value, months=(2 * months, float("inf")))


def _past_decade(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "The past decade" is ten years long; "the last century" a hundred."""
    decade = match["unit"].lower() == "decade"
    return TimeValue(
        "duration",
        "P10Y" if decade else "P100Y",
        months=(120.0, 120.0) if decade else (1200.0, 1200.0),
    )


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
    if rel == "this past" and published < dt.date(published.year, *SEASON_STARTS[code]):
        year -= 1
    if rel == "" and tense in ("past", "future"):
        year = _year_of_season(code, published, tense)
    return TimeValue("date", f"{year}-{code}", relative=True)


def _year_of_season(code: str, published: dt.date, tense: Tense) -> int:
    """The year of a season named without one or a "last"/"next" ("in the spring"): a past
    tense picks its latest occurrence that has begun by ``published``, a future tense the
    first that has not ended ("would be filed in the spring", written in November 2024:
    2025-SP). A season runs three months from :data:`SEASON_STARTS` (winter from December)."""
    years = (published.year - 1, published.year, published.year + 1)
    starts = [dt.date(year, *SEASON_STARTS[code]) for year in years]
    if tense == "past":
        return max(start for start in starts if start <= published).year
    return min(start for start in starts if _shift_months(start, 3) > published).year


def _set(match: re.Match[str], t: str, published: dt.date | None, tense: Tense) -> TimeValue | None:
    """A recurring time ("every Monday", "daily")."""
    if match["part"]:
        return TimeValue("set", f"XXXX-XX-XXT{PART_OF_DAY[match['part'].lower()]}")
    if match["month"]:  # "each July"
        return TimeValue("set", f"XXXX-{MONTHS[match['month'].lower().rstrip('.')]:02d}")
    if match["adv"]:
        every = {
            "daily": "P1D",
            "weekly": "P1W",
            "monthly": "P1M",
            "yearly": "P1Y",
            "annually": "P1Y",
            "hourly": "PT1H",
        }
        return TimeValue("set", every[match["adv"].lower()])
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
    hour = int(match["h"] or match["h4"])
    minute = int(match["m"] or match["m4"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if not (match["m"] or match["m4"] or ampm) or hour > 23 or minute > 59:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    prefix = published.isoformat() if published else ""
    zone = "Z" if match["utc"] else ""
    return TimeValue("time", f"{prefix}T{hour:02d}:{minute:02d}{zone}", relative=bool(published))


def _clock_word(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "Noon" is 12:00, "midnight" 24:00 (TIMEX3: the end of the day)."""
    clock = "24:00" if match["word"].lower() == "midnight" else "12:00"
    prefix = published.isoformat() if published else ""
    return TimeValue("time", f"{prefix}T{clock}", relative=bool(published))


def _clock_day(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A clock time on a named day ("10 p.m. Wednesday"): the day's date and the time."""
    day = normalize(match["day"], published, tense)
    if (
        day is None
        or day.label != "date"
        or not re.fullmatch(
            r"[\dX]{4}-[\dX]{2}-\d{2}|"
            r"XXXX-WXX-\d",
            day.value,
        )
    ):
        return None
    clock = normalize(match["clock"]) or normalize(f"at {match['clock']}")
    if clock is None or "T" not in clock.value:
        return None
    time_of_day = clock.value[clock.value.index("T") :]
    if (match["zone"] or "").upper() in ("GMT", "UTC"):
        time_of_day += "Z"
    return TimeValue("time", f"{day.value}{time_of_day}", day.relative, day.explicit_year)


def _reference(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """TIMEX3's reference tokens: "now" is ``PRESENT_REF``, "recently" ``PAST_REF``, "the
    near future" ``FUTURE_REF``."""
    return TimeValue("date", REFERENCES[t.lower()], relative=True)


def _recent(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "In recent years" points into the past, not at a length: ``PAST_REF``."""
    return TimeValue("date", "PAST_REF", relative=True)


def _year_end(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "By year-end": the publication year."""
    if published is None:
        return TimeValue("date", "XXXX", relative=True)
    return TimeValue("date", str(published.year), relative=True)


def _spelled_year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A year in words, as transcripts write it: "nineteen ninety-one" is ``1991``, "the
    year two thousand" ``2000``."""
    words = re.sub(r"^(?:the\s+)?year\s+", "", t.lower()).replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        small = _UNIT_WORDS | _TENS
        if not rest:
            return TimeValue("date", "2000", explicit_year=True)
        if len(rest) == 1 and rest[0] in small:
            return TimeValue("date", f"20{small[rest[0]]:02d}", explicit_year=True)
        return None
    if len(words) not in (2, 3) or words[0] not in ("eighteen", "nineteen", "twenty"):
        return None
    century = _TENS[words[0]]
    if len(words) == 2 and words[1] in _TENS and words[1] not in ("ten", "twenty"):
        return TimeValue("date", f"{century}{_TENS[words[1]]}", explicit_year=True)
    if words[1] not in _DECADE_WORDS:
        return None
    tail = _UNIT_WORDS.get(words[2], -1) if len(words) == 3 else 0
    if tail < 0:
        return None
    return TimeValue("date", f"{century}{_DECADE_WORDS[words[1]] + tail:02d}", explicit_year=True)


def _period_part(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """A quarter or half of a year: ``1989-Q3``, ``1989-H1``.

    Without a year, an ordinal quarter is the one of the publication year, or of the year
    before when it has not begun by then and the verb is in the past ("the fourth quarter"
    in October is this year's; in a past-tense sentence in February, last year's). Without
    an ordinal, "the latest quarter" is the one that ended most recently, as in earnings
    reports (the quarter of the date 60 days before publication), "last quarter" the one
    before the publication date's, "this quarter" its own; "that quarter" and "the quarter"
    alone are left to the article's context (:mod:`newsift.analyzers.timex.mentions`).
    """
    code = "Q" if match["unit"].lower() == "quarter" else "H"
    months_per = 3 if code == "Q" else 6
    ordinal = _ORDINAL_NUMBER.get((match["ord"] or "").lower())
    if ordinal == 4 and code == "H":
        ordinal = 2  # "the final half"
    if ordinal is not None and code == "H" and ordinal > 2:
        return None
    explicit = match["year"] or match["year2"]
    if explicit and ordinal is None and (match["rel"] or "").lower() in ("last", "final"):
        ordinal = 12 // months_per  # "the last half of 1989": its second half
    if explicit and ordinal:
        return TimeValue("date", f"{explicit}-{code}{ordinal}", explicit_year=True)
    rel = (match["rel"] or "").lower()
    if published is None:
        return TimeValue("date", f"XXXX-{code}{ordinal or 'X'}", relative=True)
    if ordinal is None:
        anchoring = ("latest", "recent", "most recent", "last", "past", "previous", "this")
        if not (rel in (*anchoring, "current") or match["ago"]):
            return None
        anchor = published - dt.timedelta(days=0 if rel in ("this", "current") else 60)
        if rel in ("last", "previous"):  # the one before the publication date's
            first_month = ((published.month - 1) // months_per) * months_per + 1
            anchor = dt.date(published.year, first_month, 1) - dt.timedelta(days=1)
        year, part = anchor.year, (anchor.month - 1) // months_per + 1
    else:
        year, part = published.year, ordinal
        begins = dt.date(year, (ordinal - 1) * months_per + 1, 1)
        if begins > published and tense == "past":
            year -= 1
    if match["ago"]:
        year -= 1
    yrel = (match["yrel"] or match["yrel2"] or "").lower()
    if yrel and ordinal:
        year = published.year + {"last": -1, "next": 1}.get(yrel, 0)
    return TimeValue("date", f"{year}-{code}{part}", relative=True)


def _year_ago(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "A year earlier", "the year-ago period": the year before publication (in a report
    about a quarter, the mentions' context makes it that quarter a year before)."""
    if published is None:
        return TimeValue("date", "PAST_REF", relative=True)
    return TimeValue("date", str(published.year - 1), relative=True)


def _month_of_year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "October of next year", "June last year", "January this year"."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    if not match["month"][0].isupper():
        return None  # "may next year", "march this year": verbs
    if published is None:
        return TimeValue("date", f"XXXX-{month:02d}", relative=True)
    year = published.year + {"last": -1, "next": 1}.get(match["rel"].lower(), 0)
    return TimeValue("date", f"{year}-{month:02d}", relative=True)


def _short_year(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "Since '82": the century that puts it on or before the publication year."""
    short = int(match["short"])
    pivot = published.year % 100 if published else 30
    return TimeValue("date", f"{20 if short <= pivot else 19}{short:02d}", explicit_year=True)


def _month_relative(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "Last June", "next January": the nearest such month before or after publication."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    if not match["month"][0].isupper():
        return None  # "last may", "next march": not months
    if published is None:
        return TimeValue("date", f"XXXX-{month:02d}", relative=True)
    rel = match["rel"].lower()
    year = published.year
    if rel in ("last", "past") and month >= published.month:
        year -= 1
    elif rel in ("next", "coming") and month <= published.month:
        year += 1
    return TimeValue("date", f"{year}-{month:02d}", relative=True)


def _weekend(
    match: re.Match[str], t: str, published: dt.date | None, tense: Tense
) -> TimeValue | None:
    """ "The weekend": the last one before publication, or the next when the tense points
    ahead (``2008-W41-WE``)."""
    if published is None:
        return TimeValue("date", "XXXX-WXX-WE", relative=True)
    rel = (match["rel"] or "").lower()
    if rel in ("next", "coming") or (rel == "" and tense == "future"):
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7 or 7)
    else:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7 or 7)
    iso = saturday.isocalendar()
    return TimeValue("date", f"{iso.year}-W{iso.week:02d}-WE", relative=True)


#: Normalisation rules, tried in order: the first pattern that matches decides (a rule may
#: still refuse, with None).
_NORMALIZERS: tuple[tuple[re.Pattern[str], _Normalizer], ...] = (
    (_RECENT, _recent),
    (_YEAR_END, _year_end),
    (_SPELLED_YEAR, _spelled_year),
    (_REFERENCE, _reference),
    (_PERIOD_PART, _period_part),
    (_YEAR_AGO, _year_ago),
    (_MONTH_OF_YEAR, _month_of_year),
    (_SHORT_YEAR, _short_year),
    (_MONTH_REL, _month_relative),
    (_WEEKEND, _weekend),
    (_ISO, _iso_date),
    (_NUMERIC_DATE, _numeric_date),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _month_day),
    (_MONTH_YEAR, _month_year),
    (_YEAR, _year),
    (_DECADE, _decade),
    (_DECADE_WORD, _decade_word),
    (_CENTURY, _century),
    (_WEEKDAY_RE, _weekday),
    (_DEICTIC, _deictic),
    (_PART_TODAY, _part_of_today),
    (_REL_PERIOD, _relative_period),
    (_AGO, _ago),
    (_DURATION, _duration),
    (_PAST_DECADE, _past_decade),
    (_VAGUE_DURATION, _vague_duration),
    (_ORDINAL, _ordinal),
    (_SEASON, _season),
    (_SET, _set),
    (_CLOCK, _clock),
    (_CLOCK_WORD, _clock_word),
    (_CLOCK_DAY, _clock_day),
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
    t = _value_words(text)
    for pattern, rule in _NORMALIZERS:
        if match := pattern.match(t):
            return rule(match, t, published, tense)
    return None


def _value_words(text: str) -> str:
    """The words of a time expression that carry its value: spaces normalised, and the
    words that do not change the value removed ("early next year" → "next year", "the
    quarter ended Sept. 30" → "quarter", "next week's" → "next week", "by the end of the
    year" → "this year")."""
    t = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    t = re.sub(r"\s+(?=[,.])", "", t)  # tokenised text: "April 3 , 2009"
    t = re.sub(r"(?:'s|\u2019s)$", "", t)  # "next week's talks"
    t = re.sub(
        r"^((?:the\s+)?(?:first|last|past|next)\s.*?)\s+of\s+(?:the|this|that)\s+year$",
        r"\1",
        t,
        flags=re.I,
    )
    t = re.sub(r"\s+ended\s+\S.*$", "", t, flags=re.I)  # "the quarter ended Sept. 30"
    t = re.sub(r"\s+or\s+so\b", "", t, flags=re.I)  # "a week or so ago"
    t = re.sub(r"\bfiscal[-\s]+", "", t, flags=re.I)
    t = re.sub(
        rf"^(?:an?|around|about|approximately|circa|last)\s+(?={_MONTH}\s+\d)", "", t, flags=re.I
    )
    t = re.sub(r"^an?\s+(?=(?:first|second|third|fourth)[-\s]quarter)", "", t, flags=re.I)
    t = _NON_VALUE_WORDS.sub("", t) or t
    if re.fullmatch(r"(?:the\s+)?(?:year|month|week)", t, re.I) and re.match(
        r".*\b(?:end|beginning|start|middle|rest|remainder)\s+of\b", text.strip(), re.I
    ):
        t = "this " + t.split()[-1]  # "by the end of the year": this year
    return t
