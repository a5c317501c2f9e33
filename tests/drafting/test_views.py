"""What the Draft studio shows about the finishing step, and the background warm-up (once per model, leader and
channel; retried after a failure)."""

from __future__ import annotations

import threading

from narratives.drafting.tidy import Change
from narratives.drafting.views import change_lines, changes_label
from narratives.drafting.warmup import Warmer
from narratives.llm.errors import ModelUnavailable


def test_changes_read_as_one_line_each_with_the_reason() -> None:
    changes = [
        Change("removed", "Line 4 used 40% more energy than Line 1.", "not in the facts given: 4, 40%, 1"),
        Change("edited", "#AI", "hashtags inside sentences turned back into words"),
        Change("removed", "word " * 60, "repeats what the draft already says"),
    ]
    lines = change_lines(changes)
    assert lines[0] == "Removed “Line 4 used 40% more energy than Line 1.”: not in the facts given: 4, 40%, 1."
    assert lines[1].startswith("Changed “#AI”") and lines[2].count("word") < 40 and "…”" in lines[2]
    assert changes_label(changes) == "What was fixed before you saw it (2 removed, 1 changed)"
    assert changes_label([]) == "Nothing changed after the model wrote it"


def test_each_warm_up_runs_once_in_the_background_and_a_failed_one_is_retried() -> None:
    warmer = Warmer()
    calls: list[str] = []
    release = threading.Event()

    def warm() -> None:
        calls.append("warm")
        release.wait(5)

    key = ("model", 1, "linkedin")
    assert warmer.start(key, warm) and not warmer.start(key, warm)
    release.set()
    warmer.wait(key, 5)
    assert calls == ["warm"] and not warmer.start(key, warm)

    def down() -> None:
        raise ModelUnavailable("not yet")

    other = ("model", 2, "x")
    assert warmer.start(other, down)
    warmer.wait(other, 5)
    assert warmer.start(other, warm)
    warmer.wait(other, 5)
