"""The web app's bounds on work and on attempts: the analysis queue and the sign-in limit.

* :class:`WorkQueue` admits at most ``workers + depth`` analyses at once; the others are
  answered 503 with ``Retry-After`` before their body is read, so a burst of large uploads
  can't pile up memory or make every later request wait minutes.
* :class:`AttemptLimiter` counts failed attempts per client in a sliding window (``/login``
  answers 429 with ``Retry-After`` past the limit).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from newsift import settings

#: Clients whose attempts are remembered at once (the least recent is forgotten first).
MAX_CLIENTS = 4096


@dataclass(frozen=True)
class WebLimits:
    """The app's limits (defaults in :mod:`newsift.settings`).

    Attributes:
        queue_depth: Analyses that may wait for a free analysis thread.
        retry_after: Seconds a 503 or 429 answer asks the client to wait.
        body_timeout: Seconds a request body may take to arrive.
        login_attempts: Failed sign-ins allowed per client and window.
        login_window: The window, in seconds.
        max_token_chars: Longest token compared with the configured one.
        max_html_bytes: Largest HTML upload an article is extracted from.
    """

    queue_depth: int = settings.WEB_QUEUE_DEPTH
    retry_after: int = settings.WEB_RETRY_AFTER_S
    body_timeout: float = settings.WEB_BODY_TIMEOUT_S
    login_attempts: int = settings.WEB_LOGIN_ATTEMPTS
    login_window: float = settings.WEB_LOGIN_WINDOW_S
    max_token_chars: int = settings.WEB_MAX_TOKEN_CHARS
    max_html_bytes: int = settings.WEB_MAX_HTML_BYTES


class WorkQueue:
    """Tickets for analyses: ``capacity`` at once (running plus waiting), no more.

    Used from the event loop's thread only, so a plain counter is enough.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self.taken = 0

    def try_enter(self) -> bool:
        """Take a ticket if one is free."""
        if self.taken >= self.capacity:
            return False
        self.taken += 1
        return True

    def leave(self) -> None:
        """Give a ticket back."""
        self.taken = max(0, self.taken - 1)


class AttemptLimiter:
    """At most ``attempts`` recorded failures per client within ``window`` seconds.

    Args:
        attempts: Failures allowed in the window.
        window: The sliding window, in seconds.
        clock: Monotonic seconds (tests pass their own).
    """

    def __init__(
        self, attempts: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.attempts = max(1, attempts)
        self.window = window
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until ``client`` may try again, or ``None`` if it may now."""
        failures = self._recent(self._failures.get(client, deque()))
        if len(failures) < self.attempts:
            return None
        return max(1, math.ceil(failures[0] + self.window - self.clock()))

    def record_failure(self, client: str) -> None:
        """Count one failed attempt by ``client``."""
        self._recent(self._failures.setdefault(client, deque())).append(self.clock())
        self._failures.move_to_end(client)
        while len(self._failures) > MAX_CLIENTS:
            self._failures.popitem(last=False)

    def _recent(self, failures: deque[float]) -> deque[float]:
        cutoff = self.clock() - self.window
        while failures and failures[0] <= cutoff:
            failures.popleft()
        return failures
