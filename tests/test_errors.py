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


def test_file_messages_name_the_source() -> None:
    for name, message in catalogue(Errors).items():
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f}
        if name not in {"E014", "E015", "E016", "E021", "E024", "E025", "E050"}:
            assert "source" in fields, f"{name} does not name the file"


def test_exception_keeps_code_and_fields() -> None:
    error = EmptyInputError(Errors.E001, source="article.txt")
    assert isinstance(error, InputError)
    assert isinstance(error, ValueError)
    assert error.code == "E001"
    assert error.fields == {"source": "article.txt"}
    assert str(error).startswith("[E001] article.txt: the file is empty")
