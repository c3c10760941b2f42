"""``newsift eval`` and ``newsift train``: measure analyzers and train models."""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsift.cli import (
    EXIT_CONFIG,
    EXIT_INPUT_PROBLEMS,
    SpacyModelOption,
    _check_choice,
    _split_names,
    app,
    exit_on_problem,
    report_message,
    report_problem,
    report_warning,
    stderr_console,
)
from newsift.errors import (
    ConfigError,
    Errors,
    ModelNotFoundError,
)
from newsift.pipeline import Pipeline

eval_app = typer.Typer(help="Measure analyzers on annotated data with the field's metrics.")
train_app = typer.Typer(help="Train models (needs the train extra: pip install -e '.\\[train]').")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


def _trainer(module: str, name: str) -> Callable[..., Any]:
    """The training function ``module.name``; exits with E038 when the train extra is missing."""
    try:
        trainer: Callable[..., Any] = getattr(importlib.import_module(module), name)
    except ImportError as error:
        report_problem(stderr_console(), ConfigError(Errors.E038, missing=error.name or str(error)))
        raise typer.Exit(EXIT_CONFIG) from None
    return trainer


@eval_app.command("checkworthy")
def eval_checkworthy(
    file: Annotated[Path, typer.Argument(help="ClaimBuster CSV or CheckThat! TSV")],
    write_predictions: Annotated[
        Path | None, typer.Option(help="Write Sentence_id<TAB>score<TAB>Yes|No rows here")
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option(
            help="JSONL of the articles the sentences come from (a 'text' per line): read "
            "each sentence in its article, as the analyzer does"
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of the check-worthy class on a labelled sentence file."""
    from newsift.analyzers.claims import shared_head
    from newsift.eval.corpora.checkworthy import read_articles
    from newsift.eval.report import format_binary
    from newsift.eval.run import claims_scorer, evaluate_checkworthy

    with exit_on_problem():
        texts = read_articles(articles) if articles is not None else None
        scorer = claims_scorer(texts)
        scores = evaluate_checkworthy(file, scorer, shared_head().threshold, write_predictions)
    typer.echo(format_binary(scores))


# --- issue 17: news-claims evaluation and the technique calibration --------------------------


@eval_app.command("news-claims")
def eval_news_claims(
    data: Annotated[
        Path,
        typer.Option(help="Folder holding polnear/ (or the PolNeAR folder itself)"),
    ] = Path("../shared/data"),
    split: Annotated[
        str, typer.Option(help="The set's test articles (default), train articles, or all")
    ] = "test",
    flag_rate: Annotated[
        bool,
        typer.Option(
            help="Also run the analyzer over PolNeAR dev and report the share of sentences it flags"
        ),
    ] = True,
    write_predictions: Annotated[
        Path | None, typer.Option(help="Write sentence_id<TAB>probability<TAB>Y|N rows here")
    ] = None,
) -> None:
    """Check-worthiness on newsift's news-claims set (PolNeAR sentences, docs/claims-guide.md)."""
    from newsift.eval.report import format_news_claims
    from newsift.eval.run import evaluate_news_claims

    polnear = data / "polnear" if (data / "polnear").is_dir() else data
    with exit_on_problem():
        _check_choice("split", split, ("test", "train", "all"))
        texts = (
            [
                p.read_text(encoding="utf-8")
                for p in sorted((polnear / "dev" / "text").glob("*.txt"))
            ]
            if flag_rate
            else []
        )
        scores = evaluate_news_claims(polnear, split, write_predictions, texts)
    typer.echo(format_news_claims(scores))


@train_app.command("techniques-calibration")
def train_techniques_calibration(
    data: Annotated[Path, typer.Option(help="PTC folder (articles/, labels-si/, labels-tc/)")],
    model: Annotated[
        Path | None, typer.Option(help="Technique model folder (default: the shipped one)")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Where to write calibration.json (default: --model)")
    ] = None,
) -> None:
    """Fit the technique findings' score calibration on PTC articles the model never saw."""
    calibrate = _trainer("newsift.train.technique_calibration", "calibrate")
    from newsift.analyzers.techniques import MODEL_DIR

    with exit_on_problem():
        meta = calibrate(data, model or MODEL_DIR, out)
    typer.echo(json.dumps(meta, indent=2))


# --- end of issue 17 block ------------------------------------------------------------------


@eval_app.command("polnear")
def eval_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR part with text/ and attributions/")],
    spacy_model: SpacyModelOption = None,
) -> None:
    """Attribution content P/R/F1 (Jaccard >= 0.5), quotation recall, source and cue accuracy."""
    from newsift.eval.report import format_polnear
    from newsift.eval.run import attribution_nlp, evaluate_polnear

    with exit_on_problem():
        scores = evaluate_polnear(directory, attribution_nlp(spacy_model))
    typer.echo(format_polnear(scores))


# --- attribution: newsift's own labelled sets (speakers, polarity, hearsay, categories) ----


@eval_app.command("attribution-sets")
def eval_attribution_sets(
    names: Annotated[
        str | None,
        typer.Option(help="Comma-separated sets: speakers, polarity, hearsay, categories"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    data: Annotated[
        Path | None,
        typer.Option(
            help="Folder holding polnear/ (or PolNeAR itself): adds the speaker items labelled "
            "on PolNeAR dev articles"
        ),
    ] = None,
    spacy_model: SpacyModelOption = None,
) -> None:
    """Wrong-speaker and abstention rates, polarity, hearsay-chain and category accuracy on
    newsift's own labelled attribution sets (NAME:blind rows: the items labelled blind)."""
    from newsift.eval.attribution_sets import SETS, evaluate_sets
    from newsift.eval.run import attribution_nlp
    from newsift.findings import doc_to_findings

    chosen = _split_names([names]) if names else list(SETS)
    with exit_on_problem():
        for name in chosen:
            _check_choice("--names", name, tuple(SETS))
        nlp = attribution_nlp(spacy_model)

        def analyze(text: str) -> list[dict[str, Any]]:
            return [f.to_dict() for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]

        scores = evaluate_sets(analyze, chosen, data=data)
    if data is None and "speakers" in chosen:
        typer.echo("speakers: the PolNeAR dev items are left out (give --data)", err=True)
    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in scores], indent=1))
        return
    typer.echo(f"{'set':<17} {'items':>5} {'accuracy':>8} {'wrong':>6} {'abstained':>9}")
    for s in scores:
        d = s.to_dict()
        typer.echo(
            f"{s.name:<17} {s.items:>5} {s.accuracy:>8.3f} {d['wrong_rate']:>6.3f} "
            f"{d['abstention_rate']:>9.3f}"
        )


@eval_app.command("meantime-speech")
def eval_meantime_speech(
    file: Annotated[Path, typer.Argument(help="MEANTIME's derived meantime.jsonl")],
    spacy_model: SpacyModelOption = None,
) -> None:
    """Cue recall, source and content-head accuracy on MEANTIME's speech links."""
    from newsift.eval.meantime_speech import read_meantime, score_speech
    from newsift.eval.run import attribution_nlp
    from newsift.findings import doc_to_findings

    with exit_on_problem():
        nlp = attribution_nlp(spacy_model)

        def analyze(text: str) -> list[dict[str, Any]]:
            return [f.to_dict() for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]

        scores = score_speech(read_meantime(file), analyze)
    typer.echo(json.dumps(scores.to_dict(), indent=1))


@eval_app.command("sources")
def eval_sources(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Source-type set (JSONL), or the name of a bundled one (articles, dev2, dev3, "
            "heldout, heldout2 … heldout5); default: articles"
        ),
    ] = None,
) -> None:
    """Source-type accuracy of attributions (named person/organisation, anonymous, vague)."""
    from newsift.eval.corpora.sources import DEFAULT_PATH, SETS, set_path
    from newsift.eval.report import format_source_scores
    from newsift.eval.run import evaluate_source_types

    path = DEFAULT_PATH if file is None else Path(file)
    if file in SETS and not path.exists():  # a bundled set by name, unless a file has it
        path = set_path(file)
    with exit_on_problem():
        scores = evaluate_source_types(path)
    typer.echo(format_source_scores(scores))


