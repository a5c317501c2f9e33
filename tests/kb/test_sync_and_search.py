"""Watched-folder sync, citations, filters, de-duplication and private visibility."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.errors import PermissionDenied
from kb.models import private_to
from kb.retrieval import SearchFilters
from tests.kb.conftest import KbEnv


def test_sync_adds_replaces_removes_and_skips_unchanged(kb_env: KbEnv, tmp_path: Path) -> None:
    watched = tmp_path / "watched"
    watched.mkdir()
    (watched / "policy.md").write_text("# Travel\n\nEconomy class for flights under six hours.\n")
    (watched / "faq.txt").write_text("The cafeteria opens at eight.")
    first = kb_env.kb.sync(watched)
    assert sorted(first.added) == ["faq.txt", "policy.md"] and not first.removed

    second = kb_env.kb.sync(watched)
    assert sorted(second.unchanged) == ["faq.txt", "policy.md"] and not second.added and not second.updated

    (watched / "policy.md").write_text("# Travel\n\nBusiness class is allowed for flights over eight hours.\n")
    (watched / "faq.txt").unlink()
    (watched / "new.md").write_text("# Parking\n\nVisitors park on level two.\n")
    third = kb_env.kb.sync(watched)
    assert third.updated == ["policy.md"] and third.added == ["new.md"] and third.removed == ["faq.txt"]

    titles = sorted(d.title for d in kb_env.kb.list_documents(None))
    assert titles == ["Parking", "Travel"]
    travel = kb_env.kb.search("flights class", None, k=5)
    assert [h.title for h in travel].count("Travel") == 1
    assert "Business class" in travel[0].text and all("Economy" not in h.text for h in travel)
    assert all(h.title != "faq" for h in kb_env.kb.search("cafeteria opens", None, k=5))


def test_sync_uses_watch_dir_setting(kb_env: KbEnv, tmp_path: Path) -> None:
    watched = tmp_path / "inbox"
    watched.mkdir()
    (watched / "a.txt").write_text("Quarterly town hall is on Thursday.")
    kb_env.kb._settings = kb_env.settings.model_copy(update={"kb_watch_dir": watched})
    assert kb_env.kb.sync().added == ["a.txt"]


def test_hits_carry_citations_and_respect_filters(kb_env: KbEnv) -> None:
    kb = kb_env.kb
    a = kb.ingest_bytes(
        "a.md", b"# Safety\n\nHard hats are required on every site.\n", tags=["Safety"], doc_date=date(2024, 3, 1)
    )
    kb.ingest_bytes(
        "b.md", b"# Sites\n\nHard hats and boots are issued at the gate.\n", tags=["ops"], doc_date=date(2025, 6, 1)
    )
    hits = kb.search("hard hats", None, k=5)
    assert {h.title for h in hits} == {"Safety", "Sites"}
    for hit in hits:
        assert hit.citation.title == hit.title and hit.citation.locator and "Hard hats" in hit.citation.quote
        assert str(hit.citation).startswith(f"{hit.title}, ")
    assert [h.title for h in kb.search("hard hats", None, filters=SearchFilters(tags=("safety",)))] == ["Safety"]
    after = SearchFilters(date_from=date(2025, 1, 1))
    assert [h.title for h in kb.search("hard hats", None, filters=after)] == ["Sites"]
    before = SearchFilters(date_to=date(2024, 12, 31))
    assert [h.title for h in kb.search("hard hats", None, filters=before)] == ["Safety"]
    only = SearchFilters(document_ids=(a.document_id or "",))
    assert [h.title for h in kb.search("hard hats", None, filters=only)] == ["Safety"]


def test_near_duplicate_chunks_are_returned_once(kb_env: KbEnv) -> None:
    body = "Our net zero plan retires the last coal unit in 2027 and adds 400 MW of wind."
    kb_env.kb.ingest_bytes("one.txt", body.encode())
    kb_env.kb.ingest_bytes("two.txt", (body + " ").encode())
    hits = kb_env.kb.search("coal unit retirement plan", None, k=5)
    assert sum("coal unit" in h.text for h in hits) == 1


def test_private_notes_never_reach_another_leader(kb_env: KbEnv) -> None:
    kb, people = kb_env.kb, kb_env.people
    secret = b"Ada private note: I plan to announce the Lisbon office expansion next spring."
    kb.ingest_bytes("ada-notes.txt", secret, actor=people["ada"], visibility=private_to("ada"))
    kb.ingest_bytes("public.txt", b"The company has offices in Berlin and Toronto.")
    query = "Lisbon office expansion announcement"
    assert any("Lisbon" in h.text for h in kb.search(query, people["ada"]))
    assert all("Lisbon" not in h.text for h in kb.search(query, people["bo"], k=20))
    assert all("Lisbon" not in h.text for h in kb.search(query, None, k=20))
    assert any("Lisbon" in h.text for h in kb.search(query, people["cora"]))  # ada's coach
    assert any("Lisbon" in h.text for h in kb.search(query, people["root"]))  # admin
    assert all(d.visibility == "company" for d in kb.list_documents(people["bo"]))
    with pytest.raises(PermissionDenied):
        kb.ingest_bytes("sneaky.txt", b"Bo writes into Ada's notes.", actor=people["bo"], visibility=private_to("ada"))
