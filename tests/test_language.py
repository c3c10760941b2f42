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


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Το υπουργείο δήλωσε την Τετάρτη ότι τα στρατεύματά του διατηρούν τις θέσεις τους.",
            "Greek",
        ),
        ("국방부는 수요일 자국 군대가 강가의 진지를 유지하고 있다고 밝혔다.", "Korean"),
        ("मंत्रालय ने बुधवार को कहा कि उसके सैनिक नदी के किनारे अपनी स्थिति बनाए हुए हैं।", "Hindi"),
    ],
)
def test_every_script_stays_detectable(text: str, language: str) -> None:
    """A script no detected language uses would get no confidence and pass as English."""
    with pytest.raises(UnsupportedLanguageError, match=language):
        require_supported_language(text, "a.txt")


def test_a_left_out_language_is_still_refused() -> None:
    zulu = (
        "Ungqongqoshe uthe ngoLwesithathu amasosha akhe abambe izikhundla zawo eduze komfula. "
        "Abaphikisi bagxeke lolu hlelo bethi lufike sekwephuzile futhi luncane kakhulu."
    )
    with pytest.raises(UnsupportedLanguageError):
        require_supported_language(zulu, "a.txt")


def test_english_headline_is_not_read_as_latin() -> None:
    # A shouty title-case headline with Latinate words was refused as Latin while lingua
    # weighed all 75 languages.
    headline = (
        "EXPERIMENTAL Cholera Vaccine Will Be Administered In Malawi As Cholera Death Toll Climbs"
    )
    assert require_supported_language(headline, "a.txt") == "en"


def test_detected_languages_are_lingua_names() -> None:
    from lingua import Language

    from newsift.language import DETECTED_LANGUAGES

    assert "ENGLISH" in DETECTED_LANGUAGES
    assert all(hasattr(Language, name) for name in DETECTED_LANGUAGES)
