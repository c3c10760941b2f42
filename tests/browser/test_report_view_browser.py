"""The one report view in a real browser: filters, search, source highlighting, claim
sorting, the map and an axe-core accessibility check, on the standalone HTML file and on
the web report page (no model: hand-built reports and the fake pipeline).

axe-core comes from the dev dependency ``axe-playwright-python`` (it bundles axe.min.js;
nothing is fetched). Skipped without Chromium, like the other browser tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from newsift.render import render
from newsift.web import create_app
from newsift.web.server import running_server
from tests.browser.fakes import FakePipeline
from tests.browser.support import needs_chromium, watched_page
from tests.test_render_html import rich_report

pytestmark = needs_chromium


def axe_problems(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe.Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture()
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render(rich_report(), "html"), encoding="utf-8")
    return path


def visible_rows(page: Any) -> list[int]:
    return [
        int(n)
        for n in page.locator(".finding:visible").evaluate_all(
            "rows => rows.map(r => r.getAttribute('data-finding'))"
        )
    ]


def test_filters_search_and_the_live_status(report_file: Path) -> None:
    report = rich_report()
    total = len(report.findings)
    with watched_page() as watched:
        page = watched.page
        page.goto(report_file.as_uri())
        status = page.locator("#f-status")
        assert status.inner_text() == f"Showing {total} of {total} findings."
        # Compact: one short row per finding until one is opened (it was ~1,000 px a card).
        height = page.locator("#finding-list").bounding_box()["height"]
        assert height <= 60 * total, height
        assert status.get_attribute("aria-live") == "polite"

        page.locator("#filters input[data-kind='claim']").uncheck()  # by kind
        assert all(report.findings[n - 1].kind != "claim" for n in visible_rows(page))
        assert page.locator("mark.hl.k-claim").count() == 0
        page.locator("#filters input[data-kind='claim']").check()

        page.select_option("#f-source", "anonymous")  # by source type
        assert [report.findings[n - 1].fields["source"]["text"] for n in visible_rows(page)] == [
            "A spokesman"
        ]
        assert status.inner_text() == f"Showing 1 of {total} findings."
        page.select_option("#f-source", "")

        label = page.locator("#f-label option", has_text="named organisation")
        page.select_option("#f-label", label.get_attribute("value"))  # by label
        assert {report.findings[n - 1].label for n in visible_rows(page)} == {"named_organization"}
        page.select_option("#f-label", "")

        page.locator("#f-score").fill("0.9")  # by minimum score
        assert [report.findings[n - 1].kind for n in visible_rows(page)] == ["claim"]
        assert page.locator("#f-score-out").inner_text() == "0.90"
        page.locator("#f-score").fill("0")

        page.fill("#f-search", "SPOKESMAN")  # search: case aside, source text included
        assert len(visible_rows(page)) == 1
        assert page.locator("#article mark.hl:not(.off)").all_inner_texts()
        page.fill("#f-search", "no such words")
        assert visible_rows(page) == [] and page.locator("#f-none").is_visible()
        assert page.locator("#article mark.hl:not(.off)").count() == 0
        page.locator("#filters button[type=reset]").click()
        expect(status).to_have_text(f"Showing {total} of {total} findings.")
    assert not watched.problems, watched.problems
    assert watched.requests == [report_file.as_uri()], watched.requests


def test_a_source_highlights_its_statements_and_claims_sort_by_score(report_file: Path) -> None:
    with watched_page() as watched:
        page = watched.page
        page.goto(report_file.as_uri())
        button = page.get_by_role("button", name="Ministers", exact=True)
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        hit = "".join(page.locator("#article mark.src-hit").all_inner_texts())
        assert hit.startswith("Ministers said the bridge was safe")
        assert "1 statement highlighted" in page.locator("#f-status").inner_text()
        assert page.locator("#article.src-mode").count() == 1  # the rest steps back
        button.click()
        assert page.locator("#article .src-hit").count() == 0
        assert button.get_attribute("aria-pressed") == "false"

        header = page.locator("#claims-score")
        page.locator("#sort-claims").click()
        assert header.get_attribute("aria-sort") == "descending"
        scores = [
            float(s)
            for s in page.locator("#claims tbody tr").evaluate_all(
                "rows => rows.map(r => r.getAttribute('data-score'))"
            )
        ]
        assert scores == sorted(scores, reverse=True)
    assert not watched.problems, watched.problems


def test_tooltips_speak_words_and_the_keyboard_reaches_every_highlight(report_file: Path) -> None:
    with watched_page() as watched:
        page = watched.page
        page.goto(report_file.as_uri())
        denied = page.locator("mark.hl[aria-label*='negated']")
        assert denied.count() == 0  # polarity shows in the tooltip and the list, not the name
        stops = page.locator("#article mark.hl[tabindex='0']")
        assert stops.count() >= 5
        page.locator("#f-search").focus()
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "MARK":
                break
        tip = page.locator("#tip")
        tip.wait_for(state="visible")
        text = tip.inner_text()
        assert "score" in text and "null" not in text and "source.type" not in text
        page.locator("#article mark.hl").first.hover()
        for mark in stops.all():
            mark.focus()
            if "negated" in tip.inner_text():
                break
        assert "negated: the source denies it" in tip.inner_text()
        page.keyboard.press("Escape")
        assert tip.is_hidden()
    assert not watched.problems, watched.problems


def test_the_map_has_outlines_and_labels_that_do_not_overlap(report_file: Path) -> None:
    with watched_page() as watched:
        page = watched.page
        page.goto(report_file.as_uri())
        svg = page.locator("#panel-places svg.map")
        assert svg.is_visible()
        assert page.locator("#panel-places svg.map .land path").count() >= 10
        assert page.locator("#panel-places svg.map .pin").count() == 1  # Kyiv; not the others
        boxes = page.locator(
            "#panel-places svg.map .pin text, #panel-places svg.map .pin circle"
        ).evaluate_all(
            "els => els.map(e => { const b = e.getBoundingClientRect();"
            " return [b.left, b.top, b.right, b.bottom]; })"
        )
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap = (
                    a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
                )
                assert not overlap, (a, b)
    assert not watched.problems, watched.problems


def test_the_standalone_report_passes_axe(report_file: Path) -> None:
    with watched_page() as watched:
        page = watched.page
        page.goto(report_file.as_uri())
        assert axe_problems(page) == []
        page.locator("#filters input[data-kind='claim']").uncheck()
        page.locator("mark.hl[tabindex='0']").first.focus()
        assert axe_problems(page) == []  # with the tooltip open
        page.emulate_media(media="print")
        assert page.locator("#filters").is_hidden()


@pytest.fixture(scope="module")
def web_url() -> Iterator[str]:
    app = create_app(FakePipeline, api_token=None, max_chars=10_000)
    with running_server(app) as url:
        yield url


def test_the_web_report_page_is_the_same_view_and_passes_axe(web_url: str) -> None:
    with watched_page() as watched:
        page = watched.page
        page.goto(web_url + "/")
        page.fill("#text", "Kyiv said on Tuesday that talks would go on, officials said.")
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#filters")
        assert page.locator("#f-status").inner_text().startswith("Showing 3 of 3")
        page.fill("#f-search", "no such words")
        assert page.locator("#f-status").inner_text().startswith("Showing 0 of 3")
        page.fill("#f-search", "")
        assert page.locator("#panel-places svg.map .land path").count() >= 5
        assert axe_problems(page) == []
    assert not watched.problems, watched.problems
    assert all(url.startswith(web_url) for url in watched.requests), watched.requests


def test_a_report_without_findings_runs_without_script_errors(tmp_path: Path) -> None:
    from newsift.model import Article, Report

    path = tmp_path / "empty.html"
    path.write_text(render(Report(Article("Nothing here."), [], {}, [], "t"), "html"), "utf-8")
    with watched_page() as watched:
        watched.page.goto(path.as_uri())
        assert watched.page.locator("#f-status").inner_text() == "Showing 0 of 0 findings."
    assert not watched.problems, watched.problems
