"""Versioned narratives on SQLite and PostgreSQL: history, conflicts, validation, stale citations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import EditConflict, PermissionDenied, ValidationFailed
from core.permissions import Actor
from kb.models import KbDocument
from narratives.brand.content import NarrativeContent
from narratives.brand.export import narrative_docx, narrative_markdown
from narratives.brand.service import get_narrative, narrative_history, save_narrative

PILLARS = {
    "positioning": "The engineer who keeps factories online.",
    "pillars": [
        {"name": "Edge reliability", "thesis": "Assume the network fails."},
        {"name": "Open protocols", "thesis": "Plants own their data."},
        {"name": "On-call culture", "thesis": "A quiet pager is designed."},
    ],
}


def add_document(engine: Engine, document_id: str, title: str) -> None:
    with unit_of_work(engine) as session:
        session.add(
            KbDocument(
                id=document_id,
                title=title,
                source=f"{title}.md",
                content_sha256="0" * 64,
                kind="md",
                tags=[],
                visibility="company",
                embedder="test",
                ingested_at=datetime.now(UTC),
            )
        )


def test_every_change_is_a_version_with_author(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    first = save_narrative(engine, ada, ada.person_id, PILLARS, base_version=0, note="interview")
    edited = {**PILLARS, "positioning": "The engineer whose plants never lose data."}
    second = save_narrative(engine, cora, ada.person_id, edited, base_version=first.version, note="coach edit")
    assert (first.version, second.version) == (1, 2)
    assert get_narrative(engine, ada, ada.person_id).content.positioning.startswith("The engineer whose")
    history = narrative_history(engine, ada, ada.person_id)
    assert [(h.number, h.author, h.note) for h in history] == [(2, "Cora", "coach edit"), (1, "Ada", "interview")]


def test_concurrent_edits_conflict_and_keep_both(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    base = save_narrative(engine, ada, ada.person_id, PILLARS, base_version=0).version
    save_narrative(engine, cora, ada.person_id, {**PILLARS, "positioning": "Coach wording"}, base_version=base)
    with pytest.raises(EditConflict) as conflict:
        save_narrative(engine, ada, ada.person_id, {**PILLARS, "positioning": "Leader wording"}, base_version=base)
    assert "Coach wording" in conflict.value.current_text and "Leader wording" in conflict.value.your_text
    kept = narrative_history(engine, ada, ada.person_id)
    assert any(h.conflicted for h in kept)
    assert get_narrative(engine, ada, ada.person_id).content.positioning == "Coach wording"


def test_leader_sees_only_own_narrative(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    save_narrative(engine, ada, ada.person_id, PILLARS, base_version=0)
    with pytest.raises(PermissionDenied):
        get_narrative(engine, bo, ada.person_id)
    with pytest.raises(PermissionDenied):
        save_narrative(engine, bo, ada.person_id, PILLARS, base_version=1)
    with pytest.raises(PermissionDenied):
        get_narrative(engine, people["cora"], bo.person_id)


def test_huge_thesis_is_refused_with_a_clear_error_and_nothing_lost(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    save_narrative(engine, ada, ada.person_id, PILLARS, base_version=0)
    huge = {**PILLARS, "pillars": [{"name": "Everything", "thesis": "x" * 10_000}]}
    with pytest.raises(ValidationFailed, match="pillars > 0 > thesis"):
        save_narrative(engine, ada, ada.person_id, huge, base_version=1)
    assert len(get_narrative(engine, ada, ada.person_id).content.pillars) == 3


def test_narrative_without_pillars_opens_with_advice(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    view = save_narrative(engine, ada, ada.person_id, {"positioning": "Just started"}, base_version=0)
    assert view.content.pillars == []
    assert any("No content pillars" in w for w in view.warnings)
    assert "_Not filled in yet._" in narrative_markdown(view)


def test_deleted_document_marks_citation_stale(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    add_document(engine, "doc-live", "PE-3 note")
    add_document(engine, "doc-gone", "Old case study")
    proof = {"text": "21-day offline buffer", "pillar": "Edge reliability", "source": "kb"}
    data = {
        **PILLARS,
        "proof_points": [
            {**proof, "citation": {"document_id": "doc-live", "title": "PE-3 note", "locator": "Specifications"}},
            {**proof, "text": "Old result", "citation": {"document_id": "doc-gone", "title": "Old case study"}},
            {"text": "Twenty years on plant floors", "source": "personal"},
        ],
    }
    save_narrative(engine, ada, ada.person_id, data, base_version=0)
    with unit_of_work(engine) as session:
        session.delete(session.get(KbDocument, "doc-gone"))
    view = get_narrative(engine, ada, ada.person_id)
    assert view.stale_document_ids == {"doc-gone"}
    assert any("deleted knowledge-base document" in w for w in view.warnings)
    markdown = narrative_markdown(view)
    assert "citation stale" in markdown and r"\(personal experience\)" in markdown  # escaped: inert Markdown
    assert narrative_docx(view)[:2] == b"PK"


def test_kb_proof_point_needs_a_citation() -> None:
    with pytest.raises(ValueError, match="needs a citation"):
        NarrativeContent.model_validate({"proof_points": [{"text": "A fact", "source": "kb"}]})


def test_drafting_reads_pillars_from_the_narrative(engine: Engine, people: dict[str, Actor]) -> None:
    from narratives.brand.pillars import NarrativePillars

    ada = people["ada"]
    save_narrative(engine, ada, ada.person_id, PILLARS, base_version=0)
    source = NarrativePillars(engine)
    assert [p.name for p in source.pillars(ada, ada.person_id)] == [
        "Edge reliability",
        "Open protocols",
        "On-call culture",
    ]
    with pytest.raises(PermissionDenied):
        source.pillars(people["bo"], ada.person_id)