@eval_app.command("places")
def eval_places(
    file: Annotated[
        Path | None, typer.Argument(help="Place test set (JSONL); default: the bundled one")
    ] = None,
    points: Annotated[
        Path | None,
        typer.Option(
            help="The corpus' own JSONL (lgl.jsonl, gwn.jsonl) with gold coordinates and "
            "feature codes, for Acc@161 and the country/region scores"
        ),
    ] = None,
) -> None:
    """Place resolution on a test set: recognition P/R/F1, Acc@161, exact id, flags."""
    from newsift.eval.run import evaluate_places

    with exit_on_problem():
        scores = evaluate_places(file, points=points)
    typer.echo(json.dumps(scores.to_dict(), indent=2))
    raise typer.Exit(1 if scores.failures() else 0)


@eval_app.command("time")
def eval_time(
    files: Annotated[
        list[Path], typer.Argument(help="TimeML-derived JSONL: text, dct, timexes per line")
    ],
    errors: Annotated[
        int, typer.Option(help="Also print the N most frequent value errors (gold <- ours)")
    ] = 0,
    annotated_lines: Annotated[
        int | None,
        typer.Option(
            help="Only the first N lines of each text carry gold (MEANTIME: 6); later "
            "predictions are not scored"
        ),
    ] = None,
    spacy_model: SpacyModelOption = None,
) -> None:
    """TempEval-3 scores of the time analyzer: strict/relaxed extraction, type, value F1."""
    from newsift.eval.report import format_time
    from newsift.eval.run import evaluate_time

    with exit_on_problem():
        pipeline = Pipeline.create(only=["time"], spacy_model=spacy_model)
        for file in files:
            scores = evaluate_time(file, pipeline, annotated_lines)
            typer.echo(f"== {file}")
            typer.echo(format_time(scores, errors))


