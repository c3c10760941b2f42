"""Human words for everything a report shows: kinds, labels, source types, polarity,
stance, voice, field and evidence keys, and values.

The one vocabulary of the terminal report, the Markdown report, the HTML/web report, the
tables and the annotation exports, so they say the same thing for the same finding. A reader
sees "named person", "check-worthy claim", "Name calling or labelling", never
``named_person``, ``Name_Calling,Labeling``, ``null`` or ``None``. Every function is total:
an unknown key is shown tidied up (underscores as spaces), so a new analyzer's labels and
fields appear without changes here. New attribution fields (``polarity``, ``stance``,
``via``, ``source.category``) are read defensively: a report without them reads as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.model import Finding
from newsift.render.view import format_score

#: Each kind's name in the plural, for section headings.
KIND_HEADINGS: dict[str, str] = {
    "attribution": "Attributed statements",
    "technique": "Persuasion techniques",
    "claim": "Claims to check",
    "entity": "Named entities",
    "place": "Places",
    "time": "Dates and times",
    "flag": "Flags",
}
#: Each kind's name in the singular.
KIND_NAMES: dict[str, str] = {
    "attribution": "attribution",
    "technique": "technique",
    "claim": "claim",
    "entity": "entity",
    "place": "place",
    "time": "date or time",
    "flag": "flag",
}
#: What a speaker newsift could not identify is called, wherever it shows.
UNRESOLVED = "speaker unresolved"
#: Source types of attributions, as a reader says them.
SOURCE_TYPES: dict[str, str] = {
    "named_person": "named person",
    "named_organization": "named organisation",
    "anonymous": "anonymous source",
    "vague": "vague source",
    "unknown": UNRESOLVED,
}
#: spaCy's entity labels (OntoNotes), spelt out.
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "person",
    "NORP": "nationality, religious or political group",
    "FAC": "building or facility",
    "ORG": "organisation",
    "GPE": "country, city or state",
    "LOC": "location",
    "PRODUCT": "product",
    "EVENT": "event",
    "WORK_OF_ART": "work of art",
    "LAW": "law",
    "LANGUAGE": "language",
    "DATE": "date",
    "TIME": "time",
    "PERCENT": "percentage",
    "MONEY": "money",
    "QUANTITY": "quantity",
    "ORDINAL": "ordinal",
    "CARDINAL": "number",
}
#: Place labels.
PLACE_LABELS: dict[str, str] = {
    "resolved": "resolved",
    "ambiguous": "ambiguous, best guess",
    "unresolved": "not found in the gazetteer",
    "misspelled": "possibly misspelt",
}
#: What kind of place a resolution is (the gazetteer's ``type``).
PLACE_TYPES: dict[str, str] = {
    "country": "country",
    "admin1": "region",
    "admin2": "county",
    "city": "town or city",
    "continent": "continent",
    "region": "macro-region",
}

#: Flags: what each one warns about.
FLAG_LABELS: dict[str, str] = {
    "unknown_place": "unknown place, perhaps misspelt",
    "future_date_in_past_tense": "future date in a past-tense sentence",
    "inconsistent_durations": "durations of one event that disagree",
}
#: A source's category (``source.category``) in words.
CATEGORY: dict[str, str] = {
    "government": "government",
    "military": "military",
    "state_media": "state media",
    "media": "media",
    "document": "document",
    "expert": "expert",
    "witness": "witness",
    "outlet": "the publisher itself",
    "other": "other",
}
#: An attribution's polarity: the key a table or filter shows, then what it means.
POLARITY: dict[str, str] = {
    "asserted": "asserted",
    "negated": "negated: the source denies it",
    "declined": "declined: the source would not say",
}
#: An attribution's stance: what kind of speech act the content is.
STANCE: dict[str, str] = {
    "statement": "statement",
    "allegation": "allegation",
    "belief": "belief",
    "intention": "intention",
}
#: Whose voice a technique is in.
VOICE: dict[str, str] = {
    "quoted": "in quoted speech",
    "author": "the writer's own",
    "own": "the writer's own",
}
#: Field and evidence keys in words.
KEY_NAMES: dict[str, str] = {
    "source": "Source",
    "cue": "Cue",
    "content": "Content",
    "type": "Type",
    "resolved": "Resolved as",
    "role": "Role",
    "category": "Source category",
    "polarity": "Polarity",
    "stance": "Stance",
    "via": "Reported via",
    "attribution": "Attributed in",
    "source_type": "Said by",
    "numbers": "Numbers",
    "entities": "Entities",
    "places": "Places",
    "resolution": "Resolved as",
    "suggestions": "Did you mean",
    "value": "Normalised value",
    "relative": "Relative to the publication date",
    "anchor": "Anchored to",
    "voice": "Voice",
    "quotes": "Quotes",
    "rule": "Rule",
    "why": "Why",
    "reason": "Reason",
    "pattern": "Pattern",
    "model": "Model",
    "encoder": "Encoder",
    "gazetteer": "Gazetteer",
    "found_by": "Found by",
    "source_rule": "Source typed by",
    "source_refers_to": "Source refers to",
    "score_is": "The score is",
    "threshold": "Threshold",
    "technique": "Technique",
    "explanation": "What it means",
    "span_probability": "Span probability",
    "technique_probability": "Technique probability",
    "runners_up": "Runners-up",
    "tense": "Tense",
    "geonameid": "GeoNames id",
    "country": "Country",
    "admin1": "Region",
    "lat": "Latitude",
    "lon": "Longitude",
    "name": "Name",
}
#: Quotation marks: a span that carries its own is not quoted again.
QUOTE_MARKS = frozenset("\"'“”‘’«»„‚")
#: Longest value shown in a detail row (content of long quotes is cut).
VALUE_CHARS = 400


# --- keys and labels -------------------------------------------------------------------


def tidy(key: object) -> str:
    """A key as words: ``"named_person"`` → ``"named person"``; ``None`` → ``""``."""
    if key is None:
        return ""
    return str(key).replace("_", " ").strip()


def field(mapping: object, key: str) -> Any:
    """``mapping[key]`` when ``mapping`` is a mapping that has it, else ``None``."""
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def kind_heading(kind: str) -> str:
    """The heading of a kind's section (``"Claims to check"``)."""
    return KIND_HEADINGS.get(kind, tidy(kind).capitalize())


