"""Titles of works in quotes are told from quoted speech (newsift.text.works)."""

from __future__ import annotations

import pytest

from newsift.text.quotes import find_quotes
from newsift.text.works import is_work_title, work_titles


def titles(text: str) -> list[str]:
    return [text[q.start : q.end] for q in work_titles(text, find_quotes(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Bong Joon Ho\'s film "Parasite" won best picture.', ['"Parasite"']),
        (
            'The awards went to "Parasite," "1917" and "Joker" this year.',
            ['"Parasite,"', '"1917"', '"Joker"'],
        ),
        (
            'She starred in "The Marvelous Mrs Maisel" for four seasons.',
            ['"The Marvelous Mrs Maisel"'],
        ),
        ('The novel "War and Peace" (1869) is long.', ['"War and Peace"']),
    ],
)
def test_titles_of_works_are_recognised(text: str, expected: list[str]) -> None:
    assert titles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"Yes," she said after the film.',
        '"We will not give up," the minister told reporters at the film festival.',
        'Officials called the strike "a necessary response" to the attacks.',
        'The group denounced what it called "Terrorists" in a statement.',
        '"NO," the crowd shouted at the premiere.',
        'He said: "This Is Not Over. We Will Return." The film ended.',
        '"Parasite" he said.',
    ],
)
def test_quoted_speech_and_scare_quotes_are_not_titles(text: str) -> None:
    assert titles(text) == []


def test_offsets_point_at_the_quotation() -> None:
    text = 'Critics praised the film "Nomadland" on Sunday.'
    (quote,) = work_titles(text, find_quotes(text))
    assert text[quote.start : quote.end] == '"Nomadland"'
    assert is_work_title(text, quote)
