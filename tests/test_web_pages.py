"""Web pages and helpers without the model: panels, sub-spans, store, bind checks."""

from __future__ import annotations

import errno
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsift.errors import ConfigError
from newsift.model import Article, Finding, ModelInfo, Report
from newsift.render.pieces import article_pieces
from newsift.render.placemap import map_view, places_panel
from newsift.render.reportview import report_view, source_rows
from newsift.web import create_app
from newsift.web.limits import AttemptLimiter, WebLimits
from newsift.web.logs import RepeatFilter
from newsift.web.protocol import FD_RESERVE, connection_cap
from newsift.web.security import (
    host_name,
    is_loopback,
    served_hosts,
    session_value,
    token_matches,
)
from newsift.web.server import check_bind, server_url
from newsift.web.store import ReportStore
from tests.browser.fakes import FakePipeline, attribution_for
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(FakePipeline, api_token=None, max_chars=10_000)) as test_client:
        yield test_client


def form_token(client: TestClient, page: str = "/") -> str:
    """The form token a page's form carries (the client keeps its cookie)."""
    html = client.get(page).text
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match is not None, html[:300]
    return match.group(1)


def post_form(
    client: TestClient, path: str = "/analyze", data: dict[str, str] | None = None, **kwargs: Any
) -> Any:
    """POST a page's form as a browser does: with the form token of the page it came from."""
    page = "/login" if path == "/login" else "/"
    return client.post(
        path, data={**(data or {}), "form_token": form_token(client, page)}, **kwargs
    )


def report_page(client: TestClient, text: str) -> str:
    response = post_form(client, data={"text": text}, follow_redirects=True)
    assert response.status_code == 200, response.text
    return response.text


def test_panels_appear_for_what_the_report_holds(client: TestClient) -> None:
    html = report_page(client, "Kyiv said on Tuesday that talks would go on.")
    for panel in ("panel-sourcing", "panel-claims", "panel-places", "panel-more"):
        assert f'id="{panel}"' in html
    assert re.search(r"100% of \d+ attributed statements have a named source", html)
    assert "Deputy Defence Minister Hanna Maliar" in html
    assert "Words chosen for their emotional charge." in html  # glossary
    assert '<svg class="map"' in html and "<circle" in html
    assert "Krynky, Kherson" in html and "unresolved" in html
    assert 'data-label="Loaded_Language"' in html  # an option of the label filter
    assert '<link rel="stylesheet" href="/report.css">' in html
    assert '<script src="/report.js" defer></script>' in html
    assert 'href="/reports/' in html and "export.html" in html


def test_the_report_page_serves_the_standalone_reports_style_and_script(
    client: TestClient,
) -> None:
    from newsift.render.html import report_script, report_stylesheet

    css, js = client.get("/report.css"), client.get("/report.js")
    assert css.status_code == js.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert js.headers["content-type"].startswith("text/javascript")
    assert css.text == report_stylesheet() and js.text == report_script()
    assert "script-src 'self'" in js.headers["content-security-policy"]


def test_panels_disappear_when_empty() -> None:
    class Bare(FakePipeline):
        def report(self, article: Article) -> Report:
            return Report(article, [], {"counts": {}}, [ModelInfo("fake", "0")], "test")

    with TestClient(create_app(Bare, api_token=None, max_chars=10_000)) as bare:
        html = report_page(bare, "Kyiv said on Tuesday that talks would go on.")
    assert "No findings" in html
    for panel in ("sourcing", "claims", "places", "dates", "more"):
        assert f'id="panel-{panel}"' not in html


def test_attribution_parts_are_cut_for_highlighting() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    finding = attribution_for(text)
    assert finding is not None
    report = Report(Article(text=text), [finding], {}, [], "test")
    _, pieces = article_pieces(report)
    assert "".join(p.text for p in pieces) == text
    bounds = {(p.start, p.end) for p in pieces}
    for part in ("source", "cue", "content"):
        span = finding.fields[part]
        inside = [p for p in pieces if span["start"] <= p.start and p.end <= span["end"]]
        assert "".join(p.text for p in inside) == span["text"]
        assert any(start == span["start"] for start, _ in bounds)
    assert sum(p.first and bool(p.seg.starts) for p in pieces) == 1  # one keyboard stop


