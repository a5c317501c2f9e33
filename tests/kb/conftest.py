"""Knowledge-base fixtures: one real embedder per run, real Chroma in temp dirs, real SQLite."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.schema import open_database
from core.permissions import Actor
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.factory import open_knowledge_base
from kb.service import KnowledgeBase
from tests.conftest import make_people


@dataclass
class KbEnv:
    settings: Settings
    engine: Engine
    kb: KnowledgeBase
    people: dict[str, Actor]


@pytest.fixture
def kb_env(tmp_path: Path, embedder: LocalMiniLMEmbeddings) -> Iterator[KbEnv]:
    settings = Settings(BYLINE_DATA_DIR=str(tmp_path / "data"), BYLINE_MAX_UPLOAD_MB=1)
    engine = open_database(settings)
    people = make_people(engine)
    yield KbEnv(settings, engine, open_knowledge_base(settings, engine, embedder), people)
    engine.dispose()


def pdf_bytes(pages: list[str], password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    data = bytes(pdf.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(title: str, sections: dict[str, str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for heading, body in sections.items():
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(slides: list[tuple[str, str]]) -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for title, body in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
