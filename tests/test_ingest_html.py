"""HTML pages: structured data, boilerplate, drop caps, bylines, datelines and pages of
several items, each on a fixture page that reproduces the defect it guards against."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from trafilatura.settings import Document

from newsift import __version__
from newsift.errors import InputError
from newsift.ingest import read_inputs
from newsift.ingest.html import parse_html, parse_page
from newsift.model import Article, Report

PAGES = Path(__file__).parent / "fixtures" / "ingest" / "pages"


def read_page(name: str, warnings: list[str] | None = None) -> list[Article]:
    sink = warnings.append if warnings is not None else None
    items = list(read_inputs([str(PAGES / name)], on_warning=sink))
    assert all(isinstance(item, Article) for item in items), items
    return [item for item in items if isinstance(item, Article)]


def removed_rules(article: Article) -> list[str]:
    assert article.ingest is not None
    return [piece.rule for piece in article.ingest.removed]


@pytest.mark.regression
def test_caption_only_extraction_is_replaced_by_the_json_ld_body() -> None:
    """An opinion column came out as its photo captions (57 words) with no warning, though
    the page's JSON-LD articleBody held all of it: the body is analysed, with W170."""
    warnings: list[str] = []
    [column] = read_page("caption_only.html", warnings)
    assert column.text.startswith("The council will vote next month on the harbour plan")
    assert column.text.endswith("it will survive that scrutiny easily.")
    assert "The old harbour at dusk" not in column.text
    assert column.text.count("\n\n") == 4  # the body's five paragraphs stay paragraphs
    assert column.ingest is not None and column.ingest.text_from == "json-ld"
    [notice] = column.ingest.notices
    assert notice.code == "W170" and "57 words" in notice.message
    assert warnings == [notice.message]
    assert column.author == "Mei Lin Tan"
    assert column.published == dt.date(2024, 2, 11)
    assert column.outlet == "Millbrook Post"


def test_a_complete_extraction_is_kept_and_metadata_filled_from_json_ld() -> None:
    body = " ".join(["Officials said the ferry would run in June."] * 12)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Ferry to run in June",
        "articleBody": body[:200],  # a teaser body: shorter than the page
        "author": ["Jane Doe", {"@type": "Person", "name": "John Roe"}],
        "datePublished": "2024-05-02",
        "publisher": {"name": "Gazette"},
    }
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><article><p>{body}</p></article></body></html>"
    )
    article = parse_html(page, "page.html", 100_000)
    assert article.text == body
    assert article.ingest is not None and article.ingest.text_from == "extracted"
    assert article.ingest.notices == ()
    assert (article.title, article.author) == ("Ferry to run in June", "Jane Doe and John Roe")
    assert (article.published, article.outlet) == (dt.date(2024, 5, 2), "Gazette")


def test_text_much_shorter_than_the_main_content_is_flagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An extractor that takes the wrong part of a page (here, made to return a caption)
    gives a text far shorter than the page's main content: W171 says so."""
    caption = Document()
    caption.text = "The old harbour at dusk, where the council wants to build."
    caption.body = None
    monkeypatch.setattr("newsift.ingest.html.bare_extraction", lambda *a, **k: caption)
    paragraphs = "".join(
        f"<p>Paragraph {n} of the column tells the story of the harbour and its ferry.</p>"
        for n in range(12)
    )
    page = f"<html><body><article>{paragraphs}</article></body></html>"
    warnings: list[str] = []
    article = parse_html(page, "page.html", 100_000, warn=warnings.append)
    assert article.text == caption.text
    assert article.ingest is not None
    [notice] = article.ingest.notices
    assert notice.code == "W171" and "about 168 words" in notice.message
    assert warnings == [notice.message]


def test_comments_do_not_count_as_main_content() -> None:
    comments = "".join(
        f"<p>Reader comment {n} says the ferry is a waste of money and time.</p>" for n in range(20)
    )
    page = (
        "<html><body><article><p>The council met on Tuesday and talked about the ferry "
        f'for an hour before it voted.</p><div class="comments">{comments}</div>'
        "</article></body></html>"
    )
    article = parse_html(page, "page.html", 100_000)
    assert article.ingest is not None and article.ingest.notices == ()


