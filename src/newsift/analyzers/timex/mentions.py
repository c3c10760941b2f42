"""Time mentions in a parsed article, the tense that governs them, and the checks behind
the flags (a future date in the past tense, durations of one event that disagree)."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from newsift.analyzers.timex.normalize import normalize
from newsift.analyzers.timex.values import (
    _MONTH,
    _NUM,
    _ORD,
    _UNIT,
    _WEEKDAY,
    PART_OF_DAY,
    Tense,
    TimeValue,
)

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
    re.compile(
        r"\b(?:(?:the\s+)?(?:(?:19|20)\d\d\s+|year-ago\s+|latest\s+)?"
        r"(?:first|second|third|fourth)[-\s]quarter|the\s+(?:first|second)\s+half)\b",
        re.I,
    ),
    re.compile(r"\b(?:\d{1,2}:\d{2}|[01]\d[0-5]\d|2[0-3][0-5]\d)\s+(?:UTC|GMT)\b"),
    re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])"),
    re.compile(
        r"\b(?:now|currently|at present|nowadays|recently|soon|"
        r"(?:the\s+)?(?:near|foreseeable)\s+(?:future|term)|"
        r"(?<=in )the (?:future|past)(?!\s+(?:\w+\s+)?(?:\d|year|month|week|day|decade|hour|"
        r"century|quarter|night|weekend|summer|winter|spring|autumn|fall|few|several)))\b",
        re.I,
    ),
)
#: Verbs whose date lies ahead of the verb's own time, whatever its tense: "was scheduled
#: for Thursday", "postponed the vote until Friday".
SCHEDULING_VERBS: frozenset[str] = frozenset(
    {"schedule", "reschedule", "plan", "slate", "postpone", "delay", "expect", "due", "set"}
)
#: Words right before a date that point it ahead: "as soon as Tuesday", "until Friday".
_AHEAD_BEFORE = re.compile(
    r"\b(?:as soon as|as early as|no later than|until|till|effective)\s+$", re.I
)
#: Adjectives and nouns that point a date ahead whatever the verb: "payable Dec. 15",
#: "due March 1", "a deadline of May 4".
FUTURE_WORDS: frozenset[str] = frozenset(
    {"payable", "due", "scheduled", "slated", "deadline", "upcoming", "expected", "effective"}
)


# --- tense, events and flags ----------------------------------------------------------


def governing_tense(span: Span) -> tuple[Tense, Any]:
    """Tense of the verb that governs a span, and that verb (or ``None``)."""
    token = span.root
    for _ in range(4):
        if token.lower_ in FUTURE_WORDS and token.pos_ != "VERB":
            return "future", None
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "none", None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future", token
    if "to" in words:
        return _infinitive_tense(token), token
    if words & {"would", "could", "should", "might", "may", "must", "can"}:
        # "should be completed in October" points ahead; "could have happened" back
        return ("past" if "have" in words else "future"), token
    if token.tag_ == "VBD" or words & {"had", "was", "were", "did", "has", "have"}:
        return "past", token
    return "none", token


def _infinitive_tense(verb: Any) -> Tense:
    """An infinitive points ahead after a verb of planning ("plans to meet on Friday");
    a purpose clause takes its main verb's past ("staged celebrations to mark the
    entry on Friday")."""
    head = verb.head
    if head.pos_ == "ADJ" and head.head is not head and head.head.pos_ in ("VERB", "AUX"):
        # "made it difficult for Sun to meet demand into the summer": the adjective's verb
        head = head.head
    if head is verb or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in PLANNING_VERBS:
        return "future"
    head_auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if (head.tag_ == "VBD" and not head_auxes) or head_auxes & {"had", "was", "were", "did"}:
        return "past"
    return "future"


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
    pieces = [
        piece
        for span in sorted(spans)
        for line in _lines_of(doc_text, *span)
        for ended in _range_ends(doc_text, *line)
        for piece in _period_and_end(doc_text, *ended)
    ]
    pieces = _clock_and_day(doc_text, sorted(pieces))
    for start, end, source in _without_parts_of_day(doc_text, pieces):
        if determiner := _DETERMINER_BEFORE.search(doc_text, max(0, start - 6), start):
            start = determiner.start()  # "this | year's election": the NER left "this" out
        # spaCy includes "the past", "some" … fine; trailing punctuation never.
        while (
            end > start
            and doc_text[end - 1] in " ,.;:\n\t"
            and not _ABBREVIATION_END.search(doc_text[start:end])
        ):
            end -= 1
        text = doc_text[start:end]
        tense = _tense_at(doc, doc_text, start, end)
        value = normalize(text, published, tense)
        if value is None and "," in text:
            # "June 17, two days before …": the NER ran an apposition into the date
            head = text[: text.index(",")].rstrip()
            if head and (head_value := normalize(head, published, tense)) is not None:
                end, text, value = start + len(head), head, head_value
        if value is None and (source == "pattern" or _NOT_A_TIME.search(text)):
            continue
        if _quoted_title(doc_text, start, end):
            continue
        mentions.append(TimeMention(start, end, text, value, source, tense))
    return _anaphoric(_in_quarter_context(_periods_ending(doc_text, mentions)))


