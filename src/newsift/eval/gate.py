"""The eval gate: every set newsift is measured on, with its scores pinned as floors.

Modelled on trafilatura's evaluation gate. :data:`GATE_FILE` (``gate.json``) lists the
sets; each entry names its scorer (``kind``), its files, their sha256 and one floor per
metric. :func:`check` measures every set and fails a set when a score falls below its
floor, or when the set's content changed since it was pinned (a floor means nothing on
other data). :func:`pin` writes the current scores as the new floors; lowering a floor
needs ``allow_lower``, so a regression can't be pinned by accident.

Sets shipped in the package (``bundled``) always run. Third-party corpora (PTC, PolNeAR)
are read from a data folder given at run time; when it lacks them the entry is skipped
with a warning (W113), never failed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsift.errors import ConfigError, Errors, InputError, NewsiftError, Warnings
from newsift.eval.corpora import DATA_DIR
from newsift.eval.corpora.checkworthy import read_articles
from newsift.eval.corpora.ptc import load_ptc
from newsift.eval.run import (
    attribution_nlp,
    claims_scorer,
    evaluate_checkworthy,
    evaluate_news_claims,
    evaluate_places,
    evaluate_polnear,
    evaluate_ptc_folds,
    evaluate_source_types,
    evaluate_time,
    model_split,
)

#: The pinned floors, shipped with the package.
GATE_FILE = Path(__file__).with_name("gate.json")
#: Where third-party corpora are looked for by default (the repository's neighbour).
DEFAULT_SHARED = Path("..") / "shared" / "data"
#: Scores are pinned, and compared with their floors, at this many decimals.
DECIMALS = 4


@dataclass(frozen=True)
class Entry:
    """One gated set.

    Attributes:
        name: The set's name (``--only NAME``).
        kind: Its scorer: ``places``, ``toponyms``, ``sources``, ``checkworthy``,
            ``news-claims``, ``polnear``, ``ptc`` or ``time``.
        paths: Its files or folders: under :data:`DATA_DIR` when ``bundled``, else under
            the data folder; the first is the set itself, the others belong to it (the
            articles of a check-worthiness set).
        bundled: Whether the set ships in the package.
        about: What the set is, for the README table.
        sha256: The content hash of ``paths`` when the floors were pinned.
        floors: Least score per metric.
        options: Scorer options (``split`` for PTC).
        tolerance: How far below a floor a score may fall and still pass. Zero for rules,
            which give the same score everywhere; a little for ONNX models, whose scores move
            in the third decimal with the CPU and the thread count.
    """

    name: str
    kind: str
    paths: tuple[str, ...]
    bundled: bool
    about: str
    sha256: str = ""
    floors: dict[str, float] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    tolerance: float = 0.0

    def resolve(self, shared: Path) -> list[Path]:
        """The entry's paths on this machine."""
        root = DATA_DIR if self.bundled else shared
        return [root / p for p in self.paths]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "paths": list(self.paths),
            "bundled": self.bundled,
            "about": self.about,
            "sha256": self.sha256,
            "floors": dict(self.floors),
        }
        if self.options:
            data["options"] = dict(self.options)
        if self.tolerance:
            data["tolerance"] = self.tolerance
        return data


@dataclass(frozen=True)
class Outcome:
    """What the gate found for one entry.

    Attributes:
        entry: The entry as pinned.
        scores: The measured scores (empty when skipped).
        sha256: The content hash found (empty when skipped).
        problems: Coded messages: scores below their floors (E113), changed content (E114).
        skipped: The W113 warning when the set's data is absent, else empty.
    """

    entry: Entry
    scores: dict[str, float] = field(default_factory=dict)
    sha256: str = ""
    problems: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def passed(self) -> bool:
        return not self.problems


# --- the gate file ------------------------------------------------------------------------