@pytest.mark.regression
def test_sidebar_and_teasers_are_not_analysed() -> None:
    """Teasers of other stories were analysed as the article, and one of their dates was
    flagged; they are left out, and listed as removed."""
    [story] = read_page("sidebar_teasers.html")
    assert story.text.endswith("The first crossing is planned for June.")
    assert "2019" not in story.text and "Ferry fares" not in story.text
    assert "Read more" not in story.text
    assert set(removed_rules(story)) == {"sidebar", "teaser-list"}


@pytest.mark.regression
def test_wire_boilerplate_is_left_out_and_byline_and_dateline_kept_as_metadata() -> None:
    """Bylines, credits, the Trust Principles footer, promo bullets and contact lines were
    analysed (and flagged as claims)."""
    [story] = read_page("wire_story.html")
    for boilerplate in (
        "By Anna",
        "Additional reporting",
        "Editing by",
        "Trust Principles",
        "LOOK-UP TOOL",
        "VIDEO",
        "defence@",
        "newsletter",
    ):
        assert boilerplate not in story.text
    assert story.text.endswith("without enough scrutiny of its costs.")
    assert removed_rules(story) == [
        "byline",
        "promo",
        "promo",
        "credit",
        "contact",
        "newsletter",
        "standards-footer",
    ]
    assert story.author == "Anna Kowalska and Murat Demir"
    assert story.dateline is not None
    assert (story.dateline.place, story.dateline.agency) == ("ANKARA", "Northwire")
    assert story.text[story.dateline.start : story.dateline.end] == "ANKARA, March 5 (Northwire) -"


@pytest.mark.regression
def test_drop_cap_keeps_the_whole_first_word() -> None:
    """A first letter in its own element was lost ("urkey, Poland and…"), also when it is
    hidden from screen readers or set in a block of its own."""
    [feature] = read_page("dropcap_feature.html")
    assert feature.text.startswith("Turkey, Poland and Romania spent three years")
    assert "\n\nAfter the signing, the ministers flew" in feature.text
    assert "urkey" not in feature.text.replace("Turkey", "")


@pytest.mark.parametrize(
    ("markup", "start"),
    [
        ('<span class="dropcap">T</span> urkey and Poland signed', "Turkey and Poland signed"),
        ('<span class="dropcap">A</span> man in Ankara said', "A man in Ankara said"),
        (
            '<span class="drop-cap"><b>W</b></span> hen the end came they signed',
            "When the end came",
        ),
    ],
)
def test_drop_cap_spacing(markup: str, start: str) -> None:
    rest = " the deal on Tuesday after three years of talks, officials said."
    page = f"<html><body><article><p>{markup}{rest}</p></article></body></html>"
    assert parse_html(page, "page.html", 100_000).text.startswith(start)


def test_paragraphs_and_headings_are_separated_by_blank_lines() -> None:
    page = (
        "<html><body><article><h1>Title</h1><p>First paragraph ends here without a stop</p>"
        "<h2>A heading</h2><p>Second paragraph.</p></article></body></html>"
    )
    article = parse_html(page, "page.html", 100_000)
    assert article.text == (
        "First paragraph ends here without a stop\n\nA heading\n\nSecond paragraph."
    )


@pytest.mark.regression
def test_letters_page_is_one_article_per_letter() -> None:
    """A letters page was analysed as one article, its writers' claims mixed together."""
    warnings: list[str] = []
    letters = read_page("letters_page.html", warnings)
    assert [letter.title for letter in letters] == [
        "The harbour plan needs an independent review",
        "Bus fares hit the people who can least afford them",
        "Keep the library open on Sundays",
    ]
    assert [letter.author for letter in letters] == ["Jane Doe", "Tom Okafor", "Dr Ruth Green"]
    assert letters[1].text.startswith("The rise in bus fares") and "Okafor" not in letters[1].text
    ids = [letter.id for letter in letters]
    assert ids[0].endswith("#1") and ids[2].endswith("#3") and len(set(ids)) == 3
    assert letters[0].source is not None and letters[0].source.endswith("letters_page.html#1")
    info = letters[2].ingest
    assert info is not None and (info.item, info.items, info.items_from) == (
        3,
        3,
        "letter-signatures",
    )
    assert [w[:6] for w in warnings] == ["[W173]"]


def test_live_blog_updates_are_separate_articles() -> None:
    updates = read_page("live_blog.html")
    assert [u.title for u in updates] == [
        "Ferries cancelled until Monday",
        "Coast road closed at the quarry",
    ]
    assert [u.author for u in updates] == ["Sam Reid", "Priya Shah"]
    assert updates[1].text.startswith("Police closed the coast road")
    assert all(u.outlet == "Millbrook Post" for u in updates)


