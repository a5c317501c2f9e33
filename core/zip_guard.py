"""Refuse zip containers (DOCX, PPTX, XLSX, export .zip files) that would unpack to far more than they weigh.

Checked from the zip's directory before any parser opens the file: the number of members, the total uncompressed
size and the compression ratio. A directory that lies about sizes is caught by the parsing process's memory limit
(core/isolation.py); this check makes the common bomb fail fast with a clear message.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from core.errors import ValidationFailed

MB = 1024 * 1024


class UnsafeArchive(ValidationFailed):
    """A zip container that is damaged or would unpack to too much data."""


@dataclass(frozen=True)
class ZipLimits:
    max_total_bytes: int = 256 * MB
    max_ratio: float = 100.0
    max_members: int = 10_000
    ratio_floor_bytes: int = 1 * MB  # small members may compress very well (repeated XML); only big ones are judged


DEFAULT_ZIP_LIMITS = ZipLimits()


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def check_zip(data: bytes, what: str, limits: ZipLimits = DEFAULT_ZIP_LIMITS) -> None:
    """UnsafeArchive unless the zip is readable and within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnsafeArchive(f"{what} cannot be opened: it is a damaged or incomplete zip file ({exc}).") from exc
    if len(members) > limits.max_members:
        raise UnsafeArchive(f"{what} holds {len(members):,} files; the limit is {limits.max_members:,}.")
    total = sum(member.file_size for member in members)
    if total > limits.max_total_bytes:
        raise UnsafeArchive(
            f"{what} would unpack to {total / MB:,.0f} MB; the limit is {limits.max_total_bytes / MB:,.0f} MB."
        )
    if total > limits.ratio_floor_bytes and total / max(len(data), 1) > limits.max_ratio:
        raise UnsafeArchive(_ratio_message(what, total / max(len(data), 1), limits))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise UnsafeArchive(_ratio_message(what, ratio, limits))


def _ratio_message(what: str, ratio: float, limits: ZipLimits) -> str:
    return (
        f"{what} is compressed {ratio:,.0f} to 1, more than any real document ({limits.max_ratio:,.0f} to 1 at most); "
        "it looks like a compression bomb and was not opened."
    )
