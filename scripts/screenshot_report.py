"""Regenerate the web report screenshots in docs/screenshots (needs Chromium and the model).

    python scripts/screenshot_report.py               # examples/article.txt → docs/screenshots
    python scripts/screenshot_report.py ARTICLE.txt OUT_DIR

Starts the web workspace on a free loopback port with the real pipeline, pastes the article,
analyses it, and takes two 1400×1000 screenshots with Playwright driving /usr/bin/chromium
(scripts/install-browser.sh installs it): ``web-report.png`` (header, sources, claims, map)
and ``web-report-article.png`` (filters, the article with a source's statements highlighted
and a tooltip, the findings list).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsift.pipeline import Pipeline
from newsift.web import create_app
from newsift.web.server import running_server

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str]) -> int:
    """Take the screenshots; returns the exit code."""
    article = Path(argv[0]) if argv else ROOT / "examples" / "article.txt"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline.create()
    app = create_app(lambda: pipeline, api_token=None)
    with running_server(app) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url + "/")
        page.fill("#text", article.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#filters")
        page.screenshot(path=str(out / "web-report.png"))
        page.locator("#sources button.src").first.click()
        hit = page.locator("#article mark.hl.src-hit").first
        hit.evaluate(
            "mark => window.scrollTo(0, window.scrollY + mark.getBoundingClientRect().top - 330)"
        )
        hit.hover()
        page.screenshot(path=str(out / "web-report-article.png"))
        browser.close()
    for name in ("web-report.png", "web-report-article.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