def kind_name(kind: str) -> str:
    """One finding of this kind, in words (``"date or time"``)."""
    return KIND_NAMES.get(kind, tidy(kind))


def source_type(value: object) -> str:
    """An attribution's source type in words; an abstained speaker is "speaker unresolved"."""
    if value is None or value == "":
        return UNRESOLVED
    return SOURCE_TYPES.get(str(value), tidy(value))


def finding_label(finding: Finding) -> str:
    """The finding's label as a reader says it, whatever its kind."""
    return label_words(finding.kind, str(finding.label), finding.evidence)


def label_words(kind: str, label: str, evidence: object = None) -> str:
    """A label of ``kind`` as a reader says it (a technique's name comes from ``evidence``)."""
    if kind == "attribution":
        return source_type(label)
    if kind == "technique":
        name = field(evidence, "technique")
        return str(name) if name else tidy(label.replace(",", " / "))
    if kind == "entity":
        return ENTITY_LABELS.get(label, tidy(label))
    if kind == "place":
        return PLACE_LABELS.get(label, tidy(label))
    if kind == "flag":
        return FLAG_LABELS.get(label, tidy(label))
    return tidy(label)


def key_name(key: str) -> str:
    """A field or evidence key in words (``score_is`` → ``The score is``)."""
    return KEY_NAMES.get(key) or (tidy(key).capitalize() or key)


# --- attribution fields ----------------------------------------------------------------


def polarity_key(finding: Finding) -> str:
    """``negated`` or ``declined`` when the finding says so, else ``""`` (asserted)."""
    value = field(finding.fields, "polarity")
    return str(value) if value in ("negated", "declined") else ""


def polarity(finding: Finding) -> str | None:
    """The polarity in words (``negated: the source denies it``); ``None`` when asserted
    or not given (the plain case needs no words)."""
    value = field(finding.fields, "polarity")
    if value is None or value == "" or value == "asserted":
        return None
    return POLARITY.get(str(value), tidy(value))


