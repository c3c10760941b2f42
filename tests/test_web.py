"""The web API and pages with the real pipeline: reports, coded errors, token, headers, XSS."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from newsift.pipeline import Pipeline
from newsift.web import create_app
from newsift.web.security import SESSION_COOKIE
from tests.conftest import EXAMPLE
from tests.test_web_pages import post_form

pytestmark = pytest.mark.model

GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein neues Hilfspaket beschlossen. Der Minister "
    "sagte, die Lage an der Front sei weiterhin sehr ernst und die Unterstützung werde fortgesetzt."
)
XSS_TITLE = "<script>alert(1)</script> \u202eevil"
XSS_TEXT = (
    "Officials in Kyiv said <img src=x onerror=alert(2)> the talks with Berlin ended on Monday "
    "with a deal worth 2 billion euros. "
    "</textarea><script>alert(3)</script> The ministry said \u202ereversed text\u202c was "
    "published on Tuesday."
)


@pytest.fixture(scope="module")
def client(pipeline: Pipeline) -> Iterator[TestClient]:
    """The app with the real pipeline and no token, started once for this module."""
    with TestClient(create_app(lambda: pipeline, api_token=None)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def small(pipeline: Pipeline) -> Iterator[TestClient]:
    """The app with a 1,000-character limit (request bodies over ~68 KB refused)."""
    limited = dataclasses.replace(pipeline, max_chars=1000)
    with TestClient(create_app(lambda: limited, api_token=None, max_chars=1000)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def guarded(pipeline: Pipeline) -> Iterator[TestClient]:
    """The app with an API token."""
    with TestClient(create_app(lambda: pipeline, api_token="s3cret-token")) as test_client:
        yield test_client


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"].startswith(f"[{code}] ")


def assert_offsets(report: dict[str, Any]) -> None:
    text = report["article"]["text"]
    for finding in report["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_analyze_json_returns_the_report(
    client: TestClient, schema_validator: Draft202012Validator
) -> None:
    body = example_text().split("\n\n", 1)[1]
    response = client.post(
        "/api/analyze",
        json={"text": body, "title": "T", "outlet": "Example Wire", "published": "2024-12-11"},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    schema_validator.validate(report)
    assert report["article"]["text"] == body
    assert report["article"]["outlet"] == "Example Wire"
    assert report["article"]["published"] == "2024-12-11"
    assert any(f["text"] == "Hanna Maliar" for f in report["findings"])
    assert_offsets(report)


def test_analyze_multipart_txt_upload(client: TestClient) -> None:
    data = example_text().encode("utf-8")
    response = client.post(
        "/api/analyze",
        files={"file": ("dir/article.txt", data, "text/plain")},
        data={"outlet": "Example Wire"},
    )
    assert response.status_code == 200, response.text
    article = response.json()["article"]
    assert article["title"].startswith("Ministry says river crossing")
    assert article["source"] == "article.txt"
    assert article["outlet"] == "Example Wire"
    assert_offsets(response.json())


def test_analyze_multipart_html_upload(client: TestClient) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in example_text().split("\n\n")[1:])
    page = (
        "<!DOCTYPE html><html><head><title>Crossing held</title>"
        '<meta property="og:site_name" content="Example Wire"></head>'
        f"<body><article><h1>Crossing held</h1>{paragraphs}</article></body></html>"
    )
    response = client.post(
        "/api/analyze", files={"file": ("page.html", page.encode(), "text/html")}
    )
    assert response.status_code == 200, response.text
    assert "Hanna Maliar" in response.json()["article"]["text"]


def test_only_and_skip_select_analyzers(client: TestClient) -> None:
    text = example_text()
    kept = client.post("/api/analyze", json={"text": text, "only": ["entities"]}).json()
    assert kept["findings"]
    dropped = client.post("/api/analyze", json={"text": text, "skip": "entities"}).json()
    assert "entities" not in {f["analyzer"] for f in dropped["findings"]}
    assert dropped["summary"]["counts"]["entity"] == 0


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"text": ""}, 422, "E001"),
        ({"text": " \n\t "}, 422, "E002"),
        ({"text": "12345 67 -- 89"}, 422, "E023"),
        ({"text": GERMAN}, 422, "E013"),
        ({"text": "Kyiv said so.", "published": "11/12/2024"}, 422, "E016"),
        ({"text": "Kyiv said so.", "only": ["nope"]}, 422, "E014"),
        ({"text": "Kyiv said so.", "skip": "entities,nope"}, 422, "E014"),
        ({"title": "no text"}, 422, "E074"),
        ({"text": 5}, 422, "E074"),
        ({"text": "Kyiv said so.", "title": ["x"]}, 422, "E074"),
    ],
)
def test_api_errors_are_coded(
    client: TestClient, body: dict[str, Any], status: int, code: str
) -> None:
    assert_error(client.post("/api/analyze", json=body), status, code)


def test_malformed_json_and_content_type(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    assert_error(client.post("/api/analyze", content=b"{nope", headers=headers), 422, "E074")
    assert_error(client.post("/api/analyze", content=b"[1]", headers=headers), 422, "E074")
    plain = {"Content-Type": "text/plain"}
    assert_error(client.post("/api/analyze", content=b"Kyiv", headers=plain), 415, "E076")


def test_upload_errors_match_the_cli(client: TestClient) -> None:
    def upload(name: str, data: bytes) -> Any:
        return client.post("/api/analyze", files={"file": (name, data, "application/x")})

    assert_error(upload("report.pdf", b"%PDF-1.7 ..."), 415, "E070")
    assert_error(upload("noext", b"Kyiv said so."), 415, "E070")
    assert_error(upload("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary"), 415, "E003")
    assert_error(upload("a.txt", b""), 422, "E001")
    shell = b'<!DOCTYPE html><html><body><div id="root"></div><script src="/a.js"></script>'
    assert_error(upload("a.html", shell), 422, "E006")


def test_size_limits(small: TestClient) -> None:
    assert_error(small.post("/api/analyze", json={"text": "word " * 201}), 413, "E005")
    upload = {"file": ("a.txt", b"word " * 1000, "text/plain")}
    assert_error(small.post("/api/analyze", files=upload), 413, "E030")
    huge = {"text": "x" * 200_000}
    assert_error(small.post("/api/analyze", json=huge), 413, "E073")
    form = small.post("/analyze", data={"text": "x" * 200_000})
    assert form.status_code == 413
    assert "Error E073" in form.text and "<form" not in form.text  # a page, not JSON


def test_analyzers_and_healthz(client: TestClient) -> None:
    analyzers = client.get("/api/analyzers").json()
    assert analyzers[0]["name"] == "entities"
    assert {"version", "kinds", "models", "description"} <= analyzers[0].keys()
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert "entities" in health["analyzers"]


def test_openapi_and_docs_are_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/analyze" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert 'href="/openapi.json"' in docs.text
    assert_only_local_urls(docs.text)
    assert client.get("/redoc").status_code == 404


def assert_only_local_urls(page: str) -> None:
    """Every src/href/action on a page stays on this server."""
    for attribute, url in re.findall(r'\b(src|href|action)="([^"]*)"', page):
        assert url.startswith(("/", "#")), f"{attribute}={url!r}"
        assert not url.startswith("//"), f"{attribute}={url!r}"


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/analyzers", "/static/web.css", "/nope"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_error_responses_carry_security_headers(small: TestClient) -> None:
    response = small.post("/api/analyze", json={"text": "x" * 200_000})
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_form_post_renders_the_report_without_javascript(client: TestClient) -> None:
    response = post_form(
        client,
        data={"text": example_text().replace("\n", "\r\n"), "outlet": "Example Wire"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    page = client.get(location)
    assert page.status_code == 200
    html = page.text
    assert "Ministry says river crossing near Kherson" in html
    assert '<mark class="hl k-place"' in html
    assert 'data-kind="entity"' in html  # entities: a filter, unticked at first
    assert 'tabindex="0"' in html
    assert "\r" not in html
    assert_only_local_urls(html)
    assert "<script>" not in html  # no inline script: data block and external file only
    assert '<script type="application/json" id="newsift-data">' in html
    for fmt, marker in (("json", '"findings"'), ("md", "Hanna Maliar"), ("html", "<!DOCTYPE")):
        export = client.get(f"{location}/export.{fmt}")
        assert export.status_code == 200
        assert marker in export.text
        assert export.headers["content-disposition"].startswith("attachment")
    assert_error(client.get(f"{location}/export.pdf"), 422, "E050")
    assert_error(client.get("/reports/unknown/export.json"), 404, "E075")
    assert client.get("/reports/unknown").status_code == 404


def test_form_errors_show_on_the_form(client: TestClient) -> None:
    response = post_form(client, data={"text": "Kyiv said so.", "published": "soon"})
    assert response.status_code == 422
    assert "E016" in response.text
    assert "Kyiv said so." in response.text  # the text is kept in the form
    response = post_form(client, files={"file": ("a.pdf", b"%PDF-", "application/pdf")})
    assert response.status_code == 415
    assert "E070" in response.text


def test_xss_is_escaped_in_the_report_page(client: TestClient) -> None:
    response = post_form(client, data={"text": XSS_TEXT, "title": XSS_TITLE}, follow_redirects=True)
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)" in html
    assert "&lt;script&gt;alert(3)" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "</textarea><script>" not in html
    assert "\u202e" not in html
    assert "U+202E" in html


def test_xss_is_escaped_when_the_form_is_shown_again(client: TestClient) -> None:
    data = {"text": XSS_TEXT, "title": XSS_TITLE, "published": "</textarea><script>alert(4)"}
    html = post_form(client, data=data).text
    assert "<script>alert" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;alert(3)" in html
    assert "\u202e" not in html


def test_token_guards_api_and_pages(guarded: TestClient) -> None:
    text = {"text": example_text()}
    assert_error(guarded.post("/api/analyze", json=text), 401, "E072")
    wrong = {"Authorization": "Bearer nope"}
    assert_error(guarded.post("/api/analyze", json=text, headers=wrong), 401, "E072")
    right = {"Authorization": "Bearer s3cret-token"}
    assert guarded.post("/api/analyze", json=text, headers=right).status_code == 200
    assert guarded.get("/api/analyzers", headers=right).status_code == 200
    assert guarded.get("/healthz").status_code == 200
    assert guarded.get("/static/web.js").status_code == 200
    # Pages: a browser is sent to the login form; the cookie it sets opens them.
    page = guarded.get("/", headers={"Accept": "text/html"}, follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login")
    assert post_form(guarded, "/login", {"token": "nope"}).status_code == 401
    login = post_form(guarded, "/login", {"token": "s3cret-token"}, follow_redirects=False)
    assert login.status_code == 303
    cookie = login.cookies[SESSION_COOKIE]
    assert "s3cret-token" not in cookie
    assert "httponly" in login.headers["set-cookie"].lower()
    assert "samesite=strict" in login.headers["set-cookie"].lower()
    guarded.cookies.set(SESSION_COOKIE, cookie)
    try:
        assert guarded.get("/").status_code == 200
        # The API wants the header, not the cookie.
        assert_error(guarded.post("/api/analyze", json=text), 401, "E072")
    finally:
        guarded.cookies.clear()


def test_no_token_means_open(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/login").status_code == 200


def test_lone_surrogates_are_a_coded_422(client: TestClient) -> None:
    """Regression: JSON text with a lone surrogate crashed the pipeline (500)."""
    body = b'{"text": "The mayor said \\ud800 on Monday that Paris would spend money."}'
    response = client.post(
        "/api/analyze", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E039"


def test_skipped_analyzers_leave_no_dangling_links(client: TestClient) -> None:
    """Regression: with attribution skipped, claims still named an attribution finding."""
    text = "The mayor said on Monday that Paris would spend $5 million on repairs."
    report = client.post("/api/analyze", json={"text": text, "skip": ["attribution"]}).json()
    ids = {f["id"] for f in report["findings"]}
    for claim in (f for f in report["findings"] if f["kind"] == "claim"):
        assert claim["attribution"] is None or claim["attribution"] in ids
        assert set(claim["places"]) <= ids and set(claim["times"]) <= ids


@pytest.mark.regression
@pytest.mark.parametrize("selection", [{"skip": ["attribution"]}, {"only": ["techniques"]}])
def test_a_selection_gives_the_cli_findings(
    client: TestClient, tmp_path: Any, selection: dict[str, list[str]]
) -> None:
    """The web app filtered a full run while the CLI built a smaller pipeline, so with
    attribution left out a minister's reported words were ``quoted`` here and ``author``
    there: both now run the analyzers the selection needs."""
    from typer.testing import CliRunner

    from newsift.cli import app

    body = example_text().split("\n\n", 1)[1]
    web = client.post("/api/analyze", json={"text": body, **selection}).json()
    path = tmp_path / "article.txt"
    path.write_text(body, encoding="utf-8")
    options = [f"--{key}={','.join(names)}" for key, names in selection.items()]
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json", *options])
    assert result.exit_code == 0, result.stderr
    cli = json.loads(result.stdout)
    assert web["findings"] == cli["findings"]
    assert web["summary"] == cli["summary"]
    voices = {f["voice"] for f in web["findings"] if f["kind"] == "technique"}
    assert "quoted" in voices


@pytest.mark.model
@pytest.mark.regression
def test_api_cuts_a_huge_title_and_outlet(client: TestClient) -> None:
    """A 9-million-character title once made a 27 MB report: the API's metadata is bounded
    as the readers' is (title 1,000 characters, outlet 200)."""
    body = {"text": "The council met on Monday.", "title": "T" * 50_000, "outlet": "O" * 5_000,
            "only": ["entities"]}  # fmt: skip
    article = client.post("/api/analyze", json=body).json()["article"]
    assert (len(article["title"]), len(article["outlet"])) == (1000, 200)
