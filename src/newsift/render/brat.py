"""Findings as brat standoff annotations (https://brat.nlplab.org/standoff.html), so people
can correct newsift's findings in brat and feed the corrections back (``newsift eval brat``).

Per article, ``NAME.txt`` holds the text exactly (character offsets are Python's, code
points, as brat's own server counts them) and ``NAME.ann`` the annotations:

- every finding is a text-bound annotation ``T…`` whose type is its kind (``Claim``,
  ``Place`` …), its label an attribute ``A… Label T… VALUE``, and its score, label and
  reason an ``AnnotatorNotes`` note;
- an attribution's source, cue and content are text-bound annotations of their own
  (``Source``, ``Cue``, ``Content``; a split quotation's content has several fragments),
  tied to the attribution by the relations ``HasSource``, ``HasCue``, ``HasContent``; an
  attribution reported through another one is tied to it by ``ReportedVia``; polarity,
  stance and the source's category are attributes.

Labels are written so brat accepts them as attribute values: a comma (PTC's
``Name_Calling,Labeling``) becomes ``__`` and :func:`label_from_brat` turns it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsift.model import FINDING_KINDS, Finding
from newsift.render.view import evidence_line, format_score
from newsift.render.words import field as get

#: The role sub-spans of an attribution: brat type, and the relation tying it to its attribution.
ROLES: tuple[tuple[str, str, str], ...] = (
    ("source", "Source", "HasSource"),
    ("cue", "Cue", "HasCue"),
    ("content", "Content", "HasContent"),
)
VIA_RELATION = "ReportedVia"
#: Attributes of an attribution besides its label, from its fields (name, field, values).
ATTRIBUTION_ATTRIBUTES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Polarity", "polarity", ("asserted", "negated", "declined")),
    ("Stance", "stance", ("statement", "allegation", "belief", "intention")),
)
CATEGORY_ATTRIBUTE = "Category"
LABEL_ATTRIBUTE = "Label"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def brat_type(kind: str) -> str:
    """The brat entity type of a finding kind: ``claim`` → ``Claim``."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", kind) if part) or (
        "Finding"
    )


#: Finding kind of each brat type newsift writes.
KIND_OF_TYPE: dict[str, str] = {brat_type(k): k for k in FINDING_KINDS}


def label_to_brat(label: str) -> str:
    """A label as a brat attribute value: ``,`` → ``__``, other unsafe characters → ``-``."""
    return _UNSAFE.sub("-", label.replace(",", "__")) or "-"


def label_from_brat(value: str) -> str:
    """Inverse of :func:`label_to_brat` for commas (``Name_Calling__Labeling`` → ``…,…``)."""
    return value.replace("__", ",")


def _one_line(text: str) -> str:
    """brat keeps one annotation per line: newlines and tabs in a span's text become spaces."""
    return re.sub(r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text)


@dataclass
class AnnWriter:
    """Builds one ``.ann`` file, numbering annotations as brat does (``T1``, ``R1`` …)."""

    text: str
    lines: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def next_id(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def span(self, type_: str, fragments: Sequence[tuple[int, int]]) -> str:
        """A text-bound annotation; returns its id."""
        ident = self.next_id("T")
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        covered = " ".join(self.text[s:e] for s, e in fragments)
        self.lines.append(f"{ident}\t{type_} {offsets}\t{_one_line(covered)}")
        return ident

    def relation(self, type_: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self.next_id('R')}\t{type_} Arg1:{arg1} Arg2:{arg2}")

    def attribute(self, name: str, target: str, value: str) -> None:
        self.lines.append(f"{self.next_id('A')}\t{name} {target} {value}")

    def note(self, target: str, text: str) -> None:
        self.lines.append(f"{self.next_id('#')}\tAnnotatorNotes {target}\t{_one_line(text)}")

    def render(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def fragments_of(value: object, length: int) -> list[tuple[int, int]]:
    """A sub-span's fragments: its ``parts`` (split quotations), else itself; empty and
    out-of-text spans left out."""
    parts = get(value, "parts")
    spans = parts if isinstance(parts, list) and parts else [value]
    out = []
    for span in spans:
        start, end = get(span, "start"), get(span, "end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
            out.append((start, end))
    return out


def report_ann(text: str, findings: Iterable[Finding]) -> str:
    """The ``.ann`` file for one article's findings.

    Findings with no characters (empty spans) have no brat form and are left out.
    """
    writer = AnnWriter(text)
    ids: dict[str, str] = {}
    vias: list[tuple[str, str]] = []
    for f in findings:
        if not 0 <= f.start < f.end <= len(text):
            continue
        ident = writer.span(brat_type(f.kind), [(f.start, f.end)])
        ids[f.id] = ident
        writer.attribute(LABEL_ATTRIBUTE, ident, label_to_brat(str(f.label)))
        reason = evidence_line(f)
        writer.note(ident, f"score {format_score(f.score)}; {f.kind} {f.label}; {reason}")
        if f.kind == "attribution":
            _attribution(writer, ident, f)
            via = f.fields.get("via")
            if via:
                vias.append((ident, str(via)))
    for ident, via in vias:
        if via in ids:
            writer.relation(VIA_RELATION, ident, ids[via])
    return writer.render()


def _attribution(writer: AnnWriter, ident: str, finding: Finding) -> None:
    for key, type_, relation in ROLES:
        fragments = fragments_of(finding.fields.get(key), len(writer.text))
        if fragments:
            part = writer.span(type_, fragments)
            writer.relation(relation, ident, part)
            category = get(finding.fields.get(key), "category") if key == "source" else None
            if category:
                writer.attribute(CATEGORY_ATTRIBUTE, part, label_to_brat(str(category)))
    for name, key, _ in ATTRIBUTION_ATTRIBUTES:
        value = finding.fields.get(key)
        if value:
            writer.attribute(name, ident, label_to_brat(str(value)))


def annotation_conf(labels: Mapping[str, Iterable[str]], categories: Iterable[str] = ()) -> str:
    """brat's ``annotation.conf``: the types, relations and attributes the ``.ann`` files use.

    Args:
        labels: Per finding kind, the labels seen (every kind newsift has is declared).
        categories: The source categories seen.
    """
    kinds = list(dict.fromkeys([*FINDING_KINDS, *labels]))
    types = [brat_type(k) for k in kinds] + [t for _, t, _ in ROLES]
    values = sorted({label_to_brat(str(v)) for k in kinds for v in labels.get(k, ())})
    lines = ["# newsift findings, written by `newsift analyze --format brat`", "[entities]"]
    lines += types
    lines += ["", "[relations]"]
    lines += [f"{relation}\tArg1:Attribution, Arg2:{type_}" for _, type_, relation in ROLES]
    lines += [f"{VIA_RELATION}\tArg1:Attribution, Arg2:Attribution"]
    lines += ["<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", ""]
    lines += ["[attributes]"]
    if values:
        lines.append(f"{LABEL_ATTRIBUTE}\tArg:<ENTITY>, Value:{'|'.join(values)}")
    for name, _, options in ATTRIBUTION_ATTRIBUTES:
        lines.append(f"{name}\tArg:Attribution, Value:{'|'.join(options)}")
    seen = sorted({label_to_brat(c) for c in categories})
    if seen:
        lines.append(f"{CATEGORY_ATTRIBUTE}\tArg:Source, Value:{'|'.join(seen)}")
    return "\n".join(lines) + "\n"


__all__ = [
    "KIND_OF_TYPE",
    "ROLES",
    "VIA_RELATION",
    "annotation_conf",
    "brat_type",
    "label_from_brat",
    "label_to_brat",
    "report_ann",
]
