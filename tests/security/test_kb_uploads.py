"""Knowledge-base uploads are keyed by uploader and document id (item 6) and stored atomically (item 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.db import unit_of_work
from core.errors import NotFound, PermissionDenied
from kb.embeddings import LocalMiniLMEmbeddings
from kb.errors import IngestError
from kb.models import KbDocument, private_to
from kb.service import KnowledgeBase
from kb.store import ChunkStore, make_client, open_store
from tests.kb.conftest import KbEnv, kb_env

__all__ = ["kb_env"]


def _texts(env: KbEnv, document_id: str) -> list[str]:
    store = open_store(env.settings, LocalMiniLMEmbeddings())
    return [c.text for c in store.iter_all() if c.metadata.get("doc_id") == document_id]


def test_a_leaders_upload_never_replaces_the_companys_document(kb_env: KbEnv) -> None:
    kb, people = kb_env.kb, kb_env.people
    company = kb.ingest_bytes("strategy.md", b"# Strategy\n\nWe grow in Iberia first.", actor=people["root"])
    leaders = kb.ingest_bytes("strategy.md", b"# Strategy\n\nWe abandon Iberia.", actor=people["ada"])
    assert leaders.status == "added" and leaders.document_id != company.document_id
    assert any("Iberia first" in text for text in _texts(kb_env, str(company.document_id)))
    again = kb.ingest_bytes("strategy.md", b"# Strategy\n\nWe abandon Iberia and Gaul.", actor=people["ada"])
    assert again.status == "updated" and again.document_id == leaders.document_id  # her own document only
    assert any("Iberia first" in text for text in _texts(kb_env, str(company.document_id)))


def test_only_an_admin_or_the_uploader_replaces_a_document(kb_env: KbEnv) -> None:
    kb, people = kb_env.kb, kb_env.people
    company = str(kb.ingest_bytes("plan.md", b"# Plan\n\nTwo depots in 2026.", actor=people["root"]).document_id)
    note = kb.ingest_bytes("n.md", b"Ada's note: depots slip.", actor=people["ada"], visibility=private_to("ada"))
    with pytest.raises(PermissionDenied):
        kb.replace_document(people["ada"], company, "plan.md", b"# Plan\n\nNo depots.")
    with pytest.raises(PermissionDenied):
        kb.replace_document(people["cora"], str(note.document_id), "n.md", b"Coach rewrites Ada's note.")
    with pytest.raises(NotFound):
        kb.replace_document(people["bo"], str(note.document_id), "n.md", b"Bo cannot even see it.")
    assert any("depots slip" in text for text in _texts(kb_env, str(note.document_id)))
    replaced = kb.replace_document(people["ada"], str(note.document_id), "n2.md", b"Ada's note: depots are on time.")
    assert replaced.status == "updated" and replaced.document_id == note.document_id
    assert _texts(kb_env, str(note.document_id)) == ["Ada's note: depots are on time."]
    assert kb.replace_document(people["root"], company, "plan.md", b"# Plan\n\nThree depots.").status == "updated"


class FailingStore(ChunkStore):
    """A real Chroma collection whose writes fail (a full disk, a server gone away)."""

    def add(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("no space left on device")


def _kept_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_failed_re_upload_keeps_the_original_whole(kb_env: KbEnv) -> None:
    kb, settings, root = kb_env.kb, kb_env.settings, kb_env.people["root"]
    first = kb.ingest_bytes("memo.md", b"# Memo\n\nThe original text stays.", actor=root)
    doc_id = str(first.document_id)
    kept_before = _kept_files(settings.uploads_dir)
    embedder = LocalMiniLMEmbeddings()
    store = FailingStore.for_embedder(make_client(settings), embedder)
    broken = KnowledgeBase(kb_env.engine, store, embedder, settings)
    with pytest.raises(IngestError, match="nothing changed"):
        broken.ingest_bytes("memo.md", b"# Memo\n\nA replacement that never lands.", actor=root)
    with pytest.raises(IngestError, match="nothing changed"):
        broken.ingest_bytes("fresh.md", b"# Fresh\n\nA new document that never lands.", actor=root)
    assert _texts(kb_env, doc_id) == ["The original text stays."]
    assert _kept_files(settings.uploads_dir) == kept_before
    documents = kb.list_documents(root)
    assert [d.title for d in documents] == ["Memo"] and documents[0].chunk_count == 1
    with unit_of_work(kb_env.engine) as session:
        row = session.get(KbDocument, doc_id)
        assert row is not None and Path(row.stored_path).read_bytes() == b"# Memo\n\nThe original text stays."


def test_an_upload_whose_copy_cannot_be_kept_stores_nothing(kb_env: KbEnv) -> None:
    kb, settings, root = kb_env.kb, kb_env.settings, kb_env.people["root"]
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    (settings.uploads_dir / "kb").write_text("a file where the folder should be")
    with pytest.raises(IngestError, match="could not be kept"):
        kb.ingest_bytes("memo.md", b"# Memo\n\nNever stored.", actor=root)
    assert kb.list_documents(root) == [] and kb.search("never stored", root) == []
