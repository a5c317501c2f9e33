"""Safe reading of uploaded workbooks and CSV files, and the small value parsers every importer shares.

Workbooks are opened with openpyxl (read-only), CSV with pandas after a careful decode. Nothing here
evaluates a formula: cells are read as values, and text that looks like a formula stays text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
from charset_normalizer import from_bytes
from openpyxl import load_workbook

from core.dates import check_supported
from core.errors import ValidationFailed
from core.zip_guard import UnsafeArchive, check_zip

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS_PER_SHEET = 200_000
MAX_ROWS_PER_FILE = 300_000
MAX_CSV_ROWS = 100_000  # an X analytics or leads CSV: rows past this are not even read
MAX_COLUMNS = 200
Rows = list[tuple[Any, ...]]
DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a, %b %d, %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%m/%d/%Y %H:%M:%S",
    "%d %b %Y",
)


class ImportRejected(ValidationFailed):
    """The whole file cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Problem:
    """One thing that could not be imported, and where it was."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class PostFigures:
    """Figures for one post from an export (lifetime totals as of the export)."""

    source: str
    url: str | None = None
    day: date | None = None
    posted_at: datetime | None = None
    text: str = ""
    impressions: int | None = None
    reactions: int | None = None
    comments: int | None = None
    reposts: int | None = None
    clicks: int | None = None
    engagements: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    where: str = ""


@dataclass
class DayFigures:
    """Account-level figures for one day."""

    source: str
    day: date
    impressions: int | None = None
    engagements: int | None = None
    new_followers: int | None = None


@dataclass
class ParseResult:
    kind: str
    posts: list[PostFigures] = field(default_factory=list)
    days: list[DayFigures] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


def norm(value: object) -> str:
    """Compare names case- and punctuation-insensitively: 'Post-URL ' == 'post url' == 'POST_URL'."""
    return re.sub(r"[^a-z0-9]", "", str(value or "").lower())


def check_size(data: bytes, max_bytes: int) -> None:
    if not data:
        raise ImportRejected("The file is empty.")
    if len(data) > max_bytes:
        raise ImportRejected(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.1f} MB "
            "(BYLINE_MAX_UPLOAD_MB). Export a shorter period."
        )


def sniff(data: bytes) -> str:
    """'xlsx', 'xls', 'html' or 'text', from the first bytes (never from the file name)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<meta")):
        return "html"
    return "text"


def read_workbook(data: bytes, *, max_rows: int = MAX_ROWS_PER_SHEET) -> dict[str, Rows]:
    """Every sheet as rows of cell values, keyed by its original name."""
    kind = sniff(data)
    if kind == "html":
        raise ImportRejected(
            "This file is a web page (HTML) saved with a spreadsheet name, not a workbook. "
            "Open it in Excel or LibreOffice and save it as .xlsx, then upload that."
        )
    if kind == "xls":
        raise ImportRejected("Old-style .xls workbooks are not supported. Save the file as .xlsx and upload that.")
    if kind != "xlsx":
        raise ImportRejected("This file is not an Excel workbook (.xlsx).")
    try:
        check_zip(data, "The workbook")
    except UnsafeArchive as exc:
        raise ImportRejected(str(exc)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportRejected(f"The workbook cannot be opened ({exc.__class__.__name__}); it may be damaged.") from exc
    sheets: dict[str, Rows] = {}
    total = 0
    try:
        for sheet in book.worksheets:
            rows: Rows = []
            sheet.reset_dimensions()  # a stored size (A1:XFD1048576) is not trusted: only rows with cells are read
            for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                if len(rows) >= max_rows or total >= MAX_ROWS_PER_FILE:
                    raise ImportRejected(f"Sheet {sheet.title!r} takes the workbook over {max_rows:,} rows.")
                rows.append(tuple(row))
                total += 1
            sheets[sheet.title] = rows
    finally:
        book.close()
    return sheets


def decode_text(data: bytes) -> tuple[str, str]:
    """Text of a CSV upload and the encoding used: UTF-8 (with or without BOM), UTF-16, else detected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def read_csv(data: bytes, *, max_rows: int = MAX_CSV_ROWS) -> tuple[pd.DataFrame, list[str]]:
    """A CSV upload as a frame of strings, plus notes (such as the encoding used). A file with more than
    `max_rows` rows is refused after reading one row past the limit (the rest is never parsed)."""
    kind = sniff(data)
    if kind in ("xlsx", "xls"):
        raise ImportRejected("This is a spreadsheet workbook, not a CSV file.")
    if kind == "html":
        raise ImportRejected("This file is a web page (HTML), not a CSV export.")
    text, encoding = decode_text(data)
    notes = [] if encoding == "utf-8" else [f"The file was read as {encoding} (it is not UTF-8)."]
    if "\x00" in text:
        raise ImportRejected("The file contains binary data; it is not a CSV export.")
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True, nrows=max_rows + 1
        )
    except pd.errors.EmptyDataError as exc:
        raise ImportRejected("The file is empty.") from exc
    except pd.errors.ParserError as exc:
        raise ImportRejected(f"The CSV cannot be parsed: {exc}") from exc
    if len(frame) > max_rows:
        raise ImportRejected(f"The file has more than {max_rows:,} rows; split it into smaller files.")
    return frame, notes


def parse_count(value: object) -> int | None:
    """A whole count from a cell: 12, 12.0, '5,537', ' 1 234 '. Empty means None; other text raises."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value != value or value < 0:  # NaN or negative
            raise ValueError(f"{value!r} is not a count")
        return round(value)
    text = str(value).strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if text in ("", "-", "--", "N/A", "n/a"):
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{str(value)[:40]!r} is not a number") from None
    if number != number or number < 0:
        raise ValueError(f"{str(value)[:40]!r} is not a count")
    return round(number)


def parse_percent(value: object) -> tuple[float | None, str]:
    """A share as 0-1 plus its display text: 0.0699 -> (0.0699, '7.0%'); '< 1%' -> (None, '< 1%')."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), f"{float(value):.1%}"
    text = str(value).strip()
    if text.startswith("<"):
        return None, text
    try:
        number = float(text.rstrip("%").replace(",", ""))
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a percentage") from None
    return (number / 100 if text.endswith("%") or number > 1 else number), text


def parse_moment(value: object) -> datetime:
    """A date or time from a cell: Excel dates, M/D/YYYY, 'Sep 30, 2025', 'Sun, Sep 13, 2026', ISO.
    ValueError for anything else, and for dates outside 1970-2100."""
    moment = _moment(value)
    check_supported(moment)
    return moment


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = " ".join(str(value or "").split()).removesuffix(" UTC")
    for fmt in DATE_FORMATS:
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise ValueError(f"{text[:40]!r} is not a date")


def check_not_future(day: date, today: date) -> None:
    if day > today + timedelta(days=1):
        raise ValueError(f"the date {day.isoformat()} is in the future")


def find_header(rows: Rows, required: tuple[str, ...], *, within: int = 6) -> int | None:
    """Index of the first row (among the first `within`) holding every required header name."""
    for index, row in enumerate(rows[:within]):
        names = {norm(cell) for cell in row}
        if all(name in names for name in required):
            return index
    return None


def column(headers: list[str], *aliases: str, prefer: tuple[str, ...] = ("total", "organic")) -> int | None:
    """Index of a column by normalised aliases; 'impressions' also finds 'Impressions (total)'."""
    for alias in aliases:
        if alias in headers:
            return headers.index(alias)
    for suffix in prefer:
        for alias in aliases:
            if alias + suffix in headers:
                return headers.index(alias + suffix)
    return None


def is_blank(row: tuple[Any, ...]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)
