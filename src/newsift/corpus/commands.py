"""What the ``newsift corpus …`` and ``newsift compare`` commands do, as plain functions.

The CLI only parses options and calls these; tests and the web app call them too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any

from newsift import settings
from newsift.corpus.model import CopyEdge, CorpusArticle, Family, OutletEdge, Story
from newsift.corpus.store import (
    DEFAULT_DB,
    CorpusStore,
    RecordedError,
    StoredArticle,
    content_key,
)
from newsift.corpus.stories import find_stories, story_similarity, text_similarity
from newsift.errors import (
    ConfigError,
    Errors,
    InputError,
    NewsiftError,
    UnsupportedLanguageError,
    Warnings,
)
from newsift.ingest import read_inputs
from newsift.language import detect_language, require_supported_language
from newsift.model import Article, Report, text_id

#: Articles read, analysed and committed together: a kill loses at most one batch of work.
BATCH_SIZE = settings.CORPUS_BATCH_SIZE
#: Formats of the row commands.
ROW_FORMATS = ("jsonl", "csv")
NETWORK_FORMATS = ("csv", "graphml", "html")
#: Leading characters a spreadsheet reads as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class AddOptions:
    """Everything ``corpus add`` needs, already checked."""

    paths: list[str]
    db: str = DEFAULT_DB
    analyze: bool = True
    input_format: str | None = None
    max_chars: int = settings.DEFAULT_MAX_CHARS
    spacy_model: str | None = None
    batch_size: int = BATCH_SIZE
    #: Cores the analysis may use: above 1, that many worker processes; 1, this process on
    #: one core; None, this process on every usable core (the encoder in threads).
    workers: int | None = None


@dataclass
class AddOutcome:
    """How ``corpus add`` went."""

    read: int = 0
    added: int = 0
    already: int = 0
    analysed: int = 0
    problems: list[NewsiftError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def summary(self) -> str:
        """One line for stderr."""
        return (
            f"{self.added} added ({self.analysed} analysed), {self.already} already stored, "
            f"{len(self.problems)} could not be added."
        )


PipelineFactory = Callable[[], Any]


@dataclass
class _PoolAnalyser:
    """The worker pool behind the pipeline's ``analyze_stream`` (``corpus add --workers N``)."""

    pool: Any  #: newsift.parallel.WorkerPool, started

    def analyze_stream(self, items: Iterable[Article]) -> Iterator[Report | InputError]:
        result: Iterator[Report | InputError] = self.pool.analyze(items)
        return result


def _default_pipeline(options: AddOptions, stack: ExitStack) -> PipelineFactory:
    """Builds the analysis, once, at the first article to analyse: this process within
    ``options.workers`` cores, or that many one-core worker processes (the project's batch
    path, as ``newsift analyze --workers N``)."""

    def create() -> Any:
        from newsift.parallel import CoreBudget, PipelineOptions, WorkerPool, environment
        from newsift.pipeline import Pipeline

        if options.workers is not None and options.workers > 1:
            pool = WorkerPool(
                options.workers,
                PipelineOptions(spacy_model=options.spacy_model, max_chars=options.max_chars),
            )
            stack.enter_context(pool)
            return _PoolAnalyser(pool.start())
        budget = CoreBudget(options.workers)
        with environment(budget.environment()):
            return Pipeline.create(
                spacy_model=options.spacy_model,
                max_chars=options.max_chars,
                encoder_thread=budget.encoder_thread,
            )

    return create


def fingerprint_bytes(text: str) -> bytes:
    """The copy engine's fingerprint of ``text``, as stored."""
    from newsift.corpus.fingerprint import fingerprint

    return fingerprint(text).to_bytes()


def published_text(article: Article) -> str | None:
    """The publication time as precisely as the input gave it (ISO 8601)."""
    if article.published_at is not None:
        return article.published_at.isoformat()
    return article.published.isoformat() if article.published else None


def _corpus_article(article: Article, article_id: str, language: str | None) -> CorpusArticle:
    published: dt.datetime | None = article.published_at
    if published is None and article.published is not None:
        published = dt.datetime.combine(article.published, dt.time())
    return CorpusArticle(
        id=article_id,
        text=article.text,
        outlet=article.outlet,
        url=article.url,
        published=published,
        language=language,
        title=article.title,
    )


