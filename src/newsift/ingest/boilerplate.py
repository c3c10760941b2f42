"""Lines of a news page that are not the article: bylines, credits, promos, share and
newsletter lines, teaser lists of other stories.

A table of small rules (:data:`LINE_RULES`), one function per kind of line, whose names go
in the report (``article.ingest.removed``), so what was left out can always be checked.
Each rule looks at one whole line or paragraph and is deliberately narrow: a line is
boilerplate only when all of it is (``By Jane Doe``), never because it mentions a word
(``reporting by the BBC showed…`` stays).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Longest line any rule removes: boilerplate lines are short; prose is left alone.
MAX_LINE_CHARS = 300

_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|van|von|der|bin|al|la|le|da|di)){0,4}"
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,5}}"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|story by|report by)\s*:?\s+{_NAMES}"
    rf"(?:\s*(?:,|\||—|–|-|\bin\b|\bfor\b)\s*{_NAME})?$"
)
_CREDIT_ROLE = (
    r"(?i:(?:additional |further )?(?:reporting|writing|editing|edited|compiled|research|"
    r"graphics|fact[- ]checking|production|photos?|video|translation|translated|"
    r"illustrations?|design|data|verification)\s+by)"
)
_CREDIT_PART = rf"{_CREDIT_ROLE}\s+{_NAMES}(?:\s+in\s+{_NAMES})?"
_CREDIT = re.compile(rf"^\(?\s*{_CREDIT_PART}(?:\s*[;,]\s*(?:and\s+)?{_CREDIT_PART})*\s*\)?\.?$")
_STANDARDS = re.compile(r"^our standards\s*:.*trust principles\.?$", re.IGNORECASE)
_PROMO = re.compile(
    r"^[-•*·▪►]?\s*[A-Z0-9][A-Z0-9'’&\-]*(?:\s+[A-Z0-9&'’\-]+){0,4}"
    r"(?:\s*[/|]\s*[A-Z0-9][A-Z0-9'’&\-]*(?:\s+[A-Z0-9&'’\-]+){0,4})*\s*:?$"
)
_CONTACT = re.compile(
    r"^(?:contact|email|e-mail|write to|reach|tips?|got a (?:news )?tip|follow)\b.{0,200}"
    r"(?:@|\bat\s+\S+\.\w{2,}|twitter|x\.com|facebook|instagram|telegram|whatsapp|"
    r"signal|\bon\s+x\b)",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|get our|get the|join our|want more|don'?t miss|register)\b.{0,160}"
    r"(?:newsletter|briefing|bulletin|e-?mails?|alerts?|here|now|today|free)\b.{0,60}$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:share(?: this| on| via| article| story)?|tweet|email this|print|copy link|"
    r"save (?:this )?(?:article|story)|listen to (?:this )?(?:article|story)|"
    r"read (?:more|next|also|the full story)|also read|more from|related(?: articles| stories"
    r"| coverage| content)?|recommended(?: for you)?|you (?:may|might) also like|most (?:read|"
    r"popular|viewed)|trending(?: now)?|advertisement|skip advertisement|continue reading|"
    r"click here.{0,80}|see also|watch|more on this story|top stories|latest news)"
    r"\s*[:.…]?\s*(?:[\w ,'’&-]{0,60})?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*\d{4}.{0,120}$|^all rights reserved\.?$", re.IGNORECASE
)
_TEASER_HEADINGS = re.compile(
    r"^(?:read more|related(?: stories| articles| coverage| content| links)?|"
    r"more (?:from|stories|news)\b.{0,40}|more on this (?:story|topic)|recommended.{0,20}|"
    r"you (?:may|might) also like|most (?:read|popular|viewed)|trending(?: now| stories)?|"
    r"latest (?:news|stories|headlines)|"
    r"top stories|see also|also read|further reading|more like this|editor'?s picks)\s*:?$",
    re.IGNORECASE,
)


_BULLET = re.compile(r"^[-•*·▪►]\s+")


def is_byline(line: str) -> bool:
    """``By Jane Doe``, ``By Jane Doe and John Roe, Reuters``, ``Written by …``."""
    return len(line) <= 160 and not line.endswith((".", "!", "?")) and bool(_BYLINE.match(line))


def is_credit(line: str) -> bool:
    """``Additional reporting by …``, ``(Reporting by … ; Editing by …)``."""
    return bool(_CREDIT.match(line))


def is_standards_footer(line: str) -> bool:
    """``Our Standards: The Thomson Reuters Trust Principles.``"""
    return bool(_STANDARDS.match(line))


def is_promo(line: str) -> bool:
    """A short label in capitals: ``LOOK-UP TOOL``, ``VIDEO``, ``LOOK-UP TOOL / VIDEO``."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and len(line) <= 60 and bool(_PROMO.match(line))


