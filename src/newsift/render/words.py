"""Findings in words a reader knows: human names for kinds, labels, fields and evidence.

The HTML report's tooltips and findings panel show these instead of raw keys
(``source.type``, ``score_is``) and never show an empty value (``null``, ``[]``). Unknown
keys still show, their underscores made spaces, so a new analyzer's fields appear without
changes here. Reads new attribution fields defensively (``polarity``, ``stance``, ``via``,
``source.category``): a report without them renders as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.model import Finding

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
    "source_type": "Source type",
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

#: Labels in words (attribution source types, spaCy entity labels, place outcomes).
LABEL_NAMES: dict[str, str] = {
    "named_person": "named person",
    "named_organization": "named organisation",
    "anonymous": "anonymous source",
    "vague": "vague source",
    "unknown": "speaker unresolved",
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country, city or state",
    "LOC": "location",
    "NORP": "nationality or group",
    "FAC": "building or facility",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work of art",
    "LANGUAGE": "language",
    "DATE": "date",
    "TIME": "time",
    "MONEY": "money",
    "PERCENT": "percentage",
    "QUANTITY": "quantity",
    "CARDINAL": "number",
    "ORDINAL": "ordinal",
}

#: What an attribution's polarity says, in words (``asserted`` is the ordinary case).
POLARITY_NAMES: dict[str, str] = {
    "asserted": "asserted",
    "negated": "negated: the source denies it",
    "declined": "declined: the source would not say",
}

#: Quotation marks: a span that carries its own is not quoted again.
QUOTE_MARKS = frozenset("\"'“”‘’«»„‚")
#: What a speaker newsift could not identify is called.
UNRESOLVED = "unresolved (newsift could not tell who is speaking)"
#: Longest value shown in a detail row (content of long quotes is cut).
VALUE_CHARS = 400


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


def key_name(key: str) -> str:
    """A field or evidence key in words (``score_is`` → ``The score is``)."""
    return KEY_NAMES.get(key) or (key.replace("_", " ").strip().capitalize() or key)


def kind_name(kind: str) -> str:
    """A kind in words (``attribution`` → ``Attribution``)."""
    return str(kind).replace("_", " ").capitalize()


def label_name(finding: Finding) -> str:
    """The finding's label in words: a technique's own name, a known label's words, or the
    label with underscores made spaces."""
    evidence = finding.evidence if isinstance(finding.evidence, Mapping) else {}
    technique = evidence.get("technique")
    if finding.kind == "technique" and isinstance(technique, str) and technique:
        return technique
    label = str(finding.label)
    return LABEL_NAMES.get(label) or label.replace("_", " ")


def plain_label(label: str) -> str:
    """A bare label in words (no finding at hand: filter options, source types)."""
    return LABEL_NAMES.get(label) or label.replace("_", " ")


def score_text(score: object) -> str:
    """A score with two decimals."""
    if isinstance(score, int | float) and not isinstance(score, bool):
        return f"{score:.2f}"
    return str(score)


def finding_title(number: int, finding: Finding) -> str:
    """``[3] Attribution · named person · score 0.82``."""
    return (
        f"[{number}] {kind_name(finding.kind)} · {label_name(finding)} · "
        f"score {score_text(finding.score)}"
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
    rows = [Detail(key_name(key), _quoted(str(span["text"])), part=part)]
    extra = {k: v for k, v in span.items() if k not in ("start", "end", "text")}
    kind = extra.pop("type", None)
    if key == "source" and kind == "unknown":
        rows.append(Detail("Speaker", UNRESOLVED))
    elif not is_empty(kind):
        rows.append(Detail(f"{key_name(key)} type", plain_label(str(kind))))
    for sub_key, sub_value in extra.items():
        if not is_empty(sub_value):
            name = (
                key_name(sub_key)
                if sub_key in KEY_NAMES
                else f"{key_name(key)} {sub_key.replace('_', ' ')}"
            )
            rows.append(Detail(name, value_text(sub_value)))
    return rows


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
    if finding.kind == "attribution" and not _is_span(fields.get("source")):
        rows.append(Detail("Speaker", UNRESOLVED))
    for key, value in fields.items():
        key = str(key)
        if is_empty(value):
            continue
        if _is_span(value):
            rows += _span_rows(key, value)
        elif isinstance(value, str) and value in numbers:
            rows.append(Detail(key_name(key), f"[{numbers[value]}]", ref=numbers[value]))
        elif key == "polarity":
            rows.append(Detail(key_name(key), POLARITY_NAMES.get(str(value), value_text(value))))
        elif key == "source_type":
            rows.append(Detail(key_name(key), plain_label(str(value))))
        else:
            rows.append(Detail(key_name(key), value_text(value)))
    return rows


def evidence_rows(finding: Finding, first: Sequence[str] = ()) -> list[Detail]:
    """The finding's evidence in words, the keys in ``first`` before the others."""
    evidence = finding.evidence if isinstance(finding.evidence, Mapping) else {}
    rank = {key: i for i, key in enumerate(first)}
    keys = sorted(evidence, key=lambda k: (rank.get(str(k), len(rank)), str(k)))
    return [
        Detail(key_name(str(k)), value_text(evidence[k])) for k in keys if not is_empty(evidence[k])
    ]


def polarity_of(finding: Finding) -> str:
    """``negated`` or ``declined`` when the finding says so, else ``""``."""
    value = finding.fields.get("polarity") if isinstance(finding.fields, Mapping) else None
    return str(value) if value in ("negated", "declined") else ""


def source_of(finding: Finding) -> tuple[str, str]:
    """``(source text, source type)`` of an attribution, or of the claim it backs."""
    fields = finding.fields if isinstance(finding.fields, Mapping) else {}
    source = fields.get("source")
    if isinstance(source, Mapping):
        return str(source.get("text") or ""), str(source.get("type") or "")
    kind = fields.get("source_type")
    if isinstance(kind, str):
        return "", kind
    if finding.kind == "attribution":
        return "", str(finding.label)
    return "", ""
