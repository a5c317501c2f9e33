"""What the Draft studio shows about a finished variant, as plain lines (the page only renders them)."""

from __future__ import annotations

from collections.abc import Sequence

from narratives.drafting.tidy import Change

SNIPPET = 140
KIND = {"removed": "Removed", "edited": "Changed"}


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def change_lines(changes: Sequence[Change]) -> list[str]:
    """One line per change: what was removed or changed, and why."""
    return [f"{KIND.get(c.kind, c.kind.title())} “{_short(c.before)}”: {c.reason}." for c in changes]


def changes_label(changes: Sequence[Change]) -> str:
    if not changes:
        return "Nothing changed after the model wrote it"
    removed = sum(1 for c in changes if c.kind == "removed")
    return f"What was fixed before you saw it ({removed} removed, {len(changes) - removed} changed)"