def test_page_data_is_a_json_block_with_subspans(client: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]

    class WithAttribution(FakePipeline):
        def report(self, article: Article) -> Report:
            found = attribution_for(article.text)
            assert found is not None
            return Report(article, [found], {"counts": {}}, [], "test")

    with TestClient(create_app(WithAttribution, api_token=None, max_chars=10_000)) as app:
        html = report_page(app, text)
    block = re.search(r'<script type="application/json" id="newsift-data">(.*?)</script>', html)
    assert block is not None
    data = json.loads(block.group(1))
    spans = {f["key"]: f for f in data["findings"][0]["subspans"]}
    assert {"source", "cue", "content"} <= spans.keys()
    assert text[spans["cue"]["start"] : spans["cue"]["end"]] == "told"
    details = {name: value for name, value, _ in data["findings"][0]["details"]}
    assert details["Source"] == "“Deputy Defence Minister Hanna Maliar”"
    assert details["Resolved as"] == "Hanna Maliar"  # words, not raw keys
    assert "null" not in json.dumps(data["findings"][0]["details"])


def test_malicious_labels_and_evidence_are_escaped() -> None:
    class Evil(FakePipeline):
        def report(self, article: Article) -> Report:
            bad = '"><script>alert(1)</script>'
            finding = Finding(
                "technique", bad, 0, 4, article.text[:4], 0.5, "t", {"rule": bad}, {"note": bad}
            )
            summary = {"glossary": {bad: bad}, "places": [{"text": bad, "lat": 1, "lon": 2}]}
            return Report(article, [finding], summary, [], "test")

    with TestClient(create_app(Evil, api_token=None, max_chars=10_000)) as app:
        html = report_page(app, "Kyiv said on Tuesday that talks would go on.")
    assert "<script>alert" not in html
    assert '"><script' not in html
    assert "&#34;&gt;&lt;script&gt;alert(1)" in html or "&quot;&gt;&lt;script&gt;" in html
    assert "\\u003cscript\\u003e" in html  # inside the JSON data block


def test_store_keeps_the_last_reports() -> None:
    store = ReportStore(size=2)
    reports = [Report(Article(text=f"t{i}"), [], {}, [], "test") for i in range(3)]
    ids = [store.add(r) for r in reports]
    assert len(set(ids)) == 3 and all(len(i) >= 20 for i in ids)
    assert store.get(ids[0]) is None
    assert store.get(ids[2]) is reports[2]
    assert len(store) == 2


def test_bind_checks() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    check_bind("127.0.0.1", None, insecure=False)
    check_bind("0.0.0.0", "token", insecure=False)
    check_bind("0.0.0.0", None, insecure=True)
    with pytest.raises(ConfigError) as raised:
        check_bind("0.0.0.0", None, insecure=False)
    assert raised.value.code == "E071"
    assert "NEWSIFT_API_TOKEN" in raised.value.message
    assert server_url("::1", 8000) == "http://[::1]:8000/"


def test_token_helpers() -> None:
    assert token_matches("abc", "abc") and not token_matches("abd", "abc")
    assert not token_matches(None, "abc")
    assert "abc" not in session_value("abc")


def test_summary_panels_tolerate_odd_shapes() -> None:
    def bare(summary: dict[str, Any]) -> Report:
        return Report(Article(text="Kyiv."), [], summary, [], "test")

    assert source_rows(bare({"sourcing": "nope"})) == []
    assert source_rows(bare({"sourcing": {"sources": [5, {"text": None}]}}))[0].text == ""
    # the notes are counted from the findings (as the terminal's), not read from the summary
    assert report_view(bare({"sourcing": {"left_out": 2}}))["sourcing_notes"] == []
    assert report_view(bare({"sourcing": {"left_out": None}}))["sourcing_notes"] == []
    assert places_panel({"places": {"unresolved": [{"name": "X", "suggestions": "Y"}]}})
    assert places_panel({"places": [{"text": "Z", "lat": 500, "lon": 0}]})[0].lat is None
    assert places_panel({"places": 5}) == []


