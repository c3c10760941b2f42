"""The coded error catalogue."""

from __future__ import annotations

import re
import string

from newsift.errors import EmptyInputError, Errors, InputError, Warnings


def catalogue(cls: type) -> dict[str, str]:
    return {name: getattr(cls, name) for name in vars(cls) if re.fullmatch(r"[EW]\d{3}", name)}


def test_every_message_carries_its_code() -> None:
    for name, message in {**catalogue(Errors), **catalogue(Warnings)}.items():
        assert message.startswith(f"[{name}] ")


#: Codes about one input document: their message must name the file (or stdin, or row).
DOCUMENT_CODES = [f"E{n:03d}" for n in [*range(1, 14), 17, 18, 19, 20, 22, 23, 26, *range(30, 36)]]


def test_document_messages_name_the_source() -> None:
    messages = catalogue(Errors)
    for name in DOCUMENT_CODES:
        fields = {f for _, f, _, _ in string.Formatter().parse(messages[name]) if f}
        assert "source" in fields, f"{name} does not name the file"


def test_codes_are_unique_and_sequential_in_form() -> None:
    names = list(catalogue(Errors))
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"E\d{3}", n) for n in names)


def test_exception_keeps_code_and_fields() -> None:
    error = EmptyInputError(Errors.E001, source="article.txt")
    assert isinstance(error, InputError)
    assert isinstance(error, ValueError)
    assert error.code == "E001"
    assert error.fields == {"source": "article.txt"}
    assert str(error).startswith("[E001] article.txt: empty (0 characters)")
