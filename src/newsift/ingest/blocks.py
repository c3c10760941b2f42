"""An article as blocks (headings and paragraphs), the boilerplate left out of them, and
the text they make: blocks joined by blank lines, so that no sentence crosses a
paragraph or a heading."""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass, field

from newsift.ingest.boilerplate import is_byline, is_teaser_heading, line_rule

#: What separates two blocks in an article's text: a blank line (a paragraph break).
BLOCK_SEPARATOR = "\n\n"
#: Most words a block after a teaser heading may have and still be taken for a teaser.
_TEASER_WORDS = 25
_BYLINE_NAME = re.compile(r"^(?i:by|written by|words by|story by|report by)\s*:?\s+(.+)$")
_AGENCY_TAIL = re.compile(r"(?:\s*(?:,|\||—|–)\s*|\s+(?:-|in|for)\s+)[^,|—–]*$")


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph (a list keeps one item per line)."""

    text: str
    heading: bool = False


@dataclass
class Cleaned:
    """Blocks with their boilerplate left out.

    Attributes:
        blocks: The blocks kept.
        removed: ``(rule, text)`` for each line left out, in page order.
        byline: The first byline line left out (``By Jane Doe``), if any.
    """

    blocks: list[Block] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    byline: str | None = None


def clean_blocks(blocks: list[Block]) -> Cleaned:
    """Leave out boilerplate lines (:data:`~newsift.ingest.boilerplate.LINE_RULES`) and
    teaser lists (a ``Read more`` / ``Most popular`` heading and the short blocks under it,
    up to the next heading or long paragraph)."""
    cleaned = Cleaned()
    in_teasers = False
    for block in blocks:
        if block.heading:
            in_teasers = is_teaser_heading(block.text)
            if in_teasers:
                cleaned.removed.append(("teaser-list", block.text))
                continue
        elif in_teasers and len(block.text.split()) <= _TEASER_WORDS:
            cleaned.removed.append(("teaser-list", block.text))
            continue
        else:
            in_teasers = False
        lines = []
        for line in block.text.split("\n"):
            rule = line_rule(line)
            if rule is None:
                lines.append(line)
                continue
            cleaned.removed.append((rule, line.strip()))
            if rule == "byline" and cleaned.byline is None:
                cleaned.byline = line.strip()
        text = "\n".join(lines).strip()
        if text:
            cleaned.blocks.append(Block(text, block.heading))
    return cleaned


def join_blocks(blocks: list[Block]) -> str:
    """The text of ``blocks``: one paragraph each, separated by blank lines."""
    return BLOCK_SEPARATOR.join(block.text for block in blocks)


def byline_name(line: str | None) -> str | None:
    """The name(s) in a byline line: ``By Jane Doe, Reuters`` → ``Jane Doe``."""
    if not line or not is_byline(line.strip()):
        return None
    match = _BYLINE_NAME.match(line.strip())
    if match is None:
        return None
    names = match.group(1)
    # "By Jane Doe, Reuters": the part after the first separator is the outlet, unless the
    # separator joins two names ("By Jane Doe, John Roe and …").
    if " and " not in names and "&" not in names:
        names = _AGENCY_TAIL.sub("", names) or names
    return " ".join(names.split()) or None


def word_count(text: str | None) -> int:
    """Words in ``text`` (runs of non-space characters)."""
    return len(text.split()) if text else 0


def body_blocks(body: str) -> list[Block]:
    """Blocks of a JSON-LD ``articleBody``: its paragraphs (blank-line or line separated;
    HTML markup in it read as text)."""
    if "<" in body and re.search(r"</?(?:p|br|div|h\d)\b", body, re.IGNORECASE):
        body = re.sub(r"(?i)</p\s*>|<br\s*/?>|</h\d\s*>|</div\s*>", "\n", body)
        body = re.sub(r"<[^>]{0,2000}>", "", body)
        body = entities.unescape(body)
    return [Block(" ".join(line.split())) for line in body.splitlines() if line.strip()]
