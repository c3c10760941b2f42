"""Language detection, offline, with lingua (its n-gram models ship in the PyPI package).

The detector knows :data:`DETECTED_LANGUAGES`, not all 75 of lingua's: the Latin-script
languages of national news media, and every language written in another script. lingua
loads the models of each language whose script a text uses, so every Latin-script language
costs memory and time on every English text (1 MB and a few ms each), while the others cost
nothing until a text in their script comes. Measured on an English text: 43 MB and 0.20 s
for the first detection, against 52 MB and 0.27 s with all languages.

What the set changes: a text in a left-out language (Afrikaans, Basque, Esperanto, Ganda,
Icelandic, Latin, Maori, Nynorsk, Shona, Somali, Sotho, Tsonga, Tswana, Xhosa, Yoruba,
Zulu) is refused under the name of the nearest listed language (Afrikaans as Dutch, Zulu as
Swahili); English headlines that the full set read as Latin or Esperanto are English again.
Keep every non-Latin script in: a text in a script no listed language uses gets no
confidence at all, so it would be taken for English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsift import settings
from newsift.errors import EmptyInputError, Errors, UnsupportedLanguageError

_WORD = re.compile(r"[^\W\d_]{2,}")
#: Web and e-mail addresses: their letters are not words of the text.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)

#: Frequent English function words that are not also common words of another detected
#: Latin-script language (left out: "a", "an", "at", "by", "for", "in", "is", "on", "over",
#: "to", "was", "will", …, which are also Romance, German, Dutch, Nordic or Polish words).
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset((
    "the", "of", "and", "that", "with", "from", "this", "these", "those", "which", "who",
    "whom", "whose", "would", "should", "could", "been", "be", "are", "were", "has", "have",
    "had", "as", "it", "its", "they", "their", "them", "he", "she", "his", "him", "not", "but",
    "or", "said", "after", "into", "about", "than", "when", "what", "there", "where", "while",
    "such", "because", "before", "against", "between", "during",
))  # fmt: skip


def english_function_word_share(sample: str) -> float:
    """Share of the words of ``sample`` that are :data:`ENGLISH_FUNCTION_WORDS`."""
    return _function_word_share(_WORD.findall(sample))


def _function_word_share(words: list[str]) -> float:
    return sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def _non_latin_share(sample: str) -> float:
    """Share of letters in ``sample`` that are not Latin script."""
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return 0.0
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return 1 - latin / len(letters)


@dataclass(frozen=True)
class LanguageGuess:
    """The detector's verdict on a text."""

    code: str  #: ISO 639-1 code, e.g. ``en``
    name: str  #: English name, e.g. ``German``
    confidence: float  #: 0..1


#: lingua's names of the languages the detector tells apart (see the module docstring).
DETECTED_LANGUAGES: tuple[str, ...] = (
    # Latin script: English and the languages of national news media.
    "ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH",
    "CZECH", "SLOVAK", "HUNGARIAN", "ROMANIAN", "CROATIAN", "BOSNIAN", "SLOVENE", "SWEDISH",
    "DANISH", "BOKMAL", "FINNISH", "ESTONIAN", "LATVIAN", "LITHUANIAN", "ALBANIAN", "CATALAN",
    "WELSH", "IRISH", "TURKISH", "AZERBAIJANI", "VIETNAMESE", "INDONESIAN", "MALAY",
    "TAGALOG", "SWAHILI",
    # Other scripts: all of lingua's (free until a text in their script comes).
    "RUSSIAN", "UKRAINIAN", "BELARUSIAN", "BULGARIAN", "SERBIAN", "MACEDONIAN", "KAZAKH",
    "MONGOLIAN", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "ARABIC", "PERSIAN", "URDU",
    "HINDI", "MARATHI", "BENGALI", "GUJARATI", "PUNJABI", "TAMIL", "TELUGU", "THAI",
    "CHINESE", "JAPANESE", "KOREAN",
)  # fmt: skip


@cache
def _detector() -> Any:
    """Build the detector once per process (lingua loads its models lazily)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> LanguageGuess | None:
    """Guess the language of ``text`` from a sample of it; ``None`` when there are no words."""
    sample = text[: settings.LANGUAGE_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in _ADDRESS.sub(" ", sample)):
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None
    top = values[0]
    return LanguageGuess(
        code=top.language.iso_code_639_1.name.lower(),
        name=top.language.name.title(),
        confidence=float(top.value),
    )


def require_supported_language(text: str, source: str) -> str:
    """Return the language code of ``text`` or raise if newsift doesn't analyse it.

    Short or mixed texts are given the benefit of the doubt: a text is refused only when
    the detector is confident (see :data:`settings.LANGUAGE_REFUSE_CONFIDENCE`) that it is
    in an unsupported language.

    Raises:
        EmptyInputError: The text holds no letters at all (E023).
        UnsupportedLanguageError: The text is confidently not English (E013).
    """
    guess = detect_language(text)
    if guess is None:
        raise EmptyInputError(Errors.E023, source=source)
    if guess.code in settings.SUPPORTED_LANGUAGES:
        return guess.code
    sample = text[: settings.LANGUAGE_SAMPLE_CHARS]
    # n-gram guesses on a headline-length Latin-script text are noise ("Zelensky visits
    # Bakhmut." reads as Tsonga); a text mostly in another script is unambiguous at any length.
    # A Latin-script text full of English function words is English whatever the trigrams
    # say (a title-case headline of Latinate words reads as Spanish to them); so is one whose
    # lower-case words are (a report naming many foreign people and places).
    if _non_latin_share(sample) > 0.5:
        refuse = True
    else:
        threshold = settings.LANGUAGE_ENGLISH_WORD_SHARE
        words = _WORD.findall(sample)
        # Proper names are capitalised: the lower-case words are the ones the text is
        # written in, not the people and places it is about.
        written_in = [w for w in words if w[0].islower()]
        refuse = (
            len(words) >= settings.LANGUAGE_MIN_WORDS
            and _function_word_share(words) < threshold
            and _function_word_share(written_in) < threshold
        )
    if refuse and guess.confidence >= settings.LANGUAGE_REFUSE_CONFIDENCE:
        raise UnsupportedLanguageError(
            Errors.E013, source=source, language=guess.name, confidence=guess.confidence
        )
    return "en"