def test_chunked_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 10_000

    response = client.post(
        "/api/analyze", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "E073"


def test_map_frames_the_located_places() -> None:
    places = places_panel(
        {"places": [{"text": "Kyiv", "lat": 50.45, "lon": 30.52}, {"text": "Nowhere"}]}
    )
    view = map_view(places)
    assert view is not None
    x, y = places[0].x, places[0].y
    assert view.x0 <= x <= view.x0 + view.width and view.y0 <= y <= view.y0 + view.height
    assert view.x0 >= 0 and view.x0 + view.width <= 360
    assert any(label == "50°N" for _, label in view.parallels)
    assert map_view(places_panel({"places": [{"text": "Nowhere"}]})) is None


def test_serve_command_refuses_an_open_address_without_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from newsift import cli

    if "serve" not in {
        c.name or c.callback.__name__ for c in cli.app.registered_commands if c.callback
    }:
        pytest.skip("`newsift serve` is not a command yet")
    monkeypatch.delenv("NEWSIFT_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli.app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "E071" in result.output


def test_loopback_server_refuses_foreign_host_headers() -> None:
    hosts = served_hosts("127.0.0.1")
    assert hosts is not None and served_hosts("0.0.0.0") is None
    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:80") == "localhost"
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, allowed_hosts=hosts)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/healthz").status_code == 200
        assert local.get("/healthz", headers={"Host": "localhost:8000"}).status_code == 200
        rebound = local.get("/api/analyzers", headers={"Host": "evil.example:8000"})
        assert rebound.status_code == 400
        assert rebound.json()["error"]["code"] == "E077"


def test_places_from_the_places_analyzer_show_as_resolved() -> None:
    """Regression: the panel looked for a "resolved" key the analyzer's summary lacks."""
    summary = {
        "places": [
            {
                "name": "Kyiv",
                "geonameid": 703448,
                "country": "UA",
                "lat": 50.45,
                "lon": 30.52,
                "count": 2,
                "label": "resolved",
            },
            {
                "name": "Dnipro River",
                "geonameid": None,
                "country": None,
                "lat": None,
                "lon": None,
                "count": 1,
                "label": "unresolved",
            },
        ]
    }
    kyiv, river = places_panel(summary)
    assert kyiv.resolved == "Kyiv (UA)"
    assert river.resolved == ""
    assert map_view([kyiv, river]) is not None


def assert_coded(response: Any, status: int, code: str) -> None:
    """A JSON error with ``code``, or an error page naming it."""
    assert response.status_code == status, response.text[:300]
    if response.headers["content-type"].startswith("application/json"):
        assert response.json()["error"]["code"] == code
    else:
        assert f"Error {code}" in response.text or f"[{code}]" in response.text


@pytest.mark.regression
def test_deeply_nested_json_is_a_coded_422(client: TestClient) -> None:
    """Regression: a JSON body nested 100k deep raised RecursionError (a bare 500)."""
    headers = {"Content-Type": "application/json"}
    for body in (b"[" * 100_000, b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"):
        response = client.post("/api/analyze", content=body, headers=headers)
        assert_coded(response, 422, "E074")
        assert "nested too deeply" in response.json()["error"]["message"]


@pytest.mark.regression
def test_cross_site_posts_are_refused(client: TestClient) -> None:
    """Regression: a page on another site could post the analysis form (no CSRF defence)."""
    data = {"text": "Kyiv said on Tuesday that talks would go on."}
    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "http://evil.example"},
        {"Origin": "http://testserver:8080"},
    ):
        page = post_form(client, data=data, headers=headers)
        assert_coded(page, 403, "E110")
        assert "another" in page.text
        api = client.post("/api/analyze", files={"text": (None, data["text"])}, headers=headers)
        assert_coded(api, 403, "E110")
    # This server's own pages, and clients that are not browsers, are served.
    for headers in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}, {}):
        own = post_form(client, data=data, headers=headers, follow_redirects=False)
        assert own.status_code == 303, own.text[:300]
    assert client.post("/api/analyze", json=data, headers={"Origin": "null"}).status_code == 200


@pytest.mark.regression
def test_form_posts_need_the_form_token() -> None:
    """Regression: the analysis form was accepted without any token."""
    app = create_app(FakePipeline, api_token=None, max_chars=10_000)
    data = {"text": "Kyiv said on Tuesday that talks would go on."}
    with TestClient(app) as fresh:
        missing = fresh.post("/analyze", data=data)
        assert_coded(missing, 403, "E110")
        assert "form token" in missing.text
        forged = "x" * 24 + "." + "0" * 32  # the same made-up value in cookie and field
        fresh.cookies.set("newsift_form", forged)
        assert_coded(fresh.post("/analyze", data={**data, "form_token": forged}), 403, "E110")
        fresh.cookies.clear()
        token = form_token(fresh)
        assert fresh.cookies.get("newsift_form") == token
        home = fresh.get("/")
        assert "set-cookie" not in home.headers  # a valid token is kept (several tabs work)
        assert f'value="{token}"' in home.text
        ok = fresh.post("/analyze", data={**data, "form_token": token}, follow_redirects=False)
        assert ok.status_code == 303
        cookie = fresh.get("/login").headers.get("set-cookie", "") + home.headers.get(
            "set-cookie", ""
        )
        assert cookie == ""


