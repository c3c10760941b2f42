"""The standalone HTML report in a real browser: selecting an attribution marks its parts.

Opens a rendered report file (no server, no model) in Debian's Chromium driven by
Playwright; skipped like the web page's browser test when there is no Chromium.
"""

from __future__ import annotations

from pathlib import Path

from newsift.render import render
from tests.browser.support import needs_chromium, watched_page
from tests.test_render import make_report

pytestmark = needs_chromium


def test_selecting_an_attribution_marks_its_source_cue_and_content(tmp_path: Path) -> None:
    report = make_report()
    attribution = report.findings[0]
    assert attribution.kind == "attribution"
    parts = {name: attribution.fields[name]["text"] for name in ("source", "cue", "content")}
    path = tmp_path / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    with watched_page() as watched:
        page = watched.page
        page.goto(path.as_uri())

        def marked(name: str) -> str:
            return "".join(page.locator(f"#article .sub-{name}").all_inner_texts())

        def nothing_marked() -> bool:
            return page.locator("#article [class*='sub-']").count() == 0

        assert nothing_marked()
        page.locator("mark.hl[data-starts~='1']").click()  # the attribution's highlight
        assert page.locator("#f1.active").count() == 1
        for name, text in parts.items():
            assert marked(name) == text, name
        page.keyboard.press("Escape")
        assert nothing_marked() and page.locator(".active").count() == 0

        page.locator("#f1").click()  # its panel entry selects it too
        assert marked("source") == parts["source"]
        assert page.locator("#f2").is_hidden()  # an entity: entities start hidden
        page.locator("#f3").click()  # another finding: the parts go
        assert nothing_marked() and page.locator("#f3.active").count() == 1

        page.locator("#f1 summary").focus()
        assert marked("cue") == parts["cue"]
        page.locator("#filters input[data-kind='attribution']").uncheck()
        assert nothing_marked() and page.locator("#f1").is_hidden()
        page.locator("#filters input[data-kind='attribution']").check()
        assert page.locator("mark.hl.k-attribution").count() > 0
    assert not watched.problems, watched.problems  # no script errors, no CSP violations
    assert watched.requests == [path.as_uri()], watched.requests
