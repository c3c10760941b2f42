"""Synthetic copy networks with exact gold, built at run time from texts on disk.

Run as a module by ``benchmarks/bench_copies.py``; nothing here is copied into the repository:
the source texts (PolNeAR and PTC articles under ``--data``) are read when the benchmark runs.

What :func:`make_benchmark` builds, from one explicit ``seed``:

- a *pool* of originals: the texts, minus any that shares running prose with another (three
  or more word 8-grams outside quotation marks, a check independent of the engine): those
  are real copies already (PolNeAR has wire stories and re-dated updates);
- *families*: an original published by one of the synthetic outlets, then 1-5 copies, each
  made from the original or, in a third of cases, from an earlier copy (chains), by one
  operation: ``verbatim`` (every paragraph), ``rewrite`` (every paragraph reworded: words
  swapped for synonyms, dropped or transposed, about one word in six), ``mixed`` (blocks of
  three paragraphs, some word for word and some reworded), ``excerpt`` (a contiguous run of
  20-50% of the parent's words) or ``partial`` (30-60% of the parent's paragraphs mixed with
  as many words again from a *donor* text used nowhere else);
- publication lags of minutes to two days; 10% of timestamps missing; 4% of copies dated
  before their parent (wrong timestamps); 25% of copies naming the parent's outlet
  ("according to …", "(…)", "… reported", "… contributed to this report");
- each outlet's header and footer lines around its articles (boilerplate);
- the rest of the pool as standalone articles, and *same-story negatives*: pairs of pool
  articles from different publishers, dated at most a day apart, whose TF-IDF cosine over
  content words is at least 0.2 (independent reports of one event).

Gold: every article's paragraphs carry their provenance ``(text, paragraph, form)`` where
``form`` is 0 for the original wording and a fresh number for each rewording. Positive pairs
are the direct derivations plus any two articles sharing at least 40 words in the same form;
other pairs within one family share only reworded or very little text and are neither
required nor penalised.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from newsift.corpus.model import CorpusArticle

KINDS = ("verbatim", "rewrite", "mixed", "excerpt", "partial")
KIND_WEIGHTS = (0.2, 0.2, 0.15, 0.225, 0.225)
MIN_SHARED_WORDS = 40

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "but",
        "have",
        "has",
        "had",
        "will",
        "would",
        "said",
        "says",
        "who",
        "which",
        "what",
        "when",
        "there",
        "than",
        "more",
        "also",
        "about",
        "after",
        "before",
        "over",
        "into",
        "up",
        "out",
    ]
)
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "big": "large",
    "large": "big",
    "also": "additionally",
    "but": "however",
    "however": "but",
    "many": "numerous",
    "people": "individuals",
    "show": "indicate",
    "shows": "indicates",
    "help": "assist",
    "start": "begin",
    "began": "started",
    "buy": "purchase",
    "use": "employ",
    "used": "employed",
    "new": "fresh",
    "important": "significant",
    "about": "around",
    "because": "since",
    "during": "throughout",
    "country": "nation",
    "president": "leader",
    "government": "administration",
    "week": "week's span",
    "month": "month's time",
    "year": "twelve months",
    "very": "highly",
    "after": "following",
    "before": "prior to",
    "against": "opposed to",
    "called": "termed",
    "asked": "questioned",
    "added": "continued",
    "think": "believe",
    "thinks": "believes",
    "wants": "seeks",
    "want": "seek",
    "make": "create",
    "made": "created",
    "get": "obtain",
    "got": "obtained",
    "go": "proceed",
    "went": "proceeded",
}
CUES = (
    "According to {outlet}, {text}",
    "({outlet}) — {text}",
    "{text} {outlet} reported the news first.",
    "{text} {outlet} contributed to this report.",
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its provenance ``(origin text, paragraph index, form)``."""

    text: str
    origin: tuple[str, int, int]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Doc:
    """A generated article before it is rendered with its outlet's boilerplate."""

    id: str
    outlet: str
    published: dt.datetime | None
    paragraphs: list[Paragraph]
    family: str | None = None
    parent: str | None = None
    kind: str | None = None
    cue: str | None = None
    wrong_time: bool = False

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)


