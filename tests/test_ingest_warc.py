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


# --- bounded reads and warcio's own messages -------------------------------------------------


def raw_record(
    body: bytes, *, uri: str = "https://x.example/a", headers: str = "", length: int | None = None
) -> bytes:
    """A WARC response record written by hand, so that it can lie."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Length: {len(http) if length is None else length}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def read_quietly(
    capfd: pytest.CaptureFixture[str], path: Path, **kwargs: object
) -> tuple[list[Article | InputError], list[str]]:
    """Read ``path``; assert nothing reached stdout or stderr; return items and warnings."""
    warnings: list[str] = []
    items = list(read_inputs([str(path)], on_warning=warnings.append, **kwargs))  # type: ignore[arg-type]
    assert capfd.readouterr() == ("", "")
    return items, warnings


@pytest.mark.regression
def test_warc_gzip_bomb_header_line_is_bounded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A 261 KB .warc.gz took 4.7 GB: warcio read a header line with no length limit."""
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gz.compress(b"WARC/1.0\r\nX-Pad: " + b"a" * 8_000_000, 9))
    (item,), _ = read_quietly(capfd, path)
    assert isinstance(item, MalformedInputError) and item.code == "E100"
    assert item.message.startswith(
        f"[E100] {path}: record 1 of the WARC file has a header line longer than 65,536 bytes;"
    )
    many = tmp_path / "lines.warc.gz"
    many.write_bytes(gz.compress(b"WARC/1.0\r\n" + b"X-Pad: a\r\n" * 200_000, 9))
    (item,), _ = read_quietly(capfd, many)
    assert isinstance(item, InputError) and "more than 1,048,576 bytes of header lines" in str(item)


@pytest.mark.regression
def test_warc_gzip_bomb_record_is_bounded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record's decompressed size is bounded, and the pages before it are kept."""
    monkeypatch.setattr("newsift.ingest.warc.MAX_RECORD_BYTES", 2_000_000)
    bomb = raw_record(b"\x00" * 5_000_000, length=10**12).replace(b"text/html", b"video/mp4")
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gz.compress(raw_record(UNDATED), 9) + gz.compress(bomb, 9))
    (page, item), _ = read_quietly(capfd, path, max_chars=1000)
    assert isinstance(page, Article) and page.title == "Lighthouse keeper retires"
    assert isinstance(item, MalformedInputError) and item.code == "E100"
    assert "record 2 of the WARC file holds more than 2,000,000 bytes once decompressed" in str(
        item
    )


@pytest.mark.regression
def test_warc_damaged_page_encoding_is_coded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """warcio printed a zlib error on stderr and returned an empty page."""
    words = [f"w{(i * 7919) % 10007}" for i in range(20_000)]  # compresses to over 16 KiB
    body = gz.compress(UNDATED.replace(b"<p>", f"<p>{' '.join(words)} ".encode(), 1))
    assert len(body) > 40_000
    damaged = body[:30_000] + bytes(b ^ 0x55 for b in body[30_000:31_000]) + body[31_000:]
    record = raw_record(damaged, headers="Content-Encoding: gzip\r\n")
    path = tmp_path / "damaged.warc"
    path.write_bytes(record + raw_record(UNDATED))
    (item, page), _ = read_quietly(capfd, path)
    assert isinstance(item, MalformedInputError) and item.code == "E102"
    assert item.message.startswith(
        f"[E102] {path}#1: the page's body, sent with Content-Encoding gzip, is damaged"
    )
    assert isinstance(page, Article)


@pytest.mark.regression
def test_warc_library_warnings_are_coded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """warcio wrote its own uncoded warnings to stderr and to logging."""
    short = raw_record(UNDATED, length=len(raw_record(UNDATED)) - 200)
    spaced = raw_record(UNDATED, uri="https://x.example/a b c")
    path = tmp_path / "odd.warc"
    path.write_bytes(spaced + short + raw_record(UNDATED))
    with caplog.at_level("DEBUG", logger="warcio"):
        items, warnings = read_quietly(capfd, path)
    assert not [record for record in caplog.records if record.name.startswith("warcio")]
    assert isinstance(items[0], Article) and items[0].url == "https://x.example/a%20b%20c"
    assert [w[:6] for w in warnings] == ["[W030]", "[W104]"]
    assert warnings[1] == (
        f"[W104] {path}: 1 WARC-Target-URI value(s) held spaces, which a URL can't; each space "
        "was read as %20."
    )
    damaged = gz.compress(raw_record(UNDATED))
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(damaged[:40] + bytes(b ^ 0x55 for b in damaged[40:200]) + damaged[200:])
    items, _ = read_quietly(capfd, path)
    assert isinstance(items[-1], MalformedInputError) and items[-1].code == "E011"


def test_warc_compressed_as_one_gzip_stream_says_so(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gz.compress(raw_record(UNDATED) + raw_record(UNDATED)))
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], MalformedInputError) and items[-1].code == "E011"
    assert "one gzip stream rather than one gzip member per record" in str(items[-1])
    assert "\n" not in str(items[-1])
