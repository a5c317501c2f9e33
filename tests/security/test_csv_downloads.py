"""CSV downloads: every field quoted, so a carriage return inside a cell cannot start a row that is a formula."""

from __future__ import annotations

import csv
import io

import pandas as pd

from core.csv_safe import to_safe_csv
from narratives.voice.importers.types import ParsedImport, ParsedPost
from narratives.voice.preview import accepted_table, export_csv

HOSTILE = ["fine\r=cmd|' /C calc'!A0", '=HYPERLINK("http://evil")', "line\n@SUM(A1)", "\r-2+3", "ok"]


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _every_field_quoted(data: bytes) -> bool:
    text = data.decode("utf-8-sig")
    return all(line.startswith('"') and line.endswith('"') for line in text.split("\r\n") if line)


def test_a_carriage_return_stays_inside_its_cell() -> None:
    frame = pd.DataFrame({"text": HOSTILE, "n": [-1, 2, 3, 4, 5]})
    data = to_safe_csv(frame)
    rows = _rows(data)
    assert len(rows) == 1 + len(HOSTILE)  # a bare CR did not split a row
    assert [row[0] for row in rows[1:]] == [
        "fine\r=cmd|' /C calc'!A0",
        '\'=HYPERLINK("http://evil")',
        "line\n@SUM(A1)",
        "'\r-2+3",
        "ok",
    ]
    assert [row[1] for row in rows[1:]] == ["-1", "2", "3", "4", "5"]  # numbers keep their value
    assert _every_field_quoted(data)


def test_voice_import_preview_download_is_quoted_and_inert() -> None:
    parsed = ParsedImport(
        source="text",
        rejected=[],
        posts=[ParsedPost(text=t, channel="linkedin", origin="text_import", row=i) for i, t in enumerate(HOSTILE)],
    )
    data = export_csv(accepted_table(parsed))
    rows = _rows(data)
    assert len(rows) == 1 + len(HOSTILE)
    assert all(not row[3].startswith(("=", "+", "-", "@", "\r", "\t")) for row in rows[1:])
    assert _every_field_quoted(data)
