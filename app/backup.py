"""One archive of the database, the knowledge base store and uploaded files; restore from it.

Tables are written as JSON lines through SQLAlchemy, so an archive taken on SQLite restores on
PostgreSQL (the path for teams that outgrow one machine) and the other way round. The archive is
readable by its owner only (mode 0600). Its manifest lists every table with its row count; a restore
reads and checks everything (every table present, every count matching, every row decodable) before
it writes anything, and then replaces the database in one transaction.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
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
READ_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError, ValueError, KeyError, TypeError, UnicodeDecodeError)


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
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(payload))


def _private_file(destination: Path) -> io.BufferedWriter:
    """The archive file, created readable and writable by its owner only (it holds password hashes)."""
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file already existed with wider permissions
    return os.fdopen(descriptor, "wb")


def create_backup(engine: Engine, settings: Settings, destination: Path) -> dict[str, int]:
    """Write the archive (mode 0600); returns rows per table."""
    counts: dict[str, int] = {}
    destination.parent.mkdir(parents=True, exist_ok=True)
    with (
        _private_file(destination) as handle,
        tarfile.open(fileobj=handle, mode="w:gz") as archive,
        engine.connect() as connection,
    ):
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
    except READ_ERRORS as exc:
        raise ValidationFailed(
            f"{source} is not a readable Byline backup (damaged or incomplete: {_why(exc)})."
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise ValidationFailed(f"{source} is not a Byline backup (format {found!r}).")
    if not isinstance(manifest.get("tables"), dict):
        raise ValidationFailed(f"{source} has no list of tables in its manifest; it is damaged.")
    return manifest


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:160]}" if str(exc) else type(exc).__name__


def _load_rows(folder: Path, table: Table, expected: int) -> list[dict[str, Any]]:
    """The table's rows, checked against the manifest's count; ValidationFailed when anything is off."""
    path = folder / "tables" / f"{table.name}.jsonl"
    if not path.is_file():
        raise ValidationFailed(f"The backup has no file for table {table.name} ({expected} rows expected).")
    try:
        rows = [_decode(table, json.loads(line)) for line in path.read_text().splitlines() if line.strip()]
    except READ_ERRORS as exc:
        raise ValidationFailed(f"Table {table.name} in the backup is damaged ({_why(exc)}).") from exc
    if len(rows) != expected:
        raise ValidationFailed(f"Table {table.name} in the backup has {len(rows)} rows; its manifest says {expected}.")
    return rows


def _checked_rows(folder: Path, manifest: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, or ValidationFailed naming what is missing or wrong. Nothing is written yet."""
    counts = manifest["tables"]
    missing = [table.name for table in _tables() if table.name not in counts]
    if missing:
        raise ValidationFailed(
            f"The backup has no data for {', '.join(missing)}: restoring it would empty those tables. "
            "Nothing was restored."
        )
    return {table.name: _load_rows(folder, table, int(counts[table.name])) for table in _tables()}


def _reset_sequences(connection: Any, table: Table) -> None:
    if connection.dialect.name != "postgresql" or "id" not in table.columns:
        return
    highest = connection.execute(select(func.max(table.c.id))).scalar() or 0
    sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
    if sequence:
        connection.execute(
            text("SELECT setval(:s, :v, :called)"), {"s": sequence, "v": max(highest, 1), "called": highest > 0}
        )


def _replace_folder(target: Path, restored: Path) -> None:
    """Copy beside the target first, then swap: a failed copy leaves the current files in place."""
    incoming = target.with_name(f".{target.name}.restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    if restored.is_dir():
        shutil.copytree(restored, incoming)
    outgoing = target.with_name(f".{target.name}.replaced")
    shutil.rmtree(outgoing, ignore_errors=True)
    if target.exists():
        target.rename(outgoing)
    if incoming.exists():
        incoming.rename(target)
    shutil.rmtree(outgoing, ignore_errors=True)


def restore_backup(engine: Engine, settings: Settings, source: Path) -> dict[str, int]:
    """Replace the database contents and stored files with the archive's. Validates before touching anything."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        manifest = _read_archive(source, folder)
        rows = _checked_rows(folder, manifest)
        upgrade_database(engine)
        tables = _tables()
        with engine.begin() as connection:
            for table in reversed(tables):
                connection.execute(delete(table))
            for table in tables:
                if rows[table.name]:
                    connection.execute(insert(table), rows[table.name])
                _reset_sequences(connection, table)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        for name in FILE_FOLDERS:
            _replace_folder(settings.data_dir / name, folder / "files" / name)
    return {name: len(table_rows) for name, table_rows in rows.items()}
