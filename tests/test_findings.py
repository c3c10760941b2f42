"""From spans on a Doc to findings: ids, links, and what a selection reports."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from newsift.analyzers.base import finding_span, span_findings, spans_key
from newsift.findings import doc_to_findings, keep_analyzers

TEXT = "The ministry said the bridge held, officials said."


def _doc() -> Doc:
    return spacy.blank("en")(TEXT)


def _attribution(doc: Doc, source: str) -> object:
    return finding_span(
        doc, 0, 34, label="vague", kind="attribution", score=0.5,
        evidence={"rule": "test"}, fields={"source": source, "content": {"start": 18, "end": 33}},
    )  # fmt: skip


@pytest.mark.regression
def test_findings_on_the_same_span_and_label_have_distinct_ids() -> None:
    """Two attributions of the same words used to share one id, so a claim's link to one
    of them was ambiguous."""
    doc = _doc()
    doc.spans[spans_key("attribution")] = [_attribution(doc, "a"), _attribution(doc, "b")]
    findings = doc_to_findings(doc)
    assert [f.id for f in findings] == ["attribution:0-34:vague", "attribution:0-34:vague#2"]
    assert [f.fields["source"] for f in findings] == ["a", "b"]
    assert [f.id for f in span_findings(doc, "attribution")] == [f.id for f in findings]
    assert [f.id for f in doc_to_findings(doc)] == [f.id for f in findings]  # stable


def test_spans_without_a_payload_are_not_findings() -> None:
    doc = _doc()
    doc.spans[spans_key("attribution")] = [doc[0:2], _attribution(doc, "a")]
    assert [f.id for f in doc_to_findings(doc)] == ["attribution:0-34:vague"]


def test_findings_survive_a_docbin_with_user_data() -> None:
    doc = _doc()
    doc.spans[spans_key("attribution")] = [_attribution(doc, "a"), _attribution(doc, "b")]
    box = DocBin(store_user_data=True)
    box.add(doc)
    (back,) = DocBin().from_bytes(box.to_bytes()).get_docs(doc.vocab)
    assert doc_to_findings(back) == doc_to_findings(doc)


def test_a_selection_reports_only_its_analyzers_and_drops_dangling_ids() -> None:
    doc = _doc()
    doc.spans[spans_key("attribution")] = [_attribution(doc, "a")]
    doc.spans[spans_key("claims")] = [
        finding_span(
            doc, 0, 34, label="check-worthy", kind="claim", score=0.9, evidence={},
            fields={"attribution": "attribution:0-34:vague", "source_type": "vague",
                    "places": ["places:4-12:resolved"], "times": []},
        )
    ]  # fmt: skip
    (claim,) = doc_to_findings(doc, {"claims"})
    assert claim.fields["attribution"] is None  # the attribution isn't in the report
    assert claim.fields["source_type"] == "vague"  # what the claim says itself stays
    assert claim.fields["places"] == []
    kept = keep_analyzers(doc_to_findings(doc), {"claims", "attribution"})
    assert [f.fields["attribution"] for f in kept if f.kind == "claim"] == [
        "attribution:0-34:vague"
    ]