class _Adder:
    """Stores one batch at a time: skips what is stored, analyses, fingerprints, commits."""

    def __init__(
        self,
        store: CorpusStore,
        options: AddOptions,
        pipeline: PipelineFactory,
        warn: Callable[[str], None],
        outcome: AddOutcome,
    ) -> None:
        self.store = store
        self.options = options
        self.make_pipeline = pipeline
        self.pipeline: Any = None
        self.warn = warn
        self.outcome = outcome

    def add(self, batch: Sequence[Article | InputError]) -> list[NewsiftError]:
        problems: list[NewsiftError] = [i for i in batch if isinstance(i, InputError)]
        fresh: dict[str, Article] = {}
        for item in batch:
            if isinstance(item, Article):
                fresh.setdefault(content_key(item.text), item)
        known = self.store.known_keys(fresh)
        todo = [(key, article) for key, article in fresh.items() if key not in known]
        # Stored before, or the same text earlier in this batch.
        self.outcome.already += sum(isinstance(i, Article) for i in batch) - len(todo)
        reports, more_problems = self._analyse([article for _, article in todo])
        problems.extend(more_problems)
        rows = self._rows(todo, reports)
        errors = [RecordedError(_where(p), p.code, p.message) for p in problems]
        self.outcome.added += self.store.add_batch(rows, errors)
        self.outcome.analysed += sum(1 for r in rows if r.report is not None)
        return problems

    def _analyse(
        self, articles: list[Article]
    ) -> tuple[dict[int, Report | str | None], list[NewsiftError]]:
        """Per article: its report, its detected language (not analysed), or a problem."""
        results: dict[int, Report | str | None] = {}
        problems: list[NewsiftError] = []
        english: list[int] = []
        for index, article in enumerate(articles):
            source = article.source or article.id
            try:
                # The analysis's own check: a short or mixed text is read as English.
                results[index] = require_supported_language(article.text, source)
            except UnsupportedLanguageError:
                guess = detect_language(article.text)
                results[index] = guess.code if guess else None
                continue
            except InputError as error:
                problems.append(error)
                continue
            if self.options.analyze:
                english.append(index)
        if english:
            if self.pipeline is None:
                self.pipeline = self.make_pipeline()
            chosen = [articles[i] for i in english]
            for index, result in zip(english, self.pipeline.analyze_stream(chosen), strict=True):
                if isinstance(result, Report):
                    results[index] = result
                else:
                    problems.append(result)
                    del results[index]
        return results, problems

    def _rows(
        self, todo: list[tuple[str, Article]], results: dict[int, Report | str | None]
    ) -> list[StoredArticle]:
        wanted = [a.id for _, a in todo]
        taken = self.store.taken_ids(wanted)
        rows = []
        for index, (key, article) in enumerate(todo):
            if index not in results:
                continue
            result = results[index]
            article_id = article.id
            if taken.get(article_id, key) != key:
                new_id = text_id(article.text)
                self.warn(
                    Warnings.W140.format(
                        source=article.source or article.id, id=article_id, new_id=new_id
                    )
                )
                article_id = new_id
            taken[article_id] = key
            report = result.to_dict() if isinstance(result, Report) else None
            language = result.article.language if isinstance(result, Report) else result
            rows.append(
                StoredArticle(
                    key=key,
                    article=_corpus_article(article, article_id, language),
                    published=published_text(article),
                    source=article.source,
                    report=report,
                    fingerprint=fingerprint_bytes(article.text),
                )
            )
        return rows


def _where(problem: NewsiftError) -> str:
    """The input a problem is about: its source, and its line or row where it has one."""
    source = str(problem.fields.get("source", ""))
    line = problem.fields.get("line")
    return f"{source}:{line}" if line is not None else source


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_add(
    options: AddOptions,
    *,
    on_problem: Callable[[NewsiftError], None] = lambda _: None,
    on_warning: Callable[[str], None] = lambda _: None,
    on_progress: Callable[[int], None] = lambda _: None,
    pipeline: PipelineFactory | None = None,
) -> AddOutcome:
    """Read, analyse, fingerprint and store every input, one committed batch at a time.

    Articles already stored (same text) are skipped before any analysis, so a run killed
    part-way and started again picks up where the last committed batch ended.

    Args:
        options: What to add and where.
        on_problem: Called with each input that could not be added.
        on_warning: Called with each warning (formatted).
        on_progress: Called with the number of inputs handled after each batch.
        pipeline: Builds the analysis pipeline (default: :meth:`Pipeline.create`); called
            once, at the first article to analyse.

    Raises:
        ConfigError: The database can't be opened (E140-E143).
    """
    outcome = AddOutcome()
    with ExitStack() as stack:
        store = stack.enter_context(CorpusStore.open(options.db))
        factory = pipeline or _default_pipeline(options, stack)
        adder = _Adder(store, options, factory, on_warning, outcome)
        items = read_inputs(
            options.paths,
            input_format=options.input_format,
            max_chars=options.max_chars,
            on_warning=on_warning,
        )
        for batch in _batches(items, options.batch_size):
            outcome.read += len(batch)
            for problem in adder.add(batch):
                outcome.problems.append(problem)
                on_problem(problem)
            on_progress(len(batch))
    return outcome


