"""LinkedIn member data export: Shares.csv, or the whole export .zip with Shares.csv inside."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from pathlib import PurePosixPath

from core.dates import check_supported
from core.errors import ValidationFailed
from core.zip_guard import check_zip
from narratives.voice.importers.common import (
    DEFAULT_MAX_BYTES,
    check_length,
    check_size,
    clean_text,
    decode_text,
    excerpt,
    is_placeholder,
    optional,
)
from narratives.voice.importers.types import ParsedImport, ParsedPost, RejectedRow

EXPECTED_COLUMNS = ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility")
REQUIRED_COLUMNS = ("Date", "ShareLink", "ShareCommentary")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d", "%m/%d/%Y")
RESHARE_MARKERS = ("linkedin.com/feed/update/", "linkedin.com/posts/")


class RowRejected(ValueError):
    """A single row cannot be imported; the message is the reason shown to the user."""


def parse_date(value: str | None) -> datetime:
    """A LinkedIn export date as an aware UTC datetime, or RowRejected saying what is wrong."""
    if value is None or is_placeholder(value):
        raise RowRejected("no date")
    raw = value.strip()
    text = raw[:-4].strip() if raw.upper().endswith(" UTC") else raw
    impossible: str | None = None
    for fmt in DATE_FORMATS:
        try:
            moment = datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError as exc:
            if "does not match format" not in str(exc) and "unconverted data" not in str(exc):
                impossible = str(exc)
            continue
        try:
            check_supported(moment)
        except ValueError as exc:
            raise RowRejected(str(exc)) from None
        return moment
    if impossible:
        raise RowRejected(f"impossible date '{raw}' ({impossible})")
    raise RowRejected(f"date '{raw}' is not a date (expected YYYY-MM-DD HH:MM:SS)")


def clean_commentary(value: str) -> str:
    """The documented Shares.csv clean-up: wrapping quotes, quote-newline-quote joins, doubled quotes."""
    text = value.replace("\r\n", "\n")
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1]
    text = text.replace('"\n"', "\n").replace('""', '"')
    return clean_text(text)


def _check_columns(fieldnames: list[str] | None, name: str) -> None:
    found = [column.strip() for column in fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in found]
    if missing:
        raise ValidationFailed(
            f"{name} does not look like LinkedIn Shares.csv: expected the columns "
            f"{', '.join(EXPECTED_COLUMNS)}; missing {', '.join(missing)}; "
            f"found {', '.join(found) or 'no header'}."
        )


def _row_to_post(row: dict[str | None, str | None], number: int) -> ParsedPost:
    published_at = parse_date(row.get("Date"))
    commentary = row.get("ShareCommentary")
    if commentary is None or is_placeholder(commentary):
        raise RowRejected("no text (empty or a placeholder such as NA/NULL)")
    text = clean_commentary(commentary)
    if not text:
        raise RowRejected("no text after clean-up")
    shared = optional(row.get("SharedUrl")) or ""
    return ParsedPost(
        text=text,
        channel="linkedin",
        origin="linkedin_import",
        published_at=published_at,
        url=optional(row.get("ShareLink")),
        is_reshare=any(marker in shared for marker in RESHARE_MARKERS),
        row=number,
    )


def parse_shares_text(text: str, name: str = "Shares.csv") -> ParsedImport:
    """Parse decoded Shares.csv text with a real CSV reader; bad rows are rejected with reasons."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        fieldnames = reader.fieldnames
        _check_columns(list(fieldnames) if fieldnames else None, name)
        reader.fieldnames = [column.strip() for column in fieldnames or []]
        posts: list[ParsedPost] = []
        rejected: list[RejectedRow] = []
        for number, row in enumerate(reader, start=2):
            try:
                posts.append(_row_to_post(row, number))
            except RowRejected as exc:
                rejected.append(RejectedRow(number, str(exc), excerpt(row.get("ShareCommentary") or "")))
    except csv.Error as exc:
        raise ValidationFailed(f"{name} is not a readable CSV file: {exc}.") from exc
    return ParsedImport(source="linkedin_shares", posts=posts, rejected=rejected)


def parse_shares_csv(data: bytes, name: str = "Shares.csv", max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedImport:
    """Parse the bytes of a Shares.csv file (UTF-8, with or without BOM)."""
    check_size(data, name, max_bytes)
    return parse_shares_text(decode_text(data, name), name)


def parse_linkedin_zip(data: bytes, name: str = "export.zip", max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedImport:
    """Pick Shares.csv out of a LinkedIn export .zip and parse it."""
    check_size(data, name, max_bytes)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValidationFailed(f"{name} is not a valid .zip file ({exc}).") from exc
    check_zip(data, name)
    with archive:
        members = [info for info in archive.infolist() if PurePosixPath(info.filename).name.lower() == "shares.csv"]
        if not members:
            raise ValidationFailed(
                f"{name} has no Shares.csv. Request LinkedIn's full ('larger') data export, "
                "which includes your posts, or upload Shares.csv itself."
            )
        member = members[0]
        check_length(member.file_size, f"{name}/{member.filename}", max_bytes)
        content = archive.read(member)
    return parse_shares_csv(content, f"{name}/{member.filename}", max_bytes)
