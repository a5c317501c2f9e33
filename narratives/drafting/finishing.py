"""The finishing step between the model and the user: clean-up, repair, and what changed (in order)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from narratives.drafting.repair import repair
from narratives.drafting.tidy import (
    Change,
    break_lines,
    cut_unfinished,
    drop_dangling_labels,
    drop_repeats,
    limit_hashtags,
    renumber_lists,
    squeeze,
    strip_frame,
)

CITED = re.compile(r"[ \t]?\[\s*[A-Z]{1,3}\s?\d{1,2}\s*\]")


def drop_markers(text: str) -> str:
    """Citation-style markers ([S1], [SA2]) out of the text: the draft's citations are shown beside it."""
    return CITED.sub("", text)


def finish_text(
    text: str,
    *,
    facts: Sequence[str],
    known_names: str,
    past: Sequence[str] = (),
    short_lines: bool = False,
    hashtags: tuple[int, tuple[str, ...]],
    truncated: bool,
) -> tuple[str, list[Change]]:
    """Frame, banners and markers off; repeats (and sentences copied from the `past` posts the prompt showed) out;
    an unfinished last sentence cut when the model hit its length limit; unsupported sentences dropped; hashtags
    to the leader's habit."""
    changes: list[Change] = []
    text, found = strip_frame(text)
    changes += found
    text = drop_markers(text)
    text, found = drop_repeats(text, past, facts)
    changes += found
    if truncated:
        text, found = cut_unfinished(text)
        changes += found
    text, found = repair(text, facts, known_names)
    changes += found
    text, found = drop_dangling_labels(text)
    changes += found
    if short_lines:
        text, found = break_lines(text)
        changes += found
    allowed, own = hashtags
    text, found = limit_hashtags(text, allowed, own)
    changes += found
    return squeeze(renumber_lists(text)), changes
