"""The embedded llama.cpp engine: xllamacpp's OpenAI-compatible server on 127.0.0.1, one per process.

The server starts on demand (on a free port chosen by the OS), is ready when GET /health answers 200 (it answers
503 while the model loads), is shared by every session in the process, and stops when the process exits.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narratives.llm.catalogue import model_spec
from narratives.llm.errors import ModelUnavailable
from narratives.llm.files import Progress, ensure_model_file, models_dir

HEALTH_TIMEOUT_S = 180.0
QUIET = 2
"""llama.cpp log verbosity: warnings and errors only (3 logs every request)."""


def _health_status(base_url: str) -> int | None:
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return None


def wait_for_health(base_url: str, timeout: float = HEALTH_TIMEOUT_S) -> None:
    """Poll GET /health until it answers 200; ModelUnavailable after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    status: int | None = None
    while time.monotonic() < deadline:
        status = _health_status(base_url)
        if status == 200:
            return
        time.sleep(0.2)
    raise ModelUnavailable(
        f"The local model server at {base_url} was not ready after {timeout:.0f} s (last answer: {status})."
    )


def default_threads() -> int:
    """One core is left for Streamlit and the database. On a busy 2-core machine one llama.cpp thread was measured
    2-5x faster than two (its worker threads wait on each other when another process takes a core)."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


@dataclass(frozen=True)
class EngineOptions:
    """How the server runs: CPU threads (None: default_threads()), how hard idle threads spin (`poll`, 0-100),
    and an optional smaller model of the same family that drafts tokens for the main one (speculative decoding)."""

    threads: int | None = None
    poll: int = 50
    draft_model_path: Path | None = None


class LocalEngine:
    """One llama.cpp server for one GGUF file. Thread-safe: concurrent start() calls start it once."""

    def __init__(
        self,
        model_path: Path,
        *,
        name: str,
        context: int = 8192,
        threads: int | None = None,
        options: EngineOptions | None = None,
    ) -> None:
        self.model_path = model_path
        self.name = name
        self.context = context
        self.options = options or EngineOptions(threads=threads)
        self.threads = self.options.threads or default_threads()
        self._server: Any = None
        self._base_url: str | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._server is not None

    def _params(self) -> Any:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = str(self.model_path)
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.n_ctx = self.context
        params.n_parallel = 1
        params.verbosity = QUIET
        params.cache_prompt = True
        for cpu in (params.cpuparams, params.cpuparams_batch):
            cpu.n_threads = self.threads
            cpu.poll = self.options.poll
        if self.options.draft_model_path is not None:
            params.speculative.types = [xllamacpp.common_speculative_type.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
            params.speculative.draft.mparams.path = str(self.options.draft_model_path)
            params.speculative.draft.cpuparams.n_threads = self.threads
            params.speculative.draft.cpuparams_batch.n_threads = self.threads
        return params

    def start(self) -> str:
        """Start the server if needed and return its base URL (without /v1)."""
        with self._lock:
            if self._server is not None and self._base_url is not None:
                return self._base_url
            import xllamacpp

            try:
                server = xllamacpp.Server(self._params())
            except Exception as exc:  # the native server reports load failures as plain exceptions
                raise ModelUnavailable(f"The local model {self.name} could not start: {exc}") from exc
            base_url = str(server.listening_address).rstrip("/")
            self._server, self._base_url = server, base_url
        wait_for_health(base_url)
        return base_url

    def stop(self) -> None:
        with self._lock:
            server, self._server, self._base_url = self._server, None, None
        del server  # dropping the last reference shuts the native server down


class EngineRegistry:
    """The process-wide local engine: at most one model loaded; switching models stops the old one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engine: LocalEngine | None = None
        atexit.register(self.stop)

    def base_url(self, name: str, data_dir: Path, progress: Progress | None = None, threads: int | None = None) -> str:
        """The OpenAI-compatible base URL (ending in /v1) of the local engine serving `name` (with `threads`
        CPU threads; None means default_threads())."""
        with self._lock:
            engine = self._engine
            if engine is None or engine.name != name or (threads is not None and engine.threads != threads):
                spec = model_spec(name)
                path = ensure_model_file(spec, models_dir(data_dir), progress)
                if engine is not None:
                    engine.stop()
                engine = self._engine = LocalEngine(path, name=name, context=spec.context, threads=threads)
        return engine.start() + "/v1"

    def current(self) -> str | None:
        engine = self._engine
        return engine.name if engine is not None and engine.running else None

    def stop(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.stop()


ENGINES = EngineRegistry()
