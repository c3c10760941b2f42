"""Human words for report keys: kinds, labels, source types, polarity and stance.

A reader sees "named person", "check-worthy claim", "Name calling or labelling", never
``named_person``, ``Name_Calling,Labeling`` or ``None``. Every function is total: an
unknown key is shown tidied up (underscores as spaces), a missing value as ``""``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsift.model import Finding

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
#: Source types of attributions, as a reader says them.
SOURCE_TYPES: dict[str, str] = {
    "named_person": "named person",
    "named_organization": "named organisation",
    "anonymous": "anonymous source",
    "vague": "vague source",
    "unknown": "speaker unresolved",
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
#: Flags: what each one warns about.
FLAG_LABELS: dict[str, str] = {
    "unknown_place": "unknown place, perhaps misspelt",
    "future_date_in_past_tense": "future date in a past-tense sentence",
    "inconsistent_durations": "durations of one event that disagree",
}
#: An attribution's polarity: whether the source said it, denied it or would not say.
POLARITY: dict[str, str] = {
    "asserted": "asserted",
    "negated": "denied (negated statement)",
    "declined": "declined to say",
}
#: An attribution's stance: what kind of speech act the content is.
STANCE: dict[str, str] = {
    "statement": "statement",
    "allegation": "allegation",
    "belief": "belief",
    "intention": "intention",
}


def tidy(key: object) -> str:
    """A key as words: ``"named_person"`` → ``"named person"``; ``None`` → ``""``."""
    if key is None:
        return ""
    return str(key).replace("_", " ").strip()


def kind_heading(kind: str) -> str:
    """The heading of a kind's section (``"Claims to check"``)."""
    return KIND_HEADINGS.get(kind, tidy(kind).capitalize())


def kind_name(kind: str) -> str:
    """One finding of this kind, in words (``"date or time"``)."""
    return KIND_NAMES.get(kind, tidy(kind))


def source_type(value: object) -> str:
    """An attribution's source type in words; an abstained speaker is "speaker unresolved"."""
    if value is None or value == "":
        return "speaker unresolved"
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


def field(mapping: object, key: str) -> Any:
    """``mapping[key]`` when ``mapping`` is a mapping that has it, else ``None``."""
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def polarity(finding: Finding) -> str | None:
    """``"denied (negated statement)"`` or ``"declined to say"``; ``None`` when asserted or
    not given (the plain case needs no words)."""
    value = field(finding.fields, "polarity")
    if value is None or value == "asserted":
        return None
    return POLARITY.get(str(value), tidy(value))


def stance(finding: Finding) -> str | None:
    """The attribution's stance in words, ``None`` for a plain statement or when not given."""
    value = field(finding.fields, "stance")
    if value is None or value == "statement":
        return None
    return STANCE.get(str(value), tidy(value))


def source_category(finding: Finding) -> str | None:
    """The source's category (``government``, ``military`` …) in words, if given."""
    value = field(field(finding.fields, "source"), "category")
    return tidy(value) or None


def span_text(value: object) -> str | None:
    """The text of a sub-span field (``{"start", "end", "text"}``), ``None`` when absent."""
    text = field(value, "text")
    return str(text) if text else None


__all__ = [
    "KIND_HEADINGS",
    "field",
    "finding_label",
    "kind_heading",
    "kind_name",
    "label_words",
    "polarity",
    "source_category",
    "source_type",
    "span_text",
    "stance",
    "tidy",
]
