"""The finishing step between the model and the user: clean-up, repair, and what changed (in order)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from narratives.drafting.repair import repair
from narratives.drafting.tidy import Change, cut_unfinished, drop_repeats, limit_hashtags, squeeze, strip_frame

CITED = re.compile(r"\s?\[\s*(S\d+)\s*\]")


def drop_unknown_markers(text: str, labels: Sequence[str]) -> tuple[str, list[Change]]:
    """Citation markers for facts the model was not given are taken out (the sentence stays)."""
    unknown = sorted({m.group(1) for m in CITED.finditer(text)} - set(labels))
    if not unknown:
        return text, []
    cleaned = CITED.sub(lambda m: "" if m.group(1) in unknown else m.group(0), text)
    return cleaned, [Change("edited", ", ".join(f"[{u}]" for u in unknown), "cites a fact the draft was not given")]


def finish_text(
    text: str,
    *,
    facts: Sequence[str],
    labels: Sequence[str],
    known_names: str,
    hashtags: tuple[int, tuple[str, ...]],
    truncated: bool,
) -> tuple[str, list[Change]]:
    """Frame and banners off, repeats out, unsupported sentences dropped, hashtags to the leader's habit, and an
    unfinished last sentence cut when the model hit its length limit."""
    changes: list[Change] = []
    text, found = strip_frame(text)
    changes += found
    text, found = drop_unknown_markers(text, labels)
    changes += found
    text, found = drop_repeats(text)
    changes += found
    if truncated:
        text, found = cut_unfinished(text)
        changes += found
    text, found = repair(text, facts, known_names)
    changes += found
    allowed, own = hashtags
    text, found = limit_hashtags(text, allowed, own)
    changes += found
    return squeeze(text), changes
