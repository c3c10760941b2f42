"""The text ``newsift eval …`` prints: one formatter per scorer's result, no scoring here."""

from __future__ import annotations

from newsift.eval.checkworthy import BinaryScores, NewsClaimsScores
from newsift.eval.corpora.sources import TYPES
from newsift.eval.metrics import Prf
from newsift.eval.polnear import MATCH_JACCARD, TARGETS, PolnearScores
from newsift.eval.ptc import TECHNIQUES, PtcEvaluation, SiMisses
from newsift.eval.sources import MISSED, SourceTypeScores
from newsift.eval.timex import TimeScores


def format_binary(scores: BinaryScores) -> str:
    """Check-worthiness scores as a short table for the terminal."""
    return (
        f"sentences        {scores.sentences}\n"
        f"check-worthy P   {scores.precision:.3f}\n"
        f"check-worthy R   {scores.recall:.3f}\n"
        f"check-worthy F1  {scores.f1:.3f}\n"
        f"(TP {scores.true_positives}, FP {scores.false_positives}, "
        f"FN {scores.false_negatives})"
    )


def format_news_claims(result: NewsClaimsScores) -> str:
    """``newsift eval news-claims`` as text: scores, calibration, agreement, flag rate."""
    lines = [
        f"news-claims {result.split} articles: {result.articles}, threshold "
        f"{result.threshold:.2f} (calibrated probability)",
        format_binary(result.scores),
        f"gold check-worthy share  {result.share_checkworthy:.3f}",
        f"mean probability         {result.mean_probability:.3f}",
        f"ECE (10 bins)            {result.ece:.3f}",
        f"labelling passes kappa   {result.kappa:.3f}",
    ]
    rate = result.flag_rate
    if rate is not None:
        lines.append(
            f"PolNeAR dev: {rate.flagged} of {rate.sentences} sentences flagged "
            f"({rate.share:.1%}) in {rate.articles} articles"
        )
    return "\n".join(lines)


def format_polnear(scores: PolnearScores) -> str:
    """A small text table of the scores, with the targets and whether each is met."""
    c = scores.counts
    rows = [
        ("content precision", scores.precision, None),
        ("content recall", scores.recall, None),
        ("content F1", scores.f1, "f1"),
        ("quotation recall", scores.quote_recall, "quote_recall"),
        ("source accuracy", scores.source_accuracy, "source_accuracy"),
        ("cue accuracy", scores.cue_accuracy, "cue_accuracy"),
    ]
    lines = [
        f"PolNeAR attributions: {c.get('articles', 0)} articles, {c.get('gold', 0)} gold, "
        f"{c.get('predicted', 0)} predicted, {c.get('matched', 0)} matched "
        f"(content Jaccard >= {MATCH_JACCARD}, one-to-one, greedy)",
        f"{'metric':<18} {'score':>6}  {'target':>6}  met",
    ]
    rows.append(("calibration error", scores.calibration_error, None))
    for label, value, key in rows:
        target = TARGETS.get(key or "")
        if target is None:
            lines.append(f"{label:<18} {value:>6.3f}")
        else:
            met = "yes" if value >= target else "no"
            lines.append(f"{label:<18} {value:>6.3f}  {target:>6.2f}  {met}")
    return "\n".join(lines)


def format_source_scores(scores: SourceTypeScores) -> str:
    """A plain-text report: accuracies, per-type P/R, the confusion matrix, the misses."""
    lines = [
        f"gold statements: {scores.n_gold}, matched: {scores.n_matched}",
        f"type accuracy (all gold): {scores.accuracy:.3f}",
        f"type accuracy (matched):  {scores.matched_accuracy:.3f}",
        "",
        f"{'type':<20}{'P':>7}{'R':>7}{'gold':>6}",
    ]
    for t in TYPES:
        gold_total = sum(scores.confusion[t].values())
        lines.append(f"{t:<20}{scores.precision[t]:>7.3f}{scores.recall[t]:>7.3f}{gold_total:>6}")
    short = {
        "named_person": "person",
        "named_organization": "org",
        "anonymous": "anon",
        "vague": "vague",
        "unknown": "unknown",
        MISSED: MISSED,
    }
    columns = (*TYPES, MISSED)
    lines += ["", "confusion (rows gold, columns predicted):"]
    lines.append(f"{'':<20}" + "".join(f"{short[c]:>9}" for c in columns))
    for g in TYPES:
        lines.append(f"{g:<20}" + "".join(f"{scores.confusion[g][c]:>9}" for c in columns))
    if scores.misses:
        lines += ["", "misses:"]
        for m in scores.misses:
            lines.append(
                f"  {m.article} {m.mention!r} [{m.hint}]: gold {m.gold}, "
                f"predicted {m.predicted or MISSED}"
                + (f" (source {m.predicted_source!r})" if m.predicted_source else "")
            )
    return "\n".join(lines)


