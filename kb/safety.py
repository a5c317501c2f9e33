"""Flags passages that read like instructions to a model, so drafting quotes them as data only."""

from __future__ import annotations

import re

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|any|your)\b.{0,30}"
    r"\b(instructions?|prompts?|rules|directions|guidelines)\b",
    r"\byou are now\b",
    r"\b(system|developer)\s+(prompt|message|instructions?)\b",
    r"\bnew instructions?\s*:",
    r"\bdo not (tell|inform|reveal)\b.{0,40}\b(user|anyone)\b",
    r"\b(reveal|print|output|leak)\b.{0,30}\b(system prompt|api key|password|secrets?)\b",
    r"\bact as (an?|the)\b.{0,40}\b(assistant|model|ai|chatbot)\b",
]
_INSTRUCTION_LIKE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.DOTALL)


def looks_like_instructions(text: str) -> bool:
    """True when the text addresses a model with commands (prompt injection)."""
    return bool(_INSTRUCTION_LIKE.search(text))
