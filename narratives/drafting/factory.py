"""Wiring: settings + engine -> a DraftingService on the configured model, knowledge base and voice service."""

from __future__ import annotations

from langchain_openai import ChatOpenAI
from sqlalchemy import Engine

from core.settings import Settings
from kb.factory import open_knowledge_base
from narratives.brand.pillars import NarrativePillars
from narratives.drafting.context import COMPACT_LIMITS, DEFAULT_LIMITS, ContextLimits
from narratives.drafting.service import ChatFactory, DraftingService
from narratives.drafting.sources import PassageSearch, PillarSource, VoiceSource
from narratives.llm.active import active_local_model
from narratives.llm.chat import EngineProvider, ModelTarget, default_engine_provider, make_chat_model, model_target
from narratives.voice.adapter import VoiceForDrafting


def chat_factory(settings: Settings, engine_provider: EngineProvider, local_model: str | None) -> ChatFactory:
    def make(temperature: float, max_tokens: int, seed: int | None) -> ChatOpenAI:
        return make_chat_model(
            settings,
            engine_provider,
            local_model=local_model,
            temperature=temperature,
            max_tokens=min(max_tokens, settings.llm_max_tokens or max_tokens),
            seed=seed,
        )

    return make


def context_limits(settings: Settings, target: ModelTarget) -> ContextLimits:
    """Compact prompts for the embedded CPU model (unless configured otherwise), full ones for servers."""
    if settings.draft_context == "compact" or (settings.draft_context == "auto" and target.kind == "local"):
        return COMPACT_LIMITS
    return DEFAULT_LIMITS


def open_drafting_service(
    settings: Settings,
    engine: Engine,
    *,
    kb: PassageSearch | None = None,
    voice: VoiceSource | None = None,
    pillars: PillarSource | None = None,
    engine_provider: EngineProvider | None = None,
    chat: ChatFactory | None = None,
    limits: ContextLimits | None = None,
) -> DraftingService:
    """The service with real collaborators unless given. The local engine starts only at the first model call."""
    if kb is None:
        kb = open_knowledge_base(settings, engine)
    local = active_local_model(engine, settings)
    target = model_target(settings, local)
    return DraftingService(
        engine,
        chat=chat or chat_factory(settings, engine_provider or default_engine_provider(settings), local),
        kb=kb,
        voice=voice or VoiceForDrafting(),
        pillars=pillars or NarrativePillars(engine),
        model_name=target.describe(),
        limits=limits or context_limits(settings, target),
        candidates=settings.draft_candidates or (1 if target.kind == "local" else 2),
    )
