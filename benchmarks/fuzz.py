"""Mutation fuzzing of every reader (and, with ``--analyze``, of the pipeline).

Usage::

    .venv/bin/python benchmarks/fuzz.py --seed 1 --budget 60 [--analyze] [--crashes DIR]

Starts from small valid documents of every format (plain text, HTML, JSON Lines, CSV in
UTF-8, windows-1252 and UTF-16, WARC plain and gzip) and the small hostile files of
``scripts/make_hostile_fixtures.py``; mutates them (bit flips, insertions, deletions,
duplicated and spliced ranges, tokens that matter to a parser or a terminal: ``[/]``,
``[link=…]``, escape sequences, BOMs, quotes, line ends, WARC headers, lone surrogate
escapes; truncation; regrowth of gzip members) and reads each mutant through one of the
targets ``txt``, ``html``, ``jsonl``, ``csv``, ``warc`` (stdin with ``--input-format``)
and ``dispatch`` (a file whose suffix picks the reader, or sniffing).

Every document must give only :class:`~newsift.model.Article` and coded
:class:`~newsift.errors.InputError` items, and coded warnings (``[Wnnn] …``); an
article's text must be non-blank and within ``--max-chars``, its fields UTF-8-encodable
(no lone surrogates) and its title and outlet within their limits; each document must
finish within ``--doc-timeout`` seconds; the process's peak RSS must stay under
``--max-rss-mb``. With ``--analyze`` a share of the articles read (and mutated plain texts)
also go through the full pipeline, and every finding and sub-span must satisfy the offset
contract: ``text == article.text[start:end]``.

A failing document is saved under ``--crashes`` (default ``fuzz-crashes/``) with its
traceback, and so is the slowest document (``slowest-TARGET-HASH.bin``). Prints a JSON
summary: documents (per target), failures, documents/s, peak RSS and the slowest document.
Exit status 1 when anything failed. Single process, single core.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import importlib.util
import io
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from newsift.errors import InputError
from newsift.ingest import read_inputs
from newsift.ingest.base import MAX_FIELD_CHARS, MAX_LEFT_OUT_CHARS
from newsift.model import Article, offset_violations

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("txt", "html", "jsonl", "csv", "warc", "dispatch")
#: Suffixes the ``dispatch`` target names its files with (the last: none known, sniffed).
SUFFIXES = (".txt", ".html", ".jsonl", ".csv", ".warc", ".warc.gz", ".dat")
#: Largest mutant kept (bigger ones are cut): small documents keep the rate high; the size
#: limits themselves are exercised with a small --max-chars.
MAX_DOC_BYTES = 256 * 1024
#: Tokens that mean something to a parser, a decoder or a terminal.
TOKENS: tuple[bytes, ...] = (
    b"[/]",
    b"[link=https://evil.example]",
    b"[bold]",
    b"\x1b[31m",
    b"\x1b]8;;x\x07",
    b"\x9b",
    b"\r\n",
    b"\r",
    b"\n\n",
    b'"',
    b'""',
    b",",
    b"\t",
    b"{",
    b"}",
    b"[",
    b'{"text": "',
    b"\\u0000",
    b"\\ud800",
    b"\\udc80",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xe9",
    b"\xf0\x9f\x98",
    b"<html>",
    b"<body>",
    b"<title>",
    b"</p>",
    b"<meta charset=utf-16>",
    b"<!--",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999999\r\n",
    b"Content-Length: -5\r\n",
    b"Content-Encoding: gzip\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"\x1f\x8b\x08\x00",
    b"1" * 5000,
    b"a" * 70_000,
    b"9999-99-99",
    b"2024-02-30",
    "\u202e\u2066".encode(),
    "\u0085\u2028".encode(),
)
SENTENCE = "The council said on Monday that the bridge would reopen after two weeks of repairs."


def _load_hostile() -> ModuleType | None:
    path = ROOT / "scripts" / "make_hostile_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_hostile_fixtures", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seeds() -> dict[str, list[bytes]]:
    """Small valid (and small hostile) documents, by the target that reads them."""
    hostile = _load_hostile()
    page = (
        "<html><head><title>Bridge to reopen</title>"
        '<meta property="og:site_name" content="Valley Post">'
        '<meta property="article:published_time" content="2024-03-01"></head><body>'
        f"<article><h1>Bridge to reopen</h1><p>{SENTENCE}</p><p>“It is safe,” an engineer "
        "said, according to the office.</p></article></body></html>"
    ).encode()
    rows = [
        {"id": "a-1", "text": SENTENCE, "title": "Bridge", "outlet": "Post", "url": "https://x"},
        {
            "text": "Police said 12 people were hurt in Paris on 3 May 2024.",
            "published": "2024-05-04",
        },
    ]
    jsonl = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    csv_text = (
        f'id,text,title,published\n1,"{SENTENCE}",Bridge,2024-03-01\n2,"Zoë said: ""no"".",,\n'
    )
    warc = b"".join(_warc_record(page, f"https://news.example/{n}") for n in range(2))
    found = {
        "txt": [
            f"Bridge to reopen\n\n{SENTENCE}\n\n“Fine,” she said.\n".encode(),
            SENTENCE.encode("cp1252") + " Café.".encode("cp1252"),
            SENTENCE.encode("utf-16"),
        ],
        "html": [page, page.replace(b"<html>", b'<html><meta charset="windows-1252">')],
        "jsonl": [jsonl],
        "csv": [csv_text.encode(), csv_text.encode("cp1252"), csv_text.encode("utf-16")],
        "warc": [warc, b"".join(gzip.compress(_warc_record(page, "https://a")) for _ in range(2))],
    }
    if hostile is not None:
        small = {
            "jsonl": ["markup_jsonl"],
            "csv": ["markup_csv", "markup_header_csv", "truncated_utf16_csv", "latin1_stray_csv"],
            "html": ["markup_html"],
            "warc": ["markup_warc"],
        }
        for target, names in small.items():
            found[target].extend(getattr(hostile, name)() for name in names)
    found["dispatch"] = [doc for docs in found.values() for doc in docs]
    return found


def _warc_record(body: bytes, uri: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-01T00:00:00Z\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


# --- mutation ------------------------------------------------------------------------------


def _flip(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    if data:
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _set_byte(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    if data:
        data[rng.randrange(len(data))] = rng.choice((0, 0x0A, 0x0D, 0x22, 0x2C, 0x5B, 0x7F, 0xFF))


def _insert_token(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.choice(TOKENS)


def _insert_random(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    at = rng.randrange(len(data) + 1)
    data[at:at] = rng.randbytes(rng.randrange(1, 32))


def _delete(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    if data:
        start = rng.randrange(len(data))
        del data[start : start + rng.randrange(1, 64)]


def _duplicate(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    if data:
        start = rng.randrange(len(data))
        piece = data[start : start + rng.randrange(1, 256)]
        at = rng.randrange(len(data) + 1)
        data[at:at] = piece * rng.choice((1, 2, 8, 200))


def _splice(rng: random.Random, data: bytearray, pool: list[bytes]) -> None:
    other = rng.choice(pool)
    if other:
        start = rng.randrange(len(other))
        at = rng.randrange(len(data) + 1)
        data[at:at] = other[start : start + rng.randrange(1, 512)]


def _truncate(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    if data:
        del data[rng.randrange(len(data)) :]


def _regzip(rng: random.Random, data: bytearray, _: list[bytes]) -> None:
    """Decompress a gzip document, mutate inside, compress again (else gzip the whole)."""
    try:
        inner = bytearray(gzip.decompress(bytes(data)))
    except Exception:
        inner = bytearray(data)
    if inner:
        _insert_token(rng, inner, [])
    data[:] = gzip.compress(bytes(inner), compresslevel=1)


MUTATORS: tuple[Callable[[random.Random, bytearray, list[bytes]], None], ...] = (
    _flip,
    _set_byte,
    _insert_token,
    _insert_token,
    _insert_random,
    _delete,
    _duplicate,
    _splice,
    _truncate,
    _regzip,
)


def mutate(rng: random.Random, seed: bytes, pool: list[bytes]) -> bytes:
    """A mutant of ``seed``: one to eight stacked mutations, at most MAX_DOC_BYTES long."""
    data = bytearray(seed)
    for _ in range(rng.choice((1, 1, 2, 3, 4, 8))):
        mutator = rng.choice(MUTATORS)
        if mutator is _truncate and rng.random() < 0.7:
            continue  # truncation wipes out the other mutations: keep it rarer
        mutator(rng, data, pool)
    return bytes(data[:MAX_DOC_BYTES])


# --- checks ----------------------------------------------------------------------------------


class Failure(Exception):
    """A broken invariant (not a crash of the reader itself)."""


class Hang(Exception):
    """A document took longer than the per-document timeout."""


def check_item(item: object, max_chars: int) -> None:
    """The invariants of one item a reader yields."""
    if isinstance(item, InputError):
        if not (item.code and str(item).startswith(f"[{item.code}] ")):
            raise Failure(f"uncoded error: {item!r}")
        str(item).encode("utf-8", "backslashreplace")
        return
    if not isinstance(item, Article):
        raise Failure(f"a reader yielded {type(item).__name__}")
    if not item.text.strip() or len(item.text) > max_chars:
        raise Failure(f"article text of {len(item.text)} characters (blank or over the limit)")
    for name in ("text", "title", "url", "outlet", "id", "source"):
        value = getattr(item, name)
        if value is not None:
            value.encode("utf-8")  # a lone surrogate would break every report
    for name, limit in MAX_FIELD_CHARS.items():
        if len(getattr(item, name) or "") > limit:
            raise Failure(f"{name} over {limit} characters")
    for name, limit in MAX_LEFT_OUT_CHARS.items():
        if len(getattr(item, name) or "") > limit:
            raise Failure(f"{name} over {limit} characters")


def check_warning(message: str) -> None:
    if not (message.startswith("[W") and message[2:5].isdigit() and message[5:7] == "] "):
        raise Failure(f"uncoded warning: {message!r}")


# --- running ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """What a run found."""

    documents: Counter[str] = field(default_factory=Counter)
    analysed: int = 0
    findings: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    slowest: dict[str, Any] = field(default_factory=lambda: {"seconds": 0.0})
    slowest_analysis: dict[str, Any] = field(default_factory=lambda: {"seconds": 0.0})


def read_document(data: bytes, target: str, max_chars: int, workdir: Path) -> list[object]:
    """Every item (and warning) one document gives through ``target``."""
    warnings: list[str] = []
    if target == "dispatch":
        path = workdir / f"doc{SUFFIXES[len(data) % len(SUFFIXES)]}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)], max_chars=max_chars, on_warning=warnings.append))
    else:
        stream = io.BytesIO(data)
        items = list(
            read_inputs(
                ["-"],
                input_format=target,
                max_chars=max_chars,
                stdin=stream,
                on_warning=warnings.append,
            )
        )
    for message in warnings:
        check_warning(message)
    for item in items:
        check_item(item, max_chars)
    return items


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang("document timeout")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Fuzz for ``args.budget`` seconds; the summary of what was found."""
    corpus = seeds()
    pool = [doc for docs in corpus.values() for doc in docs]
    tally = Tally()
    pipeline = _pipeline(args) if args.analyze else None
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        return _fuzz(args, tally, corpus, pool, pipeline)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _fuzz(
    args: argparse.Namespace,
    tally: Tally,
    corpus: dict[str, list[bytes]],
    pool: list[bytes],
    pipeline: Any,
) -> dict[str, Any]:
    rng = random.Random(args.seed)
    targets = [t for t in args.targets.split(",") if t]
    crashes = Path(args.crashes)
    with tempfile.TemporaryDirectory(prefix="newsift-fuzz-") as tmp:
        _warm_up(corpus, targets, args.max_chars, Path(tmp))
    started = time.perf_counter()
    cpu_started = time.process_time()
    deadline = started + args.budget
    slowest_data: bytes | None = None
    with tempfile.TemporaryDirectory(prefix="newsift-fuzz-") as tmp:
        workdir = Path(tmp)
        while time.perf_counter() < deadline and sum(tally.documents.values()) < args.max_docs:
            target = rng.choice(targets)
            data = mutate(rng, rng.choice(corpus[target]), pool)
            max_chars = rng.choice((args.max_chars, args.max_chars, 200))
            tally.documents[target] += 1
            began = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.doc_timeout)
            try:
                items = read_document(data, target, max_chars, workdir)
            except BaseException as error:
                if isinstance(error, KeyboardInterrupt):
                    raise
                _record(tally, crashes, target, data, error)
                items = []
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds = time.perf_counter() - began
            if seconds > tally.slowest["seconds"]:
                tally.slowest = {"seconds": round(seconds, 3), "target": target, "bytes": len(data)}
                slowest_data = data
            if pipeline is not None and rng.random() < args.analyze_share:
                _analyse(pipeline, rng, items, data, tally, crashes, args)
            if _rss_mb() > args.max_rss_mb:
                _record(tally, crashes, target, data, Failure(f"peak RSS {_rss_mb():.0f} MB"))
                break
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # the machine may be shared: CPU time is fairer
    if slowest_data is not None:  # kept, to time it again or profile it
        name = f"slowest-{tally.slowest['target']}-{_digest(slowest_data)}.bin"
        crashes.mkdir(parents=True, exist_ok=True)
        (crashes / name).write_bytes(slowest_data)
        tally.slowest["file"] = name
    total = sum(tally.documents.values())
    summary: dict[str, Any] = {
        "seed": args.seed,
        "budget_s": args.budget,
        "elapsed_s": round(elapsed, 1),
        "documents": total,
        "by_target": dict(sorted(tally.documents.items())),
        "documents_per_s": round(total / elapsed, 1) if elapsed else None,
        "cpu_s": round(cpu, 1),
        "documents_per_cpu_s": round(total / cpu, 1) if cpu else None,
        "failures": len(tally.failures),
        "failure_samples": tally.failures[:5],
        "peak_rss_mb": round(_rss_mb(), 1),
        "slowest_document": tally.slowest,
        "python": sys.version.split()[0],
        "cpu": _cpu(),
    }
    if pipeline is not None:
        summary.update(
            analysed=tally.analysed,
            findings_checked=tally.findings,
            slowest_analysis=tally.slowest_analysis,
        )
    return summary