def stance(finding: Finding) -> str | None:
    """The attribution's stance in words, ``None`` for a plain statement or when not given."""
    value = field(finding.fields, "stance")
    if value is None or value == "" or value == "statement":
        return None
    return STANCE.get(str(value), tidy(value))


def voice(value: object) -> str:
    """A technique's voice in words (``quoted`` → ``in quoted speech``)."""
    return VOICE.get(str(value), tidy(value))


def category_name(value: object) -> str:
    """A source category in words (``state_media`` → ``state media``); ``""`` for none."""
    return CATEGORY.get(str(value), tidy(value)) if not is_empty(value) else ""


def source_category(finding: Finding) -> str | None:
    """The source's category (``government``, ``military`` …) in words, if given."""
    return category_name(field(field(finding.fields, "source"), "category")) or None


def span_text(value: object) -> str | None:
    """The text of a sub-span field (``{"start", "end", "text"}``), ``None`` when absent."""
    text = field(value, "text")
    return str(text) if text else None


def source_of(finding: Finding) -> tuple[str, str]:
    """``(source text, source type key)`` of an attribution, or of the claim it backs."""
    source = field(finding.fields, "source")
    if isinstance(source, Mapping):
        return str(source.get("text") or ""), str(source.get("type") or finding.label or "")
    kind = field(finding.fields, "source_type")
    if isinstance(kind, str):
        return "", kind
    if finding.kind == "attribution":
        return "", str(finding.label)
    return "", ""


def plain_label(label: str) -> str:
    """A bare label in words when its kind is not at hand (filter options, ``left_out``
    reasons, glossary keys): a source type's or entity label's words, else tidied up."""
    return SOURCE_TYPES.get(label) or ENTITY_LABELS.get(label) or tidy(label)


# --- values and detail rows ------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """One row of a finding's details: a name, a value in words, and where it points.

    Attributes:
        name: The row's name (``Source``, ``Rule``).
        value: The value as text, never empty.
        part: ``source``, ``cue`` or ``content`` for an attribution's sub-spans.
        ref: Number of another finding this row points to (``Reported via``).
    """

    name: str
    value: str
    part: str = ""
    ref: int = 0


def finding_title(number: int, finding: Finding) -> str:
    """``[3] Attribution · named person · score 0.82``."""
    return (
        f"[{number}] {kind_name(finding.kind).capitalize()} · {finding_label(finding)} · "
        f"score {format_score(finding.score)}"
    )


def is_empty(value: object) -> bool:
    """``None``, blank text and empty containers say nothing: such rows are left out."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Mapping | list | tuple | set):
        return not value
    return False


def _is_span(value: object) -> bool:
    return isinstance(value, Mapping) and {"start", "end", "text"} <= value.keys()


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1].rstrip() + "…"


def _quoted(text: str) -> str:
    """Text in curly quotes, unless it already starts or ends with a quotation mark."""
    text = _cut(text)
    return text if text[:1] in QUOTE_MARKS or text[-1:] in QUOTE_MARKS else f"“{text}”"


