"""Text extraction per format into ordered sections with locators (page, slide, heading, rows)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import PurePath

from kb.errors import IngestError
from kb.markup import first_heading, markdown_sections
from kb.salience import salient_names
from kb.sections import LoadedDocument, Section


def _stem(name: str) -> str:
    return PurePath(name).stem or name


def _readable_title(candidate: str | None, name: str) -> str:
    """Use a metadata title only if it reads like words (not an id like 0000320193-23-000077)."""
    if candidate and len(re.findall(r"[A-Za-z]{3,}", candidate)) >= 1:
        return candidate.strip()[:300]
    return _stem(name)


_DIGITS = re.compile(r"\d+")


def _running_lines(pages: list[str]) -> set[str]:
    """Lines (digits ignored) repeated on most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_DIGITS.sub("#", line.strip()) for line in page.splitlines() if line.strip()})
    return {line for line, count in seen.items() if count >= 0.6 * len(pages) and line not in {"", "#"}}


def _strip_running(page: str, running: set[str]) -> str:
    kept = [line for line in page.splitlines() if _DIGITS.sub("#", line.strip()) not in running]
    while kept and kept[-1].strip().isdigit():
        kept.pop()
    return "\n".join(kept).strip()


def _pdf_context(pages: list[str], running: set[str]) -> str:
    for page in pages:
        for line in page.splitlines():
            words = re.findall(r"[A-Za-z]{2,}", line)
            if _DIGITS.sub("#", line.strip()) in running and len(words) >= 2 and "contents" not in line.lower():
                return re.sub(r"[\s|]*\d+\s*$", "", line.strip())
    return ""


def load_pdf(name: str, data: bytes) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(name, "the PDF is password-protected; remove the password and upload it again.")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(name, f"the PDF cannot be read ({exc}); it may be damaged.") from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        if "crypt" in str(exc).lower() or "password" in str(exc).lower():
            raise IngestError(name, "the PDF is password-protected; remove the password and upload it again.") from exc
        raise IngestError(name, f"the PDF cannot be read ({type(exc).__name__}: {exc}).") from exc
    running = _running_lines(pages)
    sections = [
        Section(text=_strip_running(text, running), locator=f"page {number}")
        for number, text in enumerate(pages, start=1)
    ]
    created = getattr(meta, "creation_date", None) if meta else None
    return LoadedDocument(
        title=_readable_title(meta.title if meta else None, name),
        kind="pdf",
        sections=[s for s in sections if s.text],
        date=created.date() if created else None,
        context=_pdf_context(pages, running),
    )


def _table_text(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(cell.strip() for cell in row) for row in rows)


def load_docx(name: str, data: bytes) -> LoadedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise IngestError(name, f"the Word file cannot be read ({type(exc).__name__}).") from exc
    sections: list[Section] = []
    heading, buffer = "", []

    def flush() -> None:
        if buffer:
            sections.append(Section("\n".join(buffer), f"section '{heading}'" if heading else "start", heading=heading))
            buffer.clear()

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            if style.startswith("Heading") or style == "Title":
                flush()
                heading = block.text.strip()
            elif block.text.strip():
                buffer.append(block.text.strip())
        elif isinstance(block, Table):
            flush()
            rows = [[cell.text for cell in row.cells] for row in block.rows]
            locator = f"table in '{heading}'" if heading else "table"
            sections.append(Section(_table_text(rows), locator, kind="table", heading=heading))
    flush()
    props = document.core_properties
    when = props.created or props.modified
    return LoadedDocument(_readable_title(props.title, name), "docx", sections, date=when.date() if when else None)


def load_pptx(name: str, data: bytes) -> LoadedDocument:
    from pptx import Presentation

    try:
        deck = Presentation(io.BytesIO(data))
    except Exception as exc:
        raise IngestError(name, f"the PowerPoint file cannot be read ({type(exc).__name__}).") from exc
    sections: list[Section] = []
    for number, slide in enumerate(deck.slides, start=1):
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None else ""
        texts: list[str] = []
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                sections.append(Section(_table_text(rows), f"slide {number}", kind="table", heading=title))
            elif shape.has_text_frame and shape is not title_shape and shape.text_frame.text.strip():
                texts.append(shape.text_frame.text.strip())
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            texts.append(slide.notes_slide.notes_text_frame.text.strip())
        body = "\n".join(t for t in [title, *texts] if t)
        if body:
            sections.append(Section(body, f"slide {number}", heading=title))
    props = deck.core_properties
    when = props.created or props.modified
    return LoadedDocument(_readable_title(props.title, name), "pptx", sections, date=when.date() if when else None)


def _decode(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(name, "the file is not text in UTF-8 or Windows-1252.")


def load_markdown(name: str, data: bytes) -> LoadedDocument:
    text = _decode(name, data)
    return LoadedDocument(_readable_title(first_heading(text), name), "markdown", markdown_sections(text))


def load_html(name: str, data: bytes) -> LoadedDocument:
    import trafilatura

    raw = _decode(name, data)
    html = _without_chrome(raw)
    extracted = trafilatura.extract(html, output_format="markdown", include_tables=True, favor_recall=True)
    if not extracted:
        extracted = _soup_main_text(html)
    meta = trafilatura.extract_metadata(raw)
    title = meta.title if meta is not None else None
    when = date.fromisoformat(meta.date) if meta is not None and meta.date else None
    return LoadedDocument(_readable_title(title, name), "html", markdown_sections(extracted), date=when)


_CHROME = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "iframe"]


def _without_chrome(html: str) -> str:
    """Drop scripts, styles and navigation before extraction."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(_CHROME):
        tag.decompose()
    return str(soup)


def _soup_main_text(html: str) -> str:
    """Fallback for pages too small for trafilatura."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    return root.get_text("\n", strip=True)


def load_text(name: str, data: bytes) -> LoadedDocument:
    return LoadedDocument(_stem(name), "text", [Section(_decode(name, data), "text")])


CSV_ROWS_PER_SECTION = 15


def load_csv(name: str, data: bytes) -> LoadedDocument:
    text = _decode(name, data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise IngestError(name, f"the CSV cannot be parsed ({exc}).") from exc
    if not rows:
        return LoadedDocument(_stem(name), "csv", [])
    header, body = rows[0], rows[1:]
    sections = []
    for start in range(0, max(len(body), 1), CSV_ROWS_PER_SECTION):
        block = body[start : start + CSV_ROWS_PER_SECTION]
        locator = f"rows {start + 1}-{start + len(block)}" if block else "header"
        sections.append(Section(_table_text([header, *block]), locator, kind="table"))
    return LoadedDocument(_stem(name), "csv", sections)


LOADERS: dict[str, Callable[[str, bytes], LoadedDocument]] = {
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".pptx": load_pptx,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
    ".csv": load_csv,
}


def load_document(name: str, data: bytes) -> LoadedDocument:
    """Extract a document, or raise IngestError with a per-file reason."""
    suffix = PurePath(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        supported = ", ".join(sorted(LOADERS))
        raise IngestError(name, f"'{suffix or 'no extension'}' files are not supported (supported: {supported}).")
    if not data:
        raise IngestError(name, "the file is empty (0 bytes).")
    document = loader(name, data)
    if not any(section.text.strip() for section in document.sections):
        raise IngestError(name, "no text could be extracted (a scanned image or an empty document?).")
    names = " ".join(salient_names("\n".join(section.text for section in document.sections)))
    document.context = " | ".join(part for part in (document.context, names) if part)
    return document