@dataclass
class Benchmark:
    """Articles and their exact gold."""

    articles: list[CorpusArticle]
    docs: dict[str, Doc]
    direct: dict[tuple[str, str], str]  # (parent, child) -> kind
    positives: set[frozenset[str]]
    dont_care: set[frozenset[str]]
    families: dict[str, list[str]]  # root -> members
    same_story: list[tuple[str, str]]
    stats: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """A text read from disk."""

    name: str
    text: str
    publisher: str | None
    date: dt.date | None


def read_sources(data: Path) -> list[Source]:
    """PolNeAR (train and dev, with publisher and date) and PTC articles."""
    meta: dict[str, tuple[str, str]] = {}
    meta_file = data / "polnear" / "metadata.tsv"
    if meta_file.exists():
        for line in meta_file.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            meta[cols[1]] = (cols[4], cols[5])
    out = []
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        publisher, date = meta.get(path.stem, (None, None))
        day = dt.date.fromisoformat(date) if date else None
        out.append(Source(path.stem, path.read_text(encoding="utf-8"), publisher, day))
    for path in sorted((data / "ptc" / "articles").glob("*.txt")):
        out.append(Source(path.stem, path.read_text(encoding="utf-8"), None, None))
    return out


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated; single lines when there are no blanks)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text)]
    if len(parts) < 3:
        parts = [p.strip() for p in text.split("\n")]
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 3]


def _grams8_outside_quotes(text: str) -> set[int]:
    unquoted = _QUOTED.sub(" | ", text)
    words = [w.lower() for w in _WORD.findall(unquoted)]
    return {hash(tuple(words[i : i + 8])) for i in range(len(words) - 7)}


def clean_pool(sources: Sequence[Source]) -> tuple[list[Source], int]:
    """Drop texts that share running prose (3+ 8-grams outside quotes) with an earlier one."""
    index: dict[int, list[int]] = defaultdict(list)
    grams = [_grams8_outside_quotes(s.text) for s in sources]
    for i, g in enumerate(grams):
        for h in g:
            index[h].append(i)
    dropped: set[int] = set()
    for i, g in enumerate(grams):
        shared = Counter(j for h in g for j in index[h] if j < i and j not in dropped)
        if any(n >= 3 for n in shared.values()):
            dropped.add(i)
    kept = [s for i, s in enumerate(sources) if i not in dropped and len(paragraphs(s.text)) >= 4]
    return kept, len(dropped)


def same_story_pairs(pool: Sequence[Source], threshold: float = 0.2) -> list[tuple[str, str]]:
    """Independent reports of one event: different publishers, ≤ 1 day apart, cosine ≥ 0.2."""
    docs = [
        Counter(w for w in (x.lower() for x in _WORD.findall(s.text)) if w not in _STOP)
        for s in pool
    ]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    vecs = []
    for d in docs:
        v = {w: c * math.log(n / df[w]) for w, c in d.items() if df[w] > 1}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, s in enumerate(pool):
        if s.date and s.publisher:
            by_day[s.date].append(i)
    out = []
    for day, ids in sorted(by_day.items()):
        near = ids + by_day.get(day + dt.timedelta(days=1), [])
        for i in ids:
            for j in near:
                if j <= i and j in ids:
                    continue
                if pool[i].publisher == pool[j].publisher:
                    continue
                vi, vj = vecs[i], vecs[j]
                small, big = (vi, vj) if len(vi) < len(vj) else (vj, vi)
                if sum(x * big.get(w, 0.0) for w, x in small.items()) >= threshold:
                    out.append((pool[i].name, pool[j].name))
    return sorted(set(out))


