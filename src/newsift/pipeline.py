"""The one way to analyse an article: parse once with spaCy, run the analyzers, report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsift import segmentation, settings
from newsift._version import __version__
from newsift.analyzers import AnalyzerSpec, Selection, select_analyzers
from newsift.analyzers.base import NewsiftAnalyzer, spacy_model_info
from newsift.encoder import move_reading, start_reading
from newsift.errors import (
    ConfigError,
    Errors,
    InputError,
    ModelNotFoundError,
)
from newsift.findings import doc_to_findings, summarize
from newsift.language import require_supported_language
from newsift.model import Article, ModelInfo, Report
from newsift.textcheck import check_encodable, check_text

#: ``doc.user_data`` key holding the article's publication date (ISO string or None).
PUBLISHED_KEY = "newsift.published"
#: ``doc.user_data`` key of the article's web address (the places analyzer reads its country).
URL_KEY = "newsift.url"


def load_spacy(name: str | None = None) -> Language:
    """Load the English spaCy pipeline: ``name``, else $NEWSIFT_SPACY_MODEL, else the default.

    Raises:
        ModelNotFoundError: None of the candidate pipelines is installed (E015).
    """
    candidates = settings.spacy_model_names(name)
    first_error = ""
    for candidate in candidates if name is None else candidates[:1]:
        try:
            return spacy.load(candidate)
        except OSError as error:
            first_error = first_error or str(error).split("\n")[0]
    raise ModelNotFoundError(Errors.E015, name=candidates[0], detail=first_error)


def add_paragraph_boundaries(nlp: Language) -> None:
    """Put :mod:`newsift.segmentation`'s component before the parser (or first)."""
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(segmentation.FACTORY, **where)


