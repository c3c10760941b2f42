"""The last reports, kept in memory only (never written to disk) for the export links."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from newsift.model import Report

#: Reports kept by default; the oldest is dropped first.
DEFAULT_STORE_SIZE = 16


class ReportStore:
    """A small, bounded, thread-safe LRU of reports keyed by unguessable random ids.

    Args:
        size: Most reports kept (at least 1).
    """

    def __init__(self, size: int = DEFAULT_STORE_SIZE) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[str, Report] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, report: Report) -> str:
        """Keep ``report`` and return its new id (128 random bits, URL-safe)."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = report
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Report | None:
        """The report with this id, if it is still kept (it becomes the newest)."""
        with self._lock:
            report = self._items.get(key)
            if report is not None:
                self._items.move_to_end(key)
            return report

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