def is_contact(line: str) -> bool:
    """``Contact the author at …@…``, ``Follow her on X``, ``Got a tip? Email …``."""
    return len(line) <= 240 and bool(_CONTACT.match(line))


def is_newsletter(line: str) -> bool:
    """``Sign up for our morning newsletter``, ``Subscribe here``."""
    return bool(_NEWSLETTER.match(line))


def is_share_or_more(line: str) -> bool:
    """``Share this article``, ``Read more: …``, ``Advertisement``, ``Related stories``."""
    return len(line) <= 120 and bool(_SHARE.match(line))


def is_copyright(line: str) -> bool:
    """``© 2024 The Gazette. All rights reserved.``"""
    return bool(_COPYRIGHT.match(line))


@dataclass(frozen=True)
class LineRule:
    """One kind of boilerplate line: its name (shown in the report) and its test."""

    name: str
    test: Callable[[str], bool]


#: The line rules, in the order they are tried.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule("byline", is_byline),
    LineRule("credit", is_credit),
    LineRule("standards-footer", is_standards_footer),
    LineRule("promo", is_promo),
    LineRule("contact", is_contact),
    LineRule("newsletter", is_newsletter),
    LineRule("share-or-more", is_share_or_more),
    LineRule("copyright", is_copyright),
)

#: Rules safe on plain text and JSONL, at the end of the text only: a trailing credit line
#: cannot be anything but a credit.
TRAILING_RULES: tuple[LineRule, ...] = (
    LineRule("credit", is_credit),
    LineRule("standards-footer", is_standards_footer),
)


def line_rule(line: str, rules: Sequence[LineRule] = LINE_RULES) -> str | None:
    """The name of the first rule ``line`` (stripped) matches, or None."""
    stripped = _BULLET.sub("", line.strip().strip("\u200b\u00a0"))
    if not stripped or len(stripped) > MAX_LINE_CHARS:
        return None
    for rule in rules:
        if rule.test(stripped):
            return rule.name
    return None


def is_teaser_heading(line: str) -> bool:
    """A heading that opens a list of other stories (``Read more``, ``Most popular``)."""
    return len(line) <= 60 and bool(_TEASER_HEADINGS.match(line.strip()))


def trailing_credits(text: str) -> tuple[int, list[tuple[str, str]]]:
    """Where the article proper ends: before any trailing credit or standards lines.

    Args:
        text: A plain-text article body.

    Returns:
        The end offset of the kept text (``len(text)`` when nothing trails) and the lines
        left out as ``(rule, line)``, in text order. At least one line of the text is
        always kept.
    """
    end = _end_before_space(text, len(text))
    removed: list[tuple[str, str]] = []
    while True:
        start = text.rfind("\n", 0, end) + 1
        if start == 0:  # the first line is never removed
            break
        line = text[start:end]
        rule = line_rule(line, TRAILING_RULES)
        if rule is None:
            break
        removed.append((rule, line.strip()))
        end = _end_before_space(text, start)
    removed.reverse()
    return (end if removed else len(text)), removed


def _end_before_space(text: str, end: int) -> int:
    """``end`` moved back over whitespace (``len(text[:end].rstrip())`` without a copy)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
