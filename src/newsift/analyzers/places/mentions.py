"""Place mentions in a parsed article: entities, recovered names, misspelt names.

See :mod:`newsift.analyzers.places` for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc

from newsift.analyzers.places.demonyms import DEMONYMS, demonym_place
from newsift.analyzers.places.gazetteer import AREA_TYPES, Gazetteer
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
    source: str  #: ``ner:GPE`` …, ``gazetteer:ORG`` for a recovered token, ``dateline``
    entity_label: str
    locative: bool = False  #: a locative word precedes or a container word follows
    area: bool = False  #: a container word follows ("the Donetsk region"): an area is meant
    container: str | None = None  #: the name after a comma ("Paris, Texas")


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
        "reached",
        "entered",
        "captured",
        "recaptured",
        "shelled",
        "seized",
    ]
)
#: Nouns that make "the NOUN of X" name a place ("the village of Krasnohorivka").
PLACE_NOUNS: frozenset[str] = frozenset(
    ["village", "town", "city", "settlement", "hamlet", "suburb", "outskirts", "port", "capital"]
)
#: Words after a name that make it an area ("the Donetsk region", "Mato Grosso state").
CONTAINER_WORDS: frozenset[str] = frozenset(
    [
        "region",
        "oblast",
        "province",
        "state",
        "county",
        "district",
        "governorate",
        "prefecture",
        "krai",
        "parish",
        "department",
        "territory",
        "raion",
    ]
)
#: Punctuation that ends a dateline ("KYIV —", "LOS ANGELES (Reuters)", "GAZA CITY, Jan 3").
DATELINE_ENDS: frozenset[str] = frozenset(["—", "–", "-", "--", "(", ",", ":"])
#: Words that are the whole name of some region ("Centre", France) but in an organisation's
#: name mean a direction or a building ("Centre for …", "South Bank"): never embedded places.
GENERIC_AREA_WORDS: frozenset[str] = frozenset(
    [
        "Centre",
        "Center",
        "Central",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Capital",
        "Coast",
        "Islands",
        "Valley",
        "Lakes",
        "Midlands",
        "Highlands",
        "Vista",
        "Border",
        "Metropolitan",
    ]
)
#: An ALL-CAPS name of up to five words at a line start, then a dateline's punctuation.
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.]*(?: [A-Z][A-Z.]*){0,4})[ \t]*(?:—|–|--|-|\(|,|:)")
#: Entity labels whose names, used elsewhere in the article, are not places.
NAME_LABELS: frozenset[str] = frozenset(["PERSON", "ORG"])
#: Least population of a place recovered after a locative preposition (see module doc).
LOCATIVE_MIN_POPULATION = 10_000
#: Least population of a place a misspelt name after a locative is matched to.
FUZZY_RECOVER_MIN_POPULATION = 30_000


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions in a parsed Doc (see the module docstring for the rule)."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    doc_text = doc.text  # Doc.text joins every token on each access: read it once
    ents = list(doc.ents)  # each doc.ents access builds every Span anew
    names = _names_of_people_and_groups(ents)
    for dateline in _datelines(doc, gazetteer):
        mentions.append(dateline)
        span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    for ent in ents:
        if ent.label_ == "NORP" and ent.text in DEMONYMS:
            # "Russian troops": the adjective places the story in its country.
            mentions.append(
                Mention(ent.start_char, ent.end_char, ent.text, ent.text, "demonym", "NORP")
            )
            covered.update(range(ent.start, ent.end))
        if ent.label_ == "PERSON" and len(ent) > 1 and _is_named_area(gazetteer, ent.text):
            # "Tamil Nadu said it had written to the Centre": a state the small model
            # took for a person (multi-word only: "Georgia", "Victoria" are first names).
            mentions.append(
                Mention(ent.start_char, ent.end_char, ent.text, ent.text, "ner:PERSON", "PERSON")
            )
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ == "ORG" and len(ent) > 1:
            # "HSBC Bank Malta", "Air Canada Cargo", "the U.S. Federal Trade Commission": the
            # country an organisation is named after (GeoWebNews and LGL annotate it).
            for inner in _countries_inside(ent, gazetteer):
                mentions.append(inner)
                span = doc.char_span(inner.start, inner.end)
                if span is not None:
                    covered.update(range(span.start, span.end))
        if ent.label_ == "ORG" and _is_country_or_continent(gazetteer, ent.text):
            # "the EU", "the U.S." tagged as organisations: a country or continent all the same.
            start, end = trim_name(doc_text, ent.start_char, ent.end_char)
            text = doc_text[start:end]
            mentions.append(Mention(start, end, text, text, "ner:ORG", "ORG"))
            covered.update(range(ent.start, ent.end))
            continue
        if ent.label_ in PLACE_ENTITY_LABELS and covered.isdisjoint(range(ent.start, ent.end)):
            start, end = trim_name(doc_text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            text = doc_text[start:end]
            locative, area = _locative(ent[0], ent[-1])
            if text in names and not locative and not _is_area(gazetteer, text):
                continue  # "Phoenix" after "Joaquin Phoenix": the person, not the city
            if _after_title(ent[0]) and not _is_area(gazetteer, text):
                continue  # "President Buhari", "Prime Minister Modi": a person
            mentions.append(
                Mention(start, end, text, text, f"ner:{ent.label_}", ent.label_, locative, area)
            )
            covered.update(range(ent.start, ent.end))
    for token in doc:
        # "the Russian Ministry of Defence", "anti-Russian", "BBC Russian Service": a
        # demonym inside a name or an adjective the NER left untagged still points at its
        # country (GeoWebNews and LGL annotate it as a toponym). Not in people's names.
        if (
            token.i not in covered
            and token.text in DEMONYMS
            and token.ent_type_ != "PERSON"
            and token.text[:1].isupper()
        ):
            mentions.append(
                Mention(
                    token.idx, token.idx + len(token), token.text, token.text, "demonym", "NORP"
                )
            )
            covered.add(token.i)
    # One sense per article: a name spaCy tagged as a place somewhere is one everywhere.
    known = {m.text for m in mentions if m.source.startswith("ner:")} - names
    # Countries the article is about: its NER places, and the big places spaCy mislabelled.
    context = {
        p.country for m in mentions for p in _prominent(gazetteer.lookup(m.name)[:MAX_CANDIDATES])
    }
    # Regions the article names ("the Donetsk region"): misspelt villages are looked for there.
    regions = {
        (p.country, p.admin1_code)
        for m in mentions
        for p in gazetteer.lookup(m.name)[:3]
        if p.type == "admin1" and (m.area or p.population >= RECOVER_MIN_POPULATION)
    }
    # "the Zaporizhzhia region": a region named after its capital, spelt as the city is.
    regions.update(
        (p.country, p.admin1_code)
        for m in mentions
        if m.area
        for p in gazetteer.lookup(m.name)[:1]
        if p.admin1_code
    )
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
            found = _recover(window, gazetteer, context, names, known, regions)
            if found is not None:
                break
        if found is None:
            i += 1
            continue
        mentions.append(found)
        span = doc.char_span(found.start, found.end)
        i = span.end if span is not None else i + 1
    mentions.sort(key=lambda m: m.start)
    return _with_containers(mentions, doc_text, gazetteer)


def _after_title(first: Any) -> bool:
    """Whether a title ("President", "Mr.") comes right before ``first``."""
    return first.i > 0 and first.doc[first.i - 1].lower_.rstrip(".") in TITLES


def _is_country_or_continent(gazetteer: Gazetteer, text: str) -> bool:
    """Whether the whole of an entity's text names a country or a continent."""
    name = text[4:] if text.startswith(("the ", "The ")) else text
    return any(p.type in ("country", "continent") for p in gazetteer.lookup(name))


