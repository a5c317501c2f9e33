"""One archive of the database, the knowledge base store and uploaded files; restore from it.

Tables are written as JSON lines through SQLAlchemy, so an archive taken on SQLite restores on
PostgreSQL (the path for teams that outgrow one machine) and the other way round.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, Table, delete, func, insert, select, text

from app.schema import upgrade_database
from core.db import Base
from core.errors import ValidationFailed
from core.settings import Settings

FORMAT = "byline-backup/1"
FILE_FOLDERS = ("uploads", "chroma")


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(row)
    for column in table.columns:
        value = decoded.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            decoded[column.name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            decoded[column.name] = date.fromisoformat(value)
    return decoded


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    archive.addfile(info, io.BytesIO(payload))


def create_backup(engine: Engine, settings: Settings, destination: Path) -> dict[str, int]:
    """Write the archive; returns rows per table."""
    counts: dict[str, int] = {}
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(destination, "w:gz") as archive, engine.connect() as connection:
        for table in _tables():
            rows = [{k: _encode(v) for k, v in row._mapping.items()} for row in connection.execute(select(table))]
            counts[table.name] = len(rows)
            _add_bytes(archive, f"tables/{table.name}.jsonl", "".join(json.dumps(r) + "\n" for r in rows).encode())
        for folder in FILE_FOLDERS:
            source = settings.data_dir / folder
            if source.is_dir():
                archive.add(source, arcname=f"files/{folder}")
        manifest = {"format": FORMAT, "created": datetime.now(UTC).isoformat(), "tables": counts}
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return counts


def _read_archive(source: Path, into: Path) -> dict[str, Any]:
    try:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(into, filter="data")
        manifest = json.loads((into / "manifest.json").read_text())
    except (OSError, tarfile.TarError, ValueError, KeyError) as exc:
        raise ValidationFailed(f"{source} is not a readable Byline backup: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise ValidationFailed(f"{source} is not a Byline backup (format {manifest.get('format')!r}).")
    return manifest


def _load_rows(folder: Path, table: Table) -> list[dict[str, Any]]:
    path = folder / "tables" / f"{table.name}.jsonl"
    if not path.exists():
        return []
    return [_decode(table, json.loads(line)) for line in path.read_text().splitlines() if line.strip()]


def _reset_sequences(connection: Any, table: Table) -> None:
    if connection.dialect.name != "postgresql" or "id" not in table.columns:
        return
    highest = connection.execute(select(func.max(table.c.id))).scalar() or 0
    sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
    if sequence:
        connection.execute(
            text("SELECT setval(:s, :v, :called)"), {"s": sequence, "v": max(highest, 1), "called": highest > 0}
        )


def restore_backup(engine: Engine, settings: Settings, source: Path) -> dict[str, int]:
    """Replace the database contents and stored files with the archive's. Validates before touching anything."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        manifest = _read_archive(source, folder)
        tables = _tables()
        rows = {table.name: _load_rows(folder, table) for table in tables}
        upgrade_database(engine)
        with engine.begin() as connection:
            for table in reversed(tables):
                connection.execute(delete(table))
            for table in tables:
                if rows[table.name]:
                    connection.execute(insert(table), rows[table.name])
                _reset_sequences(connection, table)
        for name in FILE_FOLDERS:
            target, restored = settings.data_dir / name, folder / "files" / name
            if target.exists():
                shutil.rmtree(target)
            if restored.is_dir():
                shutil.copytree(restored, target)
    return {name: len(table_rows) for name, table_rows in rows.items() if name in manifest["tables"]}
