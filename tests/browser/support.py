"""What the browser tests share: Debian's Chromium, its flags, and a watched page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Skip without Chromium, except in CI (.ci/run installs it): there a missing browser fails.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="no /usr/bin/chromium: run scripts/install-browser.sh (as root) to install it",
)


@dataclass
class WatchedPage:
    """A Playwright page with every request it made and every script or CSP error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@contextmanager
def watched_page() -> Iterator[WatchedPage]:
    """A fresh 1400×1000 Chromium page that records requests and errors; closed after."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            watched = WatchedPage(page)
            page.on("request", lambda request: watched.requests.append(request.url))
            page.on(
                "console", lambda m: watched.problems.append(m.text) if m.type == "error" else None
            )
            page.on("pageerror", lambda error: watched.problems.append(str(error)))
            yield watched
        finally:
            browser.close()
