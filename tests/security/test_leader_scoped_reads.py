"""Work for a leader reads company material plus that leader's private notes only (issue 16, item 1).

Dee coaches both Ada and Bo, so Dee may read both leaders' notes; yet drafting, suggestions, proof points and
fresh material for Ada must never carry Bo's "not for circulation" note, and the same work for Bo does.
Cora coaches Ada only: work for Bo is refused outright.
"""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_openai import ChatOpenAI

from core.errors import PermissionDenied, ValidationFailed
from narratives.brand.content import NarrativeContent
from narratives.brand.insights import fresh_material_for, material_matches
from narratives.brand.matching import PillarFit
from narratives.brand.suggest import suggest_pillars
from narratives.brand.workbench import suggest_from_material
from narratives.drafting.brief import Brief
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.service import DraftingService
from narratives.lifecycle.ideas import capture_idea, idea_from_fit, leader_documents
from tests.security.world import World

ZEBRA_BRIEF = "the Zebra initiative and the Pulse gateway in 2031"


def _service(world: World) -> DraftingService:
    def no_model(*_args: object) -> ChatOpenAI:
        raise AssertionError("planning a draft calls no model")

    return open_drafting_service(world.settings, world.engine, kb=world.kb, chat=no_model)


def _cited(documents: list[str], world: World) -> bool:
    return world.bo_doc in documents


def test_a_draft_for_one_leader_never_cites_another_leaders_private_note(world: World) -> None:
    dee = world.people["dee"]
    service = _service(world)
    for_ada = service.plan(dee, Brief(leader_id=world.ada, topic=ZEBRA_BRIEF))
    for_bo = service.plan(dee, Brief(leader_id=world.bo, topic=ZEBRA_BRIEF))
    assert not _cited([p.document_id for p in for_ada.context.passages], world)
    assert all("Quagga" not in p.text for p in for_ada.context.passages)
    assert _cited([p.document_id for p in for_bo.context.passages], world)  # the note is found when it may be
    only_bo_note = Brief(leader_id=world.ada, topic=ZEBRA_BRIEF, document_ids=(world.bo_doc,))
    named = service.plan(dee, only_bo_note).context
    given = [*named.passages, *named.reserve]  # naming the document does not open it
    assert not _cited([p.document_id for p in given], world) and all("Quagga" not in p.text for p in given)


def test_proof_points_and_pillar_suggestions_stay_with_their_leader(world: World) -> None:
    dee = world.people["dee"]
    for_ada = suggest_from_material(world.engine, dee, world.ada, world.kb, None)
    for_bo = suggest_from_material(world.engine, dee, world.bo, world.kb, None)
    assert not _cited([p.citation.document_id for p in for_ada.proof_points if p.citation], world)
    assert _cited([p.citation.document_id for p in for_bo.proof_points if p.citation], world)
    answer = "- Zebra roadmap: where the platform goes next [S1] [S2] [S3] [S4] [S5] [S6]"
    pillars = suggest_pillars(
        FakeListChatModel(responses=[answer]),  # type: ignore[arg-type]
        world.kb,
        dee,
        world.ada,
        leader_name="Ada",
        leader_title="VP Engineering",
        content=NarrativeContent(expertise=["Zebra initiative", "Pulse gateway"]),
        past_posts=[],
    )
    assert pillars and not _cited([c.document_id for s in pillars for c in s.citations], world)


def test_fresh_material_and_matching_keep_private_notes_with_their_owner(world: World) -> None:
    dee = world.people["dee"]
    fits = material_matches(world.engine, dee, world.kb)
    assert {fit.leader_id for fit in fits if fit.document_id == world.bo_doc} == {world.bo}
    assert world.bo_doc not in {fit.document_id for fit in fresh_material_for(world.engine, dee, world.ada, world.kb)}


def test_work_for_a_leader_the_actor_may_not_see_is_refused(world: World) -> None:
    cora = world.people["cora"]
    with pytest.raises(PermissionDenied):
        world.kb.search_for_leader("Zebra", cora, world.bo)
    with pytest.raises(PermissionDenied):
        world.kb.nearest_for_leader("Zebra", cora, world.bo)
    with pytest.raises(PermissionDenied):
        _service(world).plan(cora, Brief(leader_id=world.bo, topic=ZEBRA_BRIEF))
    with pytest.raises(PermissionDenied):
        suggest_from_material(world.engine, cora, world.bo, world.kb, None)


def _fit(world: World, document_id: str, leader_id: int) -> PillarFit:
    return PillarFit(document_id, "A note", leader_id, "Someone", "", 0.5, "the Zebra initiative")


def test_ideas_from_material_take_only_what_the_leader_may_draw_on(world: World) -> None:
    """Dee may read Bo's note, yet may not file it as the source of an idea for Ada; Cora is offered nothing of Bo's
    and may not turn a fit for Bo into an idea; Ada may not name Bo's note as her own idea's source."""
    dee, cora, ada = world.people["dee"], world.people["cora"], world.people["ada"]
    assert world.bo_doc not in {doc.id for doc in leader_documents(world.engine, dee, world.kb, world.ada)}
    assert world.bo_doc in {doc.id for doc in leader_documents(world.engine, dee, world.kb, world.bo)}
    with pytest.raises(ValidationFailed):
        idea_from_fit(world.engine, dee, world.kb, _fit(world, world.bo_doc, world.ada))
    with pytest.raises(ValidationFailed):
        capture_idea(world.engine, ada, world.kb, world.ada, title="Mine now", source_document_id=world.bo_doc)
    assert {fit.leader_id for fit in material_matches(world.engine, cora, world.kb)} == {world.ada}
    with pytest.raises(PermissionDenied):
        idea_from_fit(world.engine, cora, world.kb, _fit(world, world.company_doc, world.bo))
    offered = next(fit for fit in material_matches(world.engine, dee, world.kb) if fit.leader_id == world.ada)
    idea = idea_from_fit(world.engine, dee, world.kb, offered)  # what Dee is offered for Ada, Dee may file for Ada
    assert (idea.leader_id, idea.source_document_id) == (world.ada, offered.document_id)
    assert offered.document_id != world.bo_doc
