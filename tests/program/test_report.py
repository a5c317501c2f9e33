"""The monthly report, generated from the demo workspace through `byline report` and read back: the PDF's text
(pypdf) and the slides' tables (python-pptx) carry the same KPI figures as the service the Analytics page shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings
from workspace.demo import build_demo
from workspace.program.service import PROGRAM, kpi_table, month_figures

LAST_MONTH = (datetime.now(UTC).date().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


@pytest.fixture
def demo(sqlite_engine: Engine, settings: Settings) -> dict[str, Actor]:
    build_demo(sqlite_engine, settings, password="demo password 1")
    with unit_of_work(sqlite_engine) as session:
        return {p.handle: Actor.of(p) for p in session.query(Person)}


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pptx_table(path: Path, name: str) -> list[list[str]]:
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table and shape.name == name:
                return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError(f"no table named {name!r}")


def run_report(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(app, ["report", "--month", LAST_MONTH, "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stdout
    return out


def test_program_report_numbers_equal_the_service(
    demo: dict[str, Actor], sqlite_engine: Engine, tmp_path: Path
) -> None:
    rows = kpi_table(month_figures(sqlite_engine, demo["sam"], LAST_MONTH))  # `byline report` acts as the admin
    assert [row["owner"] for row in rows][-2:] == [PROGRAM, "Company Page"]
    assert int(next(row for row in rows if row["owner"] == PROGRAM)["posts"]) > 0  # the month has real figures
    text = pdf_text(run_report(tmp_path, "program.pdf"))
    for row in rows:
        assert " ".join(row.values()) in text, row
    assert "Goals" in text and "Did each leader keep their weekly target?" in text
    table = pptx_table(run_report(tmp_path, "program.pptx"), "KPI table")
    assert table[0] == ["owner", *list(rows[0])[1:]]
    assert table[1:] == [list(row.values()) for row in rows]


def test_leader_report_and_bad_requests(demo: dict[str, Actor], sqlite_engine: Engine, tmp_path: Path) -> None:
    tomas = demo["tomas"]
    (row,) = kpi_table(month_figures(sqlite_engine, demo["sam"], LAST_MONTH, tomas.person_id))
    slides = run_report(tmp_path, "tomas.pptx", "--leader", "tomas")
    assert pptx_table(slides, "KPI table")[1] == list(row.values())
    goals = pptx_table(slides, "Goals: Tomas Brandvold")
    assert goals[0] == ["goal", "target", "actual", "status"] and len(goals) == 6
    text = pdf_text(run_report(tmp_path, "tomas.pdf", "--leader", "tomas"))
    assert " ".join(row.values()) in text and "Noor" not in text  # one leader's report names no one else
    for args, message in [
        (["--month", "2026-13"], "YYYY-MM"),
        (["--month", LAST_MONTH, "--leader", "nobody"], "No leader"),
    ]:
        result = CliRunner().invoke(app, ["report", *args, "--out", str(tmp_path / "x.pdf")])
        assert result.exit_code == 1 and message in result.output
    wrong = CliRunner().invoke(app, ["report", "--month", LAST_MONTH, "--out", str(tmp_path / "x.docx")])
    assert wrong.exit_code == 1 and ".pdf or .pptx" in wrong.output and not (tmp_path / "x.docx").exists()