def load_entries(path: Path = GATE_FILE) -> list[Entry]:
    """The entries of a gate file.

    Raises:
        InputError: The file is missing, not JSON or not a list of entries (E116).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            Entry(
                name=str(item["name"]),
                kind=str(item["kind"]),
                paths=tuple(str(p) for p in item["paths"]),
                bundled=bool(item["bundled"]),
                about=str(item.get("about", "")),
                sha256=str(item.get("sha256", "")),
                floors={str(k): float(v) for k, v in item.get("floors", {}).items()},
                options={str(k): str(v) for k, v in item.get("options", {}).items()},
                tolerance=float(item.get("tolerance", 0.0)),
            )
            for item in data["entries"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(Errors.E116, source=path, detail=error) from None


def save_entries(entries: Iterable[Entry], path: Path = GATE_FILE) -> None:
    """Write the entries as a gate file (stable order and layout, for readable diffs)."""
    data = {"entries": [e.to_dict() for e in entries]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def select(entries: Sequence[Entry], names: Sequence[str]) -> list[Entry]:
    """The entries named (all when ``names`` is empty), in the file's order.

    Raises:
        ConfigError: A name is not an entry's (E117).
    """
    known = [e.name for e in entries]
    for name in names:
        if name not in known:
            raise ConfigError(Errors.E117, name=name, known=", ".join(known))
    return [e for e in entries if not names or e.name in names]


def content_hash(paths: Iterable[Path]) -> str:
    """sha256 over the files (a folder: every file in it, by relative path) and their names."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.relative_to(path) if path.is_dir() else Path(file.name)
            digest.update(name.as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def rounded(value: float) -> float:
    """``value`` at :data:`DECIMALS` decimals: what is pinned and what is compared, so that
    float noise below the last decimal never fails the gate."""
    return round(value, DECIMALS)


# --- measuring ----------------------------------------------------------------------------


@cache
def _attribution_nlp() -> Language:
    """One attribution pipeline for every attribution set of a run."""
    return attribution_nlp()


def _places(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    """An own place set's scores; only the metrics its mentions measure (a set of
    misspellings alone has no resolution accuracy)."""
    s = evaluate_places(paths[0])
    scores = {}
    if s.places:
        scores["resolution_accuracy"] = s.resolution_accuracy
    if s.misspellings:
        scores["suggestion_hit_rate"] = s.suggestion_hit_rate
        scores["suggestion_first_rate"] = s.suggestion_first_rate
        scores["flag_rate"] = s.flag_rate
    scores["detection_recall"] = s.detection_recall
    return scores


def _toponyms(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    """A toponym corpus (GeoWebNews, LGL): the gold set, then the corpus JSONL with points."""
    s = evaluate_places(paths[0], points=paths[1] if len(paths) > 1 else None).toponyms
    if s is None:  # never: evaluate_places always measures the toponyms
        return {}
    return {
        "recognition_f1": s.recognition.f1,
        "acc161": s.acc161,
        "acc161_found": s.acc161_found,
        "countries_acc161": s.countries_acc161,
        "admin1_acc161": s.admin1_acc161,
    }


def _sources(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    s = evaluate_source_types(paths[0], _attribution_nlp())
    return {"accuracy": s.accuracy, "matched_accuracy": s.matched_accuracy}


def _checkworthy(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    from newsift.analyzers.claims import shared_head

    articles = read_articles(paths[1]) if len(paths) > 1 else None
    s = evaluate_checkworthy(paths[0], claims_scorer(articles), shared_head().threshold)
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1}


def _news_claims(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    s = evaluate_news_claims(paths[0], options.get("split", "test")).scores
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1}


def _polnear(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    s = evaluate_polnear(paths[0], _attribution_nlp())
    return {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "quote_recall": s.quote_recall,
        "source_accuracy": s.source_accuracy,
        "cue_accuracy": s.cue_accuracy,
    }


def _ptc(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    from newsift.analyzers.techniques import MODEL_DIR, shared_model

    articles = model_split(load_ptc(paths[0]), MODEL_DIR, options.get("split", "all"))
    evaluation = evaluate_ptc_folds([(shared_model(), articles)])
    return {
        "si_precision": evaluation.si.precision,
        "si_recall": evaluation.si.recall,
        "si_f1": evaluation.si.f1,
        "tc_f1": evaluation.tc.micro.f1,
    }


@cache
def _time_pipeline() -> Any:
    """One pipeline with the time analyzer for every time set of a run."""
    from newsift.pipeline import Pipeline

    return Pipeline.create(only=["time"])


def _time(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
    lines = options.get("annotated_lines")
    s = evaluate_time(paths[0], _time_pipeline(), int(lines) if lines else None)
    return {
        "relaxed_f1": s.relaxed.f1,
        "type_accuracy": s.type_accuracy,
        "value_f1": s.value.f1,
    }


#: kind → the function that measures a set of that kind (paths resolved, options).
MEASURES: dict[str, Callable[[Sequence[Path], Mapping[str, str]], dict[str, float]]] = {
    "places": _places,
    "toponyms": _toponyms,
    "sources": _sources,
    "checkworthy": _checkworthy,
    "news-claims": _news_claims,
    "polnear": _polnear,
    "ptc": _ptc,
    "time": _time,
}


def check_entry(entry: Entry, shared: Path = DEFAULT_SHARED) -> Outcome:
    """Measure one entry and compare it with its pins (see the module docstring)."""
    paths = entry.resolve(shared)
    missing = next((p for p in paths if not p.exists()), None)
    if missing is not None:
        if entry.bundled:  # a set shipped in the package is never optional
            return Outcome(entry, problems=[str(InputError(Errors.E012, source=missing))])
        return Outcome(entry, skipped=Warnings.W113.format(set=entry.name, path=missing))
    found = content_hash(paths)
    try:
        scores = MEASURES[entry.kind](paths, entry.options)
    except NewsiftError as error:
        return Outcome(entry, sha256=found, problems=[str(error)])
    problems = []
    if found != entry.sha256:
        problems.append(Errors.E114.format(set=entry.name, found=found, pinned=entry.sha256))
    for metric, floor in entry.floors.items():
        value = scores.get(metric, 0.0)
        if rounded(value) < rounded(floor - entry.tolerance):
            problems.append(
                Errors.E113.format(
                    set=entry.name,
                    metric=metric,
                    value=value,
                    floor=floor,
                    tolerance=entry.tolerance,
                )
            )
    return Outcome(entry, scores=scores, sha256=found, problems=problems)


def check(entries: Iterable[Entry], shared: Path = DEFAULT_SHARED) -> list[Outcome]:
    """Measure every entry (see :func:`check_entry`)."""
    return [check_entry(entry, shared) for entry in entries]


def pin(outcomes: Iterable[Outcome], allow_lower: bool = False) -> tuple[list[Entry], list[str]]:
    """The entries with floors set to the measured scores and hashes to the content found.

    Skipped entries keep their pins. Returns the new entries and the refusals (E115: a floor
    that would go down without ``allow_lower``); when there are refusals, nothing should be
    written.
    """
    entries = []
    refusals = []
    for outcome in outcomes:
        entry = outcome.entry
        if outcome.skipped or not outcome.scores:
            entries.append(entry)
            continue
        floors = {metric: rounded(value) for metric, value in outcome.scores.items()}
        for metric, new in floors.items():
            old = entry.floors.get(metric)
            if old is not None and new < old and not allow_lower:
                refusals.append(
                    Errors.E115.format(set=entry.name, metric=metric, floor=old, value=new)
                )
        entries.append(replace(entry, sha256=outcome.sha256, floors=floors))
    return entries, refusals


def merge(all_entries: Sequence[Entry], updated: Iterable[Entry]) -> list[Entry]:
    """``all_entries`` with the ``updated`` ones put in place (by name)."""
    by_name = {e.name: e for e in updated}
    return [by_name.get(e.name, e) for e in all_entries]


def pin_file(path: Path, outcomes: Sequence[Outcome], allow_lower: bool = False) -> list[str]:
    """Pin the measured ``outcomes`` into the gate file at ``path`` (other entries unchanged).

    Returns the refusals (E115); the file is written only when there are none.
    """
    pinned, refusals = pin(outcomes, allow_lower)
    if not refusals:
        save_entries(merge(load_entries(path), pinned), path)
    return refusals


# --- the README table ---------------------------------------------------------------------

#: How a metric reads in the table.
METRIC_NAMES: dict[str, str] = {
    "resolution_accuracy": "resolution accuracy",
    "suggestion_hit_rate": "misspelling top-3 hit rate",
    "suggestion_first_rate": "misspelling first-suggestion rate",
    "flag_rate": "misspelling flag rate",
    "detection_recall": "detection recall",
    "accuracy": "type accuracy",
    "matched_accuracy": "type accuracy (matched)",
    "precision": "P",
    "recall": "R",
    "f1": "F1",
    "quote_recall": "quotation recall",
    "source_accuracy": "source accuracy",
    "cue_accuracy": "cue accuracy",
    "si_precision": "SI P",
    "si_recall": "SI R",
    "si_f1": "SI F1",
    "tc_f1": "TC micro-F1",
    "relaxed_f1": "relaxed extraction F1",
    "type_accuracy": "type accuracy",
    "value_f1": "value F1",
    "recognition_f1": "recognition F1",
    "acc161": "Acc@161",
    "acc161_found": "Acc@161 (found)",
    "countries_acc161": "countries Acc@161",
    "admin1_acc161": "first-level regions Acc@161",
}


def markdown_table(entries: Iterable[Entry]) -> str:
    """The pinned floors as the Markdown table the README shows."""
    lines = [
        "| set | what it is | pinned scores (floors) | data |",
        "|---|---|---|---|",
    ]
    for entry in entries:
        scores = "; ".join(
            f"{METRIC_NAMES.get(metric, metric)} {value:.3f}"
            for metric, value in entry.floors.items()
        )
        if entry.tolerance:
            scores += f" (tolerance {entry.tolerance})"
        data = "in the package" if entry.bundled else f"`../shared/data/{entry.paths[0]}`"
        lines.append(f"| `{entry.name}` | {entry.about} | {scores} | {data} |")
    return "\n".join(lines)
