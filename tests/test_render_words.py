"""One vocabulary: the terminal, Markdown and HTML reports say the same words for the same
finding (kinds, labels, source types, "speaker unresolved", polarity, stance, technique
names, the sourcing profile, byline and dateline), and never the raw keys."""

from __future__ import annotations

import dataclasses
import io
from html.parser import HTMLParser
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from newsift.model import FINDING_KINDS, Article, Report
from newsift.render import TerminalOptions, digest, print_report, prose, render
from newsift.render.words import (
    evidence_rows,
    finding_label,
    kind_heading,
    plain_label,
    polarity,
    source_type,
    stance,
    tidy,
    value_text,
)
from tests.test_render_terminal import report as terminal_report


@dataclasses.dataclass(frozen=True)
class BylinedArticle(Article):
    """An article as the readers will soon deliver it: with byline and dateline."""

    author: Any = None
    dateline: Any = None


def full_report() -> Report:
    """Every kind, negated and declined attributions, a stance, a ``via`` chain, a source
    category, an unresolved speaker, ``sourcing.left_out``, a byline and a dateline."""
    base = terminal_report()
    article = BylinedArticle(
        base.article.text,
        title=base.article.title,
        outlet=base.article.outlet,
        published=base.article.published,
        author="Jane Roe",
        dateline={"place": "LISBON", "agency": "Reuters", "start": 0, "end": 6},
    )
    return dataclasses.replace(base, article=article)


class _Text(HTMLParser):
    """The text a reader sees in an HTML page: no scripts, styles or attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def seen(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def views(report: Report) -> dict[str, str]:
    """What a reader sees in each report, whitespace folded."""
    console = Console(file=io.StringIO(), record=True, width=100, color_system=None)
    print_report(report, console, TerminalOptions(show=frozenset(FINDING_KINDS)))
    markdown = MarkdownIt("commonmark").render(render(report, "md"))
    return {
        "terminal": " ".join(console.export_text().split()),
        "md": seen(markdown),
        "html": _without_ids(seen(render(report, "html")), report),
    }


def _without_ids(text: str, report: Report) -> str:
    """``text`` without the findings' ids (``attribution:0-166:named_organization``): they
    are references to the JSON report, not words."""
    for f in report.findings:
        text = text.replace(f.id, "")
    return text


@pytest.fixture(scope="module")
def seen_in() -> dict[str, str]:
    return views(full_report())


def expected_words(report: Report) -> set[str]:
    """The words every view must say for this report."""
    words = {kind_heading(f.kind) for f in report.findings}
    words |= {finding_label(f) for f in report.findings}
    words |= {w for f in report.findings for w in (polarity(f), stance(f)) if w}
    words |= {source_type("unknown"), "government", "Jane Roe", "LISBON · Reuters"}
    words.add("Left out of the profile: 1 attributed statement (reported through another")
    return words


@pytest.mark.parametrize("view", ["terminal", "md", "html"])
def test_every_view_says_the_same_words(seen_in: dict[str, str], view: str) -> None:
    report = full_report()
    for words in sorted(expected_words(report)):
        assert words in seen_in[view], (view, words)
    assert "negated: the source denies it" in seen_in[view]
    assert "declined: the source would not say" in seen_in[view]
    assert "Loaded Language" in seen_in[view] and "unknown place, perhaps misspelt" in seen_in[view]


@pytest.mark.parametrize("view", ["terminal", "md", "html"])
def test_no_view_shows_raw_keys(seen_in: dict[str, str], view: str) -> None:
    for raw in ("named_organization", "Loaded_Language", "unknown_place", "None", "null"):
        assert raw not in seen_in[view], (view, raw)
    assert "0 unknown" not in seen_in[view]


def test_the_sourcing_profile_reads_the_same_everywhere(seen_in: dict[str, str]) -> None:
    line = "2 named (0 people, 2 organisations), 1 anonymous, 0 vague, 1 speaker unresolved"
    for view, text in seen_in.items():
        assert line in text, view


def test_unknown_keys_are_tidied_not_dropped() -> None:
    assert plain_label("some_new_label") == "some new label"
    assert tidy(None) == "" and source_type(None) == "speaker unresolved"
    assert value_text({"label": "named_person", "score": 0.5}) == "named person 0.5"


def _with_category(report: Report, category: str) -> Report:
    """``report`` with every attribution's source in ``category``."""
    findings = []
    for f in report.findings:
        source = f.fields.get("source")
        if f.kind == "attribution" and isinstance(source, dict) and source.get("text"):
            f = dataclasses.replace(
                f, fields=f.fields | {"source": source | {"category": category}}
            )
        findings.append(f)
    return dataclasses.replace(report, findings=findings)


@pytest.mark.parametrize(
    ("key", "words"), [("state_media", "state media"), ("outlet", "publisher")]
)
def test_source_categories_are_words_everywhere(key: str, words: str) -> None:
    report = _with_category(full_report(), key)
    seen_now = views(report)
    for view in ("terminal", "md", "html"):
        assert words in seen_now[view], view
    if "_" in key:  # a raw key nowhere, the HTML tooltips and detail rows included
        assert key not in seen_now["terminal"] and key not in seen_now["md"]
        assert key not in render(report, "html")


def test_one_person_and_one_organisation_are_singular() -> None:
    line = prose.sourcing_line(
        digest.Sourcing({"named_person": 1, "named_organization": 1}, 1.0, {})
    )
    assert line.startswith("2 named (1 person, 1 organisation)")


def test_a_techniques_threshold_says_it_is_not_on_the_score() -> None:
    """A score of 0.23 under "threshold 0.65" must not read as a finding below the threshold."""
    technique = next(f for f in full_report().findings if f.kind == "technique")
    evidence = {"threshold": 0.65, "span_probability": 0.4}
    technique = dataclasses.replace(technique, evidence=evidence)
    rows = {row.name: row.value for row in evidence_rows(technique)}
    (name,) = [n for n in rows if n.startswith("Report threshold")]
    assert "not compared with it" in name and rows[name] == "0.65"
    claim = dataclasses.replace(technique, kind="claim")
    assert "Threshold" in {row.name for row in evidence_rows(claim)}  # other kinds as before