def _is_named_area(gazetteer: Gazetteer, text: str) -> bool:
    """Whether ``text`` is the own name of a country or first-level region."""
    return any(p.type in ("country", "admin1") and p.name == text for p in gazetteer.lookup(text))


def _countries_inside(ent: Any, gazetteer: Gazetteer) -> list[Mention]:
    """Countries named inside a longer organisation name ("Air Canada Cargo"), not its
    first word after "the" alone when that is the whole name."""
    found: list[Mention] = []
    i = ent.start
    while i < ent.end:
        for width in (3, 2, 1):
            window = ent.doc[i : min(i + width, ent.end)]
            if len(window) < width or window.end - window.start == ent.end - ent.start:
                continue
            text = window.text
            if not text[:1].isupper() or text in ("The",):
                continue
            if any(p.type == "country" for p in gazetteer.lookup(text)):
                found.append(
                    Mention(window.start_char, window.end_char, text, text, "ner:ORG", "ORG")
                )
                i = window.end - 1
                break
        i += 1
    return found


def _is_area(gazetteer: Gazetteer, name: str) -> bool:
    """Whether some reading of ``name`` is a country, region or continent."""
    return any(p.type in AREA_TYPES and p.type != "admin2" for p in gazetteer.lookup(name))


def _names_of_people_and_groups(ents: list[Any]) -> set[str]:
    """Texts of PERSON and ORG entities, and the surnames of people named in full."""
    names: set[str] = set()
    for ent in ents:
        if ent.label_ == "ORG" or (ent.label_ == "PERSON" and len(ent) > 1):
            # A one-word PERSON is often a town the small model mistook ("Alexandria").
            names.add(ent.text)
            if ent.label_ == "PERSON":
                names.add(ent[-1].text)
    return names


