"""Copy edges a common, earlier source explains: a mirror of the wire is no one's source,
ties go to the cited and to the earlier source, a copy of a rewrite keeps the rewrite."""

from __future__ import annotations

import datetime as dt

from newsift.corpus.copies import find_copies
from newsift.corpus.model import CorpusArticle
from tests.corpus.texts import OWN_TEXT, UNRELATED, WIRE, paragraphs, reword

T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC)


def art(id: str, text: str, outlet: str, minutes: float | None = None) -> CorpusArticle:
    published = None if minutes is None else T0 + dt.timedelta(minutes=minutes)
    return CorpusArticle(id=id, text=text, outlet=outlet, published=published)


def pairs(*articles: CorpusArticle) -> set[tuple[str, str]]:
    return {(e.source, e.copy) for e in find_copies(articles)}


def _took_from_wire(lead: str = "") -> str:
    ps, mine = paragraphs(WIRE), paragraphs(OWN_TEXT)
    return "\n\n".join([lead + mine[0], ps[1], ps[2], mine[1]])


def test_a_mirror_of_the_wire_is_not_the_source_of_what_copied_the_wire() -> None:
    wire = art("wire", WIRE, "Coast Wire", 0)
    farm = art("farm", WIRE + "\n\nShare this story.", "Farm Daily", 20)
    late = art("late", _took_from_wire(), "Gazette", 90)
    assert pairs(wire, farm, late) == {("wire", "farm"), ("wire", "late")}


def test_a_tie_goes_to_the_earlier_source_even_when_the_mirror_sorts_first() -> None:
    wire = art("z-wire", WIRE, "Coast Wire", 0)
    farm = art("a-farm", WIRE, "Farm Daily", 20)
    late = art("late", _took_from_wire(), "Gazette", 90)
    assert pairs(wire, farm, late) == {("z-wire", "a-farm"), ("z-wire", "late")}


def test_a_tie_goes_to_the_source_the_text_cites() -> None:
    wire = art("wire", WIRE, "Coast Wire", 0)
    farm = art("farm", WIRE, "Farm Daily", 20)
    late = art("late", _took_from_wire("According to Farm Daily, the port is closed. "), "Gz", 90)
    assert pairs(wire, farm, late) == {("wire", "farm"), ("farm", "late")}


def test_a_verbatim_copy_of_a_rewrite_keeps_the_rewrite_as_its_source() -> None:
    wire = art("wire", WIRE, "Coast Wire", 0)
    rewrite = art("rw", reword(WIRE), "State TV", 60)
    copy = art("cp", reword(WIRE), "Portal", 120)
    assert pairs(wire, rewrite, copy) == {("wire", "rw"), ("rw", "cp")}


def test_a_copy_of_two_unrelated_sources_keeps_both_edges() -> None:
    wire = art("wire", WIRE, "Coast Wire", 0)
    library = art("lib", UNRELATED, "City News", 10)
    ps, other = paragraphs(WIRE), paragraphs(UNRELATED)
    both = art("both", "\n\n".join([ps[0], ps[1], other[0], other[1]]), "Roundup", 90)
    assert pairs(wire, library, both) == {("wire", "both"), ("lib", "both")}


def test_a_copy_that_took_more_than_the_mirror_has_keeps_its_direct_source() -> None:
    # the partial copy adds text of its own that a later article takes along with the wire's
    wire = art("wire", WIRE, "Coast Wire", 0)
    ps, mine = paragraphs(WIRE), paragraphs(OWN_TEXT)
    partial = art("pt", "\n\n".join([ps[0], ps[1], mine[0], mine[1]]), "Gazette", 30)
    late = art("late", "\n\n".join([ps[0], ps[1], mine[0], mine[1]]), "Portal", 90)
    got = pairs(wire, partial, late)
    assert ("pt", "late") in got and ("wire", "late") not in got
