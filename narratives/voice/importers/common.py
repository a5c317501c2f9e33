"""Helpers shared by the importers: size limits, decoding, placeholders, text clean-up, CSV safety."""

from __future__ import annotations

import unicodedata

from core.csv_safe import safe_text
from core.errors import ValidationFailed

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
PLACEHOLDERS = frozenset({"", "na", "n/a", "#n/a", "null", "none", "nan", "<na>", "1.#qnan", "-", '""'})


def check_length(length: int, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file (or zip member) over the size limit."""
    if length > max_bytes:
        raise ValidationFailed(
            f"{name} is too large: {length:,} bytes, the limit is {max_bytes:,} bytes "
            f"({max_bytes / 1_048_576:.1f} MB). Export a shorter period or split the file."
        )


def check_size(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse empty files and files over the limit before parsing anything."""
    check_length(len(data), name, max_bytes)
    if not data.strip():
        raise ValidationFailed(f"{name} is empty: there is nothing to import.")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (a leading BOM is dropped) or a clear error naming the bad byte and its position."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ValidationFailed(
            f"{name} is not UTF-8 text: byte 0x{bad} at position {exc.start} cannot be decoded "
            "(the file may be saved as Latin-1/Windows-1252 or be binary). Re-save it as UTF-8."
        ) from exc


def is_placeholder(value: str | None) -> bool:
    """True for empty cells and the NA/NULL/N/A style placeholders exports use."""
    return value is None or value.strip().lower() in PLACEHOLDERS


def optional(value: str | None) -> str | None:
    """The stripped value, or None when it is a placeholder."""
    return None if value is None or is_placeholder(value) else value.strip()


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters (keeping newlines and tabs) and outer blank space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = "".join(kept).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def csv_safe(value: object) -> str:
    """Neutralise spreadsheet formula injection for any CSV we export: prefix risky leads with a quote."""
    return safe_text(value)


def excerpt(text: str, limit: int = 60) -> str:
    """A one-line preview of a text for rejection reports."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
