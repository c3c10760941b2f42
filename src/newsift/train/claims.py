"""Train the check-worthiness head: ``newsift train claims --data DIR --out MODEL_DIR``.

Recipe (fixed in advance; nothing is selected on an evaluation set):

- **Sentences**: ClaimBuster ``crowdsourced.csv`` (positive = Verdict 1, a check-worthy
  factual sentence) minus every sentence whose text also occurs in ``groundtruth.csv`` (kept
  for evaluation); plus the ``train`` articles of newsift's news-claims set (39 PolNeAR
  articles, 521 sentences, ``docs/claims-guide.md``), weighted :data:`NEWS_WEIGHT`× to adapt
  the head to news prose and to the guide's labels.
- **Features**: the shared encoder's mean state over the sentence's word pieces, read **in
  context** as at run time (:mod:`newsift.encoder`): each ClaimBuster debate (``File_id``,
  in ``Line_number`` order, ground-truth sentences left out) and each news article is read
  as one document; plus three surface features (:func:`surface_features`).
- **Model**: logistic regression (C = :data:`C`, balanced class weights).
- **Calibration** (Platt scaling): a logistic map of the head's logit, fitted on held-out
  predictions of both kinds of text, weighted equally: 10% of the debates (by ``File_id``,
  seed 0, held out of training) and out-of-fold predictions on the news train articles (5
  folds by article, the head refitted without each fold). It is folded into the exported
  weights, so the head outputs a calibrated probability and the threshold is
  :data:`THRESHOLD`: a sentence is a claim when it is more likely check-worthy than not, on
  debates and news alike.
- **Export**: ``claims.onnx`` (Gemm + Sigmoid over [N, 387] features) and ``claims.json``.

C and the news weight were chosen on a grid (C 0.3/1/3, weight 5/10/20, with or without
lexical cue features) by the mean F1 at the calibrated 0.5 of the debate validation part and
the news out-of-fold predictions, never on ``groundtruth.csv`` or the news test articles.
``3xNCS.json`` is not used: 797 of its sentence ids are in ``groundtruth.csv``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsift.analyzers.claims import MODEL_DIR, surface_features
from newsift.encoder import Encoder
from newsift.eval.corpora.news_claims import load_news_claims
from newsift.eval.metrics import expected_calibration_error

#: How much more a news sentence weighs than a debate sentence.
NEWS_WEIGHT = 20.0
#: Inverse regularisation strength of the logistic regression.
C = 3.0
#: Share of the debates (by file) held out for calibration.
VALIDATION_SHARE = 0.1
#: Folds (by article) of the news train articles' out-of-fold predictions.
NEWS_FOLDS = 5
#: The decision threshold on the calibrated probability.
THRESHOLD = 0.5
MODEL_NAME = "newsift-claims"
MODEL_VERSION = "3.0.0"


@dataclass(frozen=True)
class Example:
    text: str
    positive: bool
    group: str  #: debate file or article id: validation and folds are split by group
    weight: float = 1.0
    document: str = ""  #: the id of the document the sentence is read in
    start: int = 0  #: character offsets of the sentence in that document
    end: int = 0


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _debates(rows: list[dict[str, str]]) -> tuple[dict[str, str], list[Example]]:
    """Each debate as one document (sentences in line order), and its sentences as examples."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_file.setdefault(row["File_id"], []).append(row)
    documents: dict[str, str] = {}
    examples = []
    for file_id, file_rows in sorted(by_file.items()):
        text = ""
        for row in sorted(file_rows, key=lambda r: int(r["Line_number"])):
            text += " " if text else ""
            start = len(text)
            text += row["Text"]
            examples.append(
                Example(
                    row["Text"],
                    row["Verdict"].strip() == "1",
                    file_id,
                    1.0,
                    file_id,
                    start,
                    len(text),
                )
            )
        documents[file_id] = text
    return documents, examples


def news_examples(polnear: Path, split: str) -> tuple[dict[str, str], list[Example]]:
    """The news-claims articles of ``split`` and their labelled sentences, located in them."""
    documents: dict[str, str] = {}
    examples = []
    for article in load_news_claims(polnear, (split,)):
        documents[article.document] = article.text
        for sentence in article.sentences:
            examples.append(
                Example(
                    article.text[sentence.start : sentence.end],
                    sentence.checkworthy,
                    article.document,
                    NEWS_WEIGHT,
                    article.document,
                    sentence.start,
                    sentence.end,
                )
            )
    return documents, examples


def load_examples(
    claimbuster: Path, polnear: Path
) -> tuple[dict[str, str], list[Example], list[Example], list[Example]]:
    """Documents, debate training examples, debate validation examples and news training
    examples (see the module docstring)."""
    with (claimbuster / "groundtruth.csv").open(encoding="utf-8", newline="") as handle:
        held_out = {_normalised(row["Text"]) for row in csv.DictReader(handle)}
    with (claimbuster / "crowdsourced.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _normalised(r["Text"]) not in held_out]
    documents, crowd = _debates(rows)
    debates = sorted({e.group for e in crowd})
    random.Random(0).shuffle(debates)
    validation_groups = set(debates[: max(1, round(VALIDATION_SHARE * len(debates)))])
    articles, news = news_examples(polnear, "train")
    documents.update(articles)
    train = [e for e in crowd if e.group not in validation_groups]
    validation = [e for e in crowd if e.group in validation_groups]
    return documents, train, validation, news


def features(encoder: Encoder, documents: dict[str, str], examples: list[Example]) -> np.ndarray:
    """[N, 387] float32: in-context sentence embedding plus surface features."""
    by_document: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        by_document.setdefault(example.document, []).append(index)
    embeddings = np.zeros((len(examples), 384), dtype=np.float32)
    for document, indices in by_document.items():
        reading = encoder.read(documents[document])
        spans = [(examples[i].start, examples[i].end) for i in indices]
        embeddings[indices] = reading.pooled(spans)
    surface = np.array([surface_features(e.text) for e in examples], dtype=np.float32)
    return np.hstack([embeddings, surface]).astype(np.float32)


def _fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=0)
    model.fit(x, y, sample_weight=weights)
    return model


