"""Run newsift's analyzers over a corpus and score them: read → predict → score.

Each ``evaluate_*`` function reads a set with :mod:`newsift.eval.corpora`, runs the analyzer
the way ``newsift analyze`` runs it, and hands plain predictions to the set's scorer
(:mod:`newsift.eval.checkworthy`, :mod:`~newsift.eval.places` and
:mod:`~newsift.eval.toponyms`, :mod:`~newsift.eval.polnear`,
:mod:`~newsift.eval.ptc`, :mod:`~newsift.eval.sources`). Nothing here prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.errors import Errors, InputError
from newsift.eval.checkworthy import (
    BinaryScores,
    FlagRate,
    NewsClaimsScores,
    binary_scores,
    cohen_kappa,
)
from newsift.eval.corpora.checkworthy import read_labelled
from newsift.eval.corpora.news_claims import SPLITS, load_news_claims
from newsift.eval.corpora.places import is_corpus_file, read_fixture, read_points
from newsift.eval.corpora.polnear import AttributionSpans, Fragments, GoldArticle, load_polnear
from newsift.eval.corpora.ptc import PtcArticle, Span
from newsift.eval.corpora.sources import DEFAULT_PATH as SOURCES_PATH
from newsift.eval.corpora.sources import GoldSource, load_source_set
from newsift.eval.corpora.timex import load_time_documents
from newsift.eval.metrics import expected_calibration_error
from newsift.eval.places import PlaceScores, score_places
from newsift.eval.polnear import PolnearScores, score_polnear
from newsift.eval.ptc import (
    CalibrationScores,
    PtcEvaluation,
    Rate,
    TcRow,
    finding_is_right,
    gold_span_counts,
    gold_tc_rows,
    score_si,
    score_tc,
    si_misses,
    top_labels,
)
from newsift.eval.sources import (
    PredictedSource,
    SourceTypeScores,
    match_sources,
    score_source_types,
)
from newsift.eval.timex import TimeScores, findings_to_spans, score_time
from newsift.eval.toponyms import score_toponyms

if TYPE_CHECKING:
    from newsift.analyzers.techniques import TechniqueModel
    from newsift.encoder import Reading

#: Attributed content ranges of a text, as the attribution analyzer finds them.
AttributedContent = Callable[[str], Sequence[Span]]


def attribution_nlp(spacy_model: str | None = None) -> Language:
    """The pipeline ``newsift analyze --only attribution`` runs (paragraph boundaries included).

    The attribution evaluations score with this same pipeline, so the scores of the command,
    the tests and the library agree.
    """
    from newsift.pipeline import Pipeline

    return Pipeline.create(only=["attribution"], spacy_model=spacy_model).nlp


# --- check-worthiness ---------------------------------------------------------------------


def evaluate_checkworthy(
    path: Path,
    scorer: Callable[[Sequence[str]], Iterable[float]],
    threshold: float,
    predictions_out: Path | None = None,
) -> BinaryScores:
    """Score every sentence of ``path``, compare with the gold labels, optionally write TSV.

    Args:
        path: ClaimBuster CSV or CheckThat! TSV.
        scorer: Sentences to P(check-worthy) (``newsift.analyzers.claims.score_sentences``).
        threshold: Decision threshold (the analyzer's shipped one).
        predictions_out: Where to write ``Sentence_id<TAB>score<TAB>Yes|No`` rows.
    """
    sentences = read_labelled(path)
    probs = [float(p) for p in scorer([s.text for s in sentences])]
    predicted = [p >= threshold for p in probs]
    if predictions_out is not None:
        predictions_out.parent.mkdir(parents=True, exist_ok=True)
        with predictions_out.open("w", encoding="utf-8") as out:
            for sentence, prob, yes in zip(sentences, probs, predicted, strict=True):
                out.write(f"{sentence.sentence_id}\t{prob:.4f}\t{'Yes' if yes else 'No'}\n")
    return binary_scores([s.checkworthy for s in sentences], predicted)


def claims_scorer(articles: Sequence[str] | None) -> Callable[[Sequence[str]], Iterable[float]]:
    """The claims analyzer's P(check-worthy): each sentence read in its article when
    ``articles`` are given (as the analyzer reads it), else on its own."""
    from functools import partial

    from newsift.analyzers.claims import score_in_articles, score_sentences

    if articles is None:
        return score_sentences
    return partial(score_in_articles, articles=list(articles))


def evaluate_news_claims(
    polnear: Path,
    split: str = "test",
    predictions_out: Path | None = None,
    flag_rate_texts: Sequence[str] = (),
) -> NewsClaimsScores:
    """Score the claims analyzer on newsift's news-claims set (``newsift eval news-claims``).

    Each labelled sentence is read in its PolNeAR article, as the analyzer reads it, and
    compared at the shipped threshold. ``flag_rate_texts`` (PolNeAR dev articles) are run
    through the analyzer itself to measure the share of sentences it flags.

    Args:
        polnear: The PolNeAR folder (holding ``train/text``).
        split: ``test``, ``train`` or ``all``.
        predictions_out: Where to write ``sentence_id<TAB>probability<TAB>Y|N`` rows.
        flag_rate_texts: Articles to measure the flag rate on (none: not measured).
    """
    from newsift.analyzers.claims import score_spans, shared_head

    splits = SPLITS if split == "all" else (split,)
    articles = load_news_claims(polnear, splits)
    head = shared_head()
    gold: list[bool] = []
    probs: list[float] = []
    first: list[bool] = []
    second: list[bool] = []
    rows: list[str] = []
    for article in articles:
        article_probs = score_spans(article.text, article.spans())
        for sentence, prob in zip(article.sentences, article_probs, strict=True):
            gold.append(sentence.checkworthy)
            probs.append(float(prob))
            first.append(sentence.first_pass)
            second.append(sentence.second_pass)
            flagged = "Y" if prob >= head.threshold else "N"
            rows.append(f"{sentence.sentence_id}\t{prob:.4f}\t{flagged}\n")
    if predictions_out is not None:
        predictions_out.parent.mkdir(parents=True, exist_ok=True)
        predictions_out.write_text("".join(rows), encoding="utf-8")
    return NewsClaimsScores(
        split=split,
        articles=len(articles),
        threshold=head.threshold,
        scores=binary_scores(gold, [p >= head.threshold for p in probs]),
        ece=expected_calibration_error(probs, gold),
        mean_probability=sum(probs) / len(probs) if probs else 0.0,
        share_checkworthy=sum(gold) / len(gold) if gold else 0.0,
        kappa=cohen_kappa(first, second),
        flag_rate=claim_flag_rate(flag_rate_texts) if flag_rate_texts else None,
    )


def claim_flag_rate(texts: Sequence[str]) -> FlagRate:
    """The share of candidate sentences the claims analyzer reports, over ``texts``, run
    through the pipeline ``newsift analyze --only claims`` builds."""
    from newsift.analyzers.base import spans_key
    from newsift.analyzers.claims import candidate_sentences
    from newsift.pipeline import Pipeline

    nlp = Pipeline.create(only=["claims"]).nlp
    sentences = flagged = 0
    for doc in nlp.pipe(texts):
        sentences += len(candidate_sentences(doc))
        flagged += len(doc.spans.get(spans_key("claims"), []))
    return FlagRate(len(texts), sentences, flagged)


# --- places -------------------------------------------------------------------------------


def evaluate_places(
    path: Path | None = None, pipeline: Any | None = None, points: Path | None = None
) -> PlaceScores:
    """Run the ``places`` analyzer over a test set and score it (``newsift eval places``).

    Args:
        path: A test set in the format of :mod:`newsift.eval.corpora.places` (or a toponym
            corpus' own JSONL); the bundled one by default.
        pipeline: A :class:`~newsift.pipeline.Pipeline` with the places analyzer; the
            default spaCy model with ``newsift_places`` is loaded when omitted.
        points: The corpus' own JSONL with gold coordinates and feature codes (see
            :func:`~newsift.eval.corpora.places.read_points`); when ``path`` is itself a
            corpus JSONL its points are read from it; else gold points come from the
            gazetteer by GeoNames id.

    Returns:
        The set's scores, with the standard toponym measures in ``toponyms``.

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: A malformed line (E007).
    """
    import newsift.analyzers.places  # noqa: F401  (registers the factory)
    from newsift.analyzers.places.gazetteer import load_gazetteer
    from newsift.findings import doc_to_findings
    from newsift.pipeline import load_spacy

    articles = read_fixture(path)
    if points is None and path is not None and is_corpus_file(path):
        points = path
    gold_points = read_points(points) if points is not None else None
    if pipeline is not None:
        nlp = pipeline.nlp
    else:
        nlp = load_spacy()
        nlp.add_pipe("newsift_places", name="newsift_places")
    predictions = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc.user_data["newsift.published"] = article.published
        for _, component in nlp.pipeline:
            doc = component(doc)
        predictions.append([f.to_dict() for f in doc_to_findings(doc) if f.analyzer == "places"])
    gazetteer = load_gazetteer()
    scores = score_places(articles, predictions, gazetteer)
    measures = score_toponyms(articles, predictions, gazetteer, gold_points)
    return replace(scores, toponyms=measures)


# --- PolNeAR ------------------------------------------------------------------------------


def doc_attributions(doc: Doc) -> list[AttributionSpans]:
    """The attributions newsift's ``attribution`` analyzer wrote to ``doc``, as spans."""
    from newsift.findings import doc_to_findings

    spans = []
    for finding in doc_to_findings(doc):
        if finding.kind != "attribution":
            continue
        parts: dict[str, Fragments] = {}
        for key in ("content", "cue", "source"):
            value = finding.fields.get(key)
            if value is not None and value.get("start") is not None:
                parts[key] = ((value["start"], value["end"]),)
            else:
                parts[key] = ()
        spans.append(
            AttributionSpans(parts["content"], parts["cue"], parts["source"], finding.score)
        )
    return spans


def predict_polnear(
    gold: Iterable[GoldArticle], nlp: Language, *, batch_size: int = 16
) -> dict[str, list[AttributionSpans]]:
    """Run ``nlp`` (with the ``newsift_attribution`` component) over the gold articles' texts."""
    articles = list(gold)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return {a.name: doc_attributions(doc) for a, doc in zip(articles, docs, strict=True)}


def evaluate_polnear(directory: Path, nlp: Language) -> PolnearScores:
    """Load a PolNeAR part, run ``nlp`` over it and score the attributions it finds.

    Args:
        directory: ``…/polnear/dev`` or ``…/polnear/train``.
        nlp: A spaCy pipeline with the ``newsift_attribution`` component
            (:func:`attribution_nlp`).
    """
    gold = load_polnear(directory)
    return score_polnear(gold, predict_polnear(gold, nlp))


# --- source types -------------------------------------------------------------------------


def predicted_sources(nlp: Language, text: str) -> list[PredictedSource]:
    """The attributions the ``attribution`` analyzer in ``nlp`` writes for ``text``."""
    from newsift.findings import doc_to_findings

    predicted = []
    for finding in doc_to_findings(nlp(text)):
        if finding.kind != "attribution":
            continue
        content, source = finding.fields["content"], finding.fields["source"]
        span = None if source["start"] is None else (source["start"], source["end"])
        predicted.append(PredictedSource((content["start"], content["end"]), span, finding.label))
    return predicted


def evaluate_source_types(
    path: Path = SOURCES_PATH, nlp: Language | None = None
) -> SourceTypeScores:
    """Run the analyzer on every article of the set at ``path`` and score its source types."""
    articles = load_source_set(path)
    if nlp is None:
        nlp = attribution_nlp()
    pairs: list[tuple[GoldSource, PredictedSource | None, str]] = []
    for article in articles:
        predicted = predicted_sources(nlp, article.text)
        for gold, pred in zip(article.gold, match_sources(article.gold, predicted), strict=True):
            pairs.append((gold, pred, article.text))
    return score_source_types(pairs)


# --- PTC ----------------------------------------------------------------------------------


def attributed_content(nlp: Language) -> AttributedContent:
    """For a text, the content ranges of the attributions ``nlp`` finds in it: the ranges a
    report counts as reported words (``voice: quoted``) besides quotation marks."""
    from newsift.findings import doc_to_findings

    def contents(text: str) -> list[Span]:
        ranges = []
        for finding in doc_to_findings(nlp(text)):
            content = finding.fields.get("content") if finding.kind == "attribution" else None
            if content and content.get("start") is not None:
                ranges.append((int(content["start"]), int(content["end"])))
        return ranges

    return contents


def finding_rates(
    model: TechniqueModel,
    texts: Sequence[str],
    thresholds: Sequence[float],
    readings: Sequence[Reading] | None = None,
    attributed: AttributedContent | None = None,
) -> list[Rate]:
    """How many technique findings the analyzer would report on ``texts``, per threshold.

    A finding is in the author's voice as a report decides it: less than half of its span
    inside quotation marks or attributed content (``attributed``; quotation marks alone when
    None). Each text is read by the encoder once (or ``readings`` are used, in the same order).
    """
    from newsift.analyzers.techniques import labels_for, quoted_ranges, voice_of

    findings = [0] * len(thresholds)
    author = [0] * len(thresholds)
    for index, text in enumerate(texts):
        reading = readings[index] if readings is not None else model.encoder.read(text)
        quoted = quoted_ranges(text, attributed(text) if attributed is not None else ())
        for column, threshold in enumerate(thresholds):
            for prediction in model.report(text, threshold, reading):
                count = len(labels_for(prediction))
                findings[column] += count
                if voice_of(prediction.start, prediction.end, quoted) == "author":
                    author[column] += count
    words = sum(len(t.split()) for t in texts)
    return [Rate(len(texts), words, f, a) for f, a in zip(findings, author, strict=True)]


def write_si(path: Path, spans: Mapping[str, Sequence[Span]]) -> None:
    """Write ``id<TAB>start<TAB>end`` rows, the official SI submission format."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id in sorted(spans):
            for start, end in sorted(spans[article_id]):
                handle.write(f"{article_id}\t{start}\t{end}\n")


def write_tc(path: Path, rows: Iterable[TcRow]) -> None:
    """Write ``id<TAB>technique<TAB>start<TAB>end`` rows, the official TC submission format."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id, technique, start, end in rows:
            handle.write(f"{article_id}\t{technique}\t{start}\t{end}\n")


#: The file of a PTC folder listing the official SemEval-2020 development articles.
OFFICIAL_DEV_IDS = "official-dev-ids.txt"


def official_dev_ids(directory: Path) -> set[str]:
    """The ids of the official development articles of a PTC folder (none when unlisted)."""
    path = directory / OFFICIAL_DEV_IDS
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def model_split(
    articles: Sequence[PtcArticle], model_dir: Path, split: str, directory: Path | None = None
) -> list[PtcArticle]:
    """The ``articles`` in ``split`` of the technique model in ``model_dir``: ``heldout``,
    ``validation``, ``train`` as its ``technique.json`` records them; ``unseen`` (held out and
    validation: the training part's articles it never trained on); ``dev`` (the official
    SemEval-2020 development articles listed in ``directory``, never used by training); all
    of them for ``all``."""
    if split == "all":
        return list(articles)
    if split == "dev":
        chosen = official_dev_ids(directory) if directory is not None else set()
        return [a for a in articles if a.article_id in chosen]
    meta = json.loads((model_dir / "technique.json").read_text(encoding="utf-8"))
    parts = ("heldout", "validation") if split == "unseen" else (split,)
    chosen = {article_id for part in parts for article_id in meta["split"][part]}
    return [a for a in articles if a.article_id in chosen]


def reported_findings(
    model: TechniqueModel,
    article: PtcArticle,
    reading: Reading | None = None,
    threshold: float | None = None,
) -> list[tuple[float, float, bool]]:
    """(raw score, calibrated score, right) of every finding a report shows for a PTC
    article at ``threshold`` (default: the report threshold); see
    :func:`newsift.eval.ptc.finding_is_right`."""
    from newsift.analyzers.techniques import labels_for

    rows = []
    for prediction in model.report(article.text, threshold, reading):
        for label, probability in labels_for(prediction):
            rows.append(
                (
                    prediction.span_probability * probability,
                    model.score(prediction, probability),
                    finding_is_right(prediction.start, prediction.end, label, article),
                )
            )
    return rows


def evaluate_ptc_folds(
    folds: Sequence[tuple[TechniqueModel, Sequence[PtcArticle]]],
    *,
    neutral_texts: Sequence[str] = (),
    write_predictions: Path | None = None,
    attributed: AttributedContent | None = None,
) -> PtcEvaluation:
    """Run technique models on PTC articles and score SI and TC the official way.

    ``folds`` pairs each model with the articles it scores: one pair for one model, or, for
    cross-validation, one model per fold with the articles it held out, so every article is
    scored by a model that never saw it. SI and TC are computed over all articles together.
    SI predictions use each model's benchmark threshold (``span_threshold``). TC gives, for
    every gold span, as many labels as the span has gold rows: the model's top ones. Each
    article is read by its model's encoder once. Finding rates are summed over the folds;
    neutral texts are read by the first model only; ``attributed`` gives the attributed
    content that, with quotation marks, decides a finding's voice (see :func:`finding_rates`).

    Raises:
        InputError: No article has labels (E082).
    """
    si_pred: dict[str, list[Span]] = {}
    tc_pred: list[TcRow] = []
    gold: list[PtcArticle] = []
    rates: dict[str, Rate] = {}
    findings: list[tuple[float, float, bool]] = []
    si_report: dict[str, list[Span]] = {}
    for model, articles in folds:
        labelled = [a for a in articles if a.labelled]
        readings = [model.encoder.read(a.text) for a in labelled]
        for article, reading in zip(labelled, readings, strict=True):
            predictions = model.report(article.text, model.span_threshold, reading)
            si_pred[article.article_id] = [(p.start, p.end) for p in predictions]
            reported = model.report(article.text, model.report_threshold, reading)
            si_report[article.article_id] = [(p.start, p.end) for p in reported]
            findings.extend(reported_findings(model, article, reading))
            spans = gold_span_counts(article)
            probs = model.classify(article.text, [span for span, _ in spans], reading)
            tc_pred.extend(top_labels(article.article_id, spans, probs))
        thresholds = (model.span_threshold, model.report_threshold)
        texts = [a.text for a in labelled]
        ptc = finding_rates(model, texts, thresholds, readings, attributed)
        for name, rate in zip(("ptc@benchmark", "ptc@report"), ptc, strict=True):
            rates[name] = rates[name] + rate if name in rates else rate
        gold.extend(labelled)
    if not gold:
        raise InputError(Errors.E082, path="the given folder")
    first = folds[0][0]
    if neutral_texts:
        thresholds = (first.span_threshold, first.report_threshold)
        neutral = finding_rates(first, neutral_texts, thresholds, attributed=attributed)
        rates.update({"neutral@benchmark": neutral[0], "neutral@report": neutral[1]})
    if write_predictions is not None:
        write_predictions.mkdir(parents=True, exist_ok=True)
        write_si(write_predictions / "si.tsv", si_pred)
        write_tc(write_predictions / "tc.tsv", tc_pred)
    si_gold = {a.article_id: list(a.si) for a in gold}
    return PtcEvaluation(
        articles=len(gold),
        si_threshold=first.span_threshold,
        report_threshold=first.report_threshold,
        si=score_si(si_pred, si_gold),
        si_misses=si_misses(si_pred, si_gold),
        tc=score_tc(tc_pred, gold_tc_rows(gold)),
        rates=rates,
        fold_thresholds=(
            tuple((m.span_threshold, m.report_threshold) for m, _ in folds)
            if len(folds) > 1
            else ()
        ),
        si_report=score_si(si_report, si_gold),
        calibration=CalibrationScores.of(
            [raw for raw, _, _ in findings],
            [score for _, score, _ in findings],
            [right for _, _, right in findings],
        ),
    )


def evaluate_time(path: Path, pipeline: Any, annotated_lines: int | None = None) -> TimeScores:
    """Analyse every document of a TimeML-derived file with ``pipeline`` (a
    :class:`newsift.pipeline.Pipeline` with the time analyzer), each with its creation date as
    publication date, and score the time findings (see
    :func:`newsift.eval.timex.score_time`)."""
    from newsift.model import Article, Report

    documents = load_time_documents(path)
    articles = [
        Article(text=doc.text, id=doc.doc_id, published=doc.dct, source=doc.doc_id)
        for doc in documents
    ]
    predictions = [
        findings_to_spans(item.findings) if isinstance(item, Report) else []
        for item in pipeline.analyze_stream(articles)
    ]
    return score_time(documents, predictions, annotated_lines)
