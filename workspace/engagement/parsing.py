"""Recognise an uploaded export and parse it with the right importer (no database access here)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import ModuleType

from core.isolation import Limits, preload, run_isolated
from workspace.engagement import company_page, linkedin_creator, linkedin_post, x_csv
from workspace.engagement.readers import (
    DEFAULT_MAX_BYTES,
    ImportRejected,
    ParseResult,
    check_size,
    norm,
    read_csv,
    read_workbook,
    sniff,
)

KINDS = {
    "auto": "Recognise automatically",
    linkedin_creator.SOURCE: "LinkedIn creator analytics workbook",
    linkedin_post.SOURCE: "LinkedIn single-post analytics workbook",
    company_page.SOURCE: "LinkedIn Company Page export",
    x_csv.SOURCE: "X analytics CSV",
}
WORKBOOK_KINDS = (linkedin_creator, linkedin_post, company_page)
for _module in (__name__, "openpyxl"):
    preload(_module)


def parse_upload(
    data: bytes,
    filename: str,
    *,
    kind: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
    limits: Limits | None = None,
) -> ParseResult:
    """Parse an export in a process with memory and time limits (core/isolation.py). Raises ImportRejected when
    nothing in the file can be read; otherwise the result carries what was read plus per-sheet and per-row
    problems."""
    check_size(data, max_bytes)
    if kind not in KINDS:
        raise ImportRejected(f"Unknown export kind {kind!r}.")
    today = today or datetime.now(UTC).date()
    return run_isolated(parse_export, data, filename, kind, today, what="The export", limits=limits)


def parse_export(data: bytes, filename: str, kind: str, today: date) -> ParseResult:
    """The parse itself (in the parsing process)."""
    if kind == x_csv.SOURCE or (kind == "auto" and sniff(data) == "text"):
        return _parse_csv(data, filename, today)
    sheets = read_workbook(data)
    if not sheets or all(not rows for rows in sheets.values()):
        raise ImportRejected("The workbook has no data.")
    module = _pick_workbook_kind(sheets, kind)
    return module.parse(sheets, today=today)


def _pick_workbook_kind(sheets: dict[str, list[tuple[object, ...]]], kind: str) -> ModuleType:
    for module in WORKBOOK_KINDS:
        if kind == module.SOURCE or (kind == "auto" and module.looks_like(sheets)):
            return module
    names = ", ".join(repr(name) for name in sheets)
    raise ImportRejected(
        f"This workbook (sheets {names}) is not a LinkedIn creator, single-post or Company Page export. "
        "Choose the kind of export by hand if the sheet names were changed."
    )


def _parse_csv(data: bytes, filename: str, today: date) -> ParseResult:
    frame, notes = read_csv(data)
    if frame.empty and not len(frame.columns):
        raise ImportRejected("The file is empty.")
    if {"utmsource", "utmcampaign"} & {norm(name) for name in frame.columns}:
        raise ImportRejected("This looks like a UTM leads file; import it under 'Leads from links'.")
    if not x_csv.looks_like(frame):
        raise ImportRejected(
            f"{filename or 'This CSV'} is not an X analytics export (expected a 'Post id' or 'Tweet id' column)."
        )
    result = x_csv.parse(frame, today=today)
    result.notes[:0] = notes
    return result
