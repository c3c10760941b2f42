"""Time values and the words they are written with: months, weekdays, number words,
ordinals, units and parts of the day, and ISO 8601 durations built from them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

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
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "several": 3,
    "a few": 3,
    "few": 3,
    "a couple of": 2,
    "couple of": 2,
}
#: Quantities TIMEX3 leaves unspecified: "several years" is ``PXY`` (the months range used
#: by the duration checks still assumes about three).
VAGUE_NUMBERS: frozenset[str] = frozenset({"several", "a few", "few", "some", "many"})
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
    "quarter": ("Q", False, 3.0),
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

_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: Numbers written in more than one word: "twenty-four", "a hundred", "two thousand",
#: "2 1/2" (transcripts and wire copy).
_COMPOUND_NUM = (
    rf"(?:{'|'.join(_TENS_WORDS)})[-\s](?:{'|'.join(_DIGIT_WORDS)})|"
    rf"(?:a|one|two|three|four|five|several|a few)\s+(?:hundred|thousand)|\d+\s+1/2"
)


_NUM = (
    rf"(?:{_COMPOUND_NUM}|\d+(?:[.,]\d+)?|a few|several|a couple of|couple of|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + r")"
)
_UNIT = r"(?:year|month|week|day|hour|minute|decade|centur(?:y|ie))s?"
_ORD = "|".join(ORDINALS)
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"


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
    """The value of a number written in digits or words ("18", "2.5", "twenty-four",
    "a hundred", "2 1/2"); ``None`` when it is not one."""
    text = " ".join(text.lower().replace("-", " ").split())
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if m := re.fullmatch(r"(\d+) 1/2", text):
        return int(m[1]) + 0.5
    words = text.split()
    if len(words) == 2 and words[1] in ("hundred", "thousand"):
        head = NUMBER_WORDS.get(words[0])
        return None if head is None else head * (100 if words[1] == "hundred" else 1000)
    if len(words) == 2 and words[0] in _TENS_WORDS and words[1] in _DIGIT_WORDS:
        return NUMBER_WORDS[words[0]] + NUMBER_WORDS[words[1]]
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


#: TIMEX3 season codes.
SEASONS: dict[str, str] = {
    "winter": "WI",
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
}
#: Month and day each season begins (northern meteorological seasons; winter: Dec. 1).
SEASON_STARTS: dict[str, tuple[int, int]] = {
    "SP": (3, 1),
    "SU": (6, 1),
    "FA": (9, 1),
    "WI": (12, 1),
}