def reword(text: str, rng: random.Random, rate: float = 0.17) -> str:
    """Reword a paragraph: synonyms, dropped words, transpositions (at least one change)."""
    words = text.split()
    out: list[str] = []
    changed = False
    i = 0
    while i < len(words):
        w = words[i]
        if rng.random() < rate:
            changed = True
            op = rng.random()
            key = w.lower().strip(".,;:")
            if key in SYNONYMS and op < 0.6:
                out.append(SYNONYMS[key] + w[len(w.rstrip(".,;:")) :])
            elif op < 0.75 and i + 1 < len(words):
                out.extend([words[i + 1], w])
                i += 1
            elif op < 0.9:
                pass  # dropped
            else:
                out.extend([w, rng.choice(("indeed", "reportedly", "notably", "now"))])
        else:
            out.append(w)
        i += 1
    if not changed and len(words) > 1:
        k = rng.randrange(len(out))
        out[k] = SYNONYMS.get(out[k].lower(), "also " + out[k])
    return " ".join(out)


class _Forms:
    def __init__(self) -> None:
        self.next = 1

    def reword(self, p: Paragraph, rng: random.Random) -> Paragraph:
        self.next += 1
        return Paragraph(reword(p.text, rng), (p.origin[0], p.origin[1], self.next))


def _op(
    kind: str, parent: Doc, rng: random.Random, forms: _Forms, donor: list[Paragraph]
) -> tuple[str, list[Paragraph]]:
    """Apply one copy operation; returns the kind actually made and the paragraphs."""
    ps = parent.paragraphs
    if kind == "verbatim":
        return kind, list(ps)
    if kind == "rewrite":
        return kind, [forms.reword(p, rng) for p in ps]
    if kind == "mixed":
        blocks = [ps[i : i + 3] for i in range(0, len(ps), 3)]
        flags = [rng.random() < 0.5 for _ in blocks]
        if all(flags) or not any(flags):
            flags[rng.randrange(len(flags))] = not flags[0]
        made = [
            p if keep else forms.reword(p, rng)
            for b, keep in zip(blocks, flags, strict=True)
            for p in b
        ]
        return kind, made
    total = parent.words
    if kind == "excerpt":
        target = total * rng.uniform(0.2, 0.5)
        start = rng.randrange(len(ps))
        out: list[Paragraph] = []
        for p in ps[start:] + ps[:start]:
            out.append(p)
            if sum(x.words for x in out) >= max(target, 60):
                break
        return kind, out
    # partial: a share of the parent's paragraphs, interleaved with the donor's own text
    share = rng.uniform(0.3, 0.6)
    k = max(2, round(len(ps) * share))
    start = rng.randrange(0, len(ps) - k + 1)
    taken = ps[start : start + k]
    taken_words = sum(p.words for p in taken)
    own: list[Paragraph] = []
    goal = taken_words * rng.uniform(0.6, 1.0)
    while donor and sum(x.words for x in own) < goal:
        own.append(donor.pop(0))  # each donor paragraph is used once
    if sum(x.words for x in own) < 0.5 * taken_words:
        return "excerpt", list(taken)  # the donor ran dry: what is left is an excerpt
    out = list(taken)
    for p in own:
        out.insert(rng.randrange(len(out) + 1), p)
    return kind, out


def _outlets(rng: random.Random, count: int) -> list[str]:
    stems = ["Globe", "Daily", "Herald", "Wire", "Courier", "Tribune", "Post", "Gazette", "Echo"]
    tails = ["News", "Times", "Report", "Today", "Press", "Online", "Dispatch", "Journal"]
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(stems)} {rng.choice(tails)} {len(names) + 1}"
        names.append(name)
    return names


def render(doc: Doc, outlet_lines: dict[str, tuple[str, str]], cue_outlet: str | None) -> str:
    """The article text: the outlet's header, the paragraphs (with a cue), the footer."""
    head, foot = outlet_lines[doc.outlet]
    body = [p.text for p in doc.paragraphs]
    if doc.cue and cue_outlet:
        if doc.cue.startswith("{text}"):
            body[-1] = doc.cue.format(outlet=cue_outlet, text=body[-1])
        else:
            body[0] = doc.cue.format(outlet=cue_outlet, text=body[0])
    return "\n\n".join([head, *body, foot])