def _warm_up(corpus: dict[str, list[bytes]], targets: list[str], max_chars: int, tmp: Path) -> None:
    """Read every seed once, untimed: the first page trafilatura extracts takes a second
    or more (it loads its data), which is not the document's doing."""
    for target in targets:
        for seed in corpus[target]:
            # A seed that fails fails again in the run, mutated or not, and is recorded there.
            with contextlib.suppress(Exception):
                read_document(seed, target, max_chars, tmp)


def _pipeline(args: argparse.Namespace) -> Any:
    from newsift.pipeline import Pipeline  # only with --analyze: it loads the models

    return Pipeline.create(max_chars=args.max_chars, encoder_thread=False)


def _analyse(
    pipeline: Any,
    rng: random.Random,
    items: list[object],
    data: bytes,
    tally: Tally,
    crashes: Path,
    args: argparse.Namespace,
) -> None:
    """Analyse an article the reader gave (or the mutant as plain text) and check offsets."""
    articles = [item for item in items if isinstance(item, Article)]
    article = (
        rng.choice(articles)
        if articles
        else Article(text=data.decode("utf-8", "replace")[:20_000] or " ")
    )
    began = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, args.doc_timeout * 10)
    try:
        report = pipeline.analyze(article).to_dict()
        problems = offset_violations(report)
        if problems:
            raise Failure("offset contract broken: " + "; ".join(problems[:3]))
        tally.findings += len(report["findings"])
    except InputError as error:
        if not str(error).startswith(f"[{error.code}] "):
            _record(tally, crashes, "analyze", article.text.encode("utf-8", "replace"), error)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        _record(tally, crashes, "analyze", article.text.encode("utf-8", "replace"), error)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    tally.analysed += 1
    seconds = time.perf_counter() - began
    if seconds > tally.slowest_analysis["seconds"]:
        tally.slowest_analysis = {"seconds": round(seconds, 3), "chars": len(article.text)}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _record(tally: Tally, crashes: Path, target: str, data: bytes, error: BaseException) -> None:
    digest = _digest(data)
    crashes.mkdir(parents=True, exist_ok=True)
    (crashes / f"{target}-{digest}.bin").write_bytes(data)
    trace = "".join(traceback.format_exception(error))
    (crashes / f"{target}-{digest}.txt").write_text(trace)
    tally.failures.append(
        {"target": target, "file": f"{target}-{digest}.bin", "error": f"{error!r}"[:300]}
    )


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return os.uname().machine


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (runs repeat exactly)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds to fuzz for")
    parser.add_argument("--max-docs", type=int, default=10**9, help="stop after this many")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated targets")
    parser.add_argument("--max-chars", type=int, default=20_000, help="--max-chars for readers")
    parser.add_argument("--doc-timeout", type=float, default=10.0, help="seconds per document")
    parser.add_argument("--max-rss-mb", type=float, default=1024.0, help="peak RSS allowed")
    parser.add_argument("--analyze", action="store_true", help="also run the full pipeline")
    parser.add_argument(
        "--analyze-share", type=float, default=0.05, help="share of documents analysed"
    )
    parser.add_argument(
        "--crashes", default="fuzz-crashes", help="folder for failing inputs and the slowest"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    summary = run(parse_args(argv))
    json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
