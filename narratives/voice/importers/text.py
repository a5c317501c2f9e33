"""Plain paste, Markdown or text files: one post per block (blank lines or `---` separate posts)."""

from __future__ import annotations

import re

from narratives.voice.importers.common import DEFAULT_MAX_BYTES, check_size, clean_text, decode_text
from narratives.voice.importers.types import ParsedImport, ParsedPost

SEPARATOR_LINE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")


def split_blocks(text: str) -> list[tuple[int, str]]:
    """Blocks as (first line number, text). A `---` line separates posts; if the text has any such
    line, blank lines stay inside posts; otherwise every blank-line-separated block is a post."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_rule = any(SEPARATOR_LINE.match(line) for line in lines)
    blocks: list[tuple[int, str]] = []
    start, current = 1, []  # type: int, list[str]
    for number, line in enumerate(lines, start=1):
        boundary = SEPARATOR_LINE.match(line) if by_rule else not line.strip()
        if boundary:
            if "".join(current).strip():
                blocks.append((start, "\n".join(current)))
            start, current = number + 1, []
            continue
        if not current and not line.strip():
            start = number + 1
            continue
        current.append(line)
    if "".join(current).strip():
        blocks.append((start, "\n".join(current)))
    return blocks


def parse_plain_text(text: str, channel: str = "linkedin") -> ParsedImport:
    """Posts from pasted text; each block keeps its first line number as its row."""
    posts = [
        ParsedPost(text=clean_text(block), channel="x" if channel == "x" else "linkedin", origin="paste", row=row)
        for row, block in split_blocks(text)
    ]
    return ParsedImport(source="paste", posts=posts, rejected=[])


def parse_text_file(
    data: bytes, name: str = "posts.txt", channel: str = "linkedin", max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedImport:
    """A .txt or .md file: same rules as a paste."""
    check_size(data, name, max_bytes)
    return parse_plain_text(decode_text(data, name), channel)
