"""newsift's news-claims set: check-worthy sentences of real news, as offsets into PolNeAR.

The set (``eval/data/news_claims``, labelling guide in ``docs/claims-guide.md``) labels 843
sentences of 63 PolNeAR ``train`` articles as check-worthy (``Y``) or not (``N``). PolNeAR is
third-party data, so the project stores no text: ``documents.tsv`` names each article with its
split and the SHA-256 of its text, ``sentences.tsv`` gives each sentence's character offsets
and its labels (the resolved one, and both labelling passes). The texts are read at run time
from a PolNeAR folder and checked against the digests, so that an offset never points at other
words than the ones labelled.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import Errors, InputNotFoundError, MalformedInputError
from newsift.eval.corpora import DATA_DIR

#: The bundled set.
NEWS_CLAIMS_DIR = DATA_DIR / "news_claims"
#: The labels a sentence can carry.
LABELS = {"Y": True, "N": False}
#: The set's splits (by article).
SPLITS = ("train", "test")

_DOCUMENT_COLUMNS = ("document", "publisher", "split", "sentences", "sha256")
_SENTENCE_COLUMNS = ("sentence_id", "document", "start", "end", "label", "pass1", "pass2")


@dataclass(frozen=True)
class ClaimSentence:
    """One labelled sentence: character offsets into its article and its labels."""

    sentence_id: str
    start: int
    end: int
    checkworthy: bool  #: the resolved label
    first_pass: bool
    second_pass: bool


@dataclass(frozen=True)
class ClaimArticle:
    """One PolNeAR article of the set with its labelled sentences, in reading order."""

    document: str
    publisher: str
    split: str
    text: str
    sentences: tuple[ClaimSentence, ...]

    def spans(self) -> list[tuple[int, int]]:
        """The sentences' character spans."""
        return [(s.start, s.end) for s in self.sentences]


def _rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a tab-separated file with ``columns``.

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: Other columns, or a row without every cell (E212).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != tuple(columns):
            raise MalformedInputError(
                Errors.E212, path=path, line=1, detail="expected columns " + ", ".join(columns)
            )
        rows = []
        for row in reader:
            if any(row.get(column) in (None, "") for column in columns):
                raise MalformedInputError(
                    Errors.E212, path=path, line=reader.line_num, detail="a cell is empty"
                )
            rows.append((reader.line_num, row))
        return rows


def _label(path: Path, line: int, value: str) -> bool:
    if value not in LABELS:
        raise MalformedInputError(
            Errors.E212, path=path, line=line, detail=f"label {value!r} is not Y or N"
        )
    return LABELS[value]


def _sentence(path: Path, line: int, row: dict[str, str], length: int) -> ClaimSentence:
    try:
        start, end = int(row["start"]), int(row["end"])
    except ValueError:
        raise MalformedInputError(
            Errors.E212, path=path, line=line, detail="start and end must be integers"
        ) from None
    if not 0 <= start < end <= length:
        raise MalformedInputError(
            Errors.E212, path=path, line=line, detail=f"span {start}-{end} outside the text"
        )
    return ClaimSentence(
        row["sentence_id"],
        start,
        end,
        _label(path, line, row["label"]),
        _label(path, line, row["pass1"]),
        _label(path, line, row["pass2"]),
    )


def read_text(polnear: Path, document: str, digest: str) -> str:
    """The text of ``document`` from a PolNeAR folder, checked against its SHA-256.

    ``polnear`` is the corpus folder (holding ``train/text``) or its ``train`` part.

    Raises:
        InputNotFoundError: The article is not in the folder (E210).
        MalformedInputError: Its text is not the one the set was labelled on (E211).
    """
    candidates = [
        polnear / "train" / "text" / f"{document}.txt",
        polnear / "text" / f"{document}.txt",
    ]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise InputNotFoundError(Errors.E210, document=document, folder=polnear)
    raw = path.read_bytes()
    found = hashlib.sha256(raw).hexdigest()
    if found != digest:
        raise MalformedInputError(Errors.E211, path=path, found=found[:12], expected=digest[:12])
    return raw.decode("utf-8")


def load_news_claims(
    polnear: Path, splits: Sequence[str] = SPLITS, data_dir: Path = NEWS_CLAIMS_DIR
) -> list[ClaimArticle]:
    """The set's articles of ``splits``, their texts read from ``polnear``, in file order.

    Raises:
        InputNotFoundError: A file of the set is missing (E012), or an article is not in
            the PolNeAR folder (E210).
        MalformedInputError: A malformed row (E212) or a changed text (E211).
    """
    documents = _rows(data_dir / "documents.tsv", _DOCUMENT_COLUMNS)
    sentences = _rows(data_dir / "sentences.tsv", _SENTENCE_COLUMNS)
    by_document: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in sentences:
        by_document.setdefault(row["document"], []).append((line, row))
    path = data_dir / "sentences.tsv"
    articles = []
    for line, row in documents:
        if row["split"] not in SPLITS:
            raise MalformedInputError(
                Errors.E212,
                path=data_dir / "documents.tsv",
                line=line,
                detail=f"split {row['split']!r} is not train or test",
            )
        if row["split"] not in splits:
            continue
        text = read_text(polnear, row["document"], row["sha256"])
        rows = by_document.get(row["document"], [])
        articles.append(
            ClaimArticle(
                row["document"],
                row["publisher"],
                row["split"],
                text,
                tuple(_sentence(path, n, r, len(text)) for n, r in rows),
            )
        )
    return articles