def test_page_of_article_elements_is_split() -> None:
    posts = read_page("posts_page.html")
    assert [p.title for p in posts] == [
        "Ferry route approved",
        "Library hours under review",
        "New bins for the old town",
    ]
    assert posts[0].text.count("\n\n") == 1


def test_an_article_with_related_posts_stays_one_article() -> None:
    [story] = read_page("related_posts.html")
    assert story.title == "Harbour council approves new ferry route"
    assert story.ingest is not None and story.ingest.items is None


def test_parse_html_keeps_a_split_page_whole() -> None:
    """The web upload reads one article per file: a letters page comes whole."""
    html = (PAGES / "letters_page.html").read_text(encoding="utf-8")
    whole = parse_html(html, "letters.html", 100_000)
    assert "Jane Doe" in whole.text and "Dr Ruth Green" in whole.text
    assert len(parse_page(html, "letters.html", 100_000)) == 3


def test_an_item_over_the_size_limit_is_its_own_error() -> None:
    html = (PAGES / "posts_page.html").read_text(encoding="utf-8")
    items = parse_page(html, "posts.html", 180)
    assert [type(i).__name__ for i in items] == ["InputTooLargeError", "Article", "Article"]
    assert isinstance(items[0], InputError) and items[0].code == "E005"


@pytest.mark.parametrize(
    "script",
    [
        "[" * 100_000 + "]" * 100_000,  # nested past any recursion limit
        '{"@type": "NewsArticle", "articleBody": ' + '"x ' * 1_000_000 + '"}',  # huge
        '{"@type": 5, "articleBody": ["a"], "author": {"name": 7}, "headline": {}}',
        '{"@graph": {"@graph": ' * 500 + "{}" + "}" * 1000,  # deep graphs
        "not json at all",
    ],
)
def test_hostile_json_ld_never_crashes(script: str) -> None:
    page = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        "<body><article><p>The council met on Tuesday and voted for the ferry.</p>"
        "</article></body></html>"
    )
    article = parse_html(page, "page.html", 100_000)
    assert article.text == "The council met on Tuesday and voted for the ferry."
    assert article.author is None


def test_report_with_ingest_metadata_matches_the_schema(
    schema_validator: Draft202012Validator,
) -> None:
    [story] = read_page("wire_story.html")
    report = Report(article=story, findings=[], summary={}, models=[], newsift_version=__version__)
    data = json.loads(report.to_json())
    article = data["article"]
    assert article["dateline"] == {"place": "ANKARA", "agency": "Northwire", "start": 0, "end": 29}
    assert article["ingest"]["removed_count"] == 7
    schema = {"$defs": schema_validator.schema["$defs"], "$ref": "#/$defs/article"}
    Draft202012Validator(schema).validate(article)
    assert Report.from_dict(data).article == story


_FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<article>",
        "</article>",
        '<span class="dropcap">',
        "</span>",
        "<h2>",
        "</h2>",
        '<aside class="related">',
        "</aside>",
        "By Jane Doe",
        "Jane Doe, Leeds",
        "LOOK-UP TOOL",
        "The council met on Tuesday and voted.",
        "T",
        "urkey",
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "x"}</script>',
        "<br>",
        "\n\n",
    ]
)


@settings(max_examples=40)
@given(st.lists(_FRAGMENTS | st.text(max_size=15), max_size=40))
def test_any_page_gives_articles_or_coded_errors(parts: list[str]) -> None:
    page = "<html><body>" + "".join(parts) + "</body></html>"
    try:
        items = parse_page(page, "page.html", 100_000)
    except InputError as error:
        assert error.code in ("E001", "E002", "E005", "E006", "E035")
        return
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip()
            if item.dateline is not None:
                assert 0 <= item.dateline.start < item.dateline.end <= len(item.text)


def test_sidebars_never_take_most_of_the_page() -> None:
    """An article set in many small ``share``-classed boxes keeps its text: the sidebars
    removed may hold at most a share of the page's paragraphs, together."""
    paragraph = "<p>The council met on Tuesday and voted for the ferry route, officials said.</p>"
    page = "<html><body>" + f'<div class="share">{paragraph}</div>' * 10 + "</body></html>"
    article = parse_html(page, "page.html", 100_000)
    assert article.text.count("The council met") >= 6
