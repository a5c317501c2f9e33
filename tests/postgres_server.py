"""A throwaway PostgreSQL cluster on 127.0.0.1 for the storage tests (initdb + pg_ctl)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise RuntimeError(f"PostgreSQL server binary {name!r} not found: install the Debian package 'postgresql'.")
    return str(candidates[-1])


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster, yield a SQLAlchemy URL of a fresh database, stop and delete it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="byline-pg-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(_as_postgres([_pg_bin("initdb"), "-D", str(data), "-U", "byline", "-A", "trust"]), **run)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c full_page_writes=off -k {root}"
    ctl = _pg_bin("pg_ctl")
    subprocess.run(_as_postgres([ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]), **run)
    try:
        createdb = [_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "byline", "byline_test"]
        subprocess.run(createdb, **run)
        yield f"postgresql+psycopg://byline@127.0.0.1:{port}/byline_test"
    finally:
        subprocess.run(_as_postgres([ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
