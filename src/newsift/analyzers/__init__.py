"""The analyzers newsift ships, by name, in the order the pipeline runs them.

Each entry names the spaCy factory (registered by importing its module), what it finds,
the analyzers whose findings it reads (``requires``), and the function that turns its
findings into its part of the report's ``summary``.

:func:`select_analyzers` is the one place that decides which analyzers run for a
selection (``--only``/``--skip``, the web form, ``newsift.analyze``): the selected ones and,
silently, every analyzer they require. Only the selected ones' findings are reported, so
the same selection gives the same findings wherever it is made.

The analyzers that read the shared encoder come last: the encoder reads the article in a
thread while spaCy parses, and the rule-based analyzers run while it finishes (a long
article's reading can outlast the parse).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.errors import ConfigError, Errors
from newsift.model import Finding, FindingKind

Summarizer = Callable[[list[Finding]], dict[str, Any]]


@dataclass(frozen=True)
class AnalyzerSpec:
    """How to build one analyzer and what it contributes."""

    name: str  #: the name users give to --only/--skip
    factory: str  #: the spaCy factory name
    module: str  #: importing it registers the factory and provides ``summarize``
    kinds: tuple[FindingKind, ...]  #: finding kinds it emits
    description: str  #: one line for ``newsift analyzers``
    reads_encoder: bool = False  #: reads the shared encoder (:mod:`newsift.encoder`)
    #: analyzers whose findings this one reads; they run before it, reported or not
    requires: tuple[str, ...] = ()

    def summarizer(self) -> Summarizer | None:
        """The module's ``summarize(findings) -> dict`` function, if it has one."""
        module = importlib.import_module(self.module)
        summarize: Summarizer | None = getattr(module, "summarize", None)
        return summarize

    def load(self) -> None:
        """Import the module, which registers the spaCy factory."""
        importlib.import_module(self.module)


ANALYZERS: tuple[AnalyzerSpec, ...] = (
    AnalyzerSpec(
        name="entities",
        factory="newsift_entities",
        module="newsift.analyzers.entities",
        kinds=("entity",),
        description="People, organisations, places and other named entities (spaCy NER).",
    ),
    AnalyzerSpec(
        name="attribution",
        factory="newsift_attribution",
        module="newsift.analyzers.attribution",
        kinds=("attribution",),
        description="Who says what: quotes and reported speech with source, cue, source type.",
    ),
    AnalyzerSpec(
        name="places",
        factory="newsift_places",
        module="newsift.analyzers.places",
        kinds=("place", "flag"),
        description="Places resolved against GeoNames; names that exist nowhere, with suggestions.",
    ),
    AnalyzerSpec(
        name="time",
        factory="newsift_time",
        module="newsift.analyzers.timex",
        kinds=("time", "flag"),
        description="Dates, times and durations, normalised to ISO 8601 (publication date).",
    ),
    AnalyzerSpec(
        name="techniques",
        factory="newsift_techniques",
        module="newsift.analyzers.techniques",
        kinds=("technique",),
        description="Persuasion techniques (14 SemEval-2020 classes), MiniLM tagger, ONNX.",
        reads_encoder=True,
        # a span inside an attribution's content is the quoted speaker's voice, not the author's
        requires=("attribution",),
    ),
    AnalyzerSpec(
        name="claims",
        factory="newsift_claims",
        module="newsift.analyzers.claims",
        kinds=("claim",),
        description="Check-worthy factual statements (MiniLM + logistic head, ONNX).",
        reads_encoder=True,
        # a claim names its attribution's source type and links the places and times in it
        requires=("attribution", "places", "time"),
    ),
)


def analyzer_names() -> list[str]:
    """Names of all shipped analyzers, in pipeline order."""
    return [spec.name for spec in ANALYZERS]


@dataclass(frozen=True)
class Selection:
    """Which analyzers run for a selection, and whose findings are reported.

    Attributes:
        reported: The selected analyzers, in pipeline order; only their findings are
            reported.
        run: The analyzers that run, in pipeline order: the reported ones and everything
            they require, directly or not (helpers run silently).
    """

    reported: tuple[AnalyzerSpec, ...]
    run: tuple[AnalyzerSpec, ...]

    @property
    def reported_names(self) -> frozenset[str]:
        """Names of the reported analyzers."""
        return frozenset(spec.name for spec in self.reported)

    @property
    def run_names(self) -> frozenset[str]:
        """Names of the analyzers that run."""
        return frozenset(spec.name for spec in self.run)

    @property
    def reads_encoder(self) -> bool:
        """Whether an analyzer that runs reads the shared encoder."""
        return any(spec.reads_encoder for spec in self.run)


def select_analyzers(
    only: Sequence[str] | None = None, skip: Sequence[str] | None = None
) -> Selection:
    """The analyzers a selection reports and the analyzers that must run for it.

    ``skip`` only keeps an analyzer out of the report: when a reported analyzer requires
    it (``--skip attribution`` with ``techniques``), it still runs, silently, so that the
    reported findings are the same whatever else is selected.

    Args:
        only: Report just these (all if empty or ``None``).
        skip: Leave these out of the report.

    Raises:
        ConfigError: A name is not a known analyzer (E014).
    """
    known = {spec.name: spec for spec in ANALYZERS}
    for name in [*(only or []), *(skip or [])]:
        if name not in known:
            raise ConfigError(Errors.E014, name=name, known=", ".join(known))
    chosen = set(only) if only else set(known)
    chosen -= set(skip or [])
    needed = set(chosen)
    pending = list(chosen)
    while pending:
        for required in known[pending.pop()].requires:
            if required not in needed:
                needed.add(required)
                pending.append(required)
    return Selection(
        reported=tuple(spec for spec in ANALYZERS if spec.name in chosen),
        run=tuple(spec for spec in ANALYZERS if spec.name in needed),
    )
