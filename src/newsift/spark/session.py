"""Starting Spark for newsift: the session, and how many task slots it has.

Public API::

    require_pyspark() -> None                      # E160 when pyspark is not installed
    spark_session(master=None) -> SparkSession      # the active one, or a new one
    task_slots(spark) -> int                        # tasks that run at once

Under ``spark-submit`` the active session (and its master) is used as it is. Started from
``newsift spark …`` or Python with a ``master`` such as ``local[2]``, the session's Python
workers run this interpreter (``PYSPARK_PYTHON``, unless set), so they import the same
newsift and models.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import TYPE_CHECKING

from newsift.errors import ConfigError, Errors

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Settings of a session newsift starts itself (local mode): no web UI, a moderate number
#: of shuffle partitions (the default 200 is tuned for clusters), Python workers reused.
LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.python.worker.reuse": "true",
    "spark.sql.session.timeZone": "UTC",
    "spark.log.level": "ERROR",
}


def require_pyspark() -> None:
    """Raise E160 unless pyspark (and Java for it) can be used."""
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigError(Errors.E160, missing="pyspark is not installed")


def spark_session(master: str | None = None, app_name: str = "newsift") -> SparkSession:
    """The active Spark session, or a new one on ``master`` (default: Spark's own).

    Raises:
        ConfigError: E160 when pyspark is missing or Java can't start.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # py4j raises a RuntimeError/OSError subclass per cause
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ConfigError(Errors.E160, missing=f"Spark could not start ({first})") from error
    if master is not None:
        session.sparkContext.setLogLevel("ERROR")
    return session


def task_slots(spark: SparkSession) -> int:
    """How many tasks the session runs at once: its parallelism over ``spark.task.cpus``."""
    cpus = int(spark.conf.get("spark.task.cpus", "1") or 1)
    return max(1, spark.sparkContext.defaultParallelism // max(1, cpus))
