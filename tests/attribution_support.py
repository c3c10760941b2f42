"""What the attribution test files share: offset-checked lookups of findings (the ``nlp``
fixture they use is in ``conftest.py``)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from newsift.findings import doc_to_findings
from newsift.model import iter_subspans

PERSON, ORG, ANON, VAGUE = "named_person", "named_organization", "anonymous", "vague"


def findings(nlp: Language, text: str) -> list[dict[str, Any]]:
    """Attribution findings as report dicts, in text order, every sub-span checked."""
    found = [f.to_dict() for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]
    for finding in found:
        assert text[finding["start"] : finding["end"]] == finding["text"]
        for sub in iter_subspans(finding):
            assert text[sub["start"] : sub["end"]] == sub["text"]
    return sorted(found, key=lambda f: f["start"])


def findings_with(nlp: Language, text: str, words: str) -> list[dict[str, Any]]:
    """The attribution findings whose content holds ``words``."""
    return [f for f in findings(nlp, text) if words in f["content"]["text"]]


def by_content(nlp: Language, text: str, words: str) -> dict[str, Any]:
    """The one attribution finding whose content holds ``words``."""
    found = findings_with(nlp, text, words)
    assert len(found) == 1, found
    return found[0]
