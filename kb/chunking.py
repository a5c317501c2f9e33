"""Structure first (sections from the loaders), then ~130-word windows with overlap; tables kept whole."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from kb.sections import Section

WINDOW_WORDS = 130
OVERLAP_WORDS = 25
MAX_TABLE_WORDS = 170  # MiniLM reads 256 tokens; numbers tokenise densely.


@dataclass(frozen=True)
class Chunk:
    text: str
    locator: str
    heading: str
    kind: str


def _word_count(text: str) -> int:
    return len(text.split())


def _splitter(window: int, overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=window,
        chunk_overlap=overlap,
        length_function=_word_count,
        separators=["\n\n", "\n", ". ", "; ", ", ", " "],
        keep_separator="end",
    )


def _split_table(section: Section, limit: int) -> list[str]:
    """Whole if it fits; otherwise row groups that each repeat the header row."""
    if _word_count(section.text) <= limit:
        return [section.text]
    header, *rows = section.text.splitlines()
    if rows and set(rows[0].replace("|", "").strip()) <= set("-: "):
        header, rows = header + "\n" + rows[0], rows[1:]
    parts: list[str] = []
    current: list[str] = []
    for row in rows:
        if current and _word_count("\n".join([header, *current, row])) > limit:
            parts.append("\n".join([header, *current]))
            current = []
        current.append(row)
    if current:
        parts.append("\n".join([header, *current]))
    return parts


def chunk_sections(sections: list[Section], window: int = WINDOW_WORDS, overlap: int = OVERLAP_WORDS) -> list[Chunk]:
    """Chunks in document order; a chunk never crosses a section (page, slide, heading) boundary."""
    splitter = _splitter(window, overlap)
    chunks: list[Chunk] = []
    for section in sections:
        if section.kind == "table":
            texts = _split_table(section, max(window, MAX_TABLE_WORDS))
        else:
            texts = splitter.split_text(section.text)
        chunks.extend(
            Chunk(text=t.strip(), locator=section.locator, heading=section.heading, kind=section.kind)
            for t in texts
            if t.strip()
        )
    return chunks
