"""Findings as Label Studio pre-annotations (https://labelstud.io/guide/predictions): one task
per article, newsift's findings as the task's ``predictions``, and the labelling config
(``config.xml``) that names every label they use.

Each finding is a ``labels`` region whose label is ``Kind: label`` (``Claim: check-worthy``),
with its score and its reason as the region's ``meta.text``; an attribution's source, cue and
content are regions of their own (``Source``, ``Cue``, ``Content``) tied to it by relations
of the same names, and ``via`` by a ``via`` relation. Label Studio counts offsets in UTF-16
code units (JavaScript strings), so offsets past characters outside the Basic Multilingual
Plane (emoji) are shifted accordingly; ``text`` is always the covered text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from newsift.model import Finding, Report
from newsift.render.brat import ROLES, fragments_of
from newsift.render.style import kind_style
from newsift.render.view import evidence_line, format_score

FROM_NAME = "findings"
TO_NAME = "text"
RELATION_LABELS = ("source", "cue", "content", "via")
ROLE_LABELS = tuple(type_ for _, type_, _ in ROLES)


def region_label(finding: Finding) -> str:
    """The Label Studio label of a finding: ``Kind: label``."""
    return f"{finding.kind.capitalize()}: {finding.label}"


class Utf16Offsets:
    """Python (code point) offsets of one text as UTF-16 code-unit offsets."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset)


def task(report: Report, findings: Sequence[Finding], task_id: int, model_version: str) -> Any:
    """One Label Studio task: the article as ``data``, the findings as one prediction."""
    article = report.article
    text = article.text
    utf16 = Utf16Offsets(text)
    results: list[dict[str, Any]] = []
    ids: dict[str, str] = {}

    def region(start: int, end: int, label: str, score: float | None, note: str) -> str:
        ident = f"n{len(results) + 1}"
        value = {"start": utf16(start), "end": utf16(end), "text": text[start:end]}
        entry: dict[str, Any] = {
            "id": ident,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": "prediction",
            "value": value | {"labels": [label]},
        }
        if score is not None:
            entry["score"] = score
        if note:
            entry["meta"] = {"text": note}
        results.append(entry)
        return ident

    def relation(from_id: str, to_id: str, label: str) -> None:
        results.append(
            {
                "type": "relation",
                "from_id": from_id,
                "to_id": to_id,
                "direction": "right",
                "labels": [label],
            }
        )

    vias: list[tuple[str, str]] = []
    scores = []
    for f in findings:
        if not 0 <= f.start < f.end <= len(text):
            continue
        score = float(f.score)
        scores.append(score)
        note = f"score {format_score(f.score)}; {evidence_line(f)}"
        ident = region(f.start, f.end, region_label(f), score, note)
        ids[f.id] = ident
        if f.kind != "attribution":
            continue
        for key, type_, _ in ROLES:
            for start, end in fragments_of(f.fields.get(key), len(text)):
                relation(ident, region(start, end, type_, None, ""), key)
        if f.fields.get("via"):
            vias.append((ident, str(f.fields["via"])))
    for ident, via in vias:
        if via in ids:
            relation(ident, ids[via], "via")
    data = {
        "text": text,
        "article_id": article.id,
        "title": article.title or "",
        "outlet": article.outlet or "",
        "url": article.url or "",
        "published": article.published.isoformat() if article.published else "",
    }
    return {
        "id": task_id,
        "data": data,
        "predictions": [
            {
                "model_version": model_version,
                "score": round(sum(scores) / len(scores), 4) if scores else 0.0,
                "result": results,
            }
        ],
    }


def labelling_config(labels: Iterable[str]) -> str:
    """``config.xml``: the Labels control with every label the tasks use, the roles, the text
    (with the title above it) and the relations."""
    lines = [
        "<View>",
        '  <Header value="$title"/>',
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">',
    ]
    for label in sorted(set(labels)) + list(ROLE_LABELS):
        kind = label.split(":", 1)[0].lower()
        colour = kind_style(kind).colour if ":" in label else "#999999"
        lines.append(f"    <Label value={quoteattr(label)} background={quoteattr(colour)}/>")
    lines += [
        "  </Labels>",
        f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>',
        "  <Relations>",
        *(f'    <Relation value="{r}"/>' for r in RELATION_LABELS),
        "  </Relations>",
        "</View>",
    ]
    return "\n".join(lines) + "\n"


__all__ = ["Utf16Offsets", "labelling_config", "region_label", "task"]
