"""Calibrate the technique findings' scores: ``newsift train techniques-calibration``.

A finding's raw score, P(span is persuasive) × P(technique | span), is not the probability
that the finding is right. This fits Platt scaling from the raw score's logit to that
probability (:class:`newsift.analyzers.techniques.reporting.Calibration`) and writes it to
the model folder as ``calibration.json``.

- **Findings**: every finding a report shows (report threshold, titles of works left out, a
  second technique when it reaches the second-label floor) on the PTC training part's articles
  the model never trained on: its ``heldout`` and ``validation`` splits (111 articles for the
  shipped model). Its 260 training articles are left out: their scores are overconfident.
- **Right**: at least half of the finding's characters lie in gold spans of its technique
  (:func:`newsift.eval.ptc.finding_is_right`).
- **Map**: a logistic regression of "right" on logit(raw score) (two numbers; an isotonic
  map on a few hundred findings made some scores exactly 0 or 1 and transferred no better).

Measure it on the official development articles, which neither the model nor the calibration
saw: ``newsift eval ptc DATA --split dev``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsift.analyzers.techniques import MODEL_DIR, TechniqueModel
from newsift.analyzers.techniques.reporting import CALIBRATION_FILE, Calibration
from newsift.eval.corpora.ptc import load_ptc
from newsift.eval.metrics import expected_calibration_error
from newsift.eval.run import model_split, reported_findings
from newsift.settings import onnx_threads

#: The model's splits whose articles the calibration is fitted on.
FIT_SPLIT = "unseen"


def fit_platt(raw: list[float], right: list[bool]) -> Calibration:
    """Platt scaling of ``right`` on the logit of ``raw``."""
    from sklearn.linear_model import LogisticRegression

    logits = [
        [math.log(min(max(r, 1e-4), 1 - 1e-4) / (1 - min(max(r, 1e-4), 1 - 1e-4)))] for r in raw
    ]
    model = LogisticRegression(C=1e6, max_iter=1000)
    model.fit(logits, [int(r) for r in right])
    return Calibration(round(float(model.coef_[0, 0]), 5), round(float(model.intercept_[0]), 5))


def calibrate(data: Path, model_dir: Path = MODEL_DIR, out: Path | None = None) -> dict[str, Any]:
    """Fit the calibration of the model in ``model_dir`` on PTC (``data``) and write it.

    Returns what went into ``calibration.json`` (written to ``out``, default ``model_dir``).
    """
    model = TechniqueModel.load(model_dir, threads=onnx_threads())
    uncalibrated = replace(model, calibration=Calibration())
    articles = [a for a in model_split(load_ptc(data), model_dir, FIT_SPLIT) if a.labelled]
    findings = [row for article in articles for row in reported_findings(uncalibrated, article)]
    raw = [score for score, _, _ in findings]
    right = [ok for _, _, ok in findings]
    fitted = fit_platt(raw, right)
    meta: dict[str, Any] = {
        "method": "Platt scaling on logit(raw score)",
        "slope": fitted.slope,
        "intercept": fitted.intercept,
        "fitted_on": f"PTC training part, the model's {FIT_SPLIT} articles ({len(articles)}): "
        f"{len(findings)} findings at the report threshold {model.report_threshold}",
        "right": "at least half of the finding's characters in gold spans of its technique",
        "findings": len(findings),
        "share_right": round(sum(right) / len(right), 4) if right else 0.0,
        "ece_raw_fit": round(expected_calibration_error(raw, right), 4),
        "ece_fit": round(expected_calibration_error([fitted(r) for r in raw], right), 4),
        "report_threshold": model.report_threshold,
        "fitted": dt.date.today().isoformat(),
    }
    target = out or model_dir
    target.mkdir(parents=True, exist_ok=True)
    (target / CALIBRATION_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