@eval_app.command("brat")
def eval_brat(
    corrected: Annotated[
        Path,
        typer.Argument(help="brat folder people corrected (NAME.txt + NAME.ann, as exported)"),
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(
            help="Score this brat folder (an earlier --format brat export) instead of "
            "analysing the texts again"
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(help="Predict and score only these analyzers' kinds (comma-separated)"),
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option(help="Predict and score without these analyzers")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    spacy_model: SpacyModelOption = None,
) -> None:
    """P/R/F1 per kind (exact and overlapping spans) against corrected brat annotations."""
    from newsift.errors import InputError
    from newsift.eval.brat import evaluate_brat, format_brat_scores

    console = stderr_console()
    problems: list[InputError] = []

    def problem(error: InputError) -> None:
        problems.append(error)
        report_problem(console, error)

    with exit_on_problem():
        chosen, skipped = _split_names(only), _split_names(skip)
        kinds = None
        if chosen or skipped:
            from newsift.analyzers import select_analyzers

            reported = select_analyzers(chosen, skipped).reported
            kinds = {kind for spec in reported for kind in spec.kinds}
        pipeline = None
        if predictions is None:
            pipeline = Pipeline.create(only=chosen, skip=skipped, spacy_model=spacy_model)
        scores = evaluate_brat(
            corrected,
            pipeline,
            predictions,
            on_problem=problem,
            on_warning=lambda message: report_warning(console, message),
            kinds=kinds,
        )
    typer.echo(json.dumps(scores.to_dict(), indent=2) if as_json else format_brat_scores(scores))
    raise typer.Exit(EXIT_INPUT_PROBLEMS if problems else 0)


@eval_app.command("ptc")
def eval_ptc(
    directory: Annotated[
        Path, typer.Argument(help="A PTC folder with articles/, labels-si/ and labels-tc/")
    ],
    write_predictions: Annotated[
        Path | None,
        typer.Option(help="Folder for si.tsv and tc.tsv in the official submission formats"),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            help="Score all articles, or only the model's heldout/validation/train split, "
            "unseen (heldout + validation), or dev (the official SemEval-2020 development "
            "articles, never trained on)"
        ),
    ] = "all",
    neutral: Annotated[
        Path | None,
        typer.Option(
            help="Folder of neutral .txt articles: report technique findings per 1,000 words"
        ),
    ] = None,
    model: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="DIR",
            help="A technique model folder (default: the shipped model). Give one per "
            "cross-validation fold, with --split heldout, to pool their scores",
        ),
    ] = None,
) -> None:
    """Span identification F1 and technique classification micro-F1 (SemEval-2020 Task 11)."""
    from newsift.eval.corpora.ptc import load_ptc
    from newsift.eval.report import format_ptc
    from newsift.eval.run import (
        attributed_content,
        attribution_nlp,
        evaluate_ptc_folds,
        model_split,
    )

    with exit_on_problem():
        _check_choice("split", split, ("all", "heldout", "validation", "train", "unseen", "dev"))
        models = _technique_models(model or [])
        articles = load_ptc(directory)
        folds = [(m, model_split(articles, d, split, directory)) for d, m in models]
        _check_folds(split, [fold for _, fold in folds])
        neutral_texts = (
            [p.read_text(encoding="utf-8") for p in sorted(neutral.rglob("*.txt"))]
            if neutral
            else []
        )
        evaluation = evaluate_ptc_folds(
            folds,
            neutral_texts=neutral_texts,
            write_predictions=write_predictions,
            attributed=attributed_content(attribution_nlp()),
        )
    typer.echo(format_ptc(evaluation))


