"""Run an untrusted-input parser in a separate process with memory and time limits.

One hostile upload (a zip bomb, a spreadsheet that takes minutes to read, a parser bug) must not take the server
down for everyone. Each parse runs in a child process forked from a clean, single-threaded fork server: the child
caps its own address space and CPU time, the parent waits at most the wall-clock limit and kills the child after
it. Domain errors raised in the child (`BylineError`) come back as they are; anything else becomes
`ParseRefused` with a message a person can act on.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from core.errors import BylineError

T = TypeVar("T")
_CONTEXT = multiprocessing.get_context("forkserver")
_PRELOAD: set[str] = {"__main__"}  # as multiprocessing does by default: children then skip re-running the main script


class ParseRefused(BylineError):
    """The file could not be read within the limits (too much memory, too long, or the reader crashed)."""


@dataclass(frozen=True)
class Limits:
    """The child's address space (which includes some 450 MB of loaded parser libraries) and wall-clock time."""

    memory_mb: int = 1536
    seconds: float = 120.0


DEFAULT_LIMITS = Limits()


def preload(module: str) -> None:
    """Import `module` once in the fork server, so each child starts with the parser already loaded (call at
    import time of the module that holds the worker functions; it has no effect once the server runs)."""
    _PRELOAD.add(module)
    _CONTEXT.set_forkserver_preload(sorted(_PRELOAD))


def _apply_limits(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(limits.seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child(connection: Connection, func: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> None:
    outcome: tuple[str, Any]
    try:
        _apply_limits(limits)
        outcome = ("ok", func(*args))
    except BylineError as exc:
        outcome = ("domain", exc)
    except MemoryError:
        outcome = ("memory", "")
    except RecursionError:
        outcome = ("crash", "the file is nested too deeply to read")
    except Exception as exc:  # the parsers' own bugs on hostile input: reported, never raised in the server
        outcome = ("crash", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", ""))
    except Exception as exc:  # a result that cannot be sent back (e.g. unpicklable)
        connection.send(("crash", f"the result could not be returned ({type(exc).__name__})"))
    finally:
        connection.close()


def _refusal(kind: str, detail: str, what: str, limits: Limits) -> ParseRefused:
    if kind == "memory":
        return ParseRefused(
            f"{what} needs more than {limits.memory_mb:,} MB of memory to read, so it was refused "
            "(a damaged file or a compression bomb?). Nothing was stored."
        )
    if kind == "time":
        return ParseRefused(
            f"Reading {what} took longer than {limits.seconds:g} seconds, so it was stopped. "
            "Split it into smaller files. Nothing was stored."
        )
    return ParseRefused(f"{what} could not be read ({detail}). Nothing was stored.")


def _exit_reason(code: int | None) -> tuple[str, str]:
    """Why a child ended without an answer: SIGXCPU is the CPU limit, SIGKILL the kernel's out-of-memory killer."""
    if code == -24:
        return "time", ""
    if code == -9:
        return "memory", ""
    return "crash", f"the reader stopped unexpectedly (exit code {code}); it may have run out of memory"


def run_isolated(func: Callable[..., T], *args: Any, what: str = "The file", limits: Limits | None = None) -> T:
    """`func(*args)` in a limited child process. `func` must be a module-level function; its result and any
    BylineError it raises come back; running out of memory or time, or crashing, raises ParseRefused."""
    limits = limits or DEFAULT_LIMITS
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sender, func, args, limits), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise _refusal("time", "", what, limits)
        kind, value = receiver.recv()
    except EOFError:
        process.join(5)
        raise _refusal(*_exit_reason(process.exitcode), what, limits) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "domain":
        raise value
    raise _refusal(kind, str(value), what, limits)
