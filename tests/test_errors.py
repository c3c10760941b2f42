"""The coded error catalogue."""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from pathlib import Path

import newsift
from newsift.errors import EmptyInputError, Errors, InputError, Warnings

SRC = Path(newsift.__file__).resolve().parent
ERRORS_SOURCE = SRC / "errors.py"
ROOT = Path(__file__).resolve().parents[1]


def catalogue(cls: type) -> dict[str, str]:
    return {name: getattr(cls, name) for name in vars(cls) if re.fullmatch(r"[EW]\d{3}", name)}


def test_every_message_carries_its_code() -> None:
    for name, message in {**catalogue(Errors), **catalogue(Warnings)}.items():
        assert message.startswith(f"[{name}] ")


#: Codes about one input document: their message must name the file (or stdin, or row).
DOCUMENT_CODES = [f"E{n:03d}" for n in [*range(1, 14), 17, 18, 19, 20, 22, 23, *range(30, 36)]]


def test_document_messages_name_the_source() -> None:
    messages = catalogue(Errors)
    for name in DOCUMENT_CODES:
        fields = {f for _, f, _, _ in string.Formatter().parse(messages[name]) if f}
        assert "source" in fields, f"{name} does not name the file"


def test_codes_are_well_formed() -> None:
    assert all(re.fullmatch(r"E\d{3}", n) for n in catalogue(Errors))
    assert all(re.fullmatch(r"W\d{3}", n) for n in catalogue(Warnings))


def assigned_codes(source: str) -> list[tuple[str, str]]:
    """(class, code) of every code assignment in the catalogue classes, duplicates kept."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name in ("Errors", "Warnings"):
            for statement in node.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign):
                    targets = (
                        statement.targets
                        if isinstance(statement, ast.Assign)
                        else [statement.target]
                    )
                    found += [(node.name, t.id) for t in targets if isinstance(t, ast.Name)]
    return found


def test_no_code_is_assigned_twice() -> None:
    # A second `E040 = ...` in the class body silently replaces the first, so the class can't
    # tell: read the source.
    codes = assigned_codes(ERRORS_SOURCE.read_text(encoding="utf-8"))
    repeated = [code for code, count in Counter(c for _, c in codes).items() if count > 1]
    assert codes and not repeated, f"codes assigned more than once: {repeated}"


def test_the_duplicate_check_sees_a_repeated_code() -> None:
    source = 'class Errors:\n    E040 = "a"\n    E041 = "b"\n    E040 = "c"\n'
    assert [c for _, c in assigned_codes(source)] == ["E040", "E041", "E040"]


def used_codes() -> set[str]:
    """Codes that code under src/ names (``Errors.E001``, ``Warnings.W001``)."""
    pattern = re.compile(r"\b(?:Errors|Warnings)\.([EW]\d{3})\b")
    return {
        code
        for path in SRC.rglob("*.py")
        if path != ERRORS_SOURCE
        for code in pattern.findall(path.read_text(encoding="utf-8"))
    }


def readme_codes() -> set[str]:
    """Codes the README's bad-input section names; ``E060–E062`` stands for three."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = set()
    for first, last in re.findall(r"\b([EW]\d{3})(?:\s*[–-]\s*([EW]\d{3}))?\b", text):
        start = int(first[1:])
        end = int(last[1:]) if last else start
        codes |= {f"{first[0]}{n:03d}" for n in range(start, end + 1)}
    return codes


ALL_CODES = {**catalogue(Errors), **catalogue(Warnings)}


def test_every_code_is_raised_somewhere() -> None:
    assert sorted(set(ALL_CODES) - used_codes()) == []


def test_every_code_is_documented_in_the_readme() -> None:
    assert sorted(set(ALL_CODES) - readme_codes()) == []


def test_every_code_the_readme_names_exists() -> None:
    assert sorted(readme_codes() - set(ALL_CODES)) == []


def test_every_code_used_in_the_code_exists() -> None:
    assert sorted(used_codes() - set(ALL_CODES)) == []


def test_make_targets_named_in_messages_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+):", makefile, flags=re.MULTILINE))
    for name, message in ALL_CODES.items():
        for target in re.findall(r"`make ([\w-]+)", message):  # a command, in backticks
            assert target in targets, f"{name} names `make {target}`, which the Makefile lacks"


def test_exception_keeps_code_and_fields() -> None:
    error = EmptyInputError(Errors.E001, source="article.txt")
    assert isinstance(error, InputError)
    assert isinstance(error, ValueError)
    assert error.code == "E001"
    assert error.fields == {"source": "article.txt"}
    assert str(error).startswith("[E001] article.txt: empty (0 characters)")
