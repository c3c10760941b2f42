"""Test-only pipelines for the web tests: the real one, plus what it can't show yet.

:class:`WithSourcing` wraps the real pipeline and, while the attribution analyzer is not
part of it, adds one attribution finding (source, cue, content) and a ``sourcing``
summary to reports of the example article, so the sourcing panel and the sub-span
highlighting can be tested now; once the real analyzer runs, its reports pass unchanged.
:class:`FakePipeline` makes a fixed report without any model (for page-layout tests).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsift.analyzers import AnalyzerSpec
from newsift.analyzers.base import NewsiftAnalyzer
from newsift.model import Article, Finding, ModelInfo, Report, sort_findings, span_dict
from newsift.pipeline import Pipeline

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


class WithSourcing:
    """The real pipeline; adds a test attribution while the real analyzer is missing."""

    def __init__(self, inner: Pipeline) -> None:
        self.inner = inner

    @property
    def analyzers(self) -> tuple[AnalyzerSpec, ...]:
        return self.inner.analyzers

    @property
    def max_chars(self) -> int:
        return self.inner.max_chars

    def components(self) -> list[NewsiftAnalyzer]:
        return self.inner.components()

    def analyze(self, article: Article) -> Report:
        report = self.inner.analyze(article)
        extra = attribution_for(report.article.text)
        if "sourcing" in report.summary or extra is None:
            return report
        return replace(
            report,
            findings=sort_findings([*report.findings, extra]),
            summary={**report.summary, "sourcing": SOURCING},
        )


class FakePipeline:
    """No model: every article gets the same kinds of findings, at fixed offsets."""

    analyzers: tuple[AnalyzerSpec, ...] = ()
    max_chars = 10_000

    def components(self) -> list[NewsiftAnalyzer]:
        return []

    def analyze(self, article: Article) -> Report:
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
