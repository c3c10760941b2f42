"""Boilerplate lines: each rule on the lines it must and must not remove."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.ingest import read_inputs
from newsift.ingest.blocks import Block, byline_name, clean_blocks
from newsift.ingest.boilerplate import line_rule, trailing_credits
from newsift.model import Article


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By Jane Doe", "byline"),
        ("By JANE DOE", "byline"),
        ("By Jane Doe and John Roe, Reuters", "byline"),
        ("Additional reporting by John Roe; Editing by Sam Poe", "credit"),
        ("(Reporting by Jane Doe in Kyiv; Editing by Sam Poe)", "credit"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "standards-footer"),
        ("LOOK-UP TOOL / VIDEO", "promo"),
        ("- VIDEO", "promo"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Contact the author at jane@example.com", "contact"),
        ("Follow Jane on X", "contact"),
        ("Share this article", "share-or-more"),
        ("Read more: Floods hit the coast", "share-or-more"),
        ("© 2024 The Gazette. All rights reserved.", "copyright"),
    ],
)
def test_boilerplate_lines(line: str, rule: str) -> None:
    assert line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, officials said the road would reopen",
        "By Tuesday, officials said.",
        "Reporting by the BBC showed the figures were wrong.",
        "Related stories say the budget grew.",
        'He said: "We will win."',
        "The meeting ended.",
        "Editing the law by decree is unconstitutional, she said.",
    ],
)
def test_prose_is_never_boilerplate(line: str) -> None:
    assert line_rule(line) is None


def test_byline_name_drops_the_agency() -> None:
    assert byline_name("By Jane Doe, Reuters") == "Jane Doe"
    assert byline_name("By Jane Doe-Smith in Kyiv") == "Jane Doe-Smith"
    assert byline_name("By Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert byline_name("The council met.") is None


def test_teaser_heading_takes_its_short_blocks_only() -> None:
    blocks = [
        Block("The council met and voted for the ferry route on Tuesday."),
        Block("Most read", heading=True),
        Block("Floods closed the coast road on 3 May 2019."),
        Block("What comes next", heading=True),
        Block("The first crossing is planned for June."),
    ]
    cleaned = clean_blocks(blocks)
    assert [b.text for b in cleaned.blocks] == [
        "The council met and voted for the ferry route on Tuesday.",
        "What comes next",
        "The first crossing is planned for June.",
    ]
    assert [rule for rule, _ in cleaned.removed] == ["teaser-list", "teaser-list"]


def test_trailing_credits_are_cut_from_plain_text() -> None:
    text = (
        "Body one.\n\nBody two.\n\n(Reporting by Jane Doe; Editing by Sam Poe)\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    end, removed = trailing_credits(text)
    assert text[:end] == "Body one.\n\nBody two."
    assert [rule for rule, _ in removed] == ["credit", "standards-footer"]


@given(st.text(max_size=300))
def test_trailing_credits_keep_a_prefix_and_the_first_line(text: str) -> None:
    end, removed = trailing_credits(text)
    assert 0 <= end <= len(text)
    first_line = text.lstrip().split("\n", 1)[0].strip()
    assert first_line in text[:end] or not removed


@pytest.mark.regression
def test_jsonl_and_txt_lose_only_their_trailing_credit_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = "KYIV (Reuters) - Officials said the talks would resume.\n\nBy then, nobody knew."
    credit = "\n\n(Reporting by Olena Petrenko; Editing by Sam Poe)"
    (tmp_path / "a.txt").write_text(body + credit, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"text": ' + __import__("json").dumps(body + credit) + ', "author": "Olena Petrenko"}\n',
        encoding="utf-8",
    )
    articles = list(read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")]))
    assert all(isinstance(a, Article) and a.text == body for a in articles)
    txt, jsonl = (a for a in articles if isinstance(a, Article))
    assert txt.ingest is not None and txt.ingest.removed_count == 1
    assert jsonl.author == "Olena Petrenko"
    assert txt.dateline is not None and (txt.dateline.place, txt.dateline.agency) == (
        "KYIV",
        "Reuters",
    )
