"""What every reader does last: the dateline and byline of an article's text, and for
plain text (text files, JSONL, CSV) the trailing credit lines left out."""

from __future__ import annotations

from dataclasses import replace

from newsift.ingest.blocks import byline_name
from newsift.ingest.boilerplate import trailing_credits
from newsift.ingest.dateline import find_dateline
from newsift.model import Article, IngestInfo, RemovedText


def describe_article(article: Article) -> Article:
    """``article`` with its dateline found and, when it has no author, the name in a byline
    line opening its text (``By Jane Doe``)."""
    dateline = article.dateline or find_dateline(article.text)
    author = article.author
    if author is None:
        first_line = article.text.lstrip().split("\n", 1)[0]
        author = byline_name(first_line)
    if dateline is article.dateline and author is article.author:
        return article
    return replace(article, dateline=dateline, author=author)


def plain_article(article: Article) -> Article:
    """A plain-text article with its trailing credit lines left out (``(Reporting by …;
    Editing by …)``, the Trust Principles footer: lines that can be nothing else), noted in
    ``ingest.removed``, then described (:func:`describe_article`).

    The text stays a prefix of the one given, so offsets into it hold for the input too.
    """
    end, removed = trailing_credits(article.text)
    if removed:
        info = IngestInfo(
            text_from="input",
            removed=tuple(RemovedText(rule, line) for rule, line in removed),
            removed_count=len(removed),
        )
        article = replace(article, text=article.text[:end], ingest=info)
    return describe_article(article)
