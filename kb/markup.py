"""Markdown (and HTML converted to Markdown) split into heading sections, tables kept apart.

Uses markdown-it-py's block tokens and their source line maps; no hand-written Markdown parsing.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from kb.sections import Section

_PARSER = MarkdownIt("commonmark").enable("table")


def _top_level_blocks(text: str) -> list[tuple[str, int, int, str]]:
    """(type, first line, end line, inline content) for each top-level block."""
    blocks = []
    tokens = _PARSER.parse(text)
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        inline = tokens[index + 1].content if token.type == "heading_open" and index + 1 < len(tokens) else ""
        blocks.append((token.type, token.map[0], token.map[1], inline))
    return blocks


def first_heading(text: str) -> str | None:
    """The document's first heading, even when no text follows it directly (`# Title` then `## Part`)."""
    return next((inline.strip() for kind, _, _, inline in _top_level_blocks(text) if kind == "heading_open"), None)


def markdown_sections(text: str) -> list[Section]:
    lines = text.splitlines()
    sections: list[Section] = []
    heading, buffer = "", []

    def flush() -> None:
        body = "\n".join(buffer).strip()
        if body:
            sections.append(Section(body, f"section '{heading}'" if heading else "start", heading=heading))
        buffer.clear()

    for kind, first, end, inline in _top_level_blocks(text):
        if kind == "heading_open":
            flush()
            heading = inline.strip()
        elif kind == "table_open":
            flush()
            table = "\n".join(lines[first:end]).strip()
            locator = f"table in '{heading}'" if heading else "table"
            sections.append(Section(table, locator, kind="table", heading=heading))
        else:
            buffer.append("\n".join(lines[first:end]))
    flush()
    return sections
