"""The WARC reader, on archives written in the test with warcio's WARCWriter."""

from __future__ import annotations

import datetime as dt
import gzip as gz
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.errors import InputError, InputTooLargeError, MalformedInputError, NoArticleError
from newsift.ingest import read_inputs
from newsift.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "gazette.html").read_bytes()
UNDATED = (
    b"<html><head><title>Lighthouse keeper retires</title></head><body><article>"
    b"<p>After forty years, the keeper of the Skarra lighthouse retired on Friday, the harbour "
    b"office said.</p><p>A party is planned for the weekend.</p></article></body></html>"
)
EMPTY_PAGE = b"<html><head><title>Search</title></head><body><div id='app'></div></body></html>"

Record = tuple[str, str, str, str, bytes]  # type, URI, HTTP status, Content-Type, body


def write_warc(path: Path, records: list[Record], *, gzip: bool) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for rec_type, uri, status, content_type, body in records:
            http = None
            if rec_type in ("response", "request"):
                headers = [("Content-Type", content_type)] if content_type else []
                http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, rec_type, payload=io.BytesIO(body), http_headers=http
                )
            )
    return path


MIXED: list[Record] = [
    ("warcinfo", "", "", "", b"software: newsift tests\r\n"),
    (
        "response",
        "https://gazette.example/news/ferry-route",
        "200 OK",
        "text/html; charset=utf-8",
        PAGE,
    ),
    ("response", "https://gazette.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    (
        "response",
        "https://gazette.example/old",
        "301 Moved Permanently",
        "text/html",
        b"<a>moved</a>",
    ),
    ("response", "https://gazette.example/search", "200 OK", "text/html", EMPTY_PAGE),
    ("response", "<https://light.example/keeper>", "200 OK", "application/xhtml+xml", UNDATED),
]


@pytest.mark.parametrize("gzip", [True, False], ids=["gz", "plain"])
def test_warc_html_responses(tmp_path: Path, gzip: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), MIXED, gzip=gzip)
    first, empty, last = read_inputs([str(path)])
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.source == f"{path}#1"
    assert first.url == "https://gazette.example/news/ferry-route"
    assert first.title == "Harbour council approves new ferry route"
    assert first.published == dt.date(2023, 4, 18)
    assert first.outlet == "The Millbrook Gazette"
    assert isinstance(empty, NoArticleError) and empty.code == "E006"
    assert empty.message.startswith(f"[E006] {path}#2:")
    assert last.source == f"{path}#3"
    assert last.url == "https://light.example/keeper"
    assert last.published is None  # WARC-Date is the crawl time, not the publication date
    assert last.text.startswith("After forty years")


def test_warc_without_html_responses(tmp_path: Path) -> None:
    records: list[Record] = [
        ("response", "https://a.example/i.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("request", "https://a.example/", "GET / HTTP/1.1", "", b""),
    ]
    path = write_warc(tmp_path / "images.warc.gz", records, gzip=True)
    (item,) = read_inputs([str(path)])
    assert isinstance(item, NoArticleError) and item.code == "E010"
    assert item.message.startswith(f"[E010] {path}:") and "(2 records read)" in item.message


@pytest.mark.parametrize("gzip", [True, False], ids=["gz", "plain"])
def test_truncated_warc_keeps_earlier_articles(tmp_path: Path, gzip: bool) -> None:
    records = [MIXED[1], MIXED[5], MIXED[1]]
    path = write_warc(tmp_path / "cut.warc", records, gzip=gzip)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 5 // 6])
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items[:2]] == ["Article", "Article"]
    assert isinstance(items[-1], MalformedInputError) and items[-1].code == "E011"
    assert items[-1].message.startswith(f"[E011] {path}:")


@pytest.mark.parametrize("gzip", [True, False], ids=["gz", "plain"])
@pytest.mark.parametrize("where", ["first line", "after Content-Length:"])
def test_warc_cut_inside_a_record_header(tmp_path: Path, gzip: bool, where: str) -> None:
    whole = write_warc(tmp_path / "whole.warc", [MIXED[5], MIXED[5]], gzip=False).read_bytes()
    second = whole.index(b"WARC/1.0", 1)
    cuts = {
        "first line": 19,
        "after Content-Length:": whole.index(b"Content-Length:", second) + len(b"Content-Length:"),
    }
    records = [whole[:second], whole[second : cuts[where]]] if cuts[where] > second else []
    records = records or [whole[: cuts[where]]]
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")  # gzip: one member per record
    path.write_bytes(b"".join(gz.compress(r) if gzip else r for r in records))
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], MalformedInputError) and items[-1].code == "E011"
    assert items[-1].message.startswith(f"[E011] {path}: ") and "truncated" in items[-1].message
    assert len(items) == (1 if where == "first line" else 2)  # the whole record before it is kept


def test_arc_files_are_still_read(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>Budget</title></head><body><article><p>"
        + b"Officials met on Tuesday to discuss the city budget and agreed on new plans. " * 5
        + b"</p></article></body></html>"
    )
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    info = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    path = tmp_path / "old.arc"
    path.write_bytes(
        b"filedesc://old.arc 0.0.0.0 20200101000000 text/plain %d\n%s\n" % (len(info), info)
        + b"http://example.com/a 1.2.3.4 20200101000000 text/html %d\n%s\n" % (len(http), http)
    )
    (item,) = read_inputs([str(path)], input_format="warc")
    assert isinstance(item, Article) and item.text.startswith("Officials met on Tuesday")


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("This is just a note, not an archive.\n")
    (item,) = read_inputs([str(path)])
    assert isinstance(item, MalformedInputError) and item.code == "E011"
    assert str(path) in item.message


def test_warc_record_over_size_limit(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "big.warc", [MIXED[1], MIXED[5]], gzip=False)
    items: list[Article | InputError] = list(read_inputs([str(path)], max_chars=80))
    assert isinstance(items[0], InputTooLargeError) and items[0].code == "E030"
    assert items[0].message.startswith(f"[E030] {path}#1:")
    assert len(items) == 2


def test_warc_from_stdin(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "s.warc.gz", [MIXED[5]], gzip=True)
    (item,) = read_inputs(["-"], input_format="warc", stdin=io.BytesIO(path.read_bytes()))
    assert isinstance(item, Article) and item.source == "-#1"