def _locative(first: Any, last: Any) -> tuple[bool, bool]:
    """Whether the words around a name say place, and whether they say area.

    Locative: a preposition before ("near Avdiivka"), "the village of" before, or a
    container word after ("Donetsk region"); area: the container word.
    """
    doc = first.doc
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    noun = doc[first.i - 2].lower_ if first.i > 1 else ""
    after = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    area = after in CONTAINER_WORDS
    listed = before in ("and", "or", ",") and _listed_after_locative(first)
    locative = before in LOCATIVES or (before == "of" and noun in PLACE_NOUNS) or area or listed
    return locative, area


def _listed_after_locative(first: Any) -> bool:
    """Whether ``first`` ends a list of names that a locative word opens ("from A, B and C")."""
    doc = first.doc
    i = first.i - 1
    for _ in range(12):
        # step over a separator and the capitalised name before it
        if i < 1 or doc[i].lower_ not in ("and", "or", ","):
            return False
        i -= 1
        if not doc[i].text[:1].isupper():
            return False
        while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ == "PROPN":
            i -= 1
        if i > 0 and doc[i - 1].lower_ in LOCATIVES:
            return True
        i -= 1
    return False


def _datelines(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place names in ALL-CAPS datelines: "KYIV —", "LOS ANGELES (Reuters)" at a line start."""
    found: list[Mention] = []
    text = doc.text
    for match in _DATELINE.finditer(text):
        start, end = match.span(1)
        surface = match[1]
        if len(surface) < 3 or not surface.replace(".", "").replace(" ", "").isalpha():
            continue
        name = " ".join(word.capitalize() for word in surface.split())
        if gazetteer.has_name(name) and doc.char_span(start, end) is not None:
            found.append(Mention(start, end, surface, name, "dateline", "dateline", True))
    return found


def _with_containers(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions with the container a comma names ("Paris, Texas"; "Izium, Kharkiv region")."""
    result = []
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if (
            following is not None
            and text[mention.end : following.start] in (", ", ",")
            and any(
                p.type in ("country", "admin1", "admin2") for p in gazetteer.lookup(following.name)
            )
        ):
            mention = replace(mention, container=following.name)
        result.append(mention)
    return result


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


def _recover(
    window: Any,
    gazetteer: Gazetteer,
    context: set[str],
    names: set[str],
    known: set[str],
    regions: set[tuple[str, str]],
) -> Mention | None:
    """A place mention spaCy missed in this token window, if the recovery rule allows."""
    first, last = window[0], window[-1]
    text = window.text
    if (text in known or _embedded_area(window, gazetteer)) and not _in_full_name(window):
        locative, area = _locative(first, last)
        source = "discourse" if text in known else "embedded"
        label = first.ent_type_
        end = last.idx + len(last.text)
        return Mention(
            first.idx, end, text, text, f"{source}:{label or 'none'}", label, locative, area
        )
    if not _recoverable_edges(first, last):
        return None
    inner = list(window)
    if len(inner) > 1 and not all(
        t.text[:1].isupper() or t.text in ("-", "on", "upon", "sur", "am", "de", "la")
        for t in inner
    ):
        return None
    if len(inner) == 1 and not _recoverable(first):
        if _fuzzy_candidate(first):
            return _fuzzy_mention(first, gazetteer, context, regions)
        return None
    if len(inner) > 1 and any(t.ent_type_ in NUMERIC_ENTITY_LABELS for t in inner):
        return None
    if demonym_place(text) is not None:
        return None  # "Ukrainian", "Gazans": people of a place, never a town
    label = first.ent_type_
    locative, area = _locative(first, last)
    if text in names and not locative:
        return None  # "Hamas" the group, "Phoenix" the actor: not Hamm, not Arizona
    strong = (
        locative
        and (label in NAME_LABELS or label in ("NORP", ""))
        and (area or _after_place_noun(first))
    )
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
            (p.population >= LOCATIVE_MIN_POPULATION or strong) and p.country in context
            for p in candidates
        )
        if not (big or local):
            return None
        return Mention(
            first.idx,
            last.idx + len(last.text),
            text,
            text,
            f"gazetteer:{label or 'none'}",
            label,
            locative,
            area,
        )
    if len(inner) == 1:
        return _fuzzy_mention(first, gazetteer, context, regions)
    return None