# --- reading the corpus --------------------------------------------------------------------


def load_articles(store: CorpusStore) -> list[CorpusArticle]:
    """Every stored article, in id order."""
    return list(store.articles())


def copy_edges(store: CorpusStore, articles: Sequence[CorpusArticle]) -> list[CopyEdge]:
    """The copy edges among ``articles``, reusing the fingerprints stored by ``corpus add``
    where the article's outlet has no boilerplate to mask (the stored ones mask nothing)."""
    from newsift.corpus.boilerplate import learn_boilerplate
    from newsift.corpus.copies import CopyParams, find_copies
    from newsift.corpus.fingerprint import Fingerprint, FingerprintError, fingerprint

    params = CopyParams()
    boilerplate = learn_boilerplate(articles, params.boilerplate_min_articles)
    stored = store.fingerprints()
    prints = []
    for article in articles:
        mask = boilerplate.mask(article)
        found: Fingerprint | None = None
        if not mask and article.id in stored:
            try:
                found = Fingerprint.from_bytes(stored[article.id])
            except FingerprintError:  # written by another version: made again below
                found = None
        if found is None or found.params != params.fingerprint:
            found = fingerprint(article.text, mask, params.fingerprint)
        prints.append(found)
    return find_copies(articles, params, boilerplate=boilerplate, fingerprints=prints)


def corpus_copies(store: CorpusStore) -> list[CopyEdge]:
    """The copy edges of the whole corpus."""
    return copy_edges(store, load_articles(store))


def corpus_origins(store: CorpusStore) -> list[Family]:
    """The copy families, with earliest source and derivation tree."""
    from newsift.corpus.origins import find_origins

    articles = load_articles(store)
    return find_origins(articles, copy_edges(store, articles))


def corpus_stories(store: CorpusStore) -> list[Story]:
    """The same-story clusters."""
    return find_stories(load_articles(store))


def corpus_network(store: CorpusStore) -> list[OutletEdge]:
    """The outlet-to-outlet copy network."""
    from newsift.corpus.network import outlet_network

    articles = load_articles(store)
    return outlet_network(articles, copy_edges(store, articles))


# --- rows ------------------------------------------------------------------------------------


def copy_row(edge: CopyEdge) -> dict[str, Any]:
    """One ``corpus copies`` row (see ``docs/corpus-rows.schema.json``)."""
    return {
        "source": edge.source,
        "copy": edge.copy,
        "kind": edge.kind,
        "direction": edge.direction,
        "direction_reason": edge.direction_reason,
        "score": round(edge.score, 4),
        "containment_source": round(edge.containment_source, 4),
        "containment_copy": round(edge.containment_copy, 4),
        "passages": [asdict(p) for p in edge.passages],
        "evidence": edge.evidence,
    }


def origin_row(family: Family) -> dict[str, Any]:
    """One ``corpus origins`` row."""
    return {
        "family": family.family,
        "members": list(family.members),
        "earliest": family.earliest,
        "reason": family.reason,
        "tree": [list(pair) for pair in family.tree],
    }


def story_row(story: Story) -> dict[str, Any]:
    """One ``corpus stories`` row."""
    return {"story": story.story, "members": list(story.members), "score": round(story.score, 4)}


def network_row(edge: OutletEdge) -> dict[str, Any]:
    """One ``corpus network --format csv`` row."""
    return {
        "source_outlet": edge.source_outlet,
        "copy_outlet": edge.copy_outlet,
        "copies": edge.copies,
        "median_lag_seconds": edge.median_lag_seconds,
        "kinds": edge.kinds,
    }


