"""CHROMA_URL path: a real `chroma run` on 127.0.0.1, started and stopped by the test."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.schema import open_database
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.factory import open_knowledge_base
from kb.models import private_to
from tests.conftest import make_people

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_ingest_and_search_against_a_chroma_server(
    chroma_url: str, tmp_path: Path, embedder: LocalMiniLMEmbeddings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMA_URL", chroma_url)
    settings = Settings(BYLINE_DATA_DIR=str(tmp_path / "data"))
    assert settings.chroma_url == chroma_url
    engine = open_database(settings)
    people = make_people(engine)
    kb = open_knowledge_base(settings, engine, embedder)
    kb.ingest_bytes("grid.md", b"# Grid\n\nThe substation upgrade finishes in October.\n")
    kb.ingest_bytes(
        "ada.txt", b"Ada: the substation budget is tight.", actor=people["ada"], visibility=private_to("ada")
    )
    hits = kb.search("substation upgrade", people["bo"])
    assert hits[0].title == "Grid" and hits[0].locator == "section 'Grid'"
    assert all("Ada" not in h.text for h in hits)
    assert not (settings.chroma_dir).exists()  # nothing written to the embedded store
    reopened = open_knowledge_base(settings, engine, embedder)  # collection persisted on the server
    assert reopened.search("substation upgrade", None)[0].title == "Grid"
    engine.dispose()
