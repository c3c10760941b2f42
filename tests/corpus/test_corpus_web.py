"""The web workspace's corpus pages (``newsift serve --db``) on the bundled example corpus."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsift.corpus.commands import AddOptions, run_add
from newsift.corpus.model import CorpusArticle, Passage
from newsift.web import create_app
from newsift.web.corpus_views import article_url, copy_url, marked_pieces
from tests.browser.fakes import FakePipeline
from tests.corpus.conftest import EXAMPLE_CORPUS


class _FakeStream:
    """The fake pipeline behind ``corpus add`` (a fixed report per English article)."""

    def __init__(self) -> None:
        self.fake = FakePipeline()

    def analyze_stream(self, items: list[object]) -> Iterator[object]:
        return (self.fake.analyze(a) for a in items)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    outcome = run_add(AddOptions([str(EXAMPLE_CORPUS)], db=db), pipeline=_FakeStream)
    assert outcome.added == 7 and outcome.analysed == 6
    return db


@pytest.fixture(scope="module")
def client(corpus_db: str) -> Iterator[TestClient]:
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, corpus_db=corpus_db)
    with TestClient(app) as test_client:
        yield test_client


def texts() -> dict[str, str]:
    return {json.loads(line)["id"]: json.loads(line)["text"] for line in EXAMPLE_CORPUS.open()}


def test_stories_list_shows_the_flood_story_and_sorts(client: TestClient) -> None:
    page = client.get("/corpus")
    assert page.status_code == 200
    assert "Floods close Valdmere rail line" in page.text
    (story,) = re.findall(r'data-story="(s-[0-9a-f]{12})"', page.text)
    assert "7 articles, 3 copy relations in 1 families" in page.text
    for sort in ("date", "score", "nonsense"):
        assert story in client.get(f"/corpus?sort={sort}").text
    assert '<strong aria-current="true">size</strong>' in client.get("/corpus?sort=x").text


def test_story_timeline_is_in_publication_order_with_copy_kinds(client: TestClient) -> None:
    story = re.findall(r"/corpus/stories/(s-[0-9a-f]{12})", client.get("/corpus").text)[0]
    page = client.get(f"/corpus/stories/{story}").text
    table = page.split('id="timeline"', 1)[1]
    order = re.findall(r'<tr data-article="([^"]+)"', table)
    # 07:10Z, 07:31Z, 08:05Z (09:05+01:00), 09:40Z (12:40+03:00), 10:02Z
    assert order == ["wire-001", "farm-001", "indep-001", "state-001", "excerpt-001"]
    kinds = dict(re.findall(r'<tr data-article="([^"]+)" data-kind="([a-z]+)"', table))
    assert kinds == {"farm-001": "verbatim", "state-001": "partial", "excerpt-001": "partial"}
    assert "earliest source of its copy family" in table
    assert "verbatim copy of wire-001" in table and 'href="/corpus/copy/wire-001/farm-001"' in table
    assert "2 h 30 min" in table  # State Broadcaster, 12:40+03:00, 2 h 30 min after 07:10Z
    assert "<svg" in page and "http" not in page.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_network_page_draws_outlets_and_edges_as_inline_svg(client: TestClient) -> None:
    page = client.get("/corpus/network").text
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    outlets = set(re.findall(r'data-outlet="([^"]+)"', svg))
    assert outlets == {
        "Harbor Wire", "DailyNewsHub", "Coastline Today", "State Broadcaster",
    }  # fmt: skip
    assert 'data-source="Harbor Wire" data-copy="DailyNewsHub"' in svg
    assert "1 · 21 min" in svg  # count and median lag on the edge
    assert "<script" not in page.split("</head>", 1)[1]
    assert again_identical(client, "/corpus/network")


def again_identical(client: TestClient, path: str) -> bool:
    """The layout is deterministic: the same page twice."""
    return client.get(path).text == client.get(path).text


def test_article_page_shows_other_coverage(client: TestClient) -> None:
    page = client.get("/corpus/articles/wire-001").text
    roles = dict(re.findall(r'data-other="([^"]+)" data-role="([a-z]+)"', page))
    assert roles == {"farm-001": "copy", "excerpt-001": "copy", "state-001": "copy"}
    assert set(re.findall(r'data-mate="([^"]+)"', page)) == {
        "farm-001", "indep-001", "state-001", "excerpt-001",
    }  # fmt: skip
    assert "Earliest source of its copy family" in page
    assert 'href="/corpus/articles/wire-001/report"' in page
    german = client.get("/corpus/articles/de-001").text
    assert "Not analysed" in german and 'lang="de"' in german


def test_article_report_opens_in_the_report_view(client: TestClient) -> None:
    response = client.get("/corpus/articles/wire-001/report", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/reports/")
    report = client.get(response.headers["location"])
    assert report.status_code == 200 and "Floods close Valdmere" in report.text
    assert client.get("/corpus/articles/de-001/report").status_code == 404  # not analysed


def test_copy_view_highlights_the_aligned_passages_in_both_texts(client: TestClient) -> None:
    copies = client.get("/corpus/copy/wire-001/state-001")
    assert copies.status_code == 200
    page = copies.text
    listed = re.findall(
        r'data-source-start="(\d+)" data-source-end="(\d+)" data-copy-start="(\d+)" '
        r'data-copy-end="(\d+)"',
        page,
    )
    assert listed, "no passage listed"
    left, right = page.split('aria-labelledby="s-title"', 1)[1].split('aria-labelledby="c-title"')
    source, copy = texts()["wire-001"], texts()["state-001"]
    for side, text, column in ((left, source, 0), (right, copy, 2)):
        marks = re.findall(
            r'data-passage="(\d+)" data-start="(\d+)" data-end="(\d+)"><mark>(.*?)</mark>',
            side,
            flags=re.S,
        )
        for number, start, end, shown in marks:
            assert html.unescape(shown) == text[int(start) : int(end)]
            span = listed[int(number) - 1]
            assert int(span[column]) <= int(start) and int(end) <= int(span[column + 1])
        covered = {int(n) for n, *_ in marks}
        assert covered == set(range(1, len(listed) + 1))
    assert "partial</strong> copy" in page and "According to Harbor Wire" in page


def test_copy_view_of_a_pair_that_is_not_a_copy(client: TestClient) -> None:
    page = client.get("/corpus/copy/wire-001/indep-001").text
    assert "not a copy" in page


def test_unknown_ids_are_404_with_the_code(client: TestClient) -> None:
    for path in ("/corpus/articles/nope", "/corpus/copy/wire-001/nope", "/corpus/stories/s-0"):
        response = client.get(path)
        assert response.status_code == 404 and "E144" in response.text


def test_ids_are_escaped_and_odd_ids_get_query_links(tmp_path: Path) -> None:
    odd = '<b>x</b>/"1"'
    feed = tmp_path / "odd.jsonl"
    body = json.loads(EXAMPLE_CORPUS.read_text(encoding="utf-8").splitlines()[0])
    feed.write_text(json.dumps({**body, "id": odd, "outlet": "<i>O</i>"}) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'odd.db'}"
    run_add(AddOptions([str(feed)], db=db, analyze=False))
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, corpus_db=db)
    with TestClient(app) as test_client:
        page = test_client.get(article_url(odd))
        assert page.status_code == 200
        assert "<b>x</b>" not in page.text and "&lt;b&gt;x&lt;/b&gt;" in page.text
        assert "<i>O</i>" not in page.text
    assert article_url(odd).startswith("/corpus/article?id=")
    assert copy_url("a", odd).startswith("/corpus/copy?source=a&copy=")


def test_without_a_corpus_the_pages_say_how_to_make_one() -> None:
    with TestClient(create_app(FakePipeline, api_token=None, max_chars=10_000)) as test_client:
        page = test_client.get("/corpus")
        assert page.status_code == 200 and "newsift serve --db" in page.text
        assert "E151" in page.text
        assert test_client.get("/corpus/network").status_code == 404


def test_corpus_pages_keep_the_strict_csp(client: TestClient) -> None:
    response = client.get("/corpus/copy/wire-001/farm-001")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "style=" not in response.text  # no inline style: the CSP would block it


def test_marked_pieces_join_back_to_the_text() -> None:
    text = "abcdefghij"
    pieces = marked_pieces(text, [(2, 5), (4, 8), (9, 99)], [(3, 4)])
    assert "".join(p.text for p in pieces) == text
    assert [(p.start, p.end, p.passage, p.quote, p.first) for p in pieces] == [
        (0, 2, None, False, False),
        (2, 3, 1, False, True),
        (3, 4, 1, True, False),
        (4, 5, 1, False, False),
        (5, 8, 2, False, True),
        (8, 9, None, False, False),
        (9, 10, 3, False, True),
    ]


def test_copy_sides_use_each_texts_own_offsets() -> None:
    from newsift.web.corpus_views import copy_sides

    a = CorpusArticle("a", "xx shared words here")
    b = CorpusArticle("b", "shared words here yy")
    left, right = copy_sides(a, b, [Passage(3, 20, 0, 17)])
    assert [p.text for p in left if p.passage] == ["shared words here"]
    assert [p.text for p in right if p.passage] == ["shared words here"]


def test_stories_list_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsift.web import corpus_pages

    rows = [json.loads(line) for line in EXAMPLE_CORPUS.read_text(encoding="utf-8").splitlines()]
    other = next(r for r in rows if r["id"] == "other-001")
    repost = {**other, "id": "other-002", "text": other["text"] + "\n\nReposted.", "outlet": "X"}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in [*rows, repost]), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'paged.db'}"
    run_add(AddOptions([str(feed)], db=db, analyze=False))
    monkeypatch.setattr(corpus_pages, "STORIES_PER_PAGE", 1)
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, corpus_db=db)
    with TestClient(app) as test_client:
        first = test_client.get("/corpus?sort=size").text
        second = test_client.get("/corpus?sort=size&page=2").text
        beyond = test_client.get("/corpus?sort=size&page=9").text
    ids = [re.findall(r'data-story="([^"]+)"', page) for page in (first, second)]
    assert [len(found) for found in ids] == [1, 1] and ids[0] != ids[1]
    assert "page 1 of 2" in first and 'rel="next" href="/corpus?sort=size&amp;page=2"' in first
    assert "2 stories" in first and "Floods close Valdmere" in first  # largest first
    assert re.findall(r'data-story="([^"]+)"', beyond) == ids[1]  # clamped to the last page
