"""``python -m tests.cli_driver analyze …``: the real command line over a stand-in pipeline.

For tests that must run the CLI in a process of its own (signals, dying workers, file-size
limits) yet stay fast: the pipeline is replaced by one that makes an empty report per article
without loading spaCy, and worker processes are forked, so they inherit the stand-in.

The stand-in reads these environment variables:
    NEWSIFT_FAKE_SLEEP: seconds to spend on each article (so a run lasts long enough to be
        stopped).
    NEWSIFT_FAKE_PIDS: a directory; each process that analyses writes a file named after its
        process id there.
    NEWSIFT_FAKE_DIE_LOADING: if set, every worker process dies while loading the pipeline.
The worker process analysing an article whose text holds ``DIE-ALWAYS`` is killed with
SIGKILL at once (as the kernel's out-of-memory killer does); one holding ``DIE-ONCE`` is
killed only the first time (a flag file in ``NEWSIFT_FAKE_PIDS`` remembers it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from newsift import cli, parallel
from newsift.errors import InputError
from newsift.model import Article, Report


class StandInPipeline:
    """An empty report per article, with the behaviours the module docstring lists."""

    def analyze_stream(
        self, items: Iterable[Article | InputError], batch_size: int = 1
    ) -> Iterator[Report | InputError]:
        pids = os.environ.get("NEWSIFT_FAKE_PIDS")
        if pids:
            Path(pids, str(os.getpid())).touch()
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            if "DIE-ALWAYS" in item.text:
                os.kill(os.getpid(), signal.SIGKILL)
            flag = Path(pids or ".", "died-once")
            if "DIE-ONCE" in item.text and not flag.exists():
                flag.touch()
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(float(os.environ.get("NEWSIFT_FAKE_SLEEP", "0")))
            yield Report(item, [], {}, [], "test")


def stand_in(*_: Any, **__: Any) -> StandInPipeline:
    return StandInPipeline()


def worker_stand_in(*_: Any, **__: Any) -> StandInPipeline:
    """A worker's stand-in; with ``NEWSIFT_FAKE_DIE_LOADING`` set the worker dies loading it."""
    if os.environ.get("NEWSIFT_FAKE_DIE_LOADING"):
        os.kill(os.getpid(), signal.SIGKILL)
    return StandInPipeline()


def run(args: list[str], timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsift ARGS`` over the stand-in in a new process; ``env`` is added to its
    environment."""
    return subprocess.run(
        [*command(), *args],
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def command() -> list[str]:
    """The command line that runs this driver."""
    return [sys.executable, "-m", "tests.cli_driver"]


def environment(**env: str) -> dict[str, str]:
    """This process's environment, this checkout's ``src`` first on the path, plus ``env``."""
    root = Path(__file__).resolve().parent.parent
    path = os.pathsep.join([str(root / "src"), str(root), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, **env}


def main() -> None:
    parallel.PipelineOptions.create = worker_stand_in  # type: ignore[method-assign]
    cli.WorkerPool = partial(parallel.WorkerPool, start_method="fork")  # type: ignore[misc]
    cli.run_analyze = partial(cli.run_analyze, pipeline_factory=stand_in)  # type: ignore[assignment]
    sys.argv = ["newsift", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