@pytest.mark.regression
def test_login_is_rate_limited_per_client() -> None:
    """Regression: /login allowed unlimited guesses."""
    limits = WebLimits(login_attempts=3, login_window=60, retry_after=5)
    app = create_app(FakePipeline, api_token="s3cret-token", max_chars=10_000, limits=limits)
    with TestClient(app) as guarded:
        for _ in range(3):
            assert post_form(guarded, "/login", {"token": "guess"}).status_code == 401
        refused = post_form(guarded, "/login", {"token": "s3cret-token"})  # even the right one
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert "E079" in refused.text and "at most 3 in 60 seconds" in refused.text
        assert "newsift_session" not in refused.headers.get("set-cookie", "")


def test_attempt_limiter_forgets_old_failures() -> None:
    now = [100.0]
    limiter = AttemptLimiter(attempts=2, window=10, clock=lambda: now[0])
    limiter.record_failure("a")
    limiter.record_failure("a")
    assert limiter.retry_after("a") == 10
    assert limiter.retry_after("b") is None  # per client
    now[0] += 4
    assert limiter.retry_after("a") == 6
    now[0] += 6
    assert limiter.retry_after("a") is None


@pytest.mark.regression
def test_overlong_tokens_are_refused_unread() -> None:
    """Regression: /login and the bearer header compared tokens of any length."""
    app = create_app(FakePipeline, api_token="s3cret-token", max_chars=10_000)
    with TestClient(app) as guarded:
        long = "s3cret-token" + "x" * 5000
        page = post_form(guarded, "/login", {"token": long})
        assert page.status_code == 401
        assert "E074" in page.text and "longer than 1,024 characters" in page.text
        bearer = guarded.get("/api/analyzers", headers={"Authorization": f"Bearer {long}"})
        assert_coded(bearer, 401, "E072")
    assert not token_matches("a" * 2000, "a" * 2000)
    assert token_matches("a" * 2000, "a" * 2000, max_chars=2000)


@pytest.mark.regression
def test_large_html_upload_is_refused_before_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a 16.5 MB page was parsed whole (164 s, 2.5 GB) before any size check."""

    def no_extraction(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page was parsed")

    monkeypatch.setattr("newsift.web.app.read_document", no_extraction)
    app = create_app(
        FakePipeline, api_token=None, max_chars=10_000, limits=WebLimits(max_html_bytes=20_000)
    )
    page = b"<html><body>" + b"<p>Kyiv said so.</p>" * 2000 + b"</body></html>"
    with TestClient(app) as small:
        api = small.post("/api/analyze", files={"file": ("big.html", page, "text/html")})
        assert_coded(api, 413, "E112")
        message = api.json()["error"]["message"]
        assert message.startswith(f"[E112] big.html: the HTML page is {len(page):,} bytes")
        assert "20,000" in message
        form = post_form(small, files={"file": ("big.html", page, "text/html")})
        assert_coded(form, 413, "E112")


@pytest.mark.regression
def test_repeated_errors_are_logged_once_per_interval() -> None:
    """Regression: EMFILE on every accept wrote 500k identical log lines a minute."""
    now = [0.0]
    repeat_filter = RepeatFilter(10.0, clock=lambda: now[0])
    error = OSError(errno.EMFILE, "Too many open files")

    def record(message: str = "socket.accept() out of system resource") -> logging.LogRecord:
        return logging.LogRecord(
            "asyncio", logging.ERROR, __file__, 1, message, (), (OSError, error, None)
        )

    passed = [r for r in (record() for _ in range(1000)) if repeat_filter.filter(r)]
    assert len(passed) == 1
    assert repeat_filter.filter(record("another problem"))  # another kind gets through
    now[0] = 10.5
    later = record()
    assert repeat_filter.filter(later)
    assert later.getMessage().endswith("(999 more like this in the last 10 s)")
    assert not repeat_filter.filter(record())


def test_connection_cap_leaves_file_descriptors_free() -> None:
    assert connection_cap(256, 1024, backlog=128) == 256
    assert connection_cap(256, 512, backlog=128) == 512 - 2 * 128 - FD_RESERVE
    assert connection_cap(256, None, backlog=128) == 256
    assert connection_cap(256, 10, backlog=128) == 1


def test_the_home_form_posts_as_a_browser_sends_it(client: TestClient) -> None:
    """The form's own fields, with the headers Chromium adds under ``no-referrer``."""
    html = client.get("/").text
    form = re.search(r'<form class="analyze" method="post" action="/analyze".*?</form>', html, re.S)
    assert form is not None
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))
    assert set(hidden) == {"form_token"}
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": "null"}
    data = {**hidden, "text": "Kyiv said on Tuesday that talks would go on."}
    response = client.post("/analyze", data=data, headers=headers, follow_redirects=False)
    assert response.status_code == 303
