"""Families: earliest source, derivation tree, and undetermined with its reason."""

from __future__ import annotations

import datetime as dt

from newsift.corpus.copies import find_copies
from newsift.corpus.model import CopyEdge, CorpusArticle, Passage
from newsift.corpus.origins import family_id, find_origins
from tests.corpus.texts import OWN_TEXT, UNRELATED, WIRE, paragraphs, reword

T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC)


def art(id: str, text: str, outlet: str, minutes: float | None) -> CorpusArticle:
    published = None if minutes is None else T0 + dt.timedelta(minutes=minutes)
    return CorpusArticle(id=id, text=text, outlet=outlet, published=published)


def edge(
    source: str, copy: str, direction: str = "forward", reason: str = "timestamps"
) -> CopyEdge:
    return CopyEdge(
        source=source,
        copy=copy,
        kind="verbatim",
        containment_source=1.0,
        containment_copy=1.0,
        passages=(Passage(0, 10, 0, 10),),
        direction=direction,  # type: ignore[arg-type]
        direction_reason=reason,
        score=1.0,
    )


def test_chain_has_its_original_as_earliest_and_a_tree() -> None:
    rewritten = reword(WIRE)
    corpus = [
        art("wire", WIRE, "Coast Wire", 0),
        art("rw", rewritten, "State TV", 30),
        art("rw-copy", rewritten, "Farm Daily", 45),  # copies the rewrite, not the wire
        art("lib", UNRELATED, "Town News", 5),
    ]
    families = find_origins(corpus, find_copies(corpus))
    assert len(families) == 1
    fam = families[0]
    assert fam.members == ("rw", "rw-copy", "wire")
    assert fam.earliest == "wire"
    assert fam.reason == "the only member no evidence makes a copy"
    assert fam.tree == (("rw", "rw-copy"), ("wire", "rw"))
    assert fam.family == family_id(["wire", "rw", "rw-copy"])


def test_missing_timestamps_leave_earliest_undetermined() -> None:
    corpus = [
        art("wire", WIRE, "Coast Wire", None),
        art("farm", WIRE, "Farm Daily", None),
    ]
    (fam,) = find_origins(corpus, find_copies(corpus))
    assert fam.earliest is None
    assert fam.reason.startswith("undetermined: several candidate sources, timestamps missing")


def test_timestamp_contradicting_text_evidence_is_undetermined() -> None:
    # the cue shows the wire is the source, but the third copy is dated before it
    cited = WIRE.replace("union officials said.", "union officials said, according to Coast Wire.")
    corpus = [
        art("wire", WIRE, "Coast Wire", 60),
        art("a", cited, "Farm Daily", 90),
        art("b", cited, "Other Daily", 0),
    ]
    edges = find_copies(corpus)
    (fam,) = find_origins(corpus, edges)
    assert fam.earliest is None
    assert "timestamps contradict text evidence" in fam.reason


def test_undated_member_behind_an_undetermined_edge_is_undetermined() -> None:
    edges = [edge("a", "b", "undetermined", "timestamps missing"), edge("c", "b")]
    corpus = [
        art("a", WIRE, "A", 0),
        art("b", WIRE, "B", None),
        art("c", WIRE, "C", 10),
    ]
    (fam,) = find_origins(corpus, edges)
    assert fam.earliest is None  # b is linked to a only by an undetermined edge and undated
    assert fam.reason == (
        "undetermined: members linked only by undetermined edges can't be ordered: b, c"
    )


def test_roots_dated_apart_pick_the_earliest() -> None:
    edges = [edge("a", "b", "undetermined", "timestamps equal"), edge("a", "c"), edge("b", "d")]
    corpus = [
        art("a", WIRE, "A", 0),
        art("b", WIRE, "B", 20),
        art("c", WIRE, "C", 30),
        art("d", WIRE, "D", 40),
    ]
    (fam,) = find_origins(corpus, edges)
    assert fam.earliest == "a"
    assert fam.reason == "earliest of several candidate sources by timestamp"
    assert fam.tree == (("a", "c"), ("b", "d"))


def test_cycle_is_undetermined() -> None:
    corpus = [art("a", WIRE, "A", None), art("b", OWN_TEXT, "B", None)]
    (fam,) = find_origins(corpus, [edge("a", "b"), edge("b", "a")])
    assert fam.earliest is None
    assert "cycle" in fam.reason


def test_excerpts_without_timestamps_point_to_the_full_story() -> None:
    ps = paragraphs(WIRE)
    corpus = [
        art("wire", WIRE, "Coast Wire", None),
        art("ex1", "\n\n".join(ps[:2]), "Blog", None),
        art("ex2", "\n\n".join(ps[3:5]), "Forum", None),
    ]
    (fam,) = find_origins(corpus, find_copies(corpus))
    assert fam.earliest == "wire"
    assert set(fam.tree) == {("wire", "ex1"), ("wire", "ex2")}