def _fuzzy_candidate(token: Any) -> bool:
    """A capitalised word spaCy did not tag as a name that may still be a misspelt place."""
    text = token.text
    if not (token.is_alpha and text[:1].isupper() and len(text) >= 5) or text.isupper():
        return False
    if token.is_sent_start or text in COMMON_WORDS or token.ent_type_ in NUMERIC_ENTITY_LABELS:
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB")


def _fuzzy_mention(
    token: Any, gazetteer: Gazetteer, context: set[str], regions: set[tuple[str, str]]
) -> Mention | None:
    """A misspelt place: a word used as a place, within two edits of a place the article
    points at (in a region it names, or a town of 30,000 or more in a country it names)."""
    text = token.text
    locative, area = _locative(token, token)
    if not locative or not context or demonym_place(text) is not None:
        return None
    strong = area or _after_place_noun(token)
    distance = 2 if len(text) >= 6 else 1
    for _, place, _ in gazetteer.similar(text, max_distance=distance, countries=context):
        if place.country not in context or place.type != "city":
            continue
        if (
            (place.country, place.admin1_code) in regions
            or place.population >= FUZZY_RECOVER_MIN_POPULATION
            or strong
        ):
            end = token.idx + len(text)
            return Mention(token.idx, end, text, text, "fuzzy", "fuzzy", True, area)
    return None


def _in_full_name(window: Any) -> bool:
    """Whether the window is inside a person's name of two or more words ("Paris Hilton")."""
    first, last = window[0], window[-1]
    if first.ent_type_ != "PERSON" and last.ent_type_ != "PERSON":
        return False
    return len(_entity_tokens(first)) > len(window) or len(_entity_tokens(last)) > len(window)


def _embedded_area(window: Any, gazetteer: Gazetteer) -> bool:
    """A country, first-level region or big city named inside an organisation's name.

    "the Texas Forest Service", "Ukraine's Naftogaz": only by the place's own name (never an
    alternate name: "Hamas" is one of Hamm's) and only at the start of the entity.
    """
    first = window[0]
    doc = first.doc
    starts = first.ent_iob_ == "B" or (
        first.i > 0 and doc[first.i - 1].lower_ == "the" and doc[first.i - 1].ent_iob_ == "B"
    )
    if first.ent_type_ not in ("ORG", "FAC") or not starts:
        return False
    text = window.text
    if text in GENERIC_AREA_WORDS:
        return False
    return any(
        p.name == text
        and (p.type in ("country", "admin1") or (p.type == "city" and p.population >= 100_000))
        for p in gazetteer.lookup(text)
    )


def _after_place_noun(first: Any) -> bool:
    """Whether "the village of" (or town, city …) comes right before ``first``."""
    doc = first.doc
    return (
        first.i > 1 and doc[first.i - 1].lower_ == "of" and doc[first.i - 2].lower_ in PLACE_NOUNS
    )


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
