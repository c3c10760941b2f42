"""Fixtures of the Spark tests: one local[2] Spark session per test process (xdist worker).

The tests that start Spark (those using the ``spark`` fixture) are marked ``spark``. They
skip, saying why, only when Java or pyspark is missing (``sh scripts/install-spark.sh``
installs both; CI installs them first); in CI (``CI`` set) a missing one fails the run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def spark_missing() -> str | None:
    """Why Spark can't run here, or None."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java is missing: sh scripts/install-spark.sh installs openjdk-17-jre-headless"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is missing: sh scripts/install-spark.sh installs requirements/spark.txt"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    reason = spark_missing()
    for item in items:
        if here in Path(str(item.fspath)).parents and "spark" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.spark)
            if reason and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    reason = spark_missing()
    if reason:
        pytest.fail(reason)  # in CI; elsewhere the tests were skipped before this ran
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from newsift.spark.session import spark_session

    session = spark_session("local[2]", app_name="newsift-tests")
    yield session
    session.stop()


def write_jsonl(path: Path, rows: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path
