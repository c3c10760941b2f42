"""newsift: read news articles and show, with evidence, who claims what, on whose authority.

Python API::

    from newsift import analyze
    report = analyze(text, published="2024-12-11", outlet="Example Wire")
    for finding in report.findings:
        print(finding.kind, finding.label, finding.text, finding.evidence)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from newsift._version import __version__

if TYPE_CHECKING:
    from spacy.language import Language

    from newsift.model import Report
    from newsift.pipeline import Pipeline

__all__ = ["__version__", "analyze", "get_pipeline", "load"]


@lru_cache(maxsize=4)
def get_pipeline(
    only: tuple[str, ...] = (), skip: tuple[str, ...] = (), spacy_model: str | None = None
) -> Pipeline:
    """The pipeline for these options, built on first use and then reused."""
    from newsift.pipeline import Pipeline

    return Pipeline.create(only=only, skip=skip, spacy_model=spacy_model)


def load(spacy_model: str | None = None) -> Language:
    """The spaCy pipeline with all newsift analyzers, for use in your own code.

    ``doc = newsift.load()(text)``; then ``newsift.findings.doc_to_findings(doc)``.
    """
    return get_pipeline(spacy_model=spacy_model).nlp


def analyze(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | str | None = None,
    only: tuple[str, ...] | list[str] = (),
    skip: tuple[str, ...] | list[str] = (),
) -> Report:
    """Analyse one article text; the same report ``newsift analyze`` prints.

    Args:
        text: The article body.
        title: Headline, if known.
        url: Where it was published.
        outlet: Who published it.
        published: Publication date (``date`` or ``YYYY-MM-DD``).
        only: Report just these analyzers' findings (those they require run too).
        skip: Leave these analyzers' findings out.

    Raises:
        newsift.errors.InputError: The text can't be analysed (empty, too long, not English).
        newsift.errors.ConfigError: Bad option (unknown analyzer, malformed date).
    """
    from newsift.ingest.describe import plain_article
    from newsift.model import Article

    article = plain_article(
        Article.from_text(
            text, title=title, url=url, outlet=outlet, published=published, source="<text>"
        )
    )
    return get_pipeline(tuple(only), tuple(skip)).analyze(article)
