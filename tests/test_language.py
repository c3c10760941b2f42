"""Language detection: refuse confident non-English, give short texts the benefit of the doubt."""

from __future__ import annotations

import pytest

from newsift.errors import EmptyInputError, UnsupportedLanguageError
from newsift.language import english_function_word_share, require_supported_language

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


def test_title_case_english_headline_is_not_read_as_spanish() -> None:
    # Trigrams alone read this as Spanish (51%); its English function words settle it.
    headline = "EXPERIMENTAL Malaria Vaccine Will Be Administered In Uganda As Malaria Cases Climb"
    assert require_supported_language(headline, "a.txt") == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "El Gobierno anunció el miércoles nuevas ayudas para las familias afectadas por las "
            "inundaciones, según informó el ministro en Madrid.",
            "Spanish",
        ),
        (
            "De regering heeft woensdag nieuwe steun aangekondigd voor de getroffen gezinnen, "
            "zei de minister in Den Haag. De oppositie noemde het plan te laat of te klein.",
            "Dutch",
        ),
        (
            "Rząd ogłosił w środę nową pomoc dla poszkodowanych rodzin, powiedział minister w "
            "Warszawie. To za mało i za późno, a opozycja skrytykowała ten plan.",
            "Polish",
        ),
        (
            "Regeringen meddelte onsdag, at der kommer ny hjælp til de ramte familier, sagde "
            "ministeren i København. Oppositionen kritiserede planen for at komme for sent.",
            "Danish",
        ),
    ],
)
def test_languages_sharing_short_words_with_english_are_still_refused(
    text: str, language: str
) -> None:
    """Words such as "to", "for", "at", "of" are theirs too: they must not pass as English."""
    with pytest.raises(UnsupportedLanguageError, match=language):
        require_supported_language(text, "a.txt")


def test_english_function_word_share() -> None:
    assert english_function_word_share("The minister said that the plan would fail.") > 0.4
    assert english_function_word_share("Die Regierung hat am Mittwoch neue Hilfen.") == 0.0
    assert english_function_word_share("12 345") == 0.0


def test_detected_languages_are_lingua_names() -> None:
    from lingua import Language

    from newsift.language import DETECTED_LANGUAGES

    assert "ENGLISH" in DETECTED_LANGUAGES
    assert all(hasattr(Language, name) for name in DETECTED_LANGUAGES)