@eval_app.command("gate")
def eval_gate(
    pin: Annotated[
        bool, typer.Option("--pin", help="Write the current scores as the new floors")
    ] = False,
    allow_lower: Annotated[
        bool, typer.Option("--allow-lower", help="With --pin: allow a floor to go down")
    ] = False,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Print the pinned floors as the README table; run nothing"),
    ] = False,
    only: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Gate only these sets (repeatable)")
    ] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled", help="Gate only the sets shipped in the package")
    ] = False,
    data: Annotated[
        Path, typer.Option(help="Folder holding the third-party corpora (ptc/, polnear/)")
    ] = Path("../shared/data"),
    gate_file: Annotated[
        Path | None, typer.Option("--gate-file", help="Gate file (default: the shipped one)")
    ] = None,
) -> None:
    """Score every gated set and fail when a score falls below its pinned floor."""
    from newsift.eval import gate

    path = gate_file or gate.GATE_FILE
    with exit_on_problem():
        entries = gate.load_entries(path)
        chosen = gate.select(entries, _split_names(only))
    if markdown:
        typer.echo(gate.markdown_table(chosen))
        return
    if bundled:
        chosen = [e for e in chosen if e.bundled]
    console = stderr_console()
    outcomes = []
    for entry in chosen:
        outcome = gate.check_entry(entry, data)
        outcomes.append(outcome)
        if outcome.skipped:
            report_warning(console, outcome.skipped)
            continue
        scores = "  ".join(f"{k} {v:.4f}" for k, v in outcome.scores.items())
        status = "pin" if pin else "pass" if outcome.passed else "FAIL"
        typer.echo(f"{entry.name:<20} {status:<5} {scores}")
    if pin:
        # A set that could not be measured keeps its pins; say why, and fail.
        unmeasured = [m for o in outcomes if not o.scores for m in o.problems]
        refusals = gate.pin_file(path, outcomes, allow_lower)
        for message in unmeasured + refusals:
            report_message(console, message)
        if unmeasured or refusals:
            raise typer.Exit(EXIT_INPUT_PROBLEMS)
        typer.echo(f"pinned {sum(not o.skipped for o in outcomes)} set(s) in {path}")
        return
    problems = [message for outcome in outcomes for message in outcome.problems]
    for message in problems:
        report_message(console, message)
    raise typer.Exit(EXIT_INPUT_PROBLEMS if problems else 0)


