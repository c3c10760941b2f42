"""Language detection: refuse confident non-English, give short texts the benefit of the doubt."""

from __future__ import annotations

import pytest

from newsift.errors import EmptyInputError, UnsupportedLanguageError
from newsift.language import require_supported_language

GERMAN = (
    "Die Regierung hat am Mittwoch neue Hilfen angekündigt, sagte der Minister in Berlin. "
    "Die Opposition kritisierte den Plan als zu spät und zu klein für die betroffenen Familien."
)
RUSSIAN = "Министерство обороны заявило в среду, что войска удерживают позиции у реки."


def test_english_is_accepted() -> None:
    text = "The ministry said on Wednesday that its troops were holding positions on the river."
    assert require_supported_language(text, "a.txt") == "en"


@pytest.mark.parametrize("text", ["Zelensky visits Bakhmut.", "Kyiv, Bakhmut, Donbass: update"])
def test_short_latin_headlines_are_not_refused(text: str) -> None:
    assert require_supported_language(text, "a.txt") == "en"


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "German"), (RUSSIAN, "Russian")])
def test_non_english_is_refused_with_the_language_named(text: str, language: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as caught:
        require_supported_language(text, "news/de.txt")
    message = str(caught.value)
    assert caught.value.code == "E013"
    assert "news/de.txt" in message
    assert language in message
    assert "only English" in message


def test_text_without_words_is_refused() -> None:
    with pytest.raises(EmptyInputError) as caught:
        require_supported_language("12,345 — 67 %!", "n.txt")
    assert caught.value.code == "E023"