def _tense_at(doc: Doc, text: str, start: int, end: int) -> Tense:
    """The tense that places a date: its governing verb's, pointed ahead by a scheduling
    verb ("scheduled a news conference Thursday") or by "as soon as", "until", "effective"."""
    tense: Tense = "none"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        tense, verb = governing_tense(span)
        if _past_perfect(verb):
            tense = "past"  # "had been scheduled to expire Friday": a plan now past
        elif verb is not None and verb.lemma_.lower() in SCHEDULING_VERBS:
            tense = "future"
    if _AHEAD_BEFORE.search(text, max(0, start - 14), start):
        tense = "future"
    return tense


def _past_perfect(verb: Any) -> bool:
    """Whether a verb, or the clause an infinitive hangs from, is in the past perfect
    ("had been due to expire", "had planned to vote")."""
    token = verb
    for _ in range(3):
        if token is None:
            return False
        if any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for c in token.children):
            return True
        if token.head is token:
            return False
        token = token.head
    return False


_DETERMINER_BEFORE = re.compile(r"\b(?:this|last|next|every|each)\s+$", re.I)
#: Two ends of a range in one NER span: "between 1985 and 1987", "Aug. 26 to Oct. 20",
#: "April 24 and 25". TIMEX3 annotates each end as its own expression.
_RANGE = re.compile(
    r"(?:(?:between|from)\s+)?(?P<first>.+?)\s*"
    r"(?:\s(?:to|and|through|until|till)\s|-|\u2013)\s*(?P<second>.+)$",
    re.I,
)