def _format_misses(misses: SiMisses | None) -> list[str]:
    """The SI misses line of :func:`format_ptc` (none without counts)."""
    if misses is None or not misses.predicted or not misses.gold:
        return []
    return [
        f"    {misses.false_spans} of {misses.predicted} predicted spans "
        f"({misses.false_spans / misses.predicted:.0%}) touch no gold span; "
        f"{misses.missed_spans} of {misses.gold} gold spans "
        f"({misses.missed_spans / misses.gold:.0%}) are touched by no prediction"
    ]


def format_ptc(evaluation: PtcEvaluation) -> str:
    """The evaluation as the text ``newsift eval ptc`` prints."""
    si, tc = evaluation.si, evaluation.tc.micro
    folds = evaluation.fold_thresholds
    threshold = (
        "thresholds " + "/".join(f"{b:.2f}" for b, _ in folds)
        if folds
        else f"threshold {evaluation.si_threshold:.2f}"
    )
    lines = [
        f"PTC articles scored: {evaluation.articles}"
        + (
            f", pooled over {len(folds)} models (each scores only the articles of its own "
            "split; neutral texts are read by the first)"
            if folds
            else ""
        ),
        f"SI  (span identification, {threshold}): "
        f"P {si.precision:.3f}  R {si.recall:.3f}  F1 {si.f1:.3f}  "
        f"({int(si.predicted)} predicted, {int(si.gold)} gold merged spans)",
        *_format_misses(evaluation.si_misses),
        *(
            [
                "SI  at the report threshold ("
                + (
                    "/".join(f"{r:.2f}" for _, r in folds)
                    if folds
                    else f"{evaluation.report_threshold:.2f}"
                )
                + "): "
                f"P {evaluation.si_report.precision:.3f}  R {evaluation.si_report.recall:.3f}  "
                f"F1 {evaluation.si_report.f1:.3f}  ({int(evaluation.si_report.predicted)} "
                "predicted)"
            ]
            if evaluation.si_report is not None
            else []
        ),
        f"TC  (technique classification, gold spans): micro P {tc.precision:.3f}  "
        f"R {tc.recall:.3f}  F1 {tc.f1:.3f}  ({int(tc.gold)} gold rows)",
        "",
        f"{'technique':<38} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}",
    ]
    for technique in TECHNIQUES:
        scores = evaluation.tc.per_technique.get(technique)
        if scores is None:
            continue
        lines.append(
            f"{technique:<38} {scores.precision:>6.3f} {scores.recall:>6.3f} "
            f"{scores.f1:>6.3f} {int(scores.gold):>6}"
        )
    calibration = evaluation.calibration
    if calibration is not None and calibration.findings:
        lines += [
            "",
            f"Calibration of reported findings (report threshold; right = at least half of the "
            f"span in gold spans of its technique): {calibration.findings} findings, "
            f"{calibration.right} right ({calibration.right / calibration.findings:.1%}), "
            f"mean score {calibration.mean_score:.3f}; ECE {calibration.ece:.3f} "
            f"(raw scores: {calibration.ece_raw:.3f})",
        ]
    lines += ["", "Technique findings per 1,000 words (calibration; neutral text should stay low):"]
    for name, rate in evaluation.rates.items():
        corpus, _, level = name.partition("@")
        column = 0 if level == "benchmark" else 1
        if folds and corpus == "ptc":
            values = "/".join(f"{pair[column]:.2f}" for pair in folds)
        else:
            values = f"{(evaluation.si_threshold, evaluation.report_threshold)[column]:.2f}"
        lines.append(
            f"  {corpus:<8} at the {level} threshold ({values}): "
            f"{rate.per_1000_words:5.1f} all, {rate.author_voice_per_1000_words:5.1f} in the "
            f"author's voice  ({rate.findings} findings, {rate.words:,} words, {rate.texts} texts)"
        )
    return "\n".join(lines)


def format_time(scores: TimeScores, errors: int = 0) -> str:
    """TempEval-3 scores as a short table, then the ``errors`` most frequent value errors."""

    def row(name: str, prf: Prf) -> str:
        correct = round(prf.precision * prf.predicted)
        return (
            f"{name}: P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
            f"({correct} of {prf.predicted:.0f} predicted, {prf.gold:.0f} gold)"
        )

    lines = [
        f"documents: {scores.documents}",
        row("strict extraction", scores.strict),
        row("relaxed extraction", scores.relaxed),
        f"type accuracy (relaxed matches): {scores.type_accuracy:.3f}",
        row("value", scores.value),
    ]
    lines += [f"  {n:4d}  {pair}" for pair, n in scores.value_errors.most_common(errors)]
    return "\n".join(lines)
