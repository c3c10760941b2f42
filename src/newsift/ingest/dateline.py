"""The dateline that opens a story (``KYIV (Reuters) —``, ``LOS ANGELES, Dec 4 (AP) -``,
``GAZA CITY —``).

Precision first: a place in capitals needs the closing dash; a place in ordinary case
needs an agency in brackets as well (``Kyiv, Ukraine (CNN) —``); a bare acronym in
capitals (``NATO —``) is not a place.
"""

from __future__ import annotations

import re

from newsift.model import Dateline

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:,\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
_REGION = r"(?:,\s*[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2})"
_AGENCY = r"\(\s*(?P<agency>[A-Z][\w.&'’/\- ]{0,40}?)\s*\)"
#: A dash closing the dateline; a hyphen needs a space on one side (``ABC-TV`` is a name).
_DASH = r"(?:\s*(?:—|–)\s*|\s+--?\s*|\s*--?\s+)"
_CAPS_PLACE = re.compile(
    rf"(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){{0,3}}{_REGION}?)"
    rf"{_DATE}?\s*(?:{_AGENCY})?{_DASH}(?=\S)"
)
_CASED_PLACE = re.compile(
    rf"(?P<place>[A-Z][a-z'’\-]+(?:[ -][A-Z][a-z'’\-]+){{0,2}}{_REGION}?)"
    rf"{_DATE}?\s*{_AGENCY}{_DASH}(?=\S)"
)
#: Capitalised words at the start of a story that are not places.
_NOT_PLACES = frozenset(
    {
        "NATO",
        "UN",
        "EU",
        "US",
        "UK",
        "FBI",
        "CIA",
        "BREAKING",
        "UPDATE",
        "UPDATED",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "WATCH",
        "VIDEO",
        "LIVE",
        "EDITORIAL",
        "COMMENT",
        "PHOTOS",
    }
)
#: Longest first line after which the next line may still hold the dateline (a byline or
#: a kicker such as ``EXCLUSIVE``).
_SHORT_LINE = 80


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or of its second line when the first is
    short (a byline or a kicker), or None."""
    start = len(text) - len(text.lstrip())
    dateline = _dateline_at(text, start)
    newline = text.find("\n", start)
    if dateline is None and 0 <= newline - start <= _SHORT_LINE:
        second = newline + len(text[newline:]) - len(text[newline:].lstrip())
        dateline = _dateline_at(text, second)
    return dateline


def _dateline_at(text: str, start: int) -> Dateline | None:
    window = text[start : start + 160]
    for pattern in (_CAPS_PLACE, _CASED_PLACE):
        match = pattern.match(window)
        if match is None:
            continue
        place = " ".join(match.group("place").split())
        agency = match.group("agency")
        if place.split(",")[0].strip() in _NOT_PLACES or (
            pattern is _CAPS_PLACE and len(place) < 3
        ):
            continue
        end = start + len(match.group(0).rstrip())
        return Dateline(
            place=place,
            agency=" ".join(agency.split()) if agency else None,
            start=start,
            end=end,
        )
    return None
