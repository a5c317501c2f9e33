"""The monthly report as a PDF (fpdf2): title, key figures, goals, charts and the tables behind them."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from app.report.content import MonthlyReport, Rows
from app.report.images import chart_png

# The PDF core fonts cover Latin-1: typographic punctuation is written plainly, anything else as "?"
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "→": "->", "•": "-"})
KPI_NOTE = "Reach = impressions of the posts published this month; engagement rate = engagements / impressions."
HEADING = FontFace(emphasis="BOLD", fill_color=(230, 236, 245))


def plain(text: str) -> str:
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _table(pdf: FPDF, rows: Rows, empty: str) -> None:
    if not rows:
        pdf.set_font("Helvetica", "I", 9)
        pdf.multi_cell(0, 5, plain(empty), new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_font("Helvetica", "", 8)
    with pdf.table(headings_style=HEADING, line_height=5, text_align="LEFT") as table:
        table.row([plain(name) for name in rows[0]])
        for row in rows:
            table.row([plain(value) for value in row.values()])
    pdf.ln(2)


def _heading(pdf: FPDF, text: str, question: str = "") -> None:
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, plain(text), new_x="LMARGIN", new_y="NEXT")
    if question:
        pdf.set_font("Helvetica", "I", 9)
        pdf.cell(0, 5, plain(question), new_x="LMARGIN", new_y="NEXT")


def report_pdf(report: MonthlyReport) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(plain(report.title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, plain(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, plain(report.subtitle), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "Key figures", KPI_NOTE)
    _table(pdf, report.kpis, "No figures for this month.")
    _heading(pdf, "Goals", "Were this month's goals met?")
    for owner, rows in report.goals:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 6, plain(owner), new_x="LMARGIN", new_y="NEXT")
        _table(pdf, rows, "No goals set.")
    if not report.goals:
        _table(pdf, [], "No goals are set yet: a coach or an admin sets them with each leader on the Analytics page.")
    for _name, chart in report.charts:
        pdf.add_page()
        pdf.image(io.BytesIO(chart_png(chart)), w=pdf.epw)
    for heading, question, rows in report.sections:
        if pdf.get_y() > pdf.eph * 0.7:
            pdf.add_page()
        _heading(pdf, heading, question)
        _table(pdf, rows, "Nothing to show for this month.")
    return bytes(pdf.output())