def _technique_models(folders: list[Path]) -> list[tuple[Path, Any]]:
    """(folder, loaded model) for each ``--model`` folder; the shipped model if none."""
    from newsift.analyzers.techniques import MODEL_DIR, TechniqueModel, shared_model
    from newsift.settings import onnx_threads

    if not folders:
        return [(MODEL_DIR, shared_model())]
    models = []
    for folder in folders:
        try:
            models.append((folder, TechniqueModel.load(folder, threads=onnx_threads())))
        except ModelNotFoundError as error:  # E083 says "reinstall"; this folder is the user's
            missing = Path(error.fields["path"]).name
            raise ConfigError(Errors.E085, path=folder, name=missing) from None
    return models


def _check_folds(split: str, folds: list[list[Any]]) -> None:
    """Several models pool only over disjoint splits (cross-validation folds).

    Raises:
        ConfigError: ``--split all``, or articles in more than one model's split (E084).
    """
    if len(folds) < 2:
        return
    if split == "all":
        raise ConfigError(Errors.E084, detail="give --split heldout")
    seen = Counter(article.article_id for fold in folds for article in fold)
    repeated = sum(1 for count in seen.values() if count > 1)
    if repeated:
        articles = "1 article is" if repeated == 1 else f"{repeated} articles are"
        detail = f"{articles} in more than one model's {split} split"
        raise ConfigError(Errors.E084, detail=detail)


@train_app.command("claims")
def train_claims(
    data: Annotated[
        Path, typer.Option(help="ClaimBuster folder (crowdsourced.csv, groundtruth.csv)")
    ],
    out: Annotated[Path, typer.Option(help="Where to write claims.onnx and claims.json")],
    polnear: Annotated[
        Path,
        typer.Option(help="PolNeAR folder: the news-claims train articles are read from it"),
    ] = Path("../shared/data/polnear"),
) -> None:
    """Train the check-worthiness head on ClaimBuster plus newsift's news-claims train articles."""
    train = _trainer("newsift.train.claims", "train")
    with exit_on_problem():
        meta = train(data, polnear, out)
    typer.echo(json.dumps(meta, indent=2))


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Path, typer.Option(help="PTC folder (articles/, labels-si/, labels-tc/)")],
    out: Annotated[Path, typer.Option(help="Where to write the ONNX model files and card data")],
    epochs: Annotated[int, typer.Option(help="Training epochs", min=1)] = 5,
    device: Annotated[
        str, typer.Option(help="torch device (cpu; cuda only for experiments)")
    ] = "cpu",
    seed: Annotated[
        int,
        typer.Option(
            help="Seed of the initialisation and data order (the shipped model: 13); the "
            "article split always uses seed 13"
        ),
    ] = 13,
    fold: Annotated[
        int,
        typer.Option(
            help="Cross-validation split, 0-4 (0: the shipped model's split)", min=0, max=4
        ),
    ] = 0,
    bf16: Annotated[
        bool, typer.Option(help="bfloat16 autocast while training (faster on AMX/AVX-512 CPUs)")
    ] = False,
    skip_heldout: Annotated[
        bool, typer.Option(help="Do not score the held-out articles (recipe experiments)")
    ] = False,
    keep_weights: Annotated[
        Path | None, typer.Option(help="Also save the chosen epoch's float32 weights here")
    ] = None,
) -> None:
    """Fine-tune MiniLM on PTC for technique spans and classes (CPU)."""
    train = _trainer("newsift.train.techniques", "train")
    with exit_on_problem():
        meta = train(
            data,
            out,
            epochs,
            device,
            seed=seed,
            bf16=bf16,
            fold=fold,
            score_heldout=not skip_heldout,
            keep_weights=keep_weights,
        )
    typer.echo(json.dumps(meta["scores"], indent=2))
