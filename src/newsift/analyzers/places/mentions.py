"""Place mentions in a parsed article: entities, recovered names, misspelt names.

See :mod:`newsift.analyzers.places` for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsift.analyzers.places.gazetteer import (
    Gazetteer,
)
from newsift.analyzers.places.resolve import MAX_CANDIDATES, _prominent

#: spaCy entity labels taken as place mentions.
PLACE_ENTITY_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
#: spaCy entity labels a recovered place token may not carry (numbers and dates).
NUMERIC_ENTITY_LABELS: frozenset[str] = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)
#: Least population for a mislabelled token to be recovered as a place.
RECOVER_MIN_POPULATION = 100_000
#: Titles that make the next capitalised word a person's name.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "president",
        "general",
        "gen",
        "sen",
        "senator",
        "rep",
        "governor",
        "gov",
        "mayor",
        "minister",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "lady",
        "sir",
        "colonel",
        "col",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "judge",
        "justice",
        "pope",
        "saint",
        "st",
        "father",
        "bishop",
    ]
)
#: Capitalised English words and first names that are also big places; never recovered.
COMMON_WORDS: frozenset[str] = frozenset(
    [
        "Nice",
        "Reading",
        "Mobile",
        "Split",
        "Bath",
        "Man",
        "Male",
        "Sale",
        "Hope",
        "Date",
        "Van",
        "Bar",
        "Best",
        "Victoria",
        "Florence",
        "Orange",
        "Buffalo",
        "Phoenix",
        "Columbus",
        "Lincoln",
        "Jackson",
        "Madison",
        "Austin",
        "Charlotte",
        "Houston",
        "Chester",
        "Independence",
        "Concord",
        "Eugene",
        "Irving",
        "Aurora",
        "Henderson",
        "Paterson",
        "Lafayette",
        "Alexandria",
        "Troy",
        "Jordan",
        "Chad",
        "Georgia",
        "Israel",
        "Sydney",
        "Kent",
        "Sharon",
        "Salem",
        "Temple",
        "Union",
        "Liberty",
        "Providence",
        "Mercedes",
        "Santiago",
        "Valencia",
        "Regina",
        "Pueblo",
        "Of",
        "Nancy",
        "Lille",
        "Angers",
        "Tours",
        "Caen",
        "Brest",
        "Pau",
        "March",
        "May",
        "June",
        "August",
        "Bristol",
        "Sparks",
        "Beaumont",
        "Dover",
        "Worcester",
        "Gary",
        "Clinton",
        "Franklin",
        "Trump",
        "Biden",
        "Obama",
        "Putin",
        "Johnson",
        "Wilson",
        "Washington",
        "Hamilton",
        "Winston",
        "Marshall",
        "Vernon",
    ]
)


@dataclass(frozen=True)
class Mention:
    """A place mention: exact span, the name looked up, and what found it."""

    start: int
    end: int
    text: str
    name: str
    source: str  #: ``ner:GPE`` …, or ``gazetteer:ORG`` for a recovered token
    entity_label: str


#: Prepositions after which a capitalised name is most likely a place ("near Avdiivka").
LOCATIVES: frozenset[str] = frozenset(
    [
        "in",
        "near",
        "around",
        "over",
        "from",
        "to",
        "of",
        "at",
        "outside",
        "into",
        "toward",
        "towards",
        "across",
        "via",
        "inside",
        "between",
        "through",
        "occupied",
        "besieged",
        "liberated",
        "embattled",
    ]
)
#: Least population of a place recovered after a locative preposition (see module doc).
LOCATIVE_MIN_POPULATION = 10_000
#: Least population of a place a misspelt name after a locative is matched to.
FUZZY_RECOVER_MIN_POPULATION = 30_000


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions in a parsed Doc (see the module docstring for the rule)."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    doc_text = doc.text  # Doc.text joins every token on each access: read it once
    for ent in doc.ents:
        if ent.label_ in PLACE_ENTITY_LABELS:
            start, end = trim_name(doc_text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            text = doc_text[start:end]
            mentions.append(Mention(start, end, text, text, f"ner:{ent.label_}", ent.label_))
            covered.update(range(ent.start, ent.end))
    # Countries the article is about: its NER places, and the big places spaCy mislabelled.
    context = {
        p.country for m in mentions for p in _prominent(gazetteer.lookup(m.name)[:MAX_CANDIDATES])
    }
    for token in doc:
        if token.i not in covered and _recoverable(token):
            readings = gazetteer.lookup(token.text)[:MAX_CANDIDATES]
            if any(p.type != "city" or p.population >= RECOVER_MIN_POPULATION for p in readings):
                context.update(p.country for p in _prominent(readings))
    i = 0
    while i < len(doc):
        if not doc[i].text[:1].isupper():
            i += 1
            continue
        found = None
        for width in (5, 3, 2, 1):  # "Rostov-on-Don", "Kryvyi Rih", "Bakhmut"
            window = doc[i : i + width]
            if len(window) < width or any(t.i in covered for t in window):
                continue
            found = _recover(window, gazetteer, context)
            if found is not None:
                break
        if found is None:
            i += 1
            continue
        mentions.append(found)
        span = doc.char_span(found.start, found.end)
        i = span.end if span is not None else i + 1
    mentions.sort(key=lambda m: m.start)
    return mentions


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of an entity without a leading "the" and a trailing possessive."""
    name = text[start:end]
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            start += len(prefix)
            name = name[len(prefix) :]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            end -= len(suffix)
            name = name[: -len(suffix)]
    return start, end


