"""Reading an upload into passages, in a separate process with memory and time limits (core/isolation.py).

Zip-based formats (DOCX, PPTX) are checked for compression bombs first; a document may hold at most MAX_CHUNKS
passages. Everything here runs in the child process, so a hostile file can use up only that process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from core.isolation import Limits, ParseRefused, preload, run_isolated
from core.zip_guard import UnsafeArchive, check_zip, is_zip
from kb.chunking import Chunk, chunk_sections
from kb.errors import IngestError
from kb.loaders import load_document
from kb.sections import LoadedDocument

MAX_CHUNKS = 3_000
MIN_WORDS = 1  # a passage of bare punctuation (a thousand nested quote marks) is not material worth embedding
_WORD = re.compile(r"[^\W\d_]{2,}")
ZIP_FORMATS = (".docx", ".pptx")
for _module in (__name__, "docx", "pptx", "pypdf", "trafilatura", "bs4"):
    preload(_module)


@dataclass(frozen=True)
class ParsedDocument:
    document: LoadedDocument
    chunks: list[Chunk]


def parse_document(name: str, data: bytes) -> ParsedDocument:
    """Extract and chunk one file (in the parsing process). Raises IngestError with a per-file reason."""
    if PurePath(name).suffix.lower() in ZIP_FORMATS or is_zip(data):
        try:
            check_zip(data, "The file")
        except UnsafeArchive as exc:
            raise IngestError(name, str(exc)) from None
    document = load_document(name, data)
    chunks = [chunk for chunk in chunk_sections(document.sections) if len(_WORD.findall(chunk.text)) >= MIN_WORDS]
    if not chunks:
        raise IngestError(name, "it holds no passage with words in it (only symbols or numbers?).")
    if len(chunks) > MAX_CHUNKS:
        raise IngestError(
            name, f"it holds {len(chunks):,} passages; the limit is {MAX_CHUNKS:,} per document. Split it up."
        )
    return ParsedDocument(document, chunks)


def parse_isolated(name: str, data: bytes, limits: Limits | None = None) -> ParsedDocument:
    """`parse_document` in a limited child process; running out of memory or time is an IngestError too."""
    try:
        return run_isolated(parse_document, name, data, what="The file", limits=limits)
    except ParseRefused as exc:
        raise IngestError(name, str(exc)) from exc
