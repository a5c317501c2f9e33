"""Corporate lingo, product pitch and hard sell, from a word list comms staff can edit (data/lingo.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from narratives.drafting.checks.findings import Finding

LINGO_FILE = Path(__file__).resolve().parent.parent / "data" / "lingo.yaml"
LABELS = {
    "buzzwords": ("Corporate lingo", "say it plainly"),
    "pitch": ("Product pitch", "thought leadership shares a view, it does not sell"),
    "hard_sell": ("Hard sell", "drop the pressure"),
}


@lru_cache(maxsize=4)
def phrase_lists(path: Path = LINGO_FILE) -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: tuple(str(item).lower() for item in data.get(key, [])) for key in LABELS}


def _found(text: str, phrases: tuple[str, ...]) -> list[str]:
    lowered = text.lower().replace("’", "'")
    return [p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", lowered)]


def check_lingo(text: str, path: Path = LINGO_FILE) -> list[Finding]:
    findings = []
    for key, phrases in phrase_lists(path).items():
        hits = _found(text, phrases)
        if hits:
            label, advice = LABELS[key]
            quoted = ", ".join(f"'{hit}'" for hit in hits[:6])
            findings.append(Finding("lingo", "warn", f"{label}: {quoted}; {advice}."))
    return findings or [Finding("lingo", "ok", "No corporate lingo, pitch or hard sell found.")]
