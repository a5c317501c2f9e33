"""iCal export re-parsed with icalendar (folding, CRLF, escaping, required properties, size), and the import of
blocked days surviving every file in ../shared/data/ical/."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine
from typer.testing import CliRunner

from core.permissions import Actor
from tests.conftest import REPO_ROOT
from workspace import posts, scheduling
from workspace.calendar import ical_export
from workspace.calendar.ical_import import parse_blocked_days
from workspace.models import PostStatus

ICAL_CORPUS = REPO_ROOT.parent / "shared" / "data" / "ical"
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
TRICKY_TITLE = "Edge; reliability, \\ backslashes — Ærø & 日本語 " + "long words " * 12


def _plan(engine: Engine, people: dict[str, Actor]) -> int:
    ada = people["ada"]
    text = "Line one; with, punctuation\nLine two: “quotes” and emoji 🚀\n" * 5
    view = posts.create_post(
        engine,
        ada,
        ada.person_id,
        text=text,
        title=TRICKY_TITLE,
        pillar="Edge, reliability",
        scheduled_at=datetime(2026, 12, 1, 16, tzinfo=UTC),
        status=PostStatus.SCHEDULED,
    )
    posts.create_post(engine, people["bo"], people["bo"].person_id, title="Bo's", scheduled_at=NOW)
    return view.id


def _check_wire_format(data: bytes) -> None:
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_export_round_trips_with_required_properties(engine: Engine, people: dict[str, Actor]) -> None:
    post_id = _plan(engine, people)
    data = ical_export.export_ics(engine, people["ada"], leader_id=people["ada"].person_id, now=NOW)
    _check_wire_format(data)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and "Byline" in str(calendar["PRODID"])
    (event,) = calendar.walk("VEVENT")
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY"):
        assert name in event, name
    assert "DURATION" not in event
    assert str(event["UID"]) == f"post-{post_id}@byline.invalid"
    assert event.decoded("DTSTAMP").tzinfo is not None and b"DTSTAMP:20261123T120000Z" in data
    assert TRICKY_TITLE.strip() in str(event["SUMMARY"])
    assert "Line two: “quotes” and emoji 🚀" in str(event["DESCRIPTION"])
    assert b"\\;" in data and b"\\," in data and b"\\\\" in data and b"\\n" in data
    assert len(data) < 1_000_000


def test_uid_is_stable_and_sequence_grows_on_change(engine: Engine, people: dict[str, Actor]) -> None:
    post_id = _plan(engine, people)
    ada = people["ada"]
    before = Calendar.from_ical(ical_export.export_ics(engine, ada, now=NOW)).walk("VEVENT")[0]
    scheduling.schedule(engine, ada, post_id, datetime(2026, 12, 3, 9, tzinfo=UTC))
    after = Calendar.from_ical(ical_export.export_ics(engine, ada, now=NOW)).walk("VEVENT")[0]
    assert before["UID"] == after["UID"] and int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


def test_team_export_lists_visible_leaders_and_respects_size_cap(engine: Engine, people: dict[str, Actor]) -> None:
    _plan(engine, people)
    team = ical_export.export_ics(engine, people["root"], now=NOW)
    assert team.count(b"BEGIN:VEVENT") == 2 and b"Ada: " in team
    assert ical_export.export_ics(engine, people["cora"], now=NOW).count(b"BEGIN:VEVENT") == 1
    small = ical_export.export_ics(engine, people["root"], now=NOW, max_bytes=900)
    assert len(small) <= 900 or small.count(b"BEGIN:VEVENT") == 0
    assert b"DESCRIPTION" not in small


def _corpus() -> list[Path]:
    files = sorted(path for path in ICAL_CORPUS.rglob("*") if path.is_file())
    assert len(files) > 100, "the shared iCal corpus is missing"
    return files


def test_blocked_day_import_survives_every_shared_file() -> None:
    read_days = 0
    for path in _corpus():
        report = parse_blocked_days(path.read_bytes())  # must never raise
        assert isinstance(report.problems, list)
        read_days += len(report.days)
    assert read_days > 50


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "no events"),
        (b"\x00\x01\x02 not a calendar", "not a valid calendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "DTSTART"),
    ],
)
def test_blocked_day_import_reports_bad_files(data: bytes, problem: str) -> None:
    assert any(problem in message for message in parse_blocked_days(data).problems)


def test_blocked_day_import_size_limit() -> None:
    data = (ICAL_CORPUS / "calendars" / "example.ics").read_bytes()
    assert "larger than" in parse_blocked_days(data, max_bytes=100).problems[0]


def test_cli_writes_ics(sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import app
    from tests.conftest import make_people

    people = make_people(sqlite_engine)
    _plan(sqlite_engine, people)
    target = tmp_path / "ada.ics"
    result = CliRunner().invoke(app, ["calendar", "ics", "--leader", str(people["ada"].person_id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")
