"""JSON-LD: article objects wherever they sit, every value's type checked, bounded."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsift.ingest.jsonld import MAX_BLOCK_CHARS, read_structured_data


def test_article_in_a_graph_with_authors_of_every_shape() -> None:
    block = json.dumps(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Gazette"},
                {
                    "@type": ["ReportageNewsArticle"],
                    "headline": "  Ferry   approved ",
                    "articleBody": "Body.",
                    "author": ["Jane Doe", {"@type": "Person", "name": "John Roe"}, 5],
                    "datePublished": "2024-05-02T10:00:00Z",
                    "publisher": [{"@type": "Organization", "name": "Gazette"}],
                },
            ],
        }
    )
    [article] = read_structured_data([block]).articles
    assert article.type == "ReportageNewsArticle"
    assert article.headline == "Ferry approved"
    assert article.author == "Jane Doe and John Roe"
    assert (article.published, article.publisher) == ("2024-05-02T10:00:00Z", "Gazette")


def test_a_list_of_blocks_and_the_longest_body_is_main() -> None:
    blocks = [
        json.dumps([{"@type": "BlogPosting", "articleBody": "short"}]),
        json.dumps({"@type": "NewsArticle", "articleBody": "a much longer body"}),
    ]
    data = read_structured_data(blocks)
    assert data.main is not None and data.main.body == "a much longer body"


def test_bad_blocks_are_counted_not_raised() -> None:
    data = read_structured_data(
        ["{", "[" * 50_000 + "]" * 50_000, "x" * (MAX_BLOCK_CHARS + 1), "<!-- {} -->"]
    )
    assert data.articles == []
    assert data.skipped == {"not valid JSON": 1, "nested too deeply": 1, "too large": 1}


def test_wrong_types_are_ignored() -> None:
    block = json.dumps(
        {"@type": "NewsArticle", "articleBody": 5, "headline": {}, "author": {"name": ["x"]}}
    )
    [article] = read_structured_data([block]).articles
    assert (article.body, article.headline, article.authors) == (None, None, ())


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "@graph",
                    "articleBody",
                    "author",
                    "headline",
                    "name",
                    "liveBlogUpdate",
                    "publisher",
                    "NewsArticle",
                    "LiveBlogPosting",
                ]
            ),
            children | st.sampled_from(["NewsArticle", "LiveBlogPosting", "Person"]),
            max_size=5,
        )
    ),
    max_leaves=30,
)


@given(_JSON)
def test_any_json_is_read_without_error(value: object) -> None:
    data = read_structured_data([json.dumps(value)])
    for article in data.articles:
        assert article.body is None or isinstance(article.body, str)
        assert all(isinstance(name, str) for name in article.authors)


def test_main_article_only_when_it_is_clear_which() -> None:
    teasers = [
        json.dumps({"@type": "NewsArticle", "headline": f"Story {n}", "articleBody": "x " * n})
        for n in (60, 80)
    ]
    data = read_structured_data(teasers)
    assert data.main_for(None) is None  # two bodies, no title to tell them apart
    chosen = data.main_for("Story 60")
    assert chosen is not None and chosen.headline == "Story 60"
