"""From an analysed spaCy Doc to flat findings and the report summary: one way to do it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from newsift.analyzers import AnalyzerSpec
from newsift.analyzers.base import SPANS_PREFIX, plain, span_findings
from newsift.model import FINDING_KINDS, Finding, sort_findings


def doc_to_findings(doc: Doc, analyzers: Collection[str] | None = None) -> list[Finding]:
    """Every finding newsift analyzers wrote to ``doc.spans``, in reading order.

    Args:
        doc: An analysed Doc.
        analyzers: Only these analyzers' findings (all by default); links from them to
            findings left out are cleared (see :func:`keep_analyzers`).

    Spans in ``newsift.*`` groups without a payload (written by someone else's code) are
    skipped: a finding without evidence is not a finding.
    """
    findings: list[Finding] = []
    text = doc.text  # Doc.text joins every token on each access: read it once
    for key in doc.spans:
        if not key.startswith(SPANS_PREFIX):
            continue
        for found in span_findings(doc, key[len(SPANS_PREFIX) :]):
            payload = found.payload
            findings.append(
                Finding(
                    kind=payload["kind"],
                    label=found.span.label_,
                    start=found.start,
                    end=found.end,
                    text=text[found.start : found.end],
                    score=payload["score"],
                    analyzer=found.analyzer,
                    evidence=plain(payload["evidence"]),
                    fields=plain(payload.get("fields", {})),
                    ordinal=found.ordinal,
                )
            )
    ordered = sort_findings(findings)
    return ordered if analyzers is None else keep_analyzers(ordered, set(analyzers))


def keep_analyzers(findings: list[Finding], names: set[str]) -> list[Finding]:
    """Only the findings of the named analyzers, with links to dropped findings cleared.

    A claim links to its attribution, places and times by id; when those findings are
    left out, the ids go too, so a report never points at a finding it doesn't contain.
    What the claim says itself (its attribution's ``source_type``) stays.
    """
    kept = [f for f in findings if f.analyzer in names]
    ids = {f.id for f in kept}
    return [_without_dangling_links(f, ids) for f in kept]


def _without_dangling_links(finding: Finding, ids: set[str]) -> Finding:
    fields = dict(finding.fields)
    if fields.get("attribution") is not None and fields["attribution"] not in ids:
        fields["attribution"] = None
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
