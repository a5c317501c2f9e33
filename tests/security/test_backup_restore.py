"""Backups are private to their owner and a restore checks everything before writing (issue 16, item 9)."""

from __future__ import annotations

import gzip
import io
import json
import stat
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.backup import create_backup, restore_backup
from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Person
from core.settings import Settings
from tests.conftest import make_people
from workspace import posts
from workspace.models import Post


def _count(engine: Engine, model: type) -> int:
    with unit_of_work(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def archive(sqlite_engine: Engine, settings: Settings, tmp_path: Path) -> Path:
    people = make_people(sqlite_engine)
    posts.create_post(sqlite_engine, people["ada"], people["ada"].person_id, text="Kept through every failed restore")
    destination = tmp_path / "backup.tar.gz"
    create_backup(sqlite_engine, settings, destination)
    return destination


def test_the_archive_is_readable_by_its_owner_only(sqlite_engine: Engine, settings: Settings, tmp_path: Path) -> None:
    make_people(sqlite_engine)
    existing = tmp_path / "shared.tar.gz"
    existing.write_bytes(b"old")
    existing.chmod(0o644)
    create_backup(sqlite_engine, settings, existing)
    create_backup(sqlite_engine, settings, tmp_path / "new.tar.gz")
    for path in (existing, tmp_path / "new.tar.gz"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def _repack(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_gzip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for index in range(len(data) // 3, len(data) // 3 + 64):
        data[index] ^= 0xFF
    path.write_bytes(bytes(data))


def _drop_rows(path: Path) -> None:
    members = _members(path)
    members["tables/posts.jsonl"] = b""
    _repack(path, members)


def _drop_table_file(path: Path) -> None:
    members = _members(path)
    del members["tables/people.jsonl"]
    _repack(path, members)


def _drop_table_from_manifest(path: Path) -> None:
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    del manifest["tables"]["posts"]
    members["manifest.json"] = json.dumps(manifest).encode()
    members["tables/posts.jsonl"] = b""
    _repack(path, members)


def _bad_json(path: Path) -> None:
    members = _members(path)
    members["tables/people.jsonl"] = members["tables/people.jsonl"][:-20] + b"\n"
    _repack(path, members)


def _bad_date(path: Path) -> None:
    members = _members(path)
    rows = [json.loads(line) for line in members["tables/posts.jsonl"].splitlines()]
    rows[0]["created_at"] = "the day after tomorrow"
    members["tables/posts.jsonl"] = "".join(json.dumps(r) + "\n" for r in rows).encode()
    _repack(path, members)


def _not_gzip(path: Path) -> None:
    path.write_bytes(gzip.compress(b"plain text, not a tar file"))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_truncate, "damaged or incomplete"),
    "corrupt gzip": (_corrupt_gzip, "damaged or incomplete"),
    "gzip of text": (_not_gzip, "damaged or incomplete"),
    "rows missing": (_drop_rows, "has 0 rows; its manifest says 1"),
    "table file missing": (_drop_table_file, "no file for table people"),
    "table missing from manifest": (_drop_table_from_manifest, "would empty those tables"),
    "broken JSON line": (_bad_json, "Table people in the backup is damaged"),
    "bad date": (_bad_date, "Table posts in the backup is damaged"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_archive_is_refused_clearly_and_nothing_is_emptied(
    damage: str, archive: Path, sqlite_engine: Engine, settings: Settings
) -> None:
    spoil, message = DAMAGE[damage]
    spoil(archive)
    (settings.uploads_dir).mkdir(parents=True, exist_ok=True)
    (settings.uploads_dir / "keep.md").write_text("kept")
    with pytest.raises(ValidationFailed, match=message):
        restore_backup(sqlite_engine, settings, archive)
    assert _count(sqlite_engine, Person) == 4 and _count(sqlite_engine, Post) == 1
    assert (settings.uploads_dir / "keep.md").read_text() == "kept"