def make_benchmark(
    sources: Sequence[Source], seed: int = 20261208, n_families: int = 300, n_outlets: int = 24
) -> Benchmark:
    """Build the benchmark (see the module docstring); the same seed gives the same corpus."""
    rng = random.Random(seed)
    pool, dropped = clean_pool(sources)
    rng.shuffle(pool)
    n_donors = n_families
    origins, donors, rest = (
        pool[:n_families],
        pool[n_families : n_families + n_donors],
        pool[n_families + n_donors :],
    )
    outlets = _outlets(rng, n_outlets)
    outlet_lines = {
        o: (
            f"{o} | Subscribe to {o} for the latest headlines, every morning in your inbox.",
            f"© 2016 {o}. All rights reserved. This material may not be published, broadcast, "
            "rewritten or redistributed without permission.",
        )
        for o in outlets
    }
    forms = _Forms()
    docs: dict[str, Doc] = {}
    direct: dict[tuple[str, str], str] = {}
    families: dict[str, list[str]] = {}
    base = dt.datetime(2016, 3, 1, tzinfo=dt.UTC)
    for fi, src in enumerate(origins):
        ps = [Paragraph(t, (src.name, k, 0)) for k, t in enumerate(paragraphs(src.text))]
        t0 = base + dt.timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
        root = Doc(f"f{fi:04d}-0", rng.choice(outlets), t0, ps, family=f"f{fi:04d}")
        docs[root.id] = root
        members = [root]
        donor = [
            Paragraph(t, (donors[fi].name, k, 0)) for k, t in enumerate(paragraphs(donors[fi].text))
        ]
        for ci in range(1, rng.randint(2, 6)):
            parent = members[0] if rng.random() < 0.67 else rng.choice(members)
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            if kind in ("excerpt", "partial") and (
                parent.words < 150 or len(parent.paragraphs) < 4
            ):
                kind = rng.choice(("verbatim", "rewrite"))
            if kind == "mixed" and len(parent.paragraphs) < 6:
                kind = "rewrite"
            kind, made = _op(kind, parent, rng, forms, donor)
            assert parent.published is not None
            lag = dt.timedelta(minutes=rng.expovariate(1 / 240) + 2)
            child = Doc(
                f"f{fi:04d}-{ci}",
                rng.choice([o for o in outlets if o != parent.outlet]),
                parent.published + lag,
                made,
                family=root.family,
                parent=parent.id,
                kind=kind,
            )
            if rng.random() < 0.25:
                child.cue = rng.choice(CUES)
            docs[child.id] = child
            direct[(parent.id, child.id)] = kind
            members.append(child)
        families[root.id] = [m.id for m in members]
    for src in rest:
        ps = [Paragraph(t, (src.name, k, 0)) for k, t in enumerate(paragraphs(src.text))]
        day = src.date or (base + dt.timedelta(days=rng.randrange(300))).date()
        t = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60)), dt.UTC)
        docs[f"s-{src.name}"] = Doc(f"s-{src.name}", rng.choice(outlets), t, ps)
    # wrong and missing timestamps, decided after the lags so that chains stay consistent
    timed = {d.id: d.published for d in docs.values()}
    for d in docs.values():
        if d.parent and rng.random() < 0.04:
            parent_time = timed[d.parent]
            assert parent_time is not None
            d.published = parent_time - dt.timedelta(minutes=rng.randint(30, 600))
            d.wrong_time = True
    for d in docs.values():
        if rng.random() < 0.10:
            d.published = None
    articles = [
        CorpusArticle(
            id=d.id,
            text=render(d, outlet_lines, docs[d.parent].outlet if d.parent else None),
            outlet=d.outlet,
            published=d.published,
        )
        for d in docs.values()
    ]
    positives, dont_care = _gold_pairs(docs, direct)
    doc_of = {src.name: f"f{fi:04d}-0" for fi, src in enumerate(origins)}
    doc_of.update({src.name: f"s-{src.name}" for src in rest})
    stories = [(doc_of[a], doc_of[b]) for a, b in same_story_pairs([*origins, *rest])]
    return Benchmark(
        articles=articles,
        docs=docs,
        direct=direct,
        positives=positives,
        dont_care=dont_care,
        families=families,
        same_story=stories,
        stats={
            "sources": len(sources),
            "dropped_as_related": dropped,
            "families": len(families),
            "articles": len(articles),
            "direct_edges": len(direct),
        },
    )