def safe_cell(value: Any) -> str:
    """A CSV cell: nested values as JSON, and text a spreadsheet would run as a formula
    quoted with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value)
    if text.startswith(_FORMULA_START):
        try:
            float(text)  # a negative number is a number, not a formula
        except ValueError:
            return "'" + text
    return text


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, write: Callable[[str], Any]) -> int:
    """Write rows as JSONL or CSV (a header from the first row's keys); returns the count."""
    import csv
    import io

    count = 0
    writer: Any = None
    buffer = io.StringIO()
    for row in rows:
        if fmt == "jsonl":
            write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                # CRLF rows (RFC 4180): a carriage return inside a cell is then quoted too.
                writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
                writer.writeheader()
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
            write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        count += 1
    return count


def check_format(value: str, choices: tuple[str, ...]) -> None:
    """Raise E024 unless ``value`` is one of ``choices``."""
    if value not in choices:
        expected = "one of " + ", ".join(choices)
        raise ConfigError(Errors.E024, option="format", expected=expected, value=value)


# --- one pair ---------------------------------------------------------------


def read_one(path: str, max_chars: int = settings.DEFAULT_MAX_CHARS) -> Article:
    """The one article in ``path`` (read with the project's readers).

    Raises:
        InputError: The input is bad (its own code) or holds several articles (E145).
    """
    items = list(islice(read_inputs([path], max_chars=max_chars), 2))
    for item in items:
        if isinstance(item, InputError):
            raise item
    if len(items) != 1:
        raise InputError(Errors.E145, source=path, count="more than one" if items else "none")
    article = items[0]
    assert isinstance(article, Article)
    return article


def compare_pair(
    a: Article, b: Article, outlet_a: str | None = None, outlet_b: str | None = None
) -> dict[str, Any]:
    """Story similarity, copy kind and direction, and the aligned passages of one pair
    (``passages_source``, ``"a"`` or ``"b"``, is the side the passages read as the source:
    the copy edge's source). ``outlet_a``/``outlet_b`` name the outlets when the inputs
    don't (plain text), so that attribution cues can settle the direction."""
    from newsift.corpus.compare import compare

    first = _corpus_article(a, a.id, None)
    second = _corpus_article(b, b.id, None)
    if outlet_a:
        first = dataclasses.replace(first, outlet=outlet_a)
    if outlet_b:
        second = dataclasses.replace(second, outlet=outlet_b)
    result = compare(first, second, lambda x, y: round(story_similarity(x.text, y.text), 4))
    return {
        "a": result.a,
        "b": result.b,
        "story_similarity": result.story_similarity,
        "text_similarity": round(text_similarity(a.text, b.text), 4),
        "kind": result.kind,
        "containment_a": result.containment_a,
        "containment_b": result.containment_b,
        "passages": [asdict(p) for p in result.passages],
        "passages_source": result.passages_source,
        "copy": copy_row(result.copy) if result.copy is not None else None,
    }


# --- the outlet network as a file --------------------------------------------------------------


def render_network(edges: Sequence[OutletEdge], fmt: str) -> str:
    """The outlet network as GraphML (for Gephi) or a self-contained HTML page (SVG)."""
    if fmt == "graphml":
        import io

        from newsift.corpus.network import write_graphml

        buffer = io.StringIO()
        write_graphml(edges, buffer)
        return buffer.getvalue()
    return network_html(edges)


def network_html(edges: Sequence[OutletEdge]) -> str:
    """A standalone page: the outlet network drawn as SVG (:mod:`newsift.corpus.network_svg`:
    an arrow per copy relation, wider for more copies, labelled with count and median lag;
    hover for the kinds), and the same edges as a table. No script, no CDN."""
    from html import escape

    from newsift.corpus.network_svg import lag_label, network_svg

    rows = []
    for edge in edges:
        lag = lag_label(edge.median_lag_seconds)
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(edge.kinds.items()))
        rows.append(
            f"<tr><td>{escape(edge.source_outlet)}</td><td>{escape(edge.copy_outlet)}</td>"
            f"<td>{edge.copies}</td><td>{escape(lag)}</td><td>{escape(kinds)}</td></tr>"
        )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>newsift: outlet copy network</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .6em}svg{max-width:100%;height:auto}"
        "</style></head><body>"
        "<h1>Who copies whom</h1><p>An arrow points from the outlet copied to the outlet "
        "that copied it, labelled with the number of copies and the median lag.</p>"
        + str(network_svg(edges))
        + "<table><thead><tr><th>source outlet</th><th>copy outlet</th><th>copies</th>"
        "<th>median lag</th><th>kinds</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )
