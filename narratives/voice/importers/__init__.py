"""Importers for a leader's past posts. Each returns a ParsedImport (accepted posts + rejected rows)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath

from core.errors import ValidationFailed
from core.isolation import preload, run_isolated
from narratives.voice.importers.common import DEFAULT_MAX_BYTES, check_size, csv_safe
from narratives.voice.importers.linkedin import parse_linkedin_zip, parse_shares_csv
from narratives.voice.importers.text import parse_plain_text, parse_text_file
from narratives.voice.importers.types import EngagementCounts, ParsedImport, ParsedPost, RejectedRow
from narratives.voice.importers.x_archive import parse_tweets, parse_x_files

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EngagementCounts",
    "ParsedImport",
    "ParsedPost",
    "RejectedRow",
    "csv_safe",
    "parse_file",
    "parse_files",
    "parse_linkedin_zip",
    "parse_plain_text",
    "parse_shares_csv",
    "parse_text_file",
    "parse_tweets",
    "parse_x_files",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MAX_ROWS = 50_000
preload(__name__)


def parse_file(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, channel: str = "linkedin") -> ParsedImport:
    """Choose the importer by file name: .zip, .csv, X archive .js, or text/Markdown."""
    suffix = PurePath(name).suffix.lower()
    check_size(data, name, max_bytes)
    if suffix == ".zip":
        return parse_linkedin_zip(data, name, max_bytes)
    if suffix == ".csv":
        return parse_shares_csv(data, name, max_bytes)
    if suffix == ".js":
        return parse_x_files({name: data}, max_bytes)
    if suffix in TEXT_SUFFIXES:
        return parse_text_file(data, name, channel, max_bytes)
    raise ValidationFailed(
        f"{name}: unsupported file type '{suffix or 'none'}'. Upload LinkedIn Shares.csv or its export .zip, "
        "an X archive tweets.js / note-tweet.js, or a .txt / .md file."
    )


def parse_files(
    files: Mapping[str, bytes], max_bytes: int = DEFAULT_MAX_BYTES, channel: str = "linkedin"
) -> ParsedImport:
    """Several uploads at once, read in a process with memory and time limits (core/isolation.py)."""
    if not files:
        raise ValidationFailed("No file was given.")
    for name, data in files.items():
        check_size(data, name, max_bytes)
    parsed = run_isolated(parse_files_here, dict(files), max_bytes, channel, what="The upload")
    if len(parsed.posts) + len(parsed.rejected) > MAX_ROWS:
        raise ValidationFailed(f"The upload holds more than {MAX_ROWS:,} posts; import a shorter period at a time.")
    return parsed


def parse_files_here(
    files: Mapping[str, bytes], max_bytes: int = DEFAULT_MAX_BYTES, channel: str = "linkedin"
) -> ParsedImport:
    """The parse itself: X archive parts go together (so note-tweet.js can complete long posts)."""
    if not files:
        raise ValidationFailed("No file was given.")
    x_files = {name: data for name, data in files.items() if PurePath(name).suffix.lower() == ".js"}
    results = [parse_x_files(x_files, max_bytes)] if x_files else []
    results += [parse_file(name, data, max_bytes, channel) for name, data in files.items() if name not in x_files]
    if len(results) == 1:
        return results[0]
    return ParsedImport(
        source="+".join(result.source for result in results),
        posts=[post for result in results for post in result.posts],
        rejected=[row for result in results for row in result.rejected],
    )
