"""The ``newsift_time`` spaCy component: mentions, values and flags as findings, and the
summary."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.analyzers.base import Analyzer, finding_span, spacy_model_info
from newsift.analyzers.timex.mentions import (
    TimeMention,
    _event_noun,
    dateline_date,
    find_time_mentions,
    future_in_past,
    governing_tense,
    inconsistent_pairs,
    published_date,
)
from newsift.model import Finding, span_dict
from newsift.text.quotes import find_quotes
from newsift.text.works import work_titles

NAME = "time"
VERSION = "1.2.0"


class TimeAnalyzer(Analyzer):
    """Writes ``time`` findings (and their flags) to ``doc.spans["newsift.time"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(name, [spacy_model_info(nlp)])

    def __call__(self, doc: Doc) -> Doc:
        doc_text = doc.text
        published = published_date(doc)
        anchor_rule = " (relative to the publication date)"
        if published is None and (published := dateline_date(doc_text)) is not None:
            anchor_rule = " (relative to the dateline's date)"
        mentions = _outside_work_titles(doc_text, find_time_mentions(doc, published))
        spans: list[Span] = []
        durations: list[tuple[TimeMention, str]] = []
        for mention in mentions:
            value = mention.value
            label = value.label if value else "date"
            spans.append(
                finding_span(
                    doc,
                    mention.start,
                    mention.end,
                    label=label,
                    kind="time",
                    score=1.0 if value else 0.5,
                    evidence={
                        "found_by": mention.source,
                        "rule": "newsift time normaliser"
                        + (anchor_rule if value and value.relative and published else ""),
                        "tense": mention.tense,
                        "score_is": "1.0 when a normalisation rule matched, 0.5 when the "
                        "expression was found but not normalised",
                    },
                    fields={
                        "value": value.value if value else None,
                        "relative": bool(value and value.relative),
                        "anchor": published.isoformat() if published else None,
                    },
                )
            )
            if value is not None and value.label == "duration":
                event = _event_noun(doc, mention.start, mention.end, doc_text)
                if event:
                    durations.append((mention, event))
            if value is not None and value.label == "date":
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                verb = governing_tense(span)[1] if span is not None and len(span) else None
                if future_in_past(mention, published, verb):
                    flag = finding_span(
                        doc,
                        mention.start,
                        mention.end,
                        label="future_date_in_past_tense",
                        kind="flag",
                        score=0.8,
                        evidence={
                            "rule": "a date after the publication date, governed by a verb "
                            "in the past tense",
                            "published": published.isoformat() if published else None,
                            "verb": verb.text if verb is not None else None,
                            "score_is": "fixed: the rule's precision on our golden texts",
                        },
                        fields={"value": value.value},
                    )
                    spans.append(flag)
        for first, second, event in inconsistent_pairs(durations):
            flag = finding_span(
                doc,
                second.start,
                second.end,
                label="inconsistent_durations",
                kind="flag",
                score=0.7,
                evidence={
                    "rule": "two durations of the same event whose ranges do not overlap",
                    "event": event,
                    "other": f"{first.text!r} ({first.value.value if first.value else '?'})",
                    "score_is": "fixed: durations may be measured at different times",
                },
                fields={
                    "event": event,
                    "other": span_dict(doc_text, first.start, first.end),
                    "values": [
                        first.value.value if first.value else None,
                        second.value.value if second.value else None,
                    ],
                },
            )
            spans.append(flag)
        self.set_findings(doc, spans)
        return doc


def _outside_work_titles(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that do not lie inside a quoted title of a work: "20 Days" in the
    documentary "20 Days in Mariupol" names a film, not a duration."""
    titles = work_titles(text, find_quotes(text))
    if not titles:
        return mentions
    return [
        mention
        for mention in mentions
        if not any(title.start < mention.end and mention.start < title.end for title in titles)
    ]


@Language.factory("newsift_time", assigns=["doc.spans"], requires=["doc.ents"])
def make_time_analyzer(nlp: Language, name: str) -> TimeAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_time")``."""
    return TimeAnalyzer(nlp, name)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.timeline``: normalised time expressions, sorted by value, then position."""
    timeline = [
        {"text": f.text, "value": f.fields.get("value"), "start": f.start, "end": f.end}
        for f in findings
        if f.kind == "time" and f.fields.get("value")
    ]
    timeline.sort(key=lambda item: (str(item["value"]), item["start"]))
    return {"timeline": timeline}
