"""Time mentions in a parsed article, the tense that governs them, and the checks behind
the flags (a future date in the past tense, durations of one event that disagree)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from newsift.analyzers.timex.normalize import normalize
from newsift.analyzers.timex.values import _NUM, _ORD, _UNIT, _WEEKDAY, Tense, TimeValue

#: Where the pipeline puts the publication date (an ISO date string or None).
PUBLISHED_KEY = "newsift.published"
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
