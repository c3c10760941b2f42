"""Write hostile input files into a folder: each stands for a way input has hurt newsift.

Compression bombs, named pipes, run-on text, terminal markup and escape sequences in every
field, huge titles, truncated UTF-16, stray Latin-1 bytes, links out of the tree. The
tests in ``tests/test_hostile_inputs.py`` read every one; ``benchmarks/fuzz.py`` starts
its mutations from them too. Nothing here is real text from anywhere.

    python scripts/make_hostile_fixtures.py DIR        # writes DIR/<name> for each file
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

#: Markup a terminal renderer could interpret and terminal escape sequences: every field
#: that reaches a message or a report carries them.
MARKUP = "[/] [bold]x[/bold] [link=https://evil.example]y[/link] \x1b[31mred\x1b[0m \x1b]8;;u\x07"
#: A sentence of the kind the readers carry through unchanged.
SENTENCE = "The council said on Monday that the bridge would reopen after repairs."
#: Decompressed size of the bombs: far past every read limit, a few hundred KB compressed.
BOMB_BYTES = 300 * 1024 * 1024


def _gzip_stream(parts: list[tuple[bytes, int]]) -> bytes:
    """One gzip member holding each ``data * count`` in turn.

    Each megabyte block is compressed once and its bytes repeated: a full flush after it
    resets the compressor, so the same block always compresses to the same bytes. The
    decompressed data is never held, and a 300 MB bomb takes a fraction of a second.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    out = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"]  # gzip header: deflate, no name
    crc = size = 0
    for data, count in parts:
        block = data * max(1, (1 << 20) // len(data))
        full, rest = divmod(len(data) * count, len(block))
        if full:
            out.append(compressor.flush(zlib.Z_FULL_FLUSH))  # nothing pending in `packed`
            packed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
            out.append(packed * full)
            for _ in range(full):
                crc = zlib.crc32(block, crc)
        out.append(compressor.compress(block[:rest]))
        crc = zlib.crc32(block[:rest], crc)
        size += len(block) * full + rest
    out.append(compressor.flush())
    out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def warc_record(
    body: bytes,
    *,
    uri: str = "https://news.example/story",
    content_type: str = "text/html; charset=utf-8",
    http_headers: str = "",
    length: int | None = None,
) -> bytes:
    """One WARC/1.0 response record holding an HTTP response with ``body``."""
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{http_headers}\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        f"Content-Length: {len(http) if length is None else length}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def page(title: str, body: str, site: str = "Example Post") -> bytes:
    """A small HTML news page."""
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">'
        f"</head><body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
        "</body></html>"
    ).encode()