@dataclass(frozen=True)
class Pipeline:
    """A loaded spaCy pipeline with newsift's analyzers; build once, reuse for every article.

    Every analysis goes through :meth:`select`: it runs the selected analyzers and those
    they require (:func:`newsift.analyzers.select_analyzers`), and reports only the
    selected ones' findings. The CLI, the batch workers, the web app and
    :func:`newsift.analyze` all analyse this way, so a selection gives the same findings
    everywhere.

    Attributes:
        nlp: The spaCy pipeline, newsift components included.
        analyzers: The newsift analyzers in it (loaded), in order.
        selection: What :meth:`analyze` runs and reports when given no ``only``/``skip``
            (the selection the pipeline was created for).
        max_chars: Longest text accepted.
        parse_piece_chars: Texts longer than this are parsed by spaCy in pieces (see
            :meth:`parse`).
        reader: One thread that runs the shared encoder over each article's text while
            spaCy parses it (the encoder needs only the text), when an analyzer reads the
            encoder; ``None`` otherwise.
    """

    nlp: Language
    analyzers: tuple[AnalyzerSpec, ...]
    selection: Selection
    max_chars: int = settings.DEFAULT_MAX_CHARS
    reader: ThreadPoolExecutor | None = None
    parse_piece_chars: int = settings.PARSE_PIECE_CHARS

    @classmethod
    def create(
        cls,
        *,
        only: Sequence[str] | None = None,
        skip: Sequence[str] | None = None,
        spacy_model: str | None = None,
        max_chars: int = settings.DEFAULT_MAX_CHARS,
        encoder_thread: bool = True,
    ) -> Pipeline:
        """Load spaCy and add the selected analyzers (all by default) and those they require.

        With ``encoder_thread`` (and an analyzer that reads the encoder), the encoder reads
        each article in a thread while spaCy parses it. A batch worker that has a core to
        itself turns it off: there is no idle core to overlap with, and the thread costs a
        few percent.

        Raises:
            ConfigError: Unknown analyzer name (E014).
            ModelNotFoundError: The spaCy pipeline or an analyzer's model is missing.
        """
        selection = select_analyzers(only, skip)
        specs = selection.run
        nlp = load_spacy(spacy_model)
        # spaCy refuses texts over nlp.max_length (1,000,000 by default); newsift's own limit
        # is --max-chars, checked per document with a coded error.
        nlp.max_length = max(nlp.max_length, max_chars + 1)
        add_paragraph_boundaries(nlp)
        for spec in specs:
            spec.load()
            nlp.add_pipe(spec.factory, name=f"newsift_{spec.name}")
        reader = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsift-encoder")
            if encoder_thread and any(spec.reads_encoder for spec in specs)
            else None
        )
        return cls(
            nlp=nlp, analyzers=specs, selection=selection, max_chars=max_chars, reader=reader
        )

    def select(
        self, only: Sequence[str] | None = None, skip: Sequence[str] | None = None
    ) -> Selection:
        """What an analysis with these options runs and reports.

        Without ``only`` and ``skip``: the pipeline's own :attr:`selection`.

        Raises:
            ConfigError: Unknown analyzer (E014), or one the selection needs that this
                pipeline was built without (E086).
        """
        if not only and not skip:
            return self.selection
        selection = select_analyzers(only, skip)
        loaded = {spec.name for spec in self.analyzers}
        missing = [spec.name for spec in selection.run if spec.name not in loaded]
        if missing:
            raise ConfigError(
                Errors.E086,
                missing=", ".join(missing),
                selection=", ".join(spec.name for spec in selection.reported) or "(none)",
                loaded=", ".join(sorted(loaded)) or "(none)",
            )
        return selection

    def components(self) -> list[NewsiftAnalyzer]:
        """The newsift components, in pipeline order."""
        return [
            cast(NewsiftAnalyzer, self.nlp.get_pipe(f"newsift_{spec.name}"))
            for spec in self.analyzers
        ]

    def describe_analyzers(self) -> list[dict[str, Any]]:
        """Name, version, finding kinds, models and description of each analyzer
        (``newsift analyzers`` and ``GET /api/analyzers``)."""
        return [
            {
                "name": spec.name,
                "version": component.version,
                "kinds": list(spec.kinds),
                "models": [m.to_dict() for m in component.models()],
                "description": spec.description,
            }
            for spec, component in zip(self.analyzers, self.components(), strict=True)
        ]

    @property
    def models(self) -> list[ModelInfo]:
        """The spaCy pipeline and every model an analyzer uses, each once."""
        return self.models_for(self.analyzers)

    def models_for(self, specs: Sequence[AnalyzerSpec]) -> list[ModelInfo]:
        """The spaCy pipeline and every model these (loaded) analyzers use, each once."""
        found = [spacy_model_info(self.nlp)]
        for spec in specs:
            component = cast(NewsiftAnalyzer, self.nlp.get_pipe(f"newsift_{spec.name}"))
            found.extend(m for m in component.models() if m not in found)
        return found

    def prepare(self, article: Article) -> Article:
        """Check an article can be analysed and record its language.

        Raises:
            InputError: Empty, too large, no words, or not English.
        """
        source = article.source or article.id
        check_text(article.text, source, self.max_chars)
        check_encodable(article.text, source)
        language = require_supported_language(article.text, source)
        return article.with_overrides(language=language)

    def analyze(
        self,
        article: Article,
        *,
        only: Sequence[str] | None = None,
        skip: Sequence[str] | None = None,
    ) -> Report:
        """Analyse one article with the analyzers :meth:`select` gives for ``only``/``skip``.

        Raises:
            ConfigError: A bad selection (see :meth:`select`).
            InputError: The article can't be analysed (see :meth:`prepare`).
        """
        selection = self.select(only, skip)
        prepared = self.prepare(article)
        (doc,) = self.parse([self.make_doc(prepared, selection)], selection)
        return self._report(prepared, doc, selection)

    def analyze_stream(
        self,
        items: Iterable[Article | InputError],
        batch_size: int = settings.BATCH_SIZE,
        *,
        only: Sequence[str] | None = None,
        skip: Sequence[str] | None = None,
    ) -> Iterator[Report | InputError]:
        """Analyse a stream, in order, parsing in batches; problems pass through in place.

        An article that fails :meth:`prepare` comes out as its :class:`InputError`, so one
        bad document never stops a batch.

        Raises:
            ConfigError: A bad selection (see :meth:`select`), before any article is read.
        """
        selection = self.select(only, skip)
        return self._stream(items, batch_size, selection)

    def _stream(
        self, items: Iterable[Article | InputError], batch_size: int, selection: Selection
    ) -> Iterator[Report | InputError]:
        iterator = iter(items)
        while batch := list(islice(iterator, batch_size)):
            prepared: list[Article | InputError] = []
            for item in batch:
                try:
                    prepared.append(item if isinstance(item, InputError) else self.prepare(item))
                except InputError as error:
                    prepared.append(error)
            articles = [item for item in prepared if isinstance(item, Article)]
            docs = iter(
                self.parse([self.make_doc(article, selection) for article in articles], selection)
            )
            for item in prepared:
                yield (
                    item
                    if isinstance(item, InputError)
                    else self._report(item, next(docs), selection)
                )

    def parse(self, docs: Sequence[Doc], selection: Selection | None = None) -> Iterator[Doc]:
        """Run the spaCy pipeline over ``docs``, in order, with the analyzers that
        ``selection`` runs (default: :attr:`selection`).

        Documents up to :attr:`parse_piece_chars` long go through ``nlp.pipe`` together. A
        longer one is parsed by spaCy's components in pieces cut at paragraph breaks
        (:func:`newsift.segmentation.parse_pieces`), which bounds the parser's memory; the
        pieces are joined into one Doc with the same text and the analyzers read it whole.
        """
        run = (selection or self.selection).run_names
        # per call, not by switching components off: the web app analyses in several threads
        disabled = [f"newsift_{spec.name}" for spec in self.analyzers if spec.name not in run]
        short: list[Doc] = []
        for doc in docs:
            if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) > self.parse_piece_chars:
                yield from self.nlp.pipe(short, disable=disabled)
                short = []
                yield self._parse_in_pieces(doc, disabled)
            else:
                short.append(doc)
        yield from self.nlp.pipe(short, disable=disabled)

    def _parse_in_pieces(self, doc: Doc, disabled: Sequence[str]) -> Doc:
        analyzers = {f"newsift_{spec.name}" for spec in self.analyzers}
        text = doc.text
        parts = []
        for start, end in segmentation.parse_pieces(text, self.parse_piece_chars):
            part = self.nlp.make_doc(text[start:end])
            for name, component in self.nlp.pipeline:
                if name not in analyzers:
                    part = component(part)
            parts.append(part)
        whole = Doc.from_docs(parts, ensure_whitespace=False)
        if whole.text != text:  # never seen; but every offset depends on it: parse it whole
            (parsed,) = self.nlp.pipe([doc], disable=disabled)
            return parsed
        whole.user_data.update(doc.user_data)
        move_reading(doc, whole)
        for name, component in self.nlp.pipeline:
            if name in analyzers and name not in disabled:
                whole = component(whole)
        return whole

    def make_doc(self, article: Article, selection: Selection | None = None) -> Doc:
        """A tokenised Doc that carries the article's metadata for the analyzers.

        ``doc.user_data["newsift.published"]`` holds the publication date (ISO string or
        ``None``), so time-relative analyzers can resolve "last month" against it, and
        ``doc.user_data["newsift.url"]`` the article's web address (or ``None``). When an
        analyzer that ``selection`` runs reads the shared encoder, the encoder starts
        reading the text now, in the :attr:`reader` thread, and
        :func:`newsift.encoder.reading_of` waits for it.
        """
        doc = self.nlp.make_doc(article.text)
        doc.user_data[PUBLISHED_KEY] = article.published.isoformat() if article.published else None
        doc.user_data[URL_KEY] = article.url  # the places analyzer reads the outlet's country
        if self.reader is not None and (selection or self.selection).reads_encoder:
            start_reading(doc, self.reader)
        return doc

    def _report(self, article: Article, doc: Doc, selection: Selection) -> Report:
        findings = doc_to_findings(doc, selection.reported_names)
        return Report(
            article=article,
            findings=findings,
            summary=summarize(findings, selection.reported),
            models=self.models_for(selection.run),
            newsift_version=__version__,
        )
