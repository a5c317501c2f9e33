"""The builder's two steps after the interview: suggest from material, then accept what the leader keeps."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_openai import ChatOpenAI
from sqlalchemy import Engine

from core.permissions import Actor
from core.settings import Settings
from narratives.brand.content import Pillar, ProofPoint
from narratives.brand.service import NarrativeView, get_narrative, save_narrative
from narratives.brand.suggest import PassageSearch, PillarSuggestion, suggest_pillars, suggest_proof_points
from narratives.llm.active import active_local_model
from narratives.llm.chat import default_engine_provider, make_chat_model
from narratives.voice.store import leader_post_texts
from workspace.people import list_leaders


@dataclass(frozen=True)
class Suggestions:
    pillars: list[PillarSuggestion]
    proof_points: list[ProofPoint]


def suggest_from_material(
    engine: Engine, actor: Actor, leader_id: int, kb: PassageSearch, chat: ChatOpenAI | None
) -> Suggestions:
    """Pillars from the model (when a chat model is given) and cited proof points from the knowledge base."""
    view = get_narrative(engine, actor, leader_id)
    proofs = suggest_proof_points(kb, actor, leader_id, view.content)
    if chat is None:
        return Suggestions([], proofs)
    leader = next(p for p in list_leaders(engine, actor) if p.id == leader_id)
    recent_posts = leader_post_texts(engine, actor, leader_id)[-5:]
    pillars = suggest_pillars(
        chat,
        kb,
        actor,
        leader_id,
        leader_name=leader.name,
        leader_title=leader.title,
        content=view.content,
        past_posts=recent_posts,
    )
    return Suggestions(pillars, proofs)


def accept_suggestions(
    engine: Engine,
    actor: Actor,
    leader_id: int,
    *,
    base_version: int,
    pillars: list[Pillar],
    proof_points: list[ProofPoint],
) -> NarrativeView:
    """Add the accepted items to the narrative as one new version (conflict-checked like any save)."""
    content = get_narrative(engine, actor, leader_id).content
    merged = content.model_copy(
        update={"pillars": [*content.pillars, *pillars], "proof_points": [*content.proof_points, *proof_points]}
    )
    accepted = len(pillars) + len(proof_points)
    return save_narrative(
        engine,
        actor,
        leader_id,
        merged.model_dump(),
        base_version=base_version,
        note=f"accepted {accepted} suggestion(s) from material",
    )


def suggestion_chat_model(settings: Settings, engine: Engine) -> ChatOpenAI:
    """The configured chat model (OpenAI, a compatible server, or the embedded engine, started on demand)."""
    return make_chat_model(
        settings,
        default_engine_provider(settings),
        local_model=active_local_model(engine, settings),
        temperature=0.3,
        max_tokens=400,
    )
