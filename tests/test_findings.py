"""From spans on a Doc to findings: ids, links, and what a selection reports."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from newsift.analyzers.base import finding_span, span_findings, spans_key
from newsift.findings import doc_to_findings, keep_analyzers
from newsift.model import Finding

TEXT = "The ministry said the bridge held, officials said."


@cache
def _blank() -> Language:
    return spacy.blank("en")


def _doc() -> Doc:
    return _blank()(TEXT)


def _attribution(doc: Doc, source: str) -> Span:
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


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 10), st.sampled_from(["a", "b"])),
        max_size=12,
    )
)
def test_ids_are_unique_and_survive_json(spans: list[tuple[int, int, str]]) -> None:
    doc = _doc()
    doc.spans[spans_key("places")] = [
        finding_span(doc, s, min(s + n, len(TEXT)), label=lab, kind="place", score=1, evidence={})
        for s, n, lab in spans
    ]
    findings = doc_to_findings(doc)
    ids = [f.id for f in findings]
    assert len(ids) == len(set(ids)) == len(spans)
    assert [Finding.from_dict(f.to_dict()) for f in findings] == findings
