"""Test-only pipelines for the web page tests (no model needed).

:class:`FakePipeline` makes a fixed report without any model (for page-layout tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsift.analyzers import AnalyzerSpec
from newsift.model import Article, Finding, ModelInfo, Report, sort_findings, span_dict

QUOTE = '"Our units are holding every position they were ordered to hold,"'
SOURCE = "Deputy Defence Minister Hanna Maliar"
CUE = "told"


def attribution_for(text: str) -> Finding | None:
    """An attribution finding for the Maliar quote of the example article, if present."""
    q = text.find(QUOTE)
    s = text.find(SOURCE, max(q, 0))
    if q < 0 or s < 0:
        return None
    c = text.find(CUE, s)
    return Finding(
        kind="attribution",
        label="named_person",
        start=q,
        end=c + len(CUE),
        text=text[q : c + len(CUE)],
        score=0.9,
        analyzer="attribution",
        evidence={"rule": "quote, then speaker and speech verb (test fixture)"},
        fields={
            "source": {**span_dict(text, s, s + len(SOURCE)), "resolved": "Hanna Maliar"},
            "cue": span_dict(text, c, c + len(CUE)),
            "content": span_dict(text, q, q + len(QUOTE)),
        },
    )


SOURCING: dict[str, Any] = {
    "counts": {"named_person": 1, "named_organization": 0, "anonymous": 0, "vague": 0},
    "named_share": 1.0,
    "sources": [
        {"text": SOURCE, "resolved": "Hanna Maliar", "type": "named_person", "citations": 1}
    ],
}


class FakePipeline:
    """No model: every article gets the same kinds of findings, at fixed offsets."""

    analyzers: tuple[AnalyzerSpec, ...] = ()
    max_chars = 10_000

    def describe_analyzers(self) -> list[dict[str, Any]]:
        return []

    def analyze(
        self,
        article: Article,
        *,
        only: Sequence[str] | None = None,
        skip: Sequence[str] | None = None,
    ) -> Report:
        return self.report(article)

    def report(self, article: Article) -> Report:
        """The fixed report (subclasses change it)."""
        text = article.text
        findings = [
            Finding("claim", "checkable", 0, min(len(text), 10), text[:10], 0.7, "claims", {}),
            Finding("time", "DATE", 0, min(len(text), 4), text[:4], 0.8, "time", {"rule": "x"}),
            Finding("technique", "Loaded_Language", 0, min(len(text), 6), text[:6], 0.6, "t", {}),
        ]
        summary = {
            "counts": {"claim": 1, "time": 1, "technique": 1},
            "labels": {},
            "glossary": {"Loaded_Language": "Words chosen for their emotional charge."},
            "places": [
                {"text": "Kyiv", "resolved": "Kyiv, Ukraine", "lat": 50.45, "lon": 30.52},
                {"text": "Krynky", "resolved": None, "suggestions": ["Krynky, Kherson"]},
            ],
            "sourcing": SOURCING,
        }
        return Report(
            article=article.with_overrides(language="en"),
            findings=sort_findings(findings),
            summary=summary,
            models=[ModelInfo("fake", "0")],
            newsift_version="test",
        )
