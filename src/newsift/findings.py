"""From an analysed spaCy Doc to flat findings and the report summary: one way to do it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from newsift.analyzers import AnalyzerSpec
from newsift.analyzers.base import SPANS_PREFIX, payload_of
from newsift.model import FINDING_KINDS, Finding, sort_findings


def doc_to_findings(doc: Doc) -> list[Finding]:
    """Every finding newsift analyzers wrote to ``doc.spans``, in reading order.

    Spans in ``newsift.*`` groups without a payload (written by someone else's code) are
    skipped: a finding without evidence is not a finding.
    """
    findings: list[Finding] = []
    text = doc.text  # Doc.text joins every token on each access: read it once
    for key, group in doc.spans.items():
        if not key.startswith(SPANS_PREFIX):
            continue
        analyzer = key[len(SPANS_PREFIX) :]
        for span in group:
            payload = payload_of(span)
            if payload is None:
                continue
            start = payload.get("start", span.start_char)
            end = payload.get("end", span.end_char)
            findings.append(
                Finding(
                    kind=payload["kind"],
                    label=span.label_,
                    start=start,
                    end=end,
                    text=text[start:end],
                    score=payload["score"],
                    analyzer=analyzer,
                    evidence=payload["evidence"],
                    fields=payload.get("fields", {}),
                )
            )
    return sort_findings(findings)


def keep_analyzers(findings: list[Finding], names: set[str]) -> list[Finding]:
    """Only the findings of the named analyzers, with links to dropped findings cleared.

    A claim links to its attribution (and that attribution's source type), places and
    times by id; when those findings are filtered out, the links go too, so a report never
    points at a finding it doesn't contain.
    """
    kept = [f for f in findings if f.analyzer in names]
    ids = {f.id for f in kept}
    return [_without_dangling_links(f, ids) for f in kept]


def _without_dangling_links(finding: Finding, ids: set[str]) -> Finding:
    fields = dict(finding.fields)
    if fields.get("attribution") is not None and fields["attribution"] not in ids:
        fields["attribution"] = fields["source_type"] = None
    for key in ("places", "times"):
        if isinstance(fields.get(key), list):
            fields[key] = [i for i in fields[key] if i in ids]
    return finding if fields == finding.fields else replace(finding, fields=fields)


def summarize(findings: list[Finding], analyzers: Sequence[AnalyzerSpec]) -> dict[str, Any]:
    """The report's ``summary``.

    Always has ``counts`` (findings per kind) and ``labels`` (per kind, findings per
    label); each analyzer with a ``summarize`` function adds its own keys.
    """
    counts = Counter(f.kind for f in findings)
    labels: dict[str, Counter[str]] = {}
    for f in findings:
        labels.setdefault(f.kind, Counter())[f.label] += 1
    summary: dict[str, Any] = {
        "counts": {kind: counts.get(kind, 0) for kind in FINDING_KINDS},
        "labels": {kind: dict(c.most_common()) for kind, c in labels.items()},
    }
    for spec in analyzers:
        summarizer = spec.summarizer()
        if summarizer is not None:
            summary.update(summarizer([f for f in findings if f.analyzer == spec.name]))
    return summary
