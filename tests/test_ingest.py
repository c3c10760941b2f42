"""The input readers: text, HTML, JSONL, CSV, directories, stdin and refusals."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsift import cli
from newsift.errors import (
    BinaryInputError,
    ConfigError,
    EmptyInputError,
    Errors,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    MalformedInputError,
    NoArticleError,
)
from newsift.ingest import INPUT_FORMATS, decode_bytes, read_inputs
from newsift.ingest.text import split_title
from newsift.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TRAM = (
    "The Eastgate tram line will reopen on Monday after three weeks of repairs, the city "
    "transport office said.\n\nEngineers replaced two damaged poles, according to a "
    "spokesperson, who asked not to be named.\n"
)


def read_all(*paths: str | Path, **kwargs: object) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def read_one(path: str | Path, **kwargs: object) -> Article | InputError:
    (item,) = read_all(path, **kwargs)
    return item


def article(item: Article | InputError) -> Article:
    assert isinstance(item, Article), item
    return item


def error(item: Article | InputError, code: str, kind: type[InputError] = InputError) -> str:
    """Assert ``item`` is the error with ``code`` and type ``kind``; return its message."""
    assert isinstance(item, kind), item
    assert item.code == code, item.message
    return item.message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- plain text ---------------------------------------------------------------------------


def test_txt_title_and_body() -> None:
    path = FIXTURES / "titled.txt"
    item = article(read_one(path))
    assert item.title == "Tram line to reopen after storm repairs"
    assert item.text == TRAM
    assert item.source == str(path)
    assert path.read_text(encoding="utf-8").endswith(item.text)


def test_txt_without_title_keeps_whole_text() -> None:
    path = FIXTURES / "untitled.txt"
    item = article(read_one(path))
    assert item.title is None
    assert item.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Headline\n\nBody.", "Headline"),
        ("  Headline  \n \n\t\n  Body.", "Headline"),
        ("Is this the end?\n\nBody.", "Is this the end?"),
        ("Wait for it...\n\nBody.", "Wait for it..."),
        ("One sentence ends here.\n\nBody.", None),
        ("Headline\nBody right after.", None),
        ("Headline only\n\n   \n", None),
        ("***\n\nBody.", None),
        ("x" * 201 + "\n\nBody.", None),
        ("\nBody after a blank first line.", None),
    ],
)
def test_title_rule(text: str, title: str | None) -> None:
    found, body = split_title(text)
    assert found == title
    assert text.endswith(body)
    if title is None:
        assert body == text


def test_txt_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    data = "\ufeffBus fares rise\r\n\r\nFares rise by 5 cents.\r\nThe operator said so.\r".encode()
    item = article(read_one(write(tmp_path, "crlf.txt", data)))
    assert item.title == "Bus fares rise"
    assert item.text == "Fares rise by 5 cents.\nThe operator said so.\n"


def test_txt_legacy_encoding_warns(tmp_path: Path) -> None:
    text = (
        "Café owners in Saint-Rémy said the new pedestrian zone would cost them customers. "
        "Ça va, señor Müller? The mayor’s office disagreed.\n"
    )
    path = write(tmp_path, "legacy.txt", text.encode("cp1252"))
    warnings: list[str] = []
    item = article(read_one(path, on_warning=warnings.append))
    assert item.text == text
    assert len(warnings) == 1
    assert warnings[0].startswith("[W002]")
    assert str(path) in warnings[0] and "cp1252" in warnings[0]


def test_txt_mostly_utf8_with_stray_latin1_bytes(tmp_path: Path) -> None:
    # Pasted from two sources: "José" and "café" in UTF-8, "Peña" in Latin-1. No single
    # encoding fits; a guess garbled both halves ("JosÃĐ", "Peņa").
    data = "José said the café would reopen. ".encode() + "Peña agreed.\n".encode("latin-1")
    path = write(tmp_path, "mixed.txt", data)
    warnings: list[str] = []
    item = article(read_one(path, on_warning=warnings.append))
    assert item.text == "José said the café would reopen. Peña agreed.\n"
    assert len(warnings) == 1
    assert warnings[0].startswith("[W003]") and "1 byte(s)" in warnings[0]


def test_txt_cyrillic_legacy_encoding_is_not_taken_for_mixed_utf8(tmp_path: Path) -> None:
    text = "Министерство обороны заявило, что войска удерживают позиции у реки.\n"
    warnings: list[str] = []
    item = article(
        read_one(write(tmp_path, "ru.txt", text.encode("cp1251")), on_warning=warnings.append)
    )
    assert item.text == text
    assert [w[:6] for w in warnings] == ["[W002]"]


def test_txt_utf16_with_bom(tmp_path: Path) -> None:
    text = "Harbour news\n\nThe pier reopens — finally, say fishers.\n"
    warnings: list[str] = []
    item = article(
        read_one(write(tmp_path, "u16.txt", text.encode("utf-16")), on_warning=warnings.append)
    )
    assert (item.title, item.text) == ("Harbour news", "The pier reopens — finally, say fishers.\n")
    assert warnings == []


def test_utf8_never_warns(tmp_path: Path) -> None:
    warnings: list[str] = []
    article(
        read_one(
            write(tmp_path, "u8.txt", "Zoë’s café opens.".encode()), on_warning=warnings.append
        )
    )
    assert warnings == []


# --- refusals -----------------------------------------------------------------------------


def test_missing_path() -> None:
    message = error(read_one("no/such/file.txt"), "E012", InputNotFoundError)
    assert message.startswith("[E012] no/such/file.txt:")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    assert str(path) in error(read_one(path), "E001", EmptyInputError)


def test_whitespace_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b" \r\n\t\n  ")
    assert str(path) in error(read_one(path), "E002", EmptyInputError)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"Some text\x00with a NUL", "NUL bytes"),
        ("No mark here".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed"),
        (b"\x01\x02\x03\x04\x05\x06 some text \x07\x08", "control characters"),
    ],
)
def test_binary_input(tmp_path: Path, data: bytes, detail: str) -> None:
    path = write(tmp_path, "binary.txt", data)
    message = error(read_one(path), "E003", BinaryInputError)
    assert str(path) in message and detail in message


def test_file_over_byte_limit_is_refused_unread(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"word " * 100)
    item = read_one(path, max_chars=10)
    message = error(item, "E030", InputTooLargeError)
    assert str(path) in message and "--max-chars" in message
    assert isinstance(item, InputError) and item.fields["size"] == 500


def test_text_over_char_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", b"Twelve chars")
    assert str(path) in error(read_one(path, max_chars=11), "E005", InputTooLargeError)
    assert article(read_one(path, max_chars=12)).text == "Twelve chars"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"Hidden words.")
    path.chmod(0)
    try:
        assert str(path) in error(read_one(path), "E018")
    finally:
        path.chmod(0o600)


def test_unreadable_file_any_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", b"Words.")

    real_open = os.open

    def refuse(name: str, flags: int, *args: int, **kwargs: int) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    message = error(read_one(path), "E018")
    assert message == f"[E018] {path}: the file can't be read (Permission denied)."


def test_decode_bytes_names_source() -> None:
    with pytest.raises(EmptyInputError) as caught:
        decode_bytes(b"", "feed.txt")
    assert caught.value.code == "E001" and "feed.txt" in caught.value.message
    with pytest.raises(BinaryInputError) as binary:
        decode_bytes(b"\xff\xfe\x00", "odd.txt")  # a UTF-16 BOM, then half a character
    assert binary.value.code == "E004"


# --- HTML ---------------------------------------------------------------------------------


def test_html_page_with_metadata() -> None:
    path = FIXTURES / "gazette.html"
    item = article(read_one(path))
    assert item.title == "Harbour council approves new ferry route"
    assert item.outlet == "The Millbrook Gazette"
    assert item.published == dt.date(2023, 4, 18)
    assert item.url == "https://gazette.example/news/ferry-route"
    assert item.text.startswith("The Millbrook harbour council voted on Tuesday")
    assert "said councillor Dana Oyelaran" in item.text
    assert "Home" not in item.text and "Copyright" not in item.text
    assert item.source == str(path)


def test_html_without_article() -> None:
    path = FIXTURES / "app_shell.html"
    assert str(path) in error(read_one(path), "E006", NoArticleError)


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Fête</title></head><body>'
        "<article><p>The village fête raised €300 for the school roof, organisers said.</p>"
        "<p>Next year’s fête is already planned.</p></article></body></html>"
    )
    warnings: list[str] = []
    path = write(tmp_path, "fete.htm", page.encode("cp1252"))
    item = article(read_one(path, on_warning=warnings.append))
    assert "raised €300" in item.text and "Next year’s" in item.text
    assert warnings == []  # declared, not guessed


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    page = write(tmp_path, "saved.page", (FIXTURES / "gazette.html").read_bytes())
    text = write(tmp_path, "notes.md", b"Budget vote\n\nThe council votes on Friday.\n")
    html_item, text_item = map(article, read_all(page, text))
    assert html_item.outlet == "The Millbrook Gazette"
    assert (text_item.title, text_item.text) == ("Budget vote", "The council votes on Friday.\n")


# --- JSONL --------------------------------------------------------------------------------


def test_jsonl_rows() -> None:
    path = FIXTURES / "articles.jsonl"
    items = read_all(path)
    first, second = article(items[0]), article(items[1])
    assert first.id == "wire-1" and first.title == "Bakery wins regional prize"
    assert first.url == "https://wire.example/bakery" and first.outlet == "Example Wire"
    assert first.published == dt.date(2024, 3, 9)
    assert first.source == f"{path}:1"
    assert second.source == f"{path}:3"  # line 2 is blank: skipped, but counted
    assert second.published == dt.date(2024, 3, 10)
    assert second.id and second.id != first.id
    assert article(items[-1]).source == f"{path}:10"


@pytest.mark.parametrize(
    ("index", "code", "kind", "line", "words"),
    [
        (2, "E007", MalformedInputError, 4, "not valid JSON"),
        (3, "E008", MalformedInputError, 5, '"text"'),
        (4, "E019", MalformedInputError, 6, "an array"),
        (5, "E031", MalformedInputError, 7, "'next Tuesday'"),
        (6, "E022", MalformedInputError, 8, '"outlet"'),
        (7, "E032", EmptyInputError, 9, "empty"),
    ],
)
def test_jsonl_bad_rows(
    index: int, code: str, kind: type[InputError], line: int, words: str
) -> None:
    path = FIXTURES / "articles.jsonl"
    message = error(read_all(path)[index], code, kind)
    assert message.startswith(f"[{code}] {path}, line {line}:")
    assert words in message


def test_jsonl_long_line_is_skipped_not_held(tmp_path: Path) -> None:
    rows = b'{"text": "' + b"a" * 200 + b'"}\n{"text": "Short and fine."}\n'
    items = read_all(write(tmp_path, "long.jsonl", rows), max_chars=10)
    assert error(items[0], "E030", InputTooLargeError).startswith(f"[E030] {tmp_path}/long.jsonl:1")
    assert error(items[1], "E005", InputTooLargeError)
    assert article(read_all(write(tmp_path, "ok.jsonl", rows), max_chars=20)[1]).text == (
        "Short and fine."
    )


def test_jsonl_not_utf8_and_blank_only(tmp_path: Path) -> None:
    bad = read_one(write(tmp_path, "latin.jsonl", '{"text": "café"}\n'.encode("latin-1")))
    assert "not UTF-8" in error(bad, "E007", MalformedInputError)
    assert error(read_one(write(tmp_path, "blank.jsonl", b"\n  \n")), "E034", NoArticleError)
    lone = read_one(write(tmp_path, "lone.jsonl", b'{"text": "half \\ud83d a pair"}\n'))
    assert "surrogate" in error(lone, "E007", MalformedInputError)
    pair = read_one(write(tmp_path, "pair.jsonl", b'{"text": "a whole \\ud83d\\ude00"}\n'))
    assert article(pair).text == "a whole \U0001f600"


# --- CSV ----------------------------------------------------------------------------------


def test_csv_rows() -> None:
    path = FIXTURES / "articles.csv"
    first, second = map(article, read_all(path))
    assert (first.id, first.title, first.outlet) == ("c-1", "Museum roof repaired", "Valley Post")
    assert first.published == dt.date(2023, 8, 1)
    assert first.source == f"{path}:1"
    assert (
        second.text
        == "Two new bus routes start in April, the operator announced.\n\nFares stay the same."
    )
    assert (second.title, second.outlet, second.published) == (None, None, None)
    assert second.source == f"{path}:2"


def test_csv_without_text_column() -> None:
    path = FIXTURES / "no_text_column.csv"
    message = error(read_one(path), "E009", MalformedInputError)
    assert str(path) in message and "'headline'" in message


def test_csv_bad_rows_do_not_stop_the_file(tmp_path: Path) -> None:
    data = (
        b"Text,Published\n"
        b"First story.,2024-01-02\n"
        b"Misaligned, with, commas\n"
        b"Bad date.,soon\n"
        b"Last story.,\n"
    )
    items = read_all(write(tmp_path, "mixed.csv", data))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "MalformedInputError",
        "MalformedInputError",
        "Article",
    ]
    assert error(items[1], "E020").startswith(f"[E020] {tmp_path}/mixed.csv, row 2:")
    assert error(items[2], "E031")
    assert article(items[3]).source == f"{tmp_path}/mixed.csv:4"


@pytest.mark.regression
def test_csv_stray_latin1_byte_is_repaired_in_its_row_only(tmp_path: Path) -> None:
    """One Latin-1 byte early in a UTF-8 CSV once made the whole file a guessed encoding,
    garbling every row; one late made its row an error, though the .txt reader repairs it."""
    early = (
        b"text\n"
        + "Peña said yes.\n".encode("latin-1")
        + "José said the café would open.\n".encode() * 3
    )
    late = b"text\n" + b"Plain ASCII row.\n" * 5000 + "Café row.\n".encode("cp1252")
    for name, data, index, expected in [
        ("early.csv", early, 0, "Peña said yes."),
        ("late.csv", late, 5000, "Café row."),
    ]:
        warnings: list[str] = []
        items = read_all(write(tmp_path, name, data), on_warning=warnings.append)
        assert article(items[index]).text == expected
        assert all(isinstance(item, Article) for item in items)
        assert warnings == [
            f"[W003] {tmp_path}/{name}: UTF-8 with 1 byte(s) in another encoding, read as "
            "windows-1252; check the characters in the report."
        ]
    assert article(read_all(tmp_path / "early.csv")[1]).text == "José said the café would open."


def test_csv_line_in_another_single_byte_encoding_is_refused_not_garbled(
    tmp_path: Path,
) -> None:
    """Past the first 64 KiB (judged UTF-8), a line that is mostly stray bytes."""
    data = b"text\n" + "José said yes.\n".encode() * 5000
    data += "Москва сказала нет.\n".encode("cp1251") + "Peña said no.\n".encode("latin-1")
    items = read_all(write(tmp_path, "mixed.csv", data))
    assert article(items[0]).text == "José said yes."
    assert "not valid UTF-8" in error(items[5000], "E033", BinaryInputError)
    assert article(items[5001]).text == "Peña said no."


@pytest.mark.regression
def test_csv_truncated_utf16_costs_its_last_row(tmp_path: Path) -> None:
    """A UTF-16 CSV cut inside a character raised UnicodeDecodeError out of the batch."""
    data = "text,title\nFirst row.,One\nSecond row.,Two\n".encode("utf-16")
    for cut in (1, 3):
        items = read_all(write(tmp_path, f"cut{cut}.csv", data[:-cut]))
        assert article(items[0]).title == "One"
        message = error(items[1], "E033", BinaryInputError)
        assert message.startswith(f"[E033] {tmp_path}/cut{cut}.csv, row 2: ")
        assert "not valid UTF-16" in message
    lone = data[:24] + b"\x00\xd8" + data[24:]  # half of a surrogate pair, in row 1
    items = read_all(write(tmp_path, "lone.csv", lone))
    assert error(items[0], "E033", BinaryInputError) and article(items[1]).text == "Second row."


@pytest.mark.regression
def test_csv_line_over_limit_is_skipped_not_held(tmp_path: Path) -> None:
    data = b"text\nShort.\n" + b"x" * 500 + b"\nAfter.\n"
    items = read_all(write(tmp_path, "long.csv", data), max_chars=10)
    assert article(items[0]).text == "Short." and article(items[2]).text == "After."
    assert error(items[1], "E030", InputTooLargeError).startswith(f"[E030] {tmp_path}/long.csv:2:")


@pytest.mark.regression
def test_csv_row_errors_say_row_not_line(tmp_path: Path) -> None:
    data = b"text,published,outlet\n   ,,Post\nA story.,soon,\n"
    items = read_all(write(tmp_path, "rows.csv", data))
    assert [item.code for item in items if isinstance(item, InputError)] == ["E032", "E031"]
    for item in items:
        assert ", row " in str(item) and ", line " not in str(item)
    rows = b'{"text": 5}\n{"text": "x", "published": "soon"}\n'
    for item in read_all(write(tmp_path, "rows.jsonl", rows)):
        assert ", line " in str(item)


@pytest.mark.regression
def test_jsonl_errors_carry_no_python_hints(tmp_path: Path) -> None:
    rows = b'{"text": 1' + b"2" * 5000 + b"}\n" + b"[" * 100_000 + b"\n"
    digits, deep = read_all(write(tmp_path, "odd.jsonl", rows))
    assert "(a number has more than 4,300 digits)" in error(digits, "E007")
    assert "(arrays or objects nested too deeply)" in error(deep, "E007")
    for item in (digits, deep):
        assert "sys." not in str(item) and "set_int_max_str_digits" not in str(item)


@pytest.mark.regression
def test_huge_title_and_outlet_are_cut(tmp_path: Path) -> None:
    """A nine-million-character title made a 27 MB HTML report."""
    row = {"text": "Short story.", "title": "T" * 9_000_000, "outlet": "O" * 500}
    row["url"] = "https://x.example/" + "u" * 10_000
    row["id"] = "i" * 5000
    warnings: list[str] = []
    item = article(
        read_one(write(tmp_path, "big.jsonl", json.dumps(row).encode()), on_warning=warnings.append)
    )
    assert item.title == "T" * 999 + "…" and item.outlet == "O" * 199 + "…"
    assert item.url is None and item.text == "Short story."
    assert item.id == Article(text="Short story.").id  # the default id, from the text
    assert [w[:6] for w in warnings] == ["[W102]", "[W102]", "[W103]", "[W103]"]
    assert (
        "the url has 10,018 characters, more than the 8,192 allowed; it is left out"
        in (warnings[2])
    )
    assert "the title has 9,000,000 characters, more than the 1,000 allowed" in warnings[0]
    page = b"<html><head><title>" + b"Long " * 1000 + b"</title></head><body><article><p>"
    page += b"The council met on Monday and agreed the budget, a spokesperson said. " * 3
    page += b"</p></article></body></html>"
    html = article(read_one(write(tmp_path, "big.html", page)))
    assert html.title is not None and len(html.title) == 1000


# --- non-regular files and links ------------------------------------------------------------


@pytest.mark.regression
def test_fifo_in_directory_is_skipped_not_waited_on(tmp_path: Path) -> None:
    write(tmp_path, "d/story.txt", b"A story.")
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    warnings: list[str] = []
    items = read_all(tmp_path / "d", on_warning=warnings.append)
    assert [article(i).text for i in items] == ["A story."]
    assert warnings == [
        f"[W100] {tmp_path}/d: skipped 1 item(s) that are not regular files (pipe.txt): named "
        "pipes, sockets and devices can make a reader wait for ever."
    ]


@pytest.mark.regression
def test_fifo_named_directly_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    message = error(read_one(fifo), "E101")
    assert message.startswith(f"[E101] {fifo}: a named pipe (FIFO), not a regular file;")
    assert f"newsift analyze - < {fifo}" in message


@pytest.mark.regression
def test_symlinks_out_of_the_directory_are_not_followed(tmp_path: Path) -> None:
    """A link inside an input directory put a file from elsewhere into a report."""
    write(tmp_path, "outside/secret.txt", b"Secret.")
    root = tmp_path / "news"
    write(root, "story.txt", b"A story.")
    (root / "secret.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (root / "elsewhere").symlink_to(tmp_path / "outside")
    (root / "again.txt").symlink_to(root / "story.txt")  # stays inside: read
    (root / "loop").symlink_to(root)
    warnings: list[str] = []
    items = read_all(root, on_warning=warnings.append)
    assert [article(i).source for i in items] == [f"{root}/again.txt", f"{root}/story.txt"]
    assert warnings == [
        f"[W101] {root}: skipped 2 symbolic link(s) that lead out of the directory "
        "(elsewhere, secret.txt); pass --follow-symlinks to read them."
    ]
    followed = read_all(root, follow_symlinks=True)
    assert [article(i).source for i in followed] == [
        f"{root}/again.txt",
        f"{root}/elsewhere/secret.txt",
        f"{root}/secret.txt",
        f"{root}/story.txt",
    ]  # and the loop back to the directory is read once, not for ever
    assert article(read_one(root / "secret.txt")).text == "Secret."  # named: always read


def test_csv_legacy_encoding_and_header_only(tmp_path: Path) -> None:
    text = 'text\n"Ça va, señor Müller? The café in Saint-Rémy reopened, the owner said."\n'
    warnings: list[str] = []
    item = article(
        read_one(write(tmp_path, "legacy.csv", text.encode("cp1252")), on_warning=warnings.append)
    )
    assert item.text.startswith("Ça va, señor Müller?")
    assert [w[:6] for w in warnings] == ["[W002]"]
    header_only = read_one(write(tmp_path, "header.csv", b"id,text\n"))
    assert "a header" in error(header_only, "E034", NoArticleError)


# --- directories, stdin, options ----------------------------------------------------------


def test_directory_walk(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root, "b.txt", b"Second file.")
    write(root, "a/z.txt", b"Nested file.")
    write(root, "a/deeper/y.text", b"Deeper file.")
    write(root, ".hidden.txt", b"Hidden file.")
    write(root, ".git/c.txt", b"Hidden directory.")
    for name in ("notes.md", "photo.jpg", "data.xml", "x.pdf"):
        write(root, name, b"skip me")
    warnings: list[str] = []
    items = read_all(root, on_warning=warnings.append)
    sources = [article(i).source for i in items]
    assert sources == [f"{root}/a/deeper/y.text", f"{root}/a/z.txt", f"{root}/b.txt"]
    (warning,) = warnings
    assert warning.startswith(f"[W001] {root}: skipped 4 file(s)")
    assert "data.xml, notes.md, photo.jpg, …" in warning


def test_directory_with_forced_format_reads_every_file(tmp_path: Path) -> None:
    write(tmp_path, "d/notes.md", b"Plain words.")
    warnings: list[str] = []
    items = read_all(tmp_path / "d", input_format="txt", on_warning=warnings.append)
    assert [article(i).text for i in items] == ["Plain words."]
    assert warnings == []


def test_directory_with_nothing_to_read(tmp_path: Path) -> None:
    write(tmp_path, "d/.hidden.txt", b"x")
    write(tmp_path, "d/image.png", b"x")
    message = error(read_one(tmp_path / "d"), "E017", NoArticleError)
    assert str(tmp_path / "d") in message


def test_stdin_text_and_sniffed_html() -> None:
    text = article(read_one("-", stdin=io.BytesIO(b"Stdin headline\n\nStdin body.\n")))
    assert (text.title, text.text, text.source) == ("Stdin headline", "Stdin body.\n", "-")
    page = (FIXTURES / "gazette.html").read_bytes()
    html = article(read_one("-", stdin=io.BytesIO(b"\xef\xbb\xbf  \n" + page)))
    assert html.outlet == "The Millbrook Gazette" and html.source == "-"
    snippet = (
        b"<div><p>Notes</p></div>\n"
        b"<body><p>The school choir sang at the opening, parents said.</p></body>"
    )
    sniffed = article(read_one("-", stdin=io.BytesIO(snippet))).text
    assert "The school choir sang" in sniffed and "<p>" not in sniffed


def test_stdin_forced_jsonl_and_empty() -> None:
    rows = b'{"text": "From a pipe."}\n'
    item = article(read_one("-", stdin=io.BytesIO(rows), input_format="jsonl"))
    assert (item.text, item.source) == ("From a pipe.", "-:1")
    assert error(read_one("-", stdin=io.BytesIO(b"")), "E001").startswith("[E001] -:")


def test_forced_format_overrides_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", (FIXTURES / "gazette.html").read_bytes())
    assert article(read_one(path, input_format="html")).outlet == "The Millbrook Gazette"
    assert article(read_one(path)).text.startswith("<!DOCTYPE html>")


def test_batch_goes_on_after_errors(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", b"Fine words.")
    items = read_all("missing.txt", FIXTURES / "app_shell.html", good)
    assert [getattr(i, "code", "ok") for i in items] == ["E012", "E006", "ok"]


def test_read_inputs_is_lazy_and_checks_options() -> None:
    stream = io.BytesIO(b"Lazy text.")
    items = read_inputs(["-"], stdin=stream)
    assert stream.tell() == 0
    assert article(next(items)).text == "Lazy text."
    with pytest.raises(ConfigError) as caught:
        read_inputs(["x"], input_format="pdf")
    assert caught.value.code == "E024"
    with pytest.raises(ConfigError):
        read_inputs(["x"], max_chars=0)
    with pytest.raises(TypeError):
        read_inputs("a.txt")
    assert INPUT_FORMATS == ("txt", "html", "jsonl", "csv", "warc")


def test_integer_ids_are_accepted_as_strings(tmp_path: Path) -> None:
    feed = tmp_path / "numbered.jsonl"
    feed.write_text('{"id": 42, "text": "Officials in Kyiv said the bridge held."}\n')
    (article,) = list(read_inputs([str(feed)]))
    assert isinstance(article, Article)
    assert article.id == "42"


@pytest.mark.regression
def test_analyze_follow_symlinks_option_reaches_the_readers(tmp_path: Path) -> None:
    """``newsift analyze --follow-symlinks`` (and only it) reads links out of a directory."""
    write(tmp_path, "outside/secret.txt", b"Secret.")
    root = tmp_path / "news"
    write(root, "story.txt", b"A story.")
    (root / "secret.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    seen: list[str | None] = []

    class Recording:
        def analyze_stream(self, items: Iterable[Article | InputError]) -> Iterator[InputError]:
            for item in items:
                seen.append(getattr(item, "source", None))
                yield EmptyInputError(Errors.E001, source=str(item))

    def factory(**_: Any) -> Any:
        return Recording()

    quiet = Console(file=io.StringIO())
    for follow, expected in [(False, ["story.txt"]), (True, ["secret.txt", "story.txt"])]:
        seen.clear()
        options = cli.AnalyzeOptions(
            paths=[str(root)], fmt="jsonl", out=None, workers=1, follow_symlinks=follow
        )
        cli.run_analyze(options, quiet, quiet, pipeline_factory=factory)
        assert seen == [f"{root}/{name}" for name in expected]
    assert "--follow-symlinks" in CliRunner().invoke(cli.app, ["analyze", "--help"]).output
