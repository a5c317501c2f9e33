"""Suggestions from material (real KB, real local model server) and matching documents to the right leader."""

from __future__ import annotations

from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from narratives.brand.content import NarrativeContent, Pillar
from narratives.brand.suggest import parse_pillar_lines, suggest_pillars, suggest_proof_points
from tests.kb.conftest import KbEnv

EDGE_DOC = """# Gateway buffering field report

## Outage
The PE-3 gateway buffered readings for six hours during a fibre cut and lost none of them.
Offline buffering on the edge gateway keeps energy data safe when the uplink fails.
"""
STORY_DOC = """# Night shift story

## What the operator saw
An operator on the night shift noticed the compressor ran all weekend. Her idea cut idle energy by a fifth.
Plant floor people find the savings that dashboards miss.
"""
EDGE = NarrativeContent(
    pillars=[Pillar(name="Edge reliability", thesis="Gateways must buffer data when networks fail")]
)
STORIES = NarrativeContent(pillars=[Pillar(name="Plant floor stories", thesis="Operators find the best energy ideas")])


def ingest_two_documents(env: KbEnv) -> None:
    env.kb.ingest_bytes("edge.md", EDGE_DOC.encode())
    env.kb.ingest_bytes("story.md", STORY_DOC.encode())


def test_proof_points_are_suggested_with_citations(kb_env: KbEnv) -> None:
    ingest_two_documents(kb_env)
    cora, ada = kb_env.people["cora"], kb_env.people["ada"]
    points = suggest_proof_points(kb_env.kb, cora, ada.person_id, EDGE, per_pillar=1)
    assert len(points) == 1
    assert points[0].source == "kb" and points[0].citation is not None
    assert points[0].citation.title == "Gateway buffering field report"
    assert points[0].pillar == "Edge reliability"


def test_pillar_lines_are_parsed_with_their_citations(kb_env: KbEnv) -> None:
    ingest_two_documents(kb_env)
    hits = kb_env.kb.search("gateway buffering", kb_env.people["ada"], k=2)
    answer = (
        "Here you go:\n- Edge reliability: Networks fail; data must not. [S1]\n2. **Open data**: Plants own it.\nnoise"
    )
    parsed = parse_pillar_lines(answer, hits)
    assert [s.pillar.name for s in parsed] == ["Edge reliability", "Open data"]
    assert parsed[0].pillar.thesis == "Networks fail; data must not."
    assert parsed[0].citations[0].document_id == hits[0].document_id
    assert parsed[1].citations == []


def test_pillars_are_suggested_by_the_real_local_model(kb_env: KbEnv, local_llm_url: str) -> None:
    ingest_two_documents(kb_env)
    chat = ChatOpenAI(
        model="smollm2-135m",
        base_url=local_llm_url,
        api_key=SecretStr("not-needed"),
        temperature=0.0,
        max_completion_tokens=160,
        seed=7,
    )
    suggestions = suggest_pillars(
        chat,
        kb_env.kb,
        kb_env.people["ada"],
        kb_env.people["ada"].person_id,
        leader_name="Ada",
        leader_title="VP Eng",
        content=NarrativeContent(expertise=["edge gateways"]),
        past_posts=["Ship it."],
    )
    assert isinstance(suggestions, list)
    for suggestion in suggestions:
        assert suggestion.pillar.name and len(suggestion.pillar.thesis) <= 300


def test_matching_sends_each_document_to_the_leader_who_can_speak_to_it(kb_env: KbEnv) -> None:
    from narratives.brand.insights import fresh_material_for, material_matches
    from narratives.brand.matching import matches_by_document
    from narratives.brand.service import save_narrative

    ingest_two_documents(kb_env)
    ada, bo, admin = kb_env.people["ada"], kb_env.people["bo"], kb_env.people["root"]
    save_narrative(kb_env.engine, ada, ada.person_id, EDGE, base_version=0)
    save_narrative(kb_env.engine, bo, bo.person_id, STORIES, base_version=0)

    matches = matches_by_document(material_matches(kb_env.engine, admin, kb_env.kb))
    by_title = {fits[0].title: fits[0] for fits in matches.values() if fits}
    assert by_title["Gateway buffering field report"].leader_name == "Ada"
    assert by_title["Night shift story"].leader_name == "Bo"
    assert "Edge reliability" in by_title["Gateway buffering field report"].reason

    fresh = fresh_material_for(kb_env.engine, bo, bo.person_id, kb_env.kb)
    assert [fit.title for fit in fresh] == ["Night shift story"]
