"""The layer contracts of ``make lint`` (``[tool.importlinter]`` in pyproject.toml).

The package as it is keeps every contract, and a copy of it with one forbidden import (an
analyzer importing the evaluation code, the encoder importing an analyzer, a leaf importing
the pipeline) fails ``lint-imports`` with the broken contract named.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the package under ``tree/src`` with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    script = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", script, "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy_of_the_project(tmp_path: Path) -> Path:
    tree = tmp_path / "project"
    shutil.copytree(
        ROOT / "src" / "newsift",
        tree / "src" / "newsift",
        ignore=shutil.ignore_patterns("__pycache__", "models", "data", "*.onnx"),
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def _add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / "src" / Path(*module.split(".")).with_suffix(".py")
    if not path.is_file():
        path = path.with_suffix("") / "__init__.py"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{statement}\n", encoding="utf-8")


def test_the_package_keeps_its_layer_contracts() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        (
            "newsift.analyzers.places.component",
            "import newsift.eval.ptc  # noqa",
            "Analyzers never import the evaluation or the training code BROKEN",
        ),
        (
            "newsift.encoder.windows",
            "import newsift.analyzers.techniques.glossary  # noqa",
            "The shared encoder never imports an analyzer BROKEN",
        ),
        (
            "newsift.text.quotes",
            "import newsift.pipeline  # noqa",
            "Layers: an import only points down BROKEN",
        ),
    ],
)
def test_a_forbidden_import_fails_the_lint(
    tmp_path: Path, module: str, statement: str, contract: str
) -> None:
    tree = _copy_of_the_project(tmp_path)
    _add_import(tree, module, statement)
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout
    assert "BROKEN" in result.stdout
