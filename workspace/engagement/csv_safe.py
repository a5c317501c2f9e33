"""CSV downloads that spreadsheets cannot execute: text cells starting with = + - @ (or tab/CR) get a leading
apostrophe (OWASP's advice for CSV injection). Numbers stay numbers."""

from __future__ import annotations

import pandas as pd

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for name in safe.columns:
        if safe[name].dtype == object or pd.api.types.is_string_dtype(safe[name]):
            safe[name] = safe[name].map(neutralise)
    safe.columns = [str(neutralise(str(name))) for name in safe.columns]
    return safe


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (so Excel reads accents), formula-injection-safe."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
