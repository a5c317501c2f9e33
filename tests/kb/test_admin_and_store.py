"""Delete and re-tag are admin-only; switching embedders refuses to mix vectors; offline; CLI."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.audit import recent_events
from core.errors import PermissionDenied
from kb.errors import EmbedderMismatch
from kb.factory import open_knowledge_base
from kb.reindex import rebuild_index
from kb.retrieval import SearchFilters
from tests.kb.conftest import KbEnv


def test_delete_and_retag_are_admin_only(kb_env: KbEnv) -> None:
    kb, people = kb_env.kb, kb_env.people
    doc = kb.ingest_bytes("plan.md", b"# Plan\n\nWe open two depots in 2026.\n", tags=["ops"]).document_id
    assert doc is not None
    for who in ("ada", "cora"):
        with pytest.raises(PermissionDenied):
            kb.delete_document(people[who], doc)
        with pytest.raises(PermissionDenied):
            kb.retag_document(people[who], doc, ["x"])
    assert kb.retag_document(people["root"], doc, ["Strategy", "ops "]) == ("strategy", "ops")
    assert kb.search("depots", None, filters=SearchFilters(tags=("strategy",)))[0].tags == ("strategy", "ops")
    kb.retag_document(people["root"], doc, [])
    assert kb.search("depots", None)[0].tags == ()
    kb.delete_document(people["root"], doc)
    assert kb.list_documents(people["root"]) == [] and kb.search("depots", None) == []
    actions = [e["action"] for e in recent_events(kb_env.engine, people["root"])]
    assert "kb.delete" in actions and "kb.retag" in actions


class OtherEmbeddings:
    identity = "openai:text-embedding-3-small@api.openai.com"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0, 0.0] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0, 0.0]


def test_switching_embedders_asks_for_reindex(kb_env: KbEnv) -> None:
    kb_env.kb.ingest_bytes("a.txt", b"Hydrogen pilots start in the north plant.")
    with pytest.raises(EmbedderMismatch, match="Re-index needed"):
        open_knowledge_base(kb_env.settings, kb_env.engine, OtherEmbeddings())  # type: ignore[arg-type]
    results = rebuild_index(kb_env.settings, kb_env.engine, OtherEmbeddings())  # type: ignore[arg-type]
    assert [r.status for r in results] == ["updated"]
    switched = open_knowledge_base(kb_env.settings, kb_env.engine, OtherEmbeddings())  # type: ignore[arg-type]
    assert switched.search("hydrogen pilots", None)[0].title == "a"


def test_ingest_and_search_work_with_networking_disabled(kb_env: KbEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network disabled by test")

    local_connect = socket.socket.connect

    def local_only(sock: socket.socket, address: object) -> None:
        """Unix sockets are not network: the parsing process's fork server talks over one."""
        if sock.family != socket.AF_UNIX:
            raise OSError("network disabled by test")
        local_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from kb.embeddings import LocalMiniLMEmbeddings, MiniLMEncoder

    fresh = LocalMiniLMEmbeddings(MiniLMEncoder())  # loads model and tokenizer with no network
    settings = kb_env.settings.model_copy(update={"data_dir": kb_env.settings.data_dir / "offline"})
    kb = open_knowledge_base(settings, kb_env.engine, fresh)
    kb.ingest_bytes("offline.md", b"# Offline\n\nThe embedded model runs without any network access.\n")
    assert kb.search("runs without network", None)[0].title == "Offline"


def test_cli_ingest_search_and_per_file_errors(kb_env: KbEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kb.cli
    from app.cli import app

    monkeypatch.setattr(kb.cli, "_knowledge_base", lambda _ctx: kb_env.kb)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.md").write_text("# Fleet\n\nThe fleet switches to electric vans by 2028.\n")
    (folder / "bad.pdf").write_bytes(b"garbage")
    runner = CliRunner()
    result = runner.invoke(app, ["kb", "ingest", str(folder)])
    assert result.exit_code == 2, result.output
    assert "FAILED bad.pdf" in result.output and "added good.md" in result.output
    found = runner.invoke(app, ["kb", "search", "electric vans", "--k", "3"])
    assert found.exit_code == 0 and found.output.startswith("1. Fleet, section 'Fleet': \"")
