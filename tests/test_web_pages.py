"""Web pages and helpers without the model: panels, sub-spans, store, bind checks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsift.errors import ConfigError
from newsift.model import Article, Finding, ModelInfo, Report
from newsift.render.placemap import map_view, places_panel
from newsift.web import create_app
from newsift.web.pages import article_pieces, sourcing_panel
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
    for panel in ("panel-sourcing", "panel-labels", "panel-claims", "panel-places", "panel-dates"):
        assert f'id="{panel}"' in html
    assert "100% of attributions name their source" in html
    assert "Deputy Defence Minister Hanna Maliar" in html
    assert "Words chosen for their emotional charge." in html  # glossary
    assert '<svg class="map"' in html and "<circle" in html
    assert "Krynky, Kherson" in html and "unresolved" in html
    assert 'data-label="Loaded_Language"' in html  # a label toggle
    assert 'id="panel-entities"' not in html


def test_panels_disappear_when_empty() -> None:
    class Bare(FakePipeline):
        def analyze(self, article: Article) -> Report:
            return Report(article, [], {"counts": {}}, [ModelInfo("fake", "0")], "test")

    with TestClient(create_app(Bare, api_token=None, max_chars=10_000)) as bare:
        html = report_page(bare, "Kyiv said on Tuesday that talks would go on.")
    assert "No findings" in html
    assert 'id="panel-' in html  # the (empty) list of all findings
    for panel in ("sourcing", "labels", "claims", "places", "dates", "entities"):
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
        def analyze(self, article: Article) -> Report:
            found = attribution_for(article.text)
            assert found is not None
            return Report(article, [found], {"counts": {}}, [], "test")

    with TestClient(create_app(WithAttribution, api_token=None, max_chars=10_000)) as app:
        html = report_page(app, text)
    block = re.search(r'<script type="application/json" id="newsift-data">(.*?)</script>', html)
    assert block is not None
    data = json.loads(block.group(1))
    fields = {f["key"]: f for f in data["findings"][0]["fields"]}
    assert {"source", "cue", "content"} <= fields.keys()
    assert text[fields["cue"]["start"] : fields["cue"]["end"]] == "told"


def test_malicious_labels_and_evidence_are_escaped() -> None:
    class Evil(FakePipeline):
        def analyze(self, article: Article) -> Report:
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
    assert sourcing_panel({"sourcing": "nope"}) is None
    assert sourcing_panel({"sourcing": {}}) is not None
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
        pytest.skip("`newsift serve` is not in cli.py yet")
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
