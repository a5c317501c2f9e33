"""The monthly report as slides (python-pptx): a title slide, key figures, goals, one chart per slide and the
tables behind them. Table shapes are named after their section so they can be found again."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from app.report.content import MonthlyReport, Rows
from app.report.images import chart_png

TITLE_ONLY = 5
MAX_ROWS = 14


def _slide(prs: Presentation, title: str) -> object:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = title
    return slide


def _table(slide: object, name: str, rows: Rows, top: Emu) -> None:
    shown = rows[:MAX_ROWS]
    columns = list(shown[0])
    shape = slide.shapes.add_table(len(shown) + 1, len(columns), Inches(0.4), top, Inches(12.5), Inches(0.3))
    shape.name = name
    table = shape.table
    for index, column in enumerate(columns):
        table.cell(0, index).text = column
    for row_index, row in enumerate(shown, start=1):
        for index, column in enumerate(columns):
            table.cell(row_index, index).text = row[column]
    for cell in (table.cell(r, c) for r in range(len(shown) + 1) for c in range(len(columns))):
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size = Pt(11)


def _note(slide: object, text: str, top: Emu) -> None:
    box = slide.shapes.add_textbox(Inches(0.4), top, Inches(12.5), Inches(0.5))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].font.size = Pt(13)


def report_pptx(report: MonthlyReport) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = report.title
    title.placeholders[1].text = report.subtitle
    _table(_slide(prs, "Key figures"), "KPI table", report.kpis, Inches(1.5))
    for owner, rows in report.goals:
        _table(_slide(prs, f"Goals: {owner}"), f"Goals: {owner}", rows, Inches(1.5))
    for name, chart in report.charts:
        slide = _slide(prs, chart.title if isinstance(chart.title, str) else name)
        slide.shapes.add_picture(io.BytesIO(chart_png(chart)), Inches(0.4), Inches(1.4), width=Inches(12.5))
    for heading, question, rows in report.sections:
        slide = _slide(prs, heading)
        _note(slide, question, Inches(1.2))
        if rows:
            _table(slide, heading, rows, Inches(1.8))
        else:
            _note(slide, "Nothing to show for this month.", Inches(1.8))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