def value_text(value: Any) -> str:
    """A value in words: spans quoted, booleans yes/no, numbers short, lists joined,
    objects as ``name: value`` pairs; empty parts left out."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, int | str):
        return _cut(str(value))
    if _is_span(value):
        return _quoted(str(value["text"]))
    if isinstance(value, Mapping):
        if "label" in value and len(value) <= 3 and "score" in value:
            return f"{plain_label(str(value['label']))} {value_text(value['score'])}"
        if "name" in value and not is_empty(value["name"]):
            extra = ", ".join(
                str(value[k]) for k in ("admin1", "country") if not is_empty(value.get(k))
            )
            return f"{value['name']}" + (f" ({extra})" if extra else "")
        return _cut(
            "; ".join(
                f"{key_name(str(k))}: {value_text(v)}" for k, v in value.items() if not is_empty(v)
            )
        )
    if isinstance(value, list | tuple):
        return _cut(", ".join(value_text(v) for v in value if not is_empty(v)))
    return _cut(str(value))


def _span_rows(key: str, span: Mapping[str, Any]) -> list[Detail]:
    """A sub-span (an attribution's source …) and the keys it carries beside its text."""
    part = key if key in ("source", "cue", "content") else ""
    rows = []
    if not is_empty(span["text"]):  # a speaker with no words in the text has no span
        rows.append(Detail(key_name(key), _quoted(str(span["text"])), part=part))
    extra = {k: v for k, v in span.items() if k not in ("start", "end", "text")}
    kind = extra.pop("type", None)
    if key == "source":
        if rows:  # else the finding's first row already says "speaker unresolved"
            rows.append(Detail("Source type", source_type(kind)))
    elif not is_empty(kind):
        rows.append(Detail(f"{key_name(key)} type", plain_label(str(kind))))
    for sub_key, sub_value in extra.items():
        if not is_empty(sub_value):
            name = key_name(sub_key) if sub_key in KEY_NAMES else f"{key_name(key)} {tidy(sub_key)}"
            words = category_name(sub_value) if sub_key == "category" else value_text(sub_value)
            rows.append(Detail(name, words))
    return rows


#: Field values that are the ordinary case and need no row (the terminal omits them too).
_PLAIN = {"polarity": "asserted", "stance": "statement"}
#: Fields whose values have words of their own.
_VALUE_WORDS = {"polarity": POLARITY, "stance": STANCE, "voice": VOICE, "source_type": SOURCE_TYPES}


def field_rows(finding: Finding, numbers: Mapping[str, int] | None = None) -> list[Detail]:
    """The finding's fields in words; ids of other findings become references to them.

    Args:
        finding: The finding.
        numbers: Finding ids to their numbers in the report (for ``via`` and claims'
            ``attribution``).
    """
    numbers = numbers or {}
    fields = finding.fields if isinstance(finding.fields, Mapping) else {}
    rows: list[Detail] = []
    if finding.kind == "attribution" and not span_text(fields.get("source")):
        rows.append(Detail("Source", UNRESOLVED))
    for key, value in fields.items():
        key = str(key)
        if is_empty(value) or _PLAIN.get(key) == value:
            continue
        if _is_span(value):
            rows += _span_rows(key, value)
        elif isinstance(value, str) and value in numbers:
            rows.append(Detail(key_name(key), f"[{numbers[value]}]", ref=numbers[value]))
        elif key in _VALUE_WORDS:
            words = _VALUE_WORDS[key].get(str(value)) or value_text(value)
            rows.append(Detail(key_name(key), words))
        else:
            rows.append(Detail(key_name(key), value_text(value)))
    return rows


#: Evidence keys whose words depend on the finding's kind: a technique's report threshold
#: is on the model's word probabilities, not on the calibrated score the finding shows.
KIND_KEY_NAMES: dict[tuple[str, str], str] = {
    ("technique", "threshold"): (
        "Report threshold (a word's probability of being persuasive must reach it to start "
        "a span; the score shown is calibrated and is not compared with it)"
    ),
}


def evidence_rows(finding: Finding, first: Sequence[str] = ()) -> list[Detail]:
    """The finding's evidence in words, the keys in ``first`` before the others."""
    evidence = finding.evidence if isinstance(finding.evidence, Mapping) else {}
    rank = {key: i for i, key in enumerate(first)}
    keys = sorted(evidence, key=lambda k: (rank.get(str(k), len(rank)), str(k)))
    return [
        Detail(
            KIND_KEY_NAMES.get((str(finding.kind), str(k))) or key_name(str(k)),
            value_text(evidence[k]),
        )
        for k in keys
        if not is_empty(evidence[k])
    ]


__all__ = [
    "CATEGORY",
    "KIND_HEADINGS",
    "KIND_KEY_NAMES",
    "UNRESOLVED",
    "Detail",
    "category_name",
    "evidence_rows",
    "field",
    "field_rows",
    "finding_label",
    "finding_title",
    "is_empty",
    "key_name",
    "kind_heading",
    "kind_name",
    "label_words",
    "plain_label",
    "polarity",
    "polarity_key",
    "source_category",
    "source_of",
    "source_type",
    "span_text",
    "stance",
    "tidy",
    "value_text",
    "voice",
]