def bomb_header_line() -> bytes:
    """A .warc.gz whose first header line never ends (300 MB of 'a' once decompressed)."""
    return _gzip_stream([(b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ", 1), (b"a", BOMB_BYTES)])


def bomb_header_block() -> bytes:
    """A .warc.gz whose first record has millions of short header lines."""
    return _gzip_stream([(b"WARC/1.0\r\n", 1), (b"X-Pad: a\r\n", BOMB_BYTES // 10)])


def bomb_record() -> bytes:
    """A .warc.gz whose first record says it is a terabyte long and keeps expanding."""
    head = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///zeros\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Length: 1000000000000\r\n\r\n"
    )
    return _gzip_stream([(head, 1), (b"\x00", BOMB_BYTES)])


def bomb_http_body() -> bytes:
    """A .warc.gz with an HTML page whose gzip Content-Encoding expands past every limit."""
    body = _gzip_stream([(b"<html><body><p>", 1), (b"a", 64 * 1024 * 1024)])
    record = warc_record(body, http_headers="Content-Encoding: gzip\r\n")
    return gzip.compress(record) + gzip.compress(warc_record(page("After", SENTENCE)))


def markup_jsonl() -> bytes:
    """JSON Lines with markup and escape sequences in every field, and in a bad date."""
    good = {
        "id": MARKUP,
        "text": f"{MARKUP} {SENTENCE}",
        "title": MARKUP,
        "outlet": MARKUP,
        "url": f"https://x.example/{MARKUP}",
    }
    bad = {"text": SENTENCE, "published": MARKUP}
    return (json.dumps(good) + "\n" + json.dumps(bad) + "\n").encode()


def markup_csv() -> bytes:
    """CSV with markup in every cell (quoted) and a header cell of markup."""
    cell = '"' + MARKUP.replace('"', '""') + '"'
    return (f'id,text,title,outlet,{cell}\n{cell},"{MARKUP} {SENTENCE}",{cell},{cell},x\n').encode()


def markup_header_csv() -> bytes:
    """CSV without a text column, whose header (named in E009) is markup."""
    return b"[/],[link=x]y,\x1b[2J\n1,2,3\n"


def markup_html() -> bytes:
    """An HTML page with markup in its title, site name and body."""
    return page(MARKUP, f"{MARKUP} {SENTENCE}", site=MARKUP)


def markup_warc() -> bytes:
    """A WARC with markup in its target URI, page title and body."""
    return warc_record(page(MARKUP, f"{MARKUP} {SENTENCE}"), uri=f"https://x.example/{MARKUP}")


def huge_title_jsonl() -> bytes:
    """A JSON Lines article with a nine-million-character title and outlet."""
    row = {"text": SENTENCE, "title": "Headline " * 1_000_000, "outlet": "O" * 1_000_000}
    return (json.dumps(row) + "\n").encode()


def huge_title_html() -> bytes:
    """An HTML page with a 450,000-character title."""
    return page("Headline " * 50_000, SENTENCE)


def run_on_txt() -> bytes:
    """20,000 characters of one sentence: clauses joined by commas, no full stop."""
    clause = "the minister said that the council, which the mayor said had met, would act"
    text = ", ".join([clause] * (20_000 // (len(clause) + 2) + 1))
    return text[:20_000].encode()


def truncated_utf16_csv() -> bytes:
    """A UTF-16 CSV cut in the middle of its last character."""
    data = f"text,title\n{SENTENCE},One\nThe café reopened on Friday.,Two\n".encode("utf-16")
    return data[:-1]


def latin1_stray_csv() -> bytes:
    """A UTF-8 CSV with one Latin-1 byte in its first row: every other row is UTF-8."""
    return (
        b"text\n"
        + "Peña said the plan was fine.\n".encode("latin-1")
        + "José said the café in Zürich would open.\n".encode() * 3
    )


#: File name → how to make it (binary files and text files alike).
FILES: dict[str, Callable[[], bytes]] = {
    "bomb_header_line.warc.gz": bomb_header_line,
    "bomb_header_block.warc.gz": bomb_header_block,
    "bomb_record.warc.gz": bomb_record,
    "bomb_http_body.warc.gz": bomb_http_body,
    "markup.jsonl": markup_jsonl,
    "markup.csv": markup_csv,
    "markup_header.csv": markup_header_csv,
    "markup.html": markup_html,
    "markup.warc": markup_warc,
    "huge_title.jsonl": huge_title_jsonl,
    "huge_title.html": huge_title_html,
    "run_on.txt": run_on_txt,
    "truncated_utf16.csv": truncated_utf16_csv,
    "latin1_stray.csv": latin1_stray_csv,
}
#: A file named with escape sequences and markup (its name reaches messages).
ESCAPE_NAME = "\x1b[31m[link=x]name[bold]\x1b[0m.txt"


def make_fixtures(directory: Path) -> dict[str, Path]:
    """Write every hostile input into ``directory`` (created if missing).

    Besides :data:`FILES`: ``fifo.txt`` (a named pipe nobody writes to), ``tree/`` (a
    directory with a good article, a named pipe and links out of it and into it) and a
    file named :data:`ESCAPE_NAME`.

    Returns:
        Each name and its path.
    """
    directory.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, make in FILES.items():
        paths[name] = directory / name
        paths[name].write_bytes(make())
    paths[ESCAPE_NAME] = directory / ESCAPE_NAME
    paths[ESCAPE_NAME].write_bytes(SENTENCE.encode())
    outside = directory / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("A file outside the tree given.\n")
    tree = directory / "tree"
    tree.mkdir(exist_ok=True)
    (tree / "good.txt").write_text(SENTENCE + "\n")
    links = {
        "link_out.txt": outside / "secret.txt",
        "link_in.txt": tree / "good.txt",
        "link_dir": outside,
        "loop": tree,
    }
    for name, target in links.items():
        if not (tree / name).is_symlink():
            (tree / name).symlink_to(target)
    for fifo in (directory / "fifo.txt", tree / "pipe.txt"):
        if not fifo.exists():
            os.mkfifo(fifo)
    paths.update({"fifo.txt": directory / "fifo.txt", "tree": tree})
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="folder to write the files into")
    for name, path in make_fixtures(parser.parse_args().directory).items():
        print(f"{path}  ({name!r})")


if __name__ == "__main__":
    main()
