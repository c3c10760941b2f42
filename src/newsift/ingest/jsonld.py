"""A page's structured data (JSON-LD, schema.org): the article's body, headline, author,
date and publisher, read defensively.

Pages put JSON-LD in ``<script type="application/ld+json">`` blocks: one object, a list of
objects, or an ``@graph``. Nothing in them is trusted: every value may have the wrong type,
blocks may be huge or nested thousands deep, and each is read within fixed bounds
(:data:`MAX_BLOCK_CHARS`, :data:`MAX_DEPTH`, :data:`MAX_NODES`); what is over them is
skipped and counted, never raised.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

#: Longest JSON-LD block read (characters); a longer one is skipped.
MAX_BLOCK_CHARS = 2_000_000
#: Most JSON-LD blocks read on one page.
MAX_BLOCKS = 50
#: Most characters of JSON-LD read on one page, all blocks together.
MAX_TOTAL_CHARS = 5_000_000
#: Deepest nesting walked when looking for article objects.
MAX_DEPTH = 12
#: Most objects visited per page when looking for article objects.
MAX_NODES = 20_000
#: Most live-blog updates read from one LiveBlogPosting.
MAX_UPDATES = 500
#: Longest name kept from an author or publisher object.
_MAX_NAME_CHARS = 200
#: Most authors kept.
_MAX_AUTHORS = 10

#: schema.org types read as an article (and their common subtypes).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "ScholarlyArticle",
        "Report",
    }
)


@dataclass(frozen=True)
class LdArticle:
    """One article object found in a page's JSON-LD.

    Attributes:
        type: Its schema.org type (the first article type it names).
        headline: ``headline`` (or ``name``), whitespace collapsed.
        body: ``articleBody`` as given.
        authors: Names from ``author`` (a string, a Person or Organization object, or a
            list of them).
        published: ``datePublished`` as given.
        publisher: The ``publisher``'s name.
        updates: A LiveBlogPosting's ``liveBlogUpdate`` entries, in page order.
    """

    type: str
    headline: str | None = None
    body: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    publisher: str | None = None
    updates: tuple[LdArticle, ...] = ()

    @property
    def author(self) -> str | None:
        """The authors as one byline (``A, B and C``), or None."""
        if not self.authors:
            return None
        if len(self.authors) == 1:
            return self.authors[0]
        return ", ".join(self.authors[:-1]) + " and " + self.authors[-1]


@dataclass
class StructuredData:
    """What a page's JSON-LD says about its article(s).

    Attributes:
        articles: The article objects, in page order.
        skipped: Blocks left unread, by reason (``too large``, ``not valid JSON`` …).
    """

    articles: list[LdArticle] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def main(self) -> LdArticle | None:
        """The page's article: the one with the longest body (the first when none has one)."""
        if not self.articles:
            return None
        return max(self.articles, key=lambda a: len(a.body or ""))

    def main_for(self, title: str | None) -> LdArticle | None:
        """The page's article when it is sure which one that is: the only article object,
        the only one with a body, or the one whose headline is the page's ``title``."""
        with_body = [a for a in self.articles if a.body and a.body.strip()]
        if len(self.articles) == 1 or len(with_body) == 1:
            return self.main
        named = [a for a in self.articles if title and a.headline == title]
        return named[0] if len(named) == 1 else None

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def read_structured_data(blocks: Iterable[str]) -> StructuredData:
    """The article objects in a page's JSON-LD blocks (the scripts' texts, in page order).

    Never raises: a block that is too large, not JSON or nested too deeply is counted in
    ``skipped`` and the others are read.
    """
    data = StructuredData()
    budget = [MAX_NODES]
    total = 0
    for count, block in enumerate(blocks):
        if count >= MAX_BLOCKS:
            data.skip("too many blocks")
            continue
        total += len(block)
        if len(block) > MAX_BLOCK_CHARS or total > MAX_TOTAL_CHARS:
            data.skip("too large")
            continue
        try:
            value = json.loads(_strip_comment_wrappers(block))
        except RecursionError:
            data.skip("nested too deeply")
            continue
        except ValueError:
            data.skip("not valid JSON")
            continue
        data.articles.extend(_articles(value, budget, 0))
    return data


def _strip_comment_wrappers(block: str) -> str:
    """The block without the ``<!-- … -->`` or ``/*<![CDATA[*/`` wrappers some CMSs add."""
    text = block.strip()
    for start, end in (("<!--", "-->"), ("/*<![CDATA[*/", "/*]]>*/"), ("<![CDATA[", "]]>")):
        if text.startswith(start) and text.endswith(end):
            text = text[len(start) : -len(end)].strip()
    return text


def _articles(value: object, budget: list[int], depth: int) -> Iterator[LdArticle]:
    """Article objects anywhere in ``value`` (lists, ``@graph``, nested objects), bounded."""
    if depth > MAX_DEPTH or budget[0] <= 0:
        return
    if isinstance(value, list):
        for item in value:
            if budget[0] <= 0:
                return
            yield from _articles(item, budget, depth + 1)
        return
    if not isinstance(value, dict):
        return
    budget[0] -= 1
    article_type = _article_type(value.get("@type"))
    if article_type is not None:
        yield _article(value, article_type, budget)
        return
    for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement", "item"):
        if key in value:
            yield from _articles(value[key], budget, depth + 1)


def _article_type(value: object) -> str | None:
    types = value if isinstance(value, list) else [value]
    for name in types[:20]:
        if isinstance(name, str):
            short = name.rsplit("/", 1)[-1].removeprefix("schema:")
            if short in ARTICLE_TYPES:
                return short
    return None


def _article(value: Mapping[str, object], article_type: str, budget: list[int]) -> LdArticle:
    updates: list[LdArticle] = []
    if article_type == "LiveBlogPosting":
        raw = value.get("liveBlogUpdate")
        for item in (raw if isinstance(raw, list) else [raw])[:MAX_UPDATES]:
            if isinstance(item, dict) and budget[0] > 0:
                budget[0] -= 1
                updates.append(
                    _article(item, _article_type(item.get("@type")) or "Article", budget)
                )
    return LdArticle(
        type=article_type,
        headline=_text(value.get("headline")) or _text(value.get("name")),
        body=body if isinstance(body := value.get("articleBody"), str) else None,
        authors=_names(value.get("author")),
        published=_text(value.get("datePublished")),
        publisher=_name(value.get("publisher")),
        updates=tuple(updates),
    )


def _text(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if not isinstance(value, str):
        return None
    return " ".join(value.split())[: _MAX_NAME_CHARS * 5] or None


def _name(value: object) -> str | None:
    """A name from a string or an object's ``name`` (the first of a list)."""
    if isinstance(value, list):
        value = next((v for v in value[:_MAX_AUTHORS] if _name(v)), None)
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    if not name or len(name) > _MAX_NAME_CHARS or name.startswith(("http://", "https://")):
        return None
    return name


def _names(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[: _MAX_AUTHORS * 2]:
        name = _name(item)
        if name and name not in names:
            names.append(name)
    return tuple(names[:_MAX_AUTHORS])