def _lines_of(text: str, start: int, end: int, source: str) -> list[tuple[int, int, str]]:
    """A span cut at line breaks: a time expression never runs across a paragraph or a
    headline's end ("… since November | March 13, 2009")."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        piece_start, piece_end = start + match.start(), start + match.end()
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        if piece_start < piece_end:
            pieces.append((piece_start, piece_end, source))
    return pieces


def _range_ends(text: str, start: int, end: int, source: str) -> list[tuple[int, int, str]]:
    """An NER span that holds a range, cut into its two ends when both normalise."""
    # match() anchors at ``start`` (a "^" would only match at the start of the whole text)
    match = _RANGE.match(text, start, end)
    if match is None or source == "pattern":
        return [(start, end, source)]
    first, second = match["first"], match["second"]
    if normalize(first) is None or not (
        normalize(second) is not None or re.fullmatch(r"\d{1,2}", second)
    ):
        return [(start, end, source)]
    return [
        (match.start("first"), match.end("first"), source),
        (match.start("second"), match.end("second"), source),
    ]


#: A period and the day it ends in one NER span: "the quarter ended Sept. 30", "the fiscal
#: year ending June 30, 1990". TIMEX3 annotates the period and the date separately.
_PERIOD_AND_END = re.compile(
    r"(?P<period>.*?\b(?:quarter|half|year|months|weeks|period))\s+(?:ended|ending)\s+"
    r"(?P<end>\S.*)$",
    re.I,
)
_PERIOD_GAP = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending)\s+$", re.I)
_BARE_PERIOD = re.compile(
    r"^(?:the|its|their|that|this)?\s*(?:latest\s+|fiscal[-\s]+|financial\s+)*"
    r"(?P<unit>quarter|half|year)$",
    re.I,
)


def _period_and_end(text: str, start: int, end: int, source: str) -> list[tuple[int, int, str]]:
    """An NER span holding a period and its end date, cut into the two expressions when
    the end normalises ("the quarter | ended | Sept. 30")."""
    match = _PERIOD_AND_END.match(text, start, end)
    if match is None or normalize(match["end"]) is None:
        return [(start, end, source)]
    return [
        (match.start("period"), match.end("period"), source),
        (match.start("end"), match.end("end"), source),
    ]


def _periods_ending(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """Give "the quarter" and "the year" that end on a named day their value from that day:
    "the quarter ended Sept. 30" is that year's third quarter, "the half ended June 30"
    its first half, and "the year ended March 31" a year's length (``P1Y``: a fiscal
    year, which TimeBank annotates as a duration). An ordinal ("the fourth quarter ended
    Sept. 30", a fiscal quarter) keeps its own value."""
    resolved = list(mentions)
    for i, (mention, following) in enumerate(itertools.pairwise(mentions)):
        bare = _BARE_PERIOD.match(" ".join(mention.text.split()))
        gap = text[mention.end : following.start]
        end_value = following.value.value if following.value is not None else ""
        if bare is None or not _PERIOD_GAP.fullmatch(gap):
            continue
        unit = bare["unit"].lower()
        if unit == "year":
            value = TimeValue("duration", "P1Y", months=(12.0, 12.0))
        elif m := re.match(r"^(\d{4})-(\d{2})", end_value):
            part = (int(m[2]) - 1) // (3 if unit == "quarter" else 6) + 1
            value = TimeValue("date", f"{m[1]}-{'Q' if unit == 'quarter' else 'H'}{part}")
        else:
            continue
        resolved[i] = TimeMention(
            mention.start, mention.end, mention.text, value, "context", mention.tense
        )
    return resolved


def _clock_and_day(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A clock time and the day right after it, which the NER may tag apart ("noon |
    Thursday", "5 p.m. EST | Nov. 9"), joined into one expression: TIMEX3 annotates
    them as one time whose value carries the date."""
    joined: list[tuple[int, int, str]] = []
    for start, end, source in spans:
        if joined:
            first_start, first_end, first_source = joined[-1]
            gap = text[first_end:start]
            if re.fullmatch(r",?\s{1,2}", gap) and "\n" not in gap:
                combined = text[first_start:end]
                value = normalize(combined)
                if value is not None and value.label == "time" and _CLOCK_FIRST.match(combined):
                    joined[-1] = (first_start, end, first_source)
                    continue
        joined.append((start, end, source))
    return joined


_CLOCK_FIRST = re.compile(
    r"(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midday|midnight)\b", re.I
)


def _without_parts_of_day(
    text: str, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A bare part of the day right after a date ("Friday | night", as the NER may cut it)
    is not a second expression: TIMEX3 annotates the day, and the day carries the value."""
    kept: list[tuple[int, int, str]] = []
    for start, end, source in spans:
        if kept and start <= kept[-1][1] + 1 and text[start:end].lower() in PART_OF_DAY:
            continue
        kept.append((start, end, source))
    return kept


#: Expressions the NER tags DATE that are not times: ages ("25-year-old", "52 years old"), compound
#: adjectives ("zero-hours contracts", "a 20-second clip") and rates ("quarterly",
#: "annual"); only dropped when no normalisation rule read them as a time.
_NOT_A_TIME = re.compile(
    r"^[\w.]+(?:-[\w.]+)+$|^\d+\s+(?:years?|months?)\s+old$|"
    r"^(?:quarterly|annual|annually|yearly|seasonal|"
    r"the day|the night|the time|the season|the year|the week|the month)$",
    re.I,
)
_QUOTES_OPEN = "\"'\u201c\u2018\u00ab"
_QUOTES_CLOSE = "\"'\u201d\u2019\u00bb"


def _quoted_title(text: str, start: int, end: int) -> bool:
    """A number in quote marks by itself is a title ("the film \u201c1917\u201d"),
    not a year."""
    inner = text[start:end]
    return (
        inner.isdigit()
        and start > 0
        and text[start - 1] in _QUOTES_OPEN
        and end < len(text)
        and text[end] in _QUOTES_CLOSE + ","
        and (text[end] != "," or (end + 1 < len(text) and text[end + 1] in _QUOTES_CLOSE))
    )


_QUARTER_VALUE = re.compile(r"^(?P<year>\d{4})-Q(?P<q>[1-4])$")
#: Expressions that, in a report about a quarter, mean that quarter a year before
#: ("net income was $5 million, against $3 million a year earlier"). A bare "last year"
#: stays the calendar year: TimeBank annotates it so about five times in six.
_YEAR_BACK = re.compile(
    r"^(?:a year (?:earlier|ago|before)|(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier)"
    r"(?:\s+(?:period|quarter|results))?|last year(?:'s|\u2019s)?\s+(?:period|quarter)|"
    r"the (?:corresponding|same|comparable) (?:period|quarter) "
    r"(?:last year|a year (?:earlier|ago))|"
    r"the quarter a year (?:earlier|ago))$",
    re.I,
)
_THE_QUARTER = re.compile(r"^(?:the|this|that)\s+quarter(?:'s|\u2019s)?$", re.I)
#: How far back a quarter mentioned earlier sets the context (characters).
QUARTER_CONTEXT_CHARS = 1500


def _in_quarter_context(mentions: list[TimeMention]) -> list[TimeMention]:
    """Resolve "the quarter" and "a year earlier" against the quarter the article last
    named, as earnings reports use them: after "the third quarter" (1989-Q3), "the quarter"
    is 1989-Q3 and "a year earlier" 1988-Q3."""
    resolved: list[TimeMention] = []
    quarter: tuple[int, int, int] | None = None  # year, quarter, end offset of its mention
    for mention in mentions:
        value = mention.value
        phrase = " ".join(mention.text.split())
        if quarter is not None and mention.start - quarter[2] <= QUARTER_CONTEXT_CHARS:
            year, q, _ = quarter
            if _YEAR_BACK.match(phrase):
                value = TimeValue("date", f"{year - 1}-Q{q}", relative=True)
            elif _THE_QUARTER.match(phrase):
                value = TimeValue("date", f"{year}-Q{q}", relative=True)
            if value is not mention.value:
                mention = TimeMention(
                    mention.start, mention.end, mention.text, value, "context", mention.tense
                )
        named = value is not None and not _YEAR_BACK.match(phrase)
        if named and value is not None and (m := _QUARTER_VALUE.match(value.value)):
            quarter = (int(m["year"]), int(m["q"]), mention.end)
        resolved.append(mention)
    return resolved


#: Expressions that point at a date the article named before: "that year" (after "in
#: 1995"), "the following month", "the same day". Group ``unit``: year, month or day;
#: ``step``: the shift from the named date.
_ANAPHORIC = re.compile(
    r"^(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?"
    r"(?:(?P<same>that|the same|that same)\s+|(?P<after>the following|the next)\s+|"
    r"(?P<before>the previous|the preceding|the prior)\s+)(?P<unit>year|month|day)$",
    re.I,
)
_DATED = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def _anaphoric(mentions: list[TimeMention]) -> list[TimeMention]:
    """Resolve "that year", "the following month", "the same day" against the last date
    of that granularity the article named (TimeML's anaphoric anchors); left as they are
    when it named none ("the next day" in the first sentence keeps its own reading)."""
    resolved: list[TimeMention] = []
    last: dict[str, dt.date] = {}
    for mention in mentions:
        value = mention.value
        phrase = " ".join(mention.text.split())
        if (m := _ANAPHORIC.match(phrase)) and (anchor := last.get(m["unit"].lower())):
            step = 1 if m["after"] else -1 if m["before"] else 0
            unit = m["unit"].lower()
            if unit == "year":
                text = str(anchor.year + step)
            elif unit == "month":
                index = anchor.year * 12 + anchor.month - 1 + step
                text = f"{index // 12}-{index % 12 + 1:02d}"
            else:
                text = (anchor + dt.timedelta(days=step)).isoformat()
            value = TimeValue("date", text, relative=True)
            mention = TimeMention(
                mention.start, mention.end, mention.text, value, "context", mention.tense
            )
        if value is not None and value.label == "date" and (d := _DATED.match(value.value)):
            year = int(d["year"])
            last["year"] = dt.date(year, 1, 1)
            if d["month"]:
                last["month"] = dt.date(year, int(d["month"]), 1)
            if d["day"]:
                with contextlib.suppress(ValueError):
                    last["day"] = dt.date(year, int(d["month"]), int(d["day"]))
        resolved.append(mention)
    return resolved


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


#: A full date that opens one of an article's first lines, maybe after an ALL-CAPS place
#: and a dash: the dateline ("February 03, 2009 Sales of automobiles …", "KYIV — 3 March
#: 2022").
_DATELINE_DATE = re.compile(
    rf"^[ \t]*(?:[A-Z][A-Z. ]+\s*(?:—|–|--|-|,)\s*)?"
    rf"(?P<date>(?i:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s+\d{{4}}|\d{{1,2}}\s+(?i:{_MONTH})\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.M,
)
#: How many of the first lines are searched for a dateline.
DATELINE_LINES = 3


def dateline_date(text: str) -> dt.date | None:
    """The date of an article's dateline, for an article without a publication date: a
    full date (with its year) opening one of its first :data:`DATELINE_LINES` lines."""
    head = "\n".join(text.lstrip().split("\n", DATELINE_LINES)[:DATELINE_LINES])
    for match in _DATELINE_DATE.finditer(head):
        value = normalize(match["date"])
        if value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.value):
            try:
                return dt.date.fromisoformat(value.value)
            except ValueError:
                continue
    return None
