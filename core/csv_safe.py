"""CSV downloads that spreadsheets cannot execute or split.

Text cells starting with = + - @ (or a tab or carriage return) get a leading apostrophe (OWASP's advice on CSV
injection), and every field is quoted, so a carriage return inside a cell can never start a new row whose first
cell is a formula. Numbers keep their value (a quoted number is still a number to a spreadsheet).
"""

from __future__ import annotations

import csv

import pandas as pd

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def safe_text(value: object) -> str:
    """Any value as inert cell text (None is an empty cell)."""
    return str(neutralise("" if value is None else str(value)))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for name in safe.columns:
        if safe[name].dtype == object or pd.api.types.is_string_dtype(safe[name]):
            safe[name] = safe[name].map(neutralise)
    safe.columns = [str(neutralise(str(name))) for name in safe.columns]
    return safe


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (so Excel reads accents), every field quoted, formula-injection-safe."""
    text = safe_frame(frame).to_csv(index=False, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    return text.encode("utf-8-sig")
