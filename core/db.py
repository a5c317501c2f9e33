"""The one place that owns database engines and sessions; `run_migrations` applies an Alembic history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from core.errors import DatabaseUnavailable, DataDirNotWritable
from core.settings import Settings


class Base(DeclarativeBase):
    """Declarative base for every Byline table (workspace, kb and narratives)."""


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory and prove it is writable, or raise DataDirNotWritable."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise DataDirNotWritable(
            f"The data directory {path} is not writable ({exc.strerror or exc}). "
            "Set BYLINE_DATA_DIR to a folder this user can write to."
        ) from exc
    return path


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database. SQLite gets WAL and foreign keys."""
    ensure_data_dir(settings.data_dir)
    url_text = settings.effective_database_url
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"DATABASE_URL is not a valid database URL: {exc}") from exc
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def check_connection(engine: Engine) -> None:
    """Open one connection or raise DatabaseUnavailable with a message a person can act on."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            f"Cannot connect to the database at {engine.url.render_as_string(hide_password=True)}: {reason}. "
            "Check DATABASE_URL and that the server is running."
        ) from exc


def run_migrations(engine: Engine, script_location: str) -> None:
    """Bring the schema to the newest migration of the Alembic history at `script_location` (package:folder)."""
    from alembic import command
    from alembic.config import Config

    check_connection(engine)
    config = Config()
    config.set_main_option("script_location", script_location)
    config.attributes["engine"] = engine
    command.upgrade(config, "head")


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


READ_ONLY_STATES = {"25006"}  # PostgreSQL: read_only_sql_transaction


def unavailable(exc: DBAPIError) -> DatabaseUnavailable | None:
    """A DatabaseUnavailable for a database that is down, busy or read-only; None for any other error."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    read_only = getattr(exc.orig, "sqlstate", None) in READ_ONLY_STATES or "readonly" in reason.replace("-", "")
    if not (isinstance(exc, OperationalError) or exc.connection_invalidated or read_only):
        return None
    return DatabaseUnavailable(
        f"The database cannot be reached or written right now ({reason[:160]}). Nothing was saved; "
        "what you entered is still here, so try again in a moment."
    )


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One session per unit of work: commit on success, roll back on error, always close. A database that is
    down, busy or read-only raises DatabaseUnavailable (a message a person can act on), never a raw driver error."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except DBAPIError as exc:
        _quiet_rollback(session)
        problem = unavailable(exc)
        if problem is None:
            raise
        raise problem from exc
    except BaseException:
        _quiet_rollback(session)
        raise
    finally:
        session.close()


def _quiet_rollback(session: Session) -> None:
    """Roll back; a connection that is already gone cannot roll back, and that must not hide the first error."""
    try:
        session.rollback()
    except DBAPIError:
        session.invalidate()
