"""Train the check-worthiness head: ``newsift train claims --data DIR --out MODEL_DIR``.

Recipe (fixed in advance; nothing is selected on the evaluation sets):

- Sentences: ClaimBuster ``crowdsourced.csv`` (positive = Verdict 1, check-worthy factual
  sentence), minus every sentence whose text also occurs in ``groundtruth.csv`` (kept for
  evaluation), plus the ``adapt`` articles of newsift's own news set
  (``newsift/eval/data/news_checkworthy``), weighted 5× to adapt the head to news prose.
- Features: the shared encoder's mean state over the sentence's word pieces, read **in
  context** as at run time (:mod:`newsift.encoder`): each ClaimBuster debate (``File_id``,
  in ``Line_number`` order, ground-truth sentences left out) and each news article is read
  as one document. Plus three surface features (:func:`surface_features`).
- Model: logistic regression (C = 1, balanced class weights, seed 0). The decision threshold
  maximises F1 on a validation part of ``crowdsourced.csv``: 10% of its debates (by
  ``File_id``), held out of training.
- Export: ``claims.onnx`` (Gemm + Sigmoid over [N, 387] features) and ``claims.json``.

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

import numpy as np

from newsift.analyzers.claims import MODEL_DIR, surface_features
from newsift.encoder import Encoder
from newsift.eval.corpora import DATA_DIR

#: Where newsift's own news sentences live in the source tree.
NEWS_DIR = DATA_DIR / "news_checkworthy"
NEWS_WEIGHT = 5.0
C = 1.0
VALIDATION_SHARE = 0.1
MODEL_NAME = "newsift-claims"
MODEL_VERSION = "2.0.0"


@dataclass(frozen=True)
class Example:
    text: str
    positive: bool
    group: str  #: debate file or article id: validation is split by group
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


def _news(news: Path, split: str) -> tuple[dict[str, str], list[Example]]:
    """The news articles of ``split`` and their labelled sentences, located in them."""
    articles = {}
    with (news / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles[record["id"]] = record["text"]
    examples = []
    with (news / f"{split}.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            article_id = row["Sentence_id"].split("-")[0]
            start = articles[article_id].find(row["Text"])
            if start < 0:
                raise ValueError(f"{row['Sentence_id']}: sentence not found in its article")
            examples.append(
                Example(
                    row["Text"],
                    row["class_label"] == "Yes",
                    row["Sentence_id"],
                    NEWS_WEIGHT,
                    article_id,
                    start,
                    start + len(row["Text"]),
                )
            )
    return articles, examples


def load_examples(
    claimbuster: Path, news: Path
) -> tuple[dict[str, str], list[Example], list[Example]]:
    """Documents, training examples and validation examples (see the module docstring)."""
    with (claimbuster / "groundtruth.csv").open(encoding="utf-8", newline="") as handle:
        held_out = {_normalised(row["Text"]) for row in csv.DictReader(handle)}
    with (claimbuster / "crowdsourced.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _normalised(r["Text"]) not in held_out]
    documents, crowd = _debates(rows)
    debates = sorted({e.group for e in crowd})
    random.Random(0).shuffle(debates)
    validation_groups = set(debates[: max(1, round(VALIDATION_SHARE * len(debates)))])
    articles, adapt = _news(news, "adapt")
    documents.update(articles)
    train = [e for e in crowd if e.group not in validation_groups] + adapt
    validation = [e for e in crowd if e.group in validation_groups]
    return documents, train, validation


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


def best_threshold(probs: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """The threshold (0.20..0.88, step 0.02) with the best F1, and that F1."""
    best = (0.5, -1.0)
    for threshold in np.arange(0.20, 0.90, 0.02):
        predicted = probs >= threshold
        tp = float((predicted & gold).sum())
        f1 = 2 * tp / (predicted.sum() + gold.sum()) if predicted.sum() + gold.sum() else 0.0
        if f1 > best[1]:
            best = (round(float(threshold), 2), f1)
    return best


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


def train(claimbuster: Path, out: Path, news: Path = NEWS_DIR) -> dict[str, object]:
    """Train, pick the threshold, export; returns what went into ``claims.json``."""
    from sklearn.linear_model import LogisticRegression

    documents, train_set, validation = load_examples(claimbuster, news)
    encoder = Encoder.load()
    x_train = features(encoder, documents, train_set)
    x_val = features(encoder, documents, validation)
    y_train = np.array([e.positive for e in train_set])
    y_val = np.array([e.positive for e in validation])
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", random_state=0)
    model.fit(x_train, y_train, sample_weight=np.array([e.weight for e in train_set]))
    threshold, val_f1 = best_threshold(model.predict_proba(x_val)[:, 1], y_val)
    out.mkdir(parents=True, exist_ok=True)
    export_head(model.coef_[0], float(model.intercept_[0]), out / "claims.onnx")
    meta: dict[str, object] = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "threshold": threshold,
        "validation_f1": round(val_f1, 4),
        "train_sentences": len(train_set),
        "validation_sentences": len(validation),
        "features": "shared encoder (newsift-techniques) in-context mean state (384) + digit, "
        "question, length",
        "trained": dt.date.today().isoformat(),
    }
    (out / "claims.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ClaimBuster folder")
    parser.add_argument("--news", type=Path, default=NEWS_DIR, help="news check-worthiness set")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    print(json.dumps(train(args.data, args.out, args.news), indent=2))


if __name__ == "__main__":
    main()
