"""Rate-limited logging for the web server: one line per kind of error per interval.

A server out of file descriptors fails every accept and every request the same way; logging
each failure filled the log with half a million identical lines a minute. :class:`RepeatFilter`
lets the first record of a kind through, drops the repeats for ``interval`` seconds, and
notes how many it dropped on the next one it lets through.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

#: The loggers the server's errors arrive on: uvicorn's, asyncio's (failed accepts) and ours.
SERVER_LOGGERS = ("uvicorn.error", "asyncio", "newsift.web")
#: Kinds of record remembered at once (the oldest is forgotten first).
_MAX_KINDS = 512

RecordKind = tuple[str, int, str, str]


@dataclass
class _Seen:
    since: float
    dropped: int = 0


def record_kind(record: logging.LogRecord) -> RecordKind:
    """What makes two records "the same": logger, level, message template and exception."""
    error = record.exc_info[1] if record.exc_info else None
    raised = f"{type(error).__name__}: {error}" if error is not None else ""
    return (record.name, record.levelno, str(record.msg), raised)


class RepeatFilter(logging.Filter):
    """Let one record of each kind through per ``interval`` seconds.

    Args:
        interval: Seconds during which repeats of a record are dropped.
        clock: The time source (monotonic seconds); tests pass their own.
    """

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.interval = interval
        self.clock = clock
        self._seen: OrderedDict[RecordKind, _Seen] = OrderedDict()

    def filter(self, record: logging.LogRecord) -> bool:
        kind = record_kind(record)
        now = self.clock()
        seen = self._seen.get(kind)
        if seen is not None and now - seen.since < self.interval:
            seen.dropped += 1
            return False
        if seen is not None and seen.dropped:
            note = f" ({seen.dropped:,} more like this in the last {now - seen.since:.0f} s)"
            record.msg = str(record.msg) + (note.replace("%", "%%") if record.args else note)
        self._seen[kind] = _Seen(now)
        self._seen.move_to_end(kind)
        while len(self._seen) > _MAX_KINDS:
            self._seen.popitem(last=False)
        return True


@contextmanager
def repeats_limited(
    interval: float, loggers: Sequence[str] = SERVER_LOGGERS
) -> Iterator[RepeatFilter]:
    """Attach one :class:`RepeatFilter` to ``loggers`` while the block runs."""
    repeat_filter = RepeatFilter(interval)
    for name in loggers:
        logging.getLogger(name).addFilter(repeat_filter)
    try:
        yield repeat_filter
    finally:
        for name in loggers:
            logging.getLogger(name).removeFilter(repeat_filter)