def out_of_fold_logits(
    x_debates: np.ndarray,
    y_debates: np.ndarray,
    x_news: np.ndarray,
    y_news: np.ndarray,
    groups: list[str],
) -> np.ndarray:
    """The head's logit for each news sentence from a head trained without its article's fold."""
    from sklearn.model_selection import GroupKFold

    logits = np.zeros(len(y_news), dtype=np.float64)
    for train_rows, test_rows in GroupKFold(NEWS_FOLDS).split(x_news, y_news, groups):
        model = _fit(
            np.vstack([x_debates, x_news[train_rows]]),
            np.concatenate([y_debates, y_news[train_rows]]),
            np.concatenate([np.ones(len(y_debates)), np.full(len(train_rows), NEWS_WEIGHT)]),
        )
        logits[test_rows] = model.decision_function(x_news[test_rows])
    return logits


def platt(logits: np.ndarray, gold: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """(a, b) of Platt scaling: P = sigmoid(a · logit + b), fitted by weighted likelihood."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, max_iter=1000)
    model.fit(logits.reshape(-1, 1), gold, sample_weight=weights)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def _scores(probs: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    predicted = probs >= THRESHOLD
    tp = float((predicted & gold).sum())
    precision = tp / predicted.sum() if predicted.sum() else 0.0
    recall = tp / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "ece": round(expected_calibration_error(probs.tolist(), gold.tolist()), 4),
        "flagged": round(float(predicted.mean()), 4),
    }


def export_head(weights: np.ndarray, bias: float, path: Path) -> None:
    """Write a Gemm + Sigmoid ONNX graph: features [N, D] → probability [N, 1]."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    dim = weights.shape[0]
    graph = helper.make_graph(
        [
            helper.make_node("Gemm", ["features", "W", "B"], ["logit"]),
            helper.make_node("Sigmoid", ["logit"], ["probability"]),
        ],
        "newsift_claims",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", dim])],
        [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["batch", 1])],
        [
            numpy_helper.from_array(weights.reshape(dim, 1).astype(np.float32), "W"),
            numpy_helper.from_array(np.array([bias], dtype=np.float32), "B"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def train(claimbuster: Path, polnear: Path, out: Path) -> dict[str, object]:
    """Train, calibrate, export; returns what went into ``claims.json``."""
    documents, debates, validation, news = load_examples(claimbuster, polnear)
    encoder = Encoder.load(threads=1)
    x_debates = features(encoder, documents, debates)
    x_validation = features(encoder, documents, validation)
    x_news = features(encoder, documents, news)
    y_debates = np.array([e.positive for e in debates])
    y_validation = np.array([e.positive for e in validation])
    y_news = np.array([e.positive for e in news])
    model = _fit(
        np.vstack([x_debates, x_news]),
        np.concatenate([y_debates, y_news]),
        np.concatenate([np.ones(len(debates)), np.full(len(news), NEWS_WEIGHT)]),
    )
    news_logits = out_of_fold_logits(x_debates, y_debates, x_news, y_news, [e.group for e in news])
    validation_logits = model.decision_function(x_validation)
    # Each kind of text weighs the same in the calibration, whatever its size.
    a, b = platt(
        np.concatenate([news_logits, validation_logits]),
        np.concatenate([y_news, y_validation]),
        np.concatenate([np.full(len(news), len(validation) / len(news)), np.ones(len(validation))]),
    )

    def calibrated(logits: np.ndarray) -> np.ndarray:
        result: np.ndarray = 1 / (1 + np.exp(-(a * logits + b)))
        return result

    out.mkdir(parents=True, exist_ok=True)
    export_head(a * model.coef_[0], a * float(model.intercept_[0]) + b, out / "claims.onnx")
    meta: dict[str, object] = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "threshold": THRESHOLD,
        "calibration": {"method": "Platt", "a": round(a, 5), "b": round(b, 5)},
        "heldout": {
            "debates_validation": _scores(calibrated(validation_logits), y_validation),
            "news_train_out_of_fold": _scores(calibrated(news_logits), y_news),
        },
        "train_sentences": {"debates": len(debates), "news": len(news)},
        "validation_sentences": len(validation),
        "recipe": {"C": C, "news_weight": NEWS_WEIGHT, "news_folds": NEWS_FOLDS},
        "features": "shared encoder (newsift-techniques) in-context mean state (384) + digit, "
        "question, length",
        "trained": dt.date.today().isoformat(),
    }
    (out / "claims.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ClaimBuster folder")
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR folder")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    print(json.dumps(train(args.data, args.polnear, args.out), indent=2))


if __name__ == "__main__":
    main()
