"""The corpus pages in a real browser: nothing blocked by the CSP, nothing fetched from
elsewhere, the network drawn, a passage link jumping to its counterpart."""

from __future__ import annotations

from pathlib import Path

from newsift.corpus.commands import AddOptions, run_add
from newsift.web import create_app
from newsift.web.server import running_server
from tests.browser.fakes import FakePipeline
from tests.browser.support import needs_chromium, watched_page
from tests.corpus.conftest import EXAMPLE_CORPUS

pytestmark = [needs_chromium]


def test_corpus_pages_in_a_real_browser(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    run_add(AddOptions([str(EXAMPLE_CORPUS)], db=db, analyze=False))
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, corpus_db=db)
    with running_server(app) as url, watched_page() as watched:
        page = watched.page
        page.goto(f"{url}/corpus")
        page.click("#stories a")  # the first story's timeline
        assert page.locator("#timeline tbody tr").count() == 5
        page.goto(f"{url}/corpus/network")
        box = page.locator("svg.net").bounding_box()
        assert box is not None and box["width"] > 300
        assert page.locator("svg.net .net-node").count() == 4
        page.goto(f"{url}/corpus/copy/wire-001/state-001")
        page.click("#s-p1")
        assert page.evaluate("location.hash") == "#c-p1"
        assert page.evaluate(
            "getComputedStyle(document.querySelector('#c-p1 mark')).backgroundColor"
        ) not in ("", "rgba(0, 0, 0, 0)")
    assert watched.problems == []
    assert all(request.startswith(url) for request in watched.requests), watched.requests