def _recover(window: Any, gazetteer: Gazetteer, context: set[str]) -> Mention | None:
    """A place mention spaCy missed in this token window, if the recovery rule allows."""
    first, last = window[0], window[-1]
    if not _recoverable_edges(first, last):
        return None
    inner = list(window)
    if len(inner) > 1 and not all(
        t.text[:1].isupper() or t.text in ("-", "on", "upon", "sur", "am", "de", "la")
        for t in inner
    ):
        return None
    text = window.text
    if len(inner) == 1 and not _recoverable(first):
        return None
    if len(inner) > 1 and any(t.ent_type_ in NUMERIC_ENTITY_LABELS for t in inner):
        return None
    label = first.ent_type_
    doc = first.doc
    before = doc[first.i - 1] if first.i > 0 else None
    locative = before is not None and before.lower_ in LOCATIVES
    candidates = gazetteer.lookup(text)
    if candidates:
        listed = _in_place_list(first, last, context, gazetteer)
        # A big place by its own name ("Kyiv"), or by an alternate name ("Kharkov") only
        # where the sentence says place ("Google" is an alternate name of Topeka).
        big = any(
            (p.type != "city" or p.population >= RECOVER_MIN_POPULATION)
            and (p.name == text or locative or listed)
            for p in candidates
        )
        local = (locative or listed) and any(
            p.population >= LOCATIVE_MIN_POPULATION and p.country in context for p in candidates
        )
        if not (big or local):
            return None
        return Mention(
            first.idx, last.idx + len(last.text), text, text, f"gazetteer:{label or 'none'}", label
        )
    if len(inner) == 1 and locative and len(text) >= 5 and context:
        close = [
            (name, place, distance)
            for name, place, distance in gazetteer.similar(
                text, max_distance=2 if len(text) >= 6 else 1
            )
            if place.country in context and place.population >= FUZZY_RECOVER_MIN_POPULATION
        ]
        if close:
            return Mention(first.idx, first.idx + len(text), text, text, "fuzzy", "fuzzy")
    return None


def _in_place_list(first: Any, last: Any, context: set[str], gazetteer: Gazetteer) -> bool:
    """Whether the window is coordinated with a known place ("Mykolaiv and Kherson")."""
    doc = first.doc
    neighbours = []
    if first.i >= 2 and doc[first.i - 1].lower_ in ("and", ",", "or"):
        neighbours.append(doc[first.i - 2])
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ in ("and", ",", "or"):
        neighbours.append(doc[last.i + 2])
    return any(
        n.text[:1].isupper()
        and any(p.country in context for p in gazetteer.lookup(n.text)[:MAX_CANDIDATES])
        for n in neighbours
    )


def _recoverable_edges(first: Any, last: Any) -> bool:
    """No name continues the window on either side; no title precedes it."""
    doc = first.doc
    if not (first.text[:1].isupper() and last.text[:1].isupper()):
        return False
    if first.i > 0:
        before = doc[first.i - 1]
        if before.lower_.rstrip(".") in TITLES:
            return False
        if before.pos_ == "PROPN" and before.text[:1].isupper():
            return False
    if last.i + 1 < len(doc):
        after = doc[last.i + 1]
        if after.pos_ == "PROPN" and after.text[:1].isupper():
            return False
    return not first.is_sent_start


def _recoverable(token: Any) -> bool:
    """Whether a single token may be a place spaCy missed (the recovery rule)."""
    text = token.text
    if not (token.is_alpha and text[:1].isupper() and len(text) >= 3) or text.isupper():
        return False
    if token.pos_ != "PROPN" or text in COMMON_WORDS or token.is_sent_start:
        return False
    if token.ent_type_ in NUMERIC_ENTITY_LABELS:
        return False
    # "Kharkiv and Odesa" tagged as one ORG is a list; "Bank of Odesa" is a name.
    return not (token.ent_type_ and any(t.pos_ in ("ADP", "DET") for t in _entity_tokens(token)))


def _entity_tokens(token: Any) -> list[Any]:
    """The tokens of the entity a token is in (from IOB tags: cheaper than ``doc.ents``)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])