def _gold_pairs(
    docs: dict[str, Doc], direct: dict[tuple[str, str], str]
) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    positives = {frozenset(k) for k in direct}
    dont_care: set[frozenset[str]] = set()
    by_family: dict[str, list[Doc]] = defaultdict(list)
    for d in docs.values():
        if d.family:
            by_family[d.family].append(d)
    for members in by_family.values():
        for x, y in combinations(members, 2):
            pair = frozenset((x.id, y.id))
            if pair in positives:
                continue
            wx = {p.origin: p.words for p in x.paragraphs}
            wy = {p.origin: p.words for p in y.paragraphs}
            shared_form = sum(w for o, w in wx.items() if o in wy)
            shared_any = {o[:2] for o in wx} & {o[:2] for o in wy}
            if shared_form >= MIN_SHARED_WORDS:
                positives.add(pair)
            elif shared_any:
                dont_care.add(pair)
    return positives, dont_care


def ancestors(docs: dict[str, Doc], doc_id: str) -> list[str]:
    """The chain of parents of ``doc_id`` up to its family's original."""
    out = []
    cur = docs[doc_id].parent
    while cur:
        out.append(cur)
        cur = docs[cur].parent
    return out


def scale_corpus(
    sources: Iterable[Source], n: int, seed: int = 7, copy_share: float = 0.15
) -> list[CorpusArticle]:
    """``n`` distinct articles for timing: sentences of the sources, a third of their words
    replaced at random, 18-30 sentences each; ``copy_share`` of them copies of earlier ones
    (verbatim, rewritten, excerpted or partial)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    prng = random.Random(seed)
    sentences = [
        s.split()
        for src in sources
        for s in re.split(r"(?<=[.!?])\s+", " ".join(src.text.split()))
        if len(s.split()) >= 6
    ]
    vocab = sorted({w for s in sentences for w in s})
    index = {w: i for i, w in enumerate(vocab)}
    sent_ids = [np.asarray([index[w] for w in s], dtype=np.int32) for s in sentences]
    vocab_arr = np.asarray(vocab, dtype=object)
    outlets = [f"Outlet {i}" for i in range(200)]
    out: list[CorpusArticle] = []
    texts: list[str] = []
    for i in range(n):
        if i > 50 and rng.random() < copy_share:
            j = int(rng.integers(0, i))
            parent_paras = texts[j].split("\n\n")
            kind = prng.choice(("verbatim", "rewrite", "excerpt", "partial"))
            if kind == "verbatim":
                paras = parent_paras
            elif kind == "rewrite":
                paras = [reword(p, prng) for p in parent_paras]
            elif kind == "excerpt":
                k = max(1, len(parent_paras) // 3)
                paras = parent_paras[:k]
            else:
                k = max(1, len(parent_paras) // 2)
                paras = parent_paras[:k] + texts[int(rng.integers(0, i))].split("\n\n")[k:]
            text = "\n\n".join(paras)
        else:
            picks = rng.integers(0, len(sent_ids), size=int(rng.integers(18, 31)))
            ids = np.concatenate([sent_ids[p] for p in picks])
            mask = rng.random(len(ids)) < 0.33
            ids[mask] = rng.integers(0, len(vocab), size=int(mask.sum()))
            words = vocab_arr[ids].tolist()
            paras = [" ".join(words[k : k + 60]) for k in range(0, len(words), 60)]
            text = "\n\n".join(paras)
        texts.append(text)
        out.append(
            CorpusArticle(
                id=f"x{i:06d}",
                text=text,
                outlet=outlets[int(rng.integers(0, len(outlets)))],
                published=dt.datetime(2016, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i),
            )
        )
    return out
