"""Warm the model's prompt cache for a leader in the background when the Draft studio opens or the leader changes,
so pressing Draft only makes the model read the brief and its facts. Each (model, leader, channel) is warmed once
per process; a failed warm-up is forgotten so the next visit tries again."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
Warm = Callable[[], None]


class Warmer:
    """Starts each warm-up once, in a daemon thread; `pending` and `done` say where each one is."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started: dict[tuple[str, int, str], threading.Thread] = {}

    def start(self, key: tuple[str, int, str], warm: Warm) -> bool:
        """Run `warm` in the background unless this key was already started; True when it was started now."""
        with self._lock:
            if key in self._started:
                return False
            thread = threading.Thread(target=self._run, args=(key, warm), name=f"warm-{key[1]}-{key[2]}", daemon=True)
            self._started[key] = thread
        thread.start()
        return True

    def _run(self, key: tuple[str, int, str], warm: Warm) -> None:
        try:
            warm()
        except Exception as exc:  # best effort: a draft started later reports its own errors
            log.info("Warm-up for %s failed: %s", key, exc)
            with self._lock:
                self._started.pop(key, None)

    def wait(self, key: tuple[str, int, str], timeout: float | None = None) -> None:
        with self._lock:
            thread = self._started.get(key)
        if thread is not None:
            thread.join(timeout)


WARMER = Warmer()
"""The process-wide warmer (the embedded engine is process-wide too)."""
