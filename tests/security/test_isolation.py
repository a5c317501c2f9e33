"""The parsing process's limits, measured (issue 16, item 4): a bomb is refused fast, the server's own memory stays
flat while a child runs out of its allowance, and a parser that never ends is stopped at the time limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from core.errors import ValidationFailed
from core.isolation import Limits, ParseRefused, run_isolated
from kb.errors import IngestError
from kb.parsing import parse_isolated
from tests.security.hostile import MB, docx_bomb, lying_sizes, xlsx_bomb
from workspace.engagement.parsing import parse_upload

STATUS = Path("/proc/self/status")


def peak_rss_mb() -> float:
    """This process's peak resident memory since the last reset (Linux VmHWM)."""
    line = next(line for line in STATUS.read_text().splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # Linux: reset the peak resident set size


def hog_memory(megabytes: int) -> int:
    """Allocate and touch `megabytes` (in the child)."""
    block = bytearray(megabytes * MB)
    for index in range(0, len(block), 4096):
        block[index] = 1
    return len(block)


def spin_forever() -> None:
    while True:
        pass


def test_a_child_that_wants_too_much_memory_is_refused_and_the_server_stays_flat() -> None:
    reset_peak()
    before = peak_rss_mb()
    started = time.monotonic()
    with pytest.raises(ParseRefused, match="more than 768 MB"):
        run_isolated(hog_memory, 2048, limits=Limits(memory_mb=768, seconds=20))
    elapsed = time.monotonic() - started
    growth = peak_rss_mb() - before
    print(f"\n2 GB allocation in a 768 MB child: refused in {elapsed:.2f} s; server peak memory grew {growth:.0f} MB")
    assert elapsed < 10 and growth < 50
    assert run_isolated(hog_memory, 64, limits=Limits(memory_mb=768, seconds=20)) == 64 * MB  # within limits: fine


def test_a_parser_that_never_ends_is_stopped_at_the_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(ParseRefused, match="longer than 3 seconds"):
        run_isolated(spin_forever, limits=Limits(memory_mb=768, seconds=3))
    elapsed = time.monotonic() - started
    print(f"\nendless parser: stopped after {elapsed:.1f} s (limit 3 s)")
    assert elapsed < 8


@pytest.mark.parametrize(
    ("name", "build", "importer"),
    [
        ("bomb.docx", lambda: docx_bomb(300 * MB), "kb"),
        ("ratio.docx", lambda: docx_bomb(120 * MB), "kb"),
        ("liar.docx", lambda: lying_sizes(docx_bomb(200 * MB)), "kb"),
        ("bomb.xlsx", lambda: xlsx_bomb(300 * MB), "engagement"),
    ],
)
def test_bombs_are_refused_quickly_with_bounded_memory(name: str, build: object, importer: str) -> None:
    data = build()  # type: ignore[operator]
    reset_peak()
    before = peak_rss_mb()
    started = time.monotonic()
    with pytest.raises((IngestError, ValidationFailed, ParseRefused)) as refused:
        if importer == "kb":
            parse_isolated(name, data, Limits(memory_mb=768, seconds=30))
        else:
            parse_upload(data, name, limits=Limits(memory_mb=768, seconds=30))
    elapsed = time.monotonic() - started
    growth = peak_rss_mb() - before
    print(
        f"\n{name} ({len(data) / MB:.1f} MB): refused in {elapsed:.2f} s, server peak +{growth:.0f} MB: {refused.value}"
    )
    assert elapsed < 15 and growth < 100
