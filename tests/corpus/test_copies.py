"""Copy edges: every kind, direction by timestamps and by cue, boilerplate, same-story pairs,
and passages whose offsets slice the shared text in both articles."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.corpus import copies
from newsift.corpus.align import align_texts
from newsift.corpus.boilerplate import learn_boilerplate
from newsift.corpus.compare import compare
from newsift.corpus.copies import CopyParams, classify, find_copies
from newsift.corpus.direction import cites, outlet_names
from newsift.corpus.model import CopyEdge, CorpusArticle
from tests.corpus.texts import OWN_TEXT, SAME_STORY, UNRELATED, WIRE, paragraphs, reword

T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC)


def art(
    id: str, text: str, outlet: str | None = None, minutes: float | None = None
) -> CorpusArticle:
    published = None if minutes is None else T0 + dt.timedelta(minutes=minutes)
    return CorpusArticle(id=id, text=text, outlet=outlet, published=published)


def only_edge(*articles: CorpusArticle) -> CopyEdge:
    edges = find_copies(articles)
    assert len(edges) == 1, edges
    return edges[0]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_verbatim_copy() -> None:
    edge = only_edge(art("wire", WIRE, "Coast Wire", 0), art("farm", WIRE, "Farm Daily", 42))
    assert (edge.source, edge.copy, edge.kind) == ("wire", "farm", "verbatim")
    assert edge.containment_source == edge.containment_copy == 1.0
    assert (edge.direction, edge.direction_reason) == ("forward", "timestamps")
    assert edge.evidence["lag_seconds"] == 42 * 60
    assert edge.score == 1.0


def test_rewrite() -> None:
    edge = only_edge(art("wire", WIRE, "Coast Wire", 0), art("rw", reword(WIRE), "State TV", 90))
    assert edge.kind == "rewrite"
    assert edge.containment_copy >= 0.8
    assert edge.evidence["exact_share"] < 0.95  # type: ignore[operator]


def test_mixed_copy() -> None:
    ps = paragraphs(WIRE)
    mixed = "\n\n".join(ps[:3] + [reword(p) for p in ps[3:]])
    edge = only_edge(art("wire", WIRE, "Coast Wire", 0), art("mx", mixed, "Portal", 30))
    assert edge.kind == "mixed"


def test_excerpt_direction_by_containment_without_timestamps() -> None:
    excerpt = "\n\n".join(paragraphs(WIRE)[2:4])
    edge = only_edge(art("wire", WIRE, "Coast Wire"), art("ex", excerpt, "Blog"))
    assert (edge.source, edge.copy, edge.kind) == ("wire", "ex", "excerpt")
    assert edge.direction == "forward"
    assert edge.direction_reason == "containment; timestamps missing"
    assert edge.containment_copy == 1.0
    assert edge.containment_source < 0.5


def test_partial_copy() -> None:
    ps = paragraphs(WIRE)
    mine = paragraphs(OWN_TEXT)
    partial = "\n\n".join([mine[0], ps[0], ps[1], mine[1], ps[2], mine[2]])
    edge = only_edge(art("wire", WIRE, "Coast Wire", 0), art("pt", partial, "Gazette", 120))
    assert edge.kind == "partial"
    assert 0.3 < edge.containment_copy < 0.8
    assert 0.3 < edge.containment_source < 0.8
    assert len(edge.passages) == 2  # paragraphs 0-1 together, then paragraph 2


def test_same_story_written_independently_is_not_a_copy() -> None:
    corpus = [art("wire", WIRE, "Coast Wire", 0), art("other", SAME_STORY, "Valley Post", 60)]
    assert find_copies(corpus) == []
    assert compare(corpus[0], corpus[1]).kind is None


def test_shared_quotation_is_not_copying() -> None:
    quote = (
        "“We will not stand by while machines take the work our families have done for "
        "generations, and we will stay at the gate until the port authority listens to us "
        "and puts real money on the table for every worker,” the guild's secretary said."
    )
    a = art("a", WIRE + "\n\n" + quote, "Coast Wire", 0)
    b = art("b", SAME_STORY + "\n\n" + quote, "Valley Post", 5)
    assert find_copies([a, b]) == []
    result = compare(a, b)
    assert result.kind is None
    assert result.passages == ()


def test_direction_by_attribution_cue_wins_over_timestamps() -> None:
    copy = WIRE.replace("union officials said.", "union officials said, according to Coast Wire.")
    # the copy is stamped before its source: the cue still shows who took from whom
    edge = only_edge(art("wire", WIRE, "Coast Wire", 10), art("cp", copy, "Farm Daily", 0))
    assert (edge.source, edge.copy) == ("wire", "cp")
    assert edge.direction_reason == "attribution_cue; timestamps contradict"
    assert edge.evidence["cue"] == "according to Coast Wire"


def test_direction_by_cue_without_timestamps() -> None:
    copy = "(Coast Wire) — " + WIRE
    edge = only_edge(art("wire", WIRE, "Coast Wire"), art("cp", copy, "Farm Daily"))
    assert (edge.source, edge.copy, edge.direction_reason) == ("wire", "cp", "attribution_cue")


def test_undetermined_without_timestamps_or_cue() -> None:
    edge = only_edge(art("b-wire", WIRE, "A"), art("a-copy", WIRE, "B"))
    assert edge.direction == "undetermined"
    assert (edge.source, edge.copy) == ("a-copy", "b-wire")  # sort order
    assert "timestamps missing" in edge.direction_reason


def test_timestamps_against_containment_leave_direction_undetermined() -> None:
    excerpt = "\n\n".join(paragraphs(WIRE)[1:3])
    # the excerpt is dated before the full story it is an excerpt of
    edge = only_edge(art("wire", WIRE, "Coast Wire", 60), art("ex", excerpt, "Blog", 0))
    assert edge.direction == "undetermined"
    assert edge.direction_reason == "timestamps contradict containment"


def test_boilerplate_lines_are_ignored() -> None:
    header = "Portside Herald | Subscribe for the morning briefing, delivered daily."
    footer = (
        "© 2026 Portside Herald. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed without the written permission of the editors, "
        "and quotations beyond a short extract must name the Herald as their source."
    )
    bodies = [WIRE, SAME_STORY, OWN_TEXT, UNRELATED, reword(UNRELATED[::-1])]
    corpus = [
        art(f"h{i}", f"{header}\n{body}\n{footer}", "Portside Herald", i)
        for i, body in enumerate(bodies)
    ]
    bp = learn_boilerplate(corpus, min_articles=5)
    assert bp.mask(corpus[0]) == [
        (0, len(header)),
        (len(header) + 1 + len(WIRE) + 1, len(corpus[0].text)),
    ]
    assert find_copies(corpus) == []
    # without masking, the shared header and footer would look like copying
    params = CopyParams(boilerplate_min_articles=100)
    assert find_copies(corpus[2:4], params)


def test_passage_offsets_slice_the_shared_text() -> None:
    excerpt = "Breaking:\n\n" + "\n\n".join(paragraphs(WIRE)[3:5])
    edge = only_edge(art("wire", WIRE, "Coast Wire", 0), art("ex", excerpt, "Blog", 5))
    for p in edge.passages:
        assert WIRE[p.source_start : p.source_end] == excerpt[p.copy_start : p.copy_end]
        assert excerpt[p.copy_start : p.copy_end].startswith("A mediator") or p.copy_start > 0


def test_classify_table() -> None:
    assert classify(1.0, 1.0, 1.0, 1.0) == "verbatim"
    assert classify(0.95, 0.95, 0.8, 0.1) == "rewrite"
    assert classify(0.95, 0.95, 0.9, 0.5) == "mixed"
    assert classify(0.3, 0.95, 1.0, 1.0) == "excerpt"
    assert classify(0.5, 0.5, 1.0, 1.0) == "partial"


def test_cites_outlet_names() -> None:
    assert outlet_names("www.tass.ru") == ("www.tass.ru", "tass")
    assert cites("Moscow, according to TASS, said", "tass.ru") == "according to TASS"
    assert cites("WASHINGTON (Reuters) - Officials", "Reuters") == "(Reuters)"
    assert cites("Reuters reported on Monday", "Reuters") == "Reuters reported"
    assert cites("Reutersville reported", "Reuters") is None
    assert cites("anything", None) is None


def test_compare_reports_containments_and_story_hook() -> None:
    a = art("wire", WIRE, "Coast Wire", 0)
    b = art("ex", "\n\n".join(paragraphs(WIRE)[:2]), "Blog", 3)
    result = compare(a, b, story_similarity=lambda x, y: 0.9)
    assert result.kind == "excerpt"
    assert result.containment_b == 1.0
    assert result.story_similarity == 0.9
    assert result.to_dict()["copy"]["source"] == "wire"  # type: ignore[index]


_VOCAB = [f"w{i}" for i in range(300)]


@given(
    source=st.lists(st.sampled_from(_VOCAB), min_size=60, max_size=200),
    start=st.integers(0, 100),
    length=st.integers(40, 80),
    prefix=st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), max_size=30),
    sep=st.sampled_from([" ", "  ", ", ", "\n", " — "]),
)
def test_alignment_offsets_slice_equal_words(
    source: list[str], start: int, length: int, prefix: list[str], sep: str
) -> None:
    piece = source[start : start + length]
    a_text = " ".join(source)
    b_text = sep.join([*prefix, *piece]) + ". The end."
    al = align_texts(a_text, b_text)
    for p in al.passages:
        assert 0 <= p.source_start < p.source_end <= len(a_text)
        assert 0 <= p.copy_start < p.copy_end <= len(b_text)
        assert words(a_text[p.source_start : p.source_end]) == words(
            b_text[p.copy_start : p.copy_end]
        )
    if len(piece) >= 40 and len(set(piece)) == len(piece):
        assert al.shared_words >= len(piece)


def test_worker_processes_give_the_same_edges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copies, "PARALLEL_MIN_ITEMS", 0)
    ps = paragraphs(WIRE)
    corpus = [
        art("wire", WIRE, "Coast Wire", 0),
        art("farm", WIRE, "Farm Daily", 4),
        art("ex", "\n\n".join(ps[1:3]), "Blog", 8),
        art("rw", reword(WIRE), "State TV", 12),
        art("other", SAME_STORY, "Valley Post", 3),
    ]
    one = find_copies(corpus)
    # farm → ex and farm → rw are explained by the wire they mirror (test_explained.py)
    assert {(e.source, e.copy) for e in one} == {
        ("ex", "rw"),
        ("wire", "ex"),
        ("wire", "farm"),
        ("wire", "rw"),
    }
    assert find_copies(corpus, CopyParams(workers=2)) == one


def test_edges_do_not_depend_on_input_order() -> None:
    ps = paragraphs(WIRE)
    corpus = [
        art("wire", WIRE, "Coast Wire", 0),
        art("rw", reword(WIRE), "State TV", 12),
        art("ex", "\n\n".join(ps[1:3]), "Blog", None),
        art("pt", "\n\n".join([*ps[:2], OWN_TEXT]), "Gazette", 30),
    ]
    assert find_copies(corpus) == find_copies(corpus[::-1])


# Written for this test: a Chinese wire item, and another report of the same floods.
CHINESE = (
    "洪水周二关闭了瓦尔德米尔与奥索里港之间的主要铁路线，约四千名通勤者滞留，货运至少中断三天。"
    "区域铁路运营商表示，凯塞尔枢纽附近一段两百米长的轨道在清晨被半米深的水淹没，"
    "工程师在河水退去之前无法检查路堤。替代巴士每二十分钟从瓦尔德米尔站发车，但行程时间将是平时的两倍。"
)
CHINESE_OTHER = (
    "阿伦河谷居民周三清理被淹的街道。一位店主说，他的商店第二次在五年内被水淹，保险公司还没有回复。"
    "市政府承诺为受灾家庭提供临时住房，并表示将重新评估防洪堤的加固计划。"
)


def test_a_copy_in_a_language_written_without_spaces_is_found() -> None:
    edge = only_edge(
        art("zh-wire", CHINESE, "zh wire", 0),
        art("zh-farm", "转载：" + CHINESE, "zh farm", 30),
        art("zh-other", CHINESE_OTHER, "zh paper", 60),
    )
    assert (edge.source, edge.copy, edge.kind) == ("zh-wire", "zh-farm", "verbatim")
    (p,) = edge.passages
    assert CHINESE[p.source_start : p.source_end] == ("转载：" + CHINESE)[p.copy_start : p.copy_end]
