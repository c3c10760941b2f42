"""``newsift corpus show ID --format terminal|json|md|html``: the report plus "Other coverage"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.corpus.commands import AddOptions, run_add
from newsift.corpus.coverage_render import format_lag
from tests.corpus.conftest import EXAMPLE_CORPUS
from tests.corpus.test_corpus_web import _FakeStream

runner = CliRunner()


@pytest.fixture(scope="module")
def analysed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('show') / 'corpus.db'}"
    run_add(AddOptions([str(EXAMPLE_CORPUS)], db=db), pipeline=_FakeStream)
    return db


def show(db: str, article: str, *args: str) -> str:
    result = runner.invoke(app, ["corpus", "show", article, "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_has_sources_copies_story_with_similarity_and_family(analysed_db: str) -> None:
    shown = json.loads(show(analysed_db, "state-001", "--format", "json"))
    coverage = shown["other_coverage"]
    # the farm mirrors the wire: it is no source of the state text, nor the state of the
    # excerpt, whose passages are all the wire's
    assert {r["source"] for r in coverage["sources"]} == {"wire-001"}
    assert coverage["copies"] == []
    cue = next(r for r in coverage["sources"] if r["source"] == "wire-001")
    assert cue["direction_reason"] == "attribution_cue"
    mates = {m["id"]: m["similarity"] for m in coverage["story"]["mates"]}
    assert set(mates) == {"wire-001", "farm-001", "excerpt-001", "indep-001"}
    assert all(0 < s <= 1 for s in mates.values())
    assert coverage["family"]["earliest"] == "wire-001"
    assert shown["report"]["article"]["id"] == "state-001"


def test_terminal_appends_the_section_after_the_report(analysed_db: str) -> None:
    text = show(analysed_db, "wire-001", "--format", "terminal")
    report, section = text.split("Other coverage\n==============\n")
    assert "Floods close Valdmere" in report
    assert "Copied by (3):" in section
    assert "farm-001 (DailyNewsHub, 2026-03-03T07:31+00:00): verbatim, lag 21 min" in section
    assert "Same story" in section and "indep-001" in section
    assert "Earliest source of its copy family: wire-001" in section


def test_markdown_and_html_carry_the_section(analysed_db: str, tmp_path: Path) -> None:
    markdown = show(analysed_db, "farm-001", "--format", "markdown")
    assert "## Other coverage" in markdown
    assert "| Copied from | wire-001 (Harbor Wire, 2026-03-03T07:10+00:00) | verbatim |" in markdown
    out = tmp_path / "farm.html"
    assert show(analysed_db, "farm-001", "--out", str(out)) == ""
    page = out.read_text(encoding="utf-8")
    assert page.index('<section id="other-coverage">') < page.rindex("</body>")
    assert '<tr data-other="wire-001">' in page


def test_an_article_without_a_report_is_shown_with_its_text(analysed_db: str) -> None:
    text = show(analysed_db, "de-001", "--format", "terminal")
    assert "Not analysed" in text and "language de" in text and "Hochwasser" in text
    assert "Other coverage" in text
    page = show(analysed_db, "de-001", "--format", "html")
    assert 'lang="de"' in page and '<section id="other-coverage">' in page


def test_an_article_with_no_coverage_says_so(analysed_db: str) -> None:
    text = show(analysed_db, "other-001", "--format", "md")
    assert "No other article of this corpus copies it" in text


def test_terminal_to_a_file_is_e025_and_a_bad_format_e024(analysed_db: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["corpus", "show", "wire-001", "--db", analysed_db, "-f", "terminal", "--out",
         str(tmp_path / "x.txt")],
    )  # fmt: skip
    assert result.exit_code == 2 and "[E025]" in result.output
    result = runner.invoke(app, ["corpus", "show", "wire-001", "--db", analysed_db, "-f", "pdf"])
    assert result.exit_code == 2 and "[E024]" in result.output


def test_controls_in_an_outlet_are_shown_not_obeyed(tmp_path: Path) -> None:
    body = json.loads(EXAMPLE_CORPUS.read_text(encoding="utf-8").splitlines()[0])
    copy = {
        **body,
        "id": "evil",
        "text": body["text"] + "\n\nShared by a reader.",
        "outlet": "Bad\u202eOutlet\x1b[31m",
        "published": None,
    }
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps(body) + "\n" + json.dumps(copy) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    run_add(AddOptions([str(feed)], db=db, analyze=False))
    text = show(db, "wire-001", "--format", "terminal")
    assert "\u202e" not in text and "\x1b" not in text and "⟨U+202E⟩" in text


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(None, "unknown"), (42, "42 s"), (1260, "21 min"), (9000, "2 h 30 min"), (7200, "2 h"),
     (-240, "-4 min"), (2 * 86400 + 3 * 3600, "2 d 3 h")],
)  # fmt: skip
def test_format_lag(seconds: float | None, shown: str) -> None:
    assert format_lag(seconds) == shown
