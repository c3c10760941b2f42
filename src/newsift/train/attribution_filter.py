"""Train the attribution filter: ``python -m newsift.train.attribution_filter DATA_DIR``.

Recipe (fixed in advance; nothing is selected on PolNeAR dev):

- Data: ``DATA_DIR`` is PolNeAR's train part (``…/polnear/train``).
- Candidates: every attribution the rules find in each PolNeAR *train* article
  (:func:`~newsift.analyzers.attribution.extract.extract_attributions` with no filter), with
  the analyzer's own spaCy pipeline.
- Label: 1 when a gold attribution's content matches the candidate's with Jaccard >= 0.5
  (one-to-one, greedy by best Jaccard: :func:`newsift.eval.polnear.match_attributions`, the
  scorer's own matching), else 0.
- Features: :func:`~newsift.analyzers.attribution.filter.features` (sparse, binary); names seen
  fewer than ``--min-count`` times are dropped.
- Model: L2-regularised logistic regression (``--l2``), fitted by L-BFGS from zeros
  (deterministic).
- Thresholds: two least probabilities kept, one for attributions whose content holds a
  quotation and one for the rest, chosen together to maximise content F-beta (beta =
  ``--beta``, 0.5: precision weighs more) over out-of-fold probabilities of a 5-fold split of
  the train articles (shuffled with ``--seed``), counting recall over all gold attributions,
  among the pairs that keep at least ``--keep-quotes`` (0.99) of the real quotations.
- Export: ``filter.json`` (weights, bias, threshold, card), a few hundred KB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from newsift.analyzers.attribution.component import AttributionAnalyzer
from newsift.analyzers.attribution.extract import extract_attributions, view
from newsift.analyzers.attribution.filter import FILTER_RESOURCE, CueFilter, features
from newsift.eval.corpora.polnear import AttributionSpans, load_polnear
from newsift.eval.polnear import match_attributions


@dataclass(frozen=True)
class Candidates:
    """Every rule candidate of a corpus part: features, labels, article and gold count."""

    rows: list[list[str]]
    labels: list[int]
    article: list[int]
    gold: int


def collect(directory: Path, spacy_model: str | None = None) -> Candidates:
    """Parse a PolNeAR part and describe each rule candidate with its features and label."""
    from newsift.eval.run import attribution_nlp

    gold = load_polnear(directory)
    nlp = attribution_nlp(spacy_model)
    component = nlp.get_pipe("newsift_attribution")
    if not isinstance(component, AttributionAnalyzer):
        raise TypeError("the pipeline's newsift_attribution is not newsift's analyzer")
    rows: list[list[str]] = []
    labels: list[int] = []
    article: list[int] = []
    with nlp.select_pipes(disable=["newsift_attribution"]):
        docs = nlp.pipe((g.text for g in gold), batch_size=16)
        for index, (g, doc) in enumerate(zip(gold, docs, strict=True)):
            found = extract_attributions(doc, lexicon=component.lexicon, cue_filter=None)
            spans = [
                AttributionSpans(
                    (a.content,), (a.cue,) if a.cue else (), (a.source,) if a.source else ()
                )
                for a in found
            ]
            matched = {pi for _, pi, _ in match_attributions(g.attributions, spans)}
            text = doc.text
            for pi, att in enumerate(found):
                rows.append(features(doc, view(att), text))
                labels.append(int(pi in matched))
                article.append(index)
    return Candidates(rows, labels, article, sum(len(g.attributions) for g in gold))


def _matrix(rows: list[list[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        indices += sorted({vocab[n] for n in row if n in vocab})
        indptr.append(len(indices))
    data = np.ones(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def fit(x: sparse.csr_matrix, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression weights and bias (L-BFGS, L2 on the weights only)."""

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:-1], params[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * l2 * (w @ w)
        err = p - y
        grad = np.concatenate([x.T @ err + l2 * w, [err.sum()]])
        return float(value), grad

    start = np.zeros(x.shape[1] + 1)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x[:-1], float(result.x[-1])


def choose_thresholds(
    probs: np.ndarray,
    labels: np.ndarray,
    quoted: np.ndarray,
    gold: int,
    beta: float,
    keep_quotes: float,
) -> tuple[float, float, float, float, float]:
    """The least kept probabilities (other, quoted) maximising content F-beta while keeping
    at least ``keep_quotes`` of the real quotations; with precision, recall and the share
    of real quotations kept."""
    best = (-1.0, 0.5, 0.5, 0.0, 0.0, 0.0)
    quoted_real = max(1.0, float((labels * quoted).sum()))
    for tq in np.round(np.arange(0.10, 0.71, 0.05), 2):
        for tn in np.round(np.arange(0.30, 0.91, 0.02), 2):
            keep = np.where(quoted, probs >= tq, probs >= tn)
            tp = float((labels * keep).sum())
            precision, recall = tp / max(1.0, float(keep.sum())), tp / gold
            kept_quotes = float((labels * keep * quoted).sum()) / quoted_real
            if kept_quotes < keep_quotes:
                continue
            b2 = beta * beta
            score = (1 + b2) * precision * recall / max(b2 * precision + recall, 1e-12)
            if score > best[0]:
                best = (score, float(tn), float(tq), precision, recall, kept_quotes)
    return best[1], best[2], best[3], best[4], best[5]


def train(
    candidates: Candidates,
    *,
    seed: int,
    l2: float,
    min_count: int,
    beta: float,
    keep_quotes: float = 0.99,
) -> CueFilter:
    """Fit the filter, choose its threshold out of fold, and describe it in its card."""
    counts = Counter(n for row in candidates.rows for n in set(row))
    vocab = {n: i for i, n in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}
    x = _matrix(candidates.rows, vocab)
    y = np.asarray(candidates.labels, dtype=float)
    articles = sorted(set(candidates.article))
    random.Random(seed).shuffle(articles)
    fold_of = {a: i % 5 for i, a in enumerate(articles)}
    folds = np.asarray([fold_of[a] for a in candidates.article])
    oof = np.zeros(len(y))
    for k in range(5):
        w, b = fit(x[folds != k], y[folds != k], l2)
        oof[folds == k] = 1.0 / (1.0 + np.exp(-(x[folds == k] @ w + b)))
    quoted = np.asarray(["quote=True" in row for row in candidates.rows])
    threshold, quote_threshold, precision, recall, kept_quotes = choose_thresholds(
        oof, y, quoted, candidates.gold, beta, keep_quotes
    )
    w, b = fit(x, y, l2)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {n: round(float(w[vocab[n]]), 5) for n in names if abs(w[vocab[n]]) >= 1e-5}
    card = {
        "model": "logistic regression over the attribution rules' candidates",
        "data": "PolNeAR train (840 articles): candidates labelled by content Jaccard >= 0.5",
        "candidates": len(y),
        "positives": int(y.sum()),
        "features": len(vocab),
        "seed": seed,
        "l2": l2,
        "min_count": min_count,
        "threshold_rule": f"max content F{beta:g} out of fold (5 folds of train articles), "
        f"keeping >= {keep_quotes:g} of the real quotations",
        "out_of_fold": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "quotations_kept": round(kept_quotes, 4),
        },
        "trained": dt.date.today().isoformat(),
    }
    return CueFilter(
        weights=weights,
        bias=round(b, 5),
        threshold=round(threshold, 4),
        card=card,
        quote_threshold=round(quote_threshold, 4),
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: train on a PolNeAR part and write ``filter.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a PolNeAR part (…/polnear/train)")
    default_out = Path(str(resources.files("newsift").joinpath(*FILTER_RESOURCE)))
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--beta", type=float, default=0.5)
    parser.add_argument("--keep-quotes", type=float, default=0.99)
    parser.add_argument("--spacy-model", default=None)
    args = parser.parse_args(argv)
    candidates = collect(args.data, args.spacy_model)
    model = train(
        candidates,
        seed=args.seed,
        l2=args.l2,
        min_count=args.min_count,
        beta=args.beta,
        keep_quotes=args.keep_quotes,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.card, indent=1))


if __name__ == "__main__":
    main()
