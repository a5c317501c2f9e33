"""Ideas on a real knowledge base: fresh material and document matches become ideas in one click; pillars come from
the leader's narrative and the source must be material the leader may draw on."""

from __future__ import annotations

import pytest

from core.errors import PermissionDenied, ValidationFailed
from kb.models import private_to
from narratives.brand.insights import fresh_material_for, material_matches
from narratives.brand.matching import matches_by_document
from narratives.brand.service import save_narrative
from narratives.drafting.brief import make_brief, prefill_from
from narratives.lifecycle.ideas import capture_idea, idea_from_fit, leader_documents, pillar_choices, set_details
from tests.kb.conftest import KbEnv
from tests.narratives.test_suggest_and_match import EDGE, STORIES, ingest_two_documents
from workspace.ideas import list_ideas
from workspace.models import PostStatus


def test_fresh_material_and_matches_become_ideas(kb_env: KbEnv) -> None:
    ingest_two_documents(kb_env)
    ada, bo, cora, root = (kb_env.people[h] for h in ("ada", "bo", "cora", "root"))
    save_narrative(kb_env.engine, ada, ada.person_id, EDGE, base_version=0)
    save_narrative(kb_env.engine, bo, bo.person_id, STORIES, base_version=0)
    fresh = fresh_material_for(kb_env.engine, cora, ada.person_id, kb_env.kb)
    idea = idea_from_fit(kb_env.engine, cora, kb_env.kb, fresh[0])
    assert (idea.status, idea.title, idea.pillar) == (
        PostStatus.IDEA,
        "Gateway buffering field report",
        "Edge reliability",
    )
    assert idea.source_document_id == fresh[0].document_id and "Fits Ada's pillar" in idea.note
    matched = matches_by_document(material_matches(kb_env.engine, root, kb_env.kb))
    story = next(fits[0] for fits in matched.values() if fits and fits[0].title == "Night shift story")
    for_bo = idea_from_fit(kb_env.engine, root, kb_env.kb, story)
    assert (for_bo.leader_id, for_bo.pillar) == (bo.person_id, "Plant floor stories")
    assert [i.title for i in list_ideas(kb_env.engine, ada)] == ["Gateway buffering field report"]
    brief = prefill_from(
        title=idea.title, note=idea.note, text="", channel=idea.channel, source_document_id=idea.source_document_id
    )
    assert make_brief(leader_id=ada.person_id, **brief).document_ids == (idea.source_document_id,)


def test_pillars_and_sources_are_checked(kb_env: KbEnv) -> None:
    ingest_two_documents(kb_env)
    ada, bo = kb_env.people["ada"], kb_env.people["bo"]
    kb_env.kb.ingest_bytes("bo-notes.md", b"# Bo's notes\n\nPrivate plans.", actor=bo, visibility=private_to("bo"))
    save_narrative(kb_env.engine, ada, ada.person_id, EDGE, base_version=0)
    assert pillar_choices(kb_env.engine, ada, ada.person_id) == ["Edge reliability"]
    with pytest.raises(ValidationFailed, match="not one of this leader's pillars"):
        capture_idea(kb_env.engine, ada, kb_env.kb, ada.person_id, title="Plant stories", pillar="Plant floor stories")
    bo_private = next(
        d for d in leader_documents(kb_env.engine, bo, kb_env.kb, bo.person_id) if d.title == "Bo's notes"
    )
    assert bo_private.id not in {
        d.id for d in leader_documents(kb_env.engine, kb_env.people["root"], kb_env.kb, ada.person_id)
    }
    with pytest.raises(ValidationFailed, match="not in the knowledge base for this leader"):
        capture_idea(
            kb_env.engine,
            kb_env.people["root"],
            kb_env.kb,
            ada.person_id,
            title="Borrowed",
            source_document_id=bo_private.id,
        )
    with pytest.raises(PermissionDenied):
        leader_documents(kb_env.engine, bo, kb_env.kb, ada.person_id)
    with pytest.raises(ValidationFailed, match="title"):
        capture_idea(kb_env.engine, ada, kb_env.kb, ada.person_id, title=" ")
    idea = capture_idea(kb_env.engine, ada, kb_env.kb, ada.person_id, title="Buffers", pillar="Edge reliability")
    renamed = set_details(kb_env.engine, ada, idea.id, title="Buffers, again", pillar="", channel="x", note="Short.")
    assert (renamed.title, renamed.pillar, renamed.channel, renamed.note) == ("Buffers, again", "", "x", "Short.")
