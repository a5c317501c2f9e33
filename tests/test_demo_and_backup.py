"""`byline demo`, `byline backup` and `byline restore`, through the real command on real databases."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from app.backup import create_backup, restore_backup
from app.cli import app
from app.schema import open_database, reset_database
from core.db import make_engine, unit_of_work
from core.errors import ValidationFailed
from core.identity import Person
from core.settings import Settings
from workspace.auth import sign_in
from workspace.demo import build_demo
from workspace.models import Post, PostRevision

runner = CliRunner()


def count(engine: Engine, model: type) -> int:
    with unit_of_work(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_demo_command_prints_accounts_that_can_sign_in(settings: Settings) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "admin" in result.output and "leader" in result.output
    credentials = (settings.data_dir / "demo-accounts.txt").read_text().splitlines()[1:]
    handle, _role, password = credentials[0].split()
    engine = make_engine(settings)
    assert sign_in(engine, settings, handle, password).handle == handle
    assert count(engine, Person) == 5
    again = runner.invoke(app, ["demo", "--if-missing"])
    assert again.exit_code == 0 and "already exists" in again.output


def test_demo_passwords_differ_per_account_and_per_run(settings: Settings, sqlite_engine: Engine) -> None:
    first = build_demo(sqlite_engine, settings).passwords
    reset_database(sqlite_engine)
    second = build_demo(sqlite_engine, settings).passwords
    assert len(set(first.values())) == len(first)
    assert first != second


def test_backup_and_restore_round_trip_across_engines(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    source = open_database(settings)
    build_demo(source, settings, password="demo-password-1")
    (settings.uploads_dir).mkdir(parents=True, exist_ok=True)
    (settings.uploads_dir / "note.md").write_text("uploaded file")
    archive = tmp_path / "backup.tar.gz"
    counts = create_backup(source, settings, archive)
    assert counts["people"] == 5

    target_settings = Settings(BYLINE_DATA_DIR=tmp_path / "restored")
    restored = restore_backup(engine, target_settings, archive)
    assert restored["people"] == 5
    assert count(engine, Person) == count(source, Person)
    assert count(engine, Post) == count(source, Post)
    assert count(engine, PostRevision) == count(source, PostRevision)
    assert (target_settings.uploads_dir / "note.md").read_text() == "uploaded file"
    assert sign_in(engine, target_settings, "sam", "demo-password-1").role == "admin"


@pytest.mark.parametrize("payload", [b"", b"not a tarball at all", None])
def test_restore_refuses_broken_archives_and_keeps_data(
    sqlite_engine: Engine, settings: Settings, tmp_path: Path, payload: bytes | None
) -> None:
    build_demo(sqlite_engine, settings, password="demo-password-1")
    archive = tmp_path / "broken.tar.gz"
    if payload is None:
        with tarfile.open(archive, "w:gz") as tar:
            info = tarfile.TarInfo("../../escape.txt")
            info.size = 4
            tar.addfile(info, io.BytesIO(b"evil"))
    else:
        archive.write_bytes(payload)
    with pytest.raises(ValidationFailed, match="(not a readable Byline backup|not a Byline backup)"):
        restore_backup(sqlite_engine, settings, archive)
    assert count(sqlite_engine, Person) == 5
    assert not (tmp_path.parent / "escape.txt").exists()


def test_cli_reports_errors_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"junk")
    result = runner.invoke(app, ["restore", str(bad), "--yes"])
    assert result.exit_code == 1
    assert "Error:" in result.output and "Traceback" not in result.output
