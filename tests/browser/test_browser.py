"""The web workspace in a real browser (Debian's Chromium driven by Playwright).

Starts the real server on a free loopback port, pastes the example article, analyses it,
and checks highlights, the sourcing panel, keyboard focus with evidence, the attribution's
three parts and the kind toggles. Chromium comes from ``scripts/install-browser.sh``;
without /usr/bin/chromium the test is skipped.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsift.pipeline import Pipeline
from newsift.web import create_app
from newsift.web.server import running_server
from tests.browser.fakes import CUE, QUOTE, SOURCE
from tests.browser.support import needs_chromium, watched_page
from tests.conftest import EXAMPLE

#: Where a copy of the screenshot goes, for people to look at.
SHARED_SCREENSHOT = Path("/tmp/web-report.png")

pytestmark = [pytest.mark.model, needs_chromium]


@pytest.fixture(scope="module")
def base_url(pipeline: Pipeline) -> Iterator[str]:
    app = create_app(lambda: pipeline, api_token=None)
    with running_server(app) as url:
        yield url


def test_report_in_a_real_browser(base_url: str, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    with watched_page() as watched:
        page = watched.page
        page.goto(base_url + "/")
        page.fill("#text", text)
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("mark.hl")

        # Highlights and panels. A name the places analyzer resolved is highlighted as a place
        # (the example has 19 entities, 12 of them places); entities start hidden.
        assert page.locator("mark.hl.k-place").count() >= 5
        assert page.locator("mark.hl.k-entity").count() == 0
        sourcing = page.locator("#panel-sourcing")
        assert sourcing.is_visible()
        assert SOURCE in sourcing.inner_text() or "Hanna Maliar" in sourcing.inner_text()
        assert page.locator("#filters").is_visible()

        # Keyboard: skip link, then Tab to the first highlight; its tooltip
        # shows label, score and evidence.
        page.locator("a.skip").focus()  # the skip link leads past the panels and filters
        page.keyboard.press("Enter")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "MARK":
                break
        assert page.evaluate("document.activeElement.tagName") == "MARK"
        tip = page.locator("#tip")
        tip.wait_for(state="visible")
        assert "score" in tip.inner_text()
        assert "Model" in tip.inner_text() or "Rule" in tip.inner_text()  # evidence, in words
        page.keyboard.press("Escape")
        assert tip.is_hidden()

        # Selecting an attribution shows and highlights its source, cue and content.
        page.evaluate("document.activeElement.blur()")  # it may be an attribution mark
        shown = ""
        # A mark is coloured by its top finding; its title lists every finding on it.
        candidates = page.locator("mark.hl[tabindex='0'][aria-label*='Attribution · named person']")
        for attribution in candidates.all():
            attribution.focus()
            tip.wait_for(state="visible")
            shown = tip.inner_text()
            for _ in range(4):  # Enter steps through the findings that start here
                if SOURCE in shown and re.match(r"\[\d+\] Attribution", shown):
                    break
                page.keyboard.press("Enter")
                shown = tip.inner_text()
            if SOURCE in shown and re.match(r"\[\d+\] Attribution", shown):
                break
        for part in ("Source", "Cue", "Content"):
            assert part in shown
        assert SOURCE in shown
        for cls, expected in (("sub-source", SOURCE), ("sub-cue", CUE)):
            parts = page.locator(f"#article .{cls}").all_inner_texts()
            assert "".join(parts) == expected, cls
        # A split quote's content runs from its first half to its second.
        content = "".join(page.locator("#article .sub-content").all_inner_texts())
        assert content.startswith(QUOTE)
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        shutil.copyfile(tmp_path / "report.png", SHARED_SCREENSHOT)

        # Kind toggle: showing entities turns their highlights on (with JS only).
        page.locator("#filters input[data-kind='entity']").check()
        assert page.locator("mark.hl.k-entity").count() >= 5
        page.locator("#filters input[data-kind='entity']").uncheck()
        assert page.locator("mark.hl.k-entity").count() == 0
    assert not watched.problems, watched.problems  # no script errors, no CSP violations
    requests = watched.requests
    assert requests and all(url.startswith(base_url) for url in requests), requests
