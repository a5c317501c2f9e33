"""BYLINE_DRAFT_CONTEXT: compact prompts on the embedded CPU model, full ones on servers, either on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings
from narratives.drafting.brief import make_brief
from narratives.drafting.context import COMPACT_LIMITS, DEFAULT_LIMITS
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.service import DraftingService
from tests.drafting.conftest import DraftingEnv, short_answer_chat

TOPIC = "What an expired certificate taught us about buffering"


def service_for(env: DraftingEnv, tmp_path: Path, **config: str) -> DraftingService:
    settings = Settings(BYLINE_DATA_DIR=tmp_path, **config)
    return open_drafting_service(settings, env.engine, kb=env.kb, chat=short_answer_chat(env.settings))


def prompt_chars(service: DraftingService, env: DraftingEnv) -> tuple[int, int, int]:
    ada = env.people["ada"]
    plan = service.plan(ada, make_brief(leader_id=ada.person_id, topic=TOPIC), variants=1)
    size = sum(len(str(message.content)) for message in service.messages(plan, 0))
    return size, len(plan.context.passages), len(plan.context.exemplars)


def test_embedded_model_gets_compact_prompts_and_servers_full_ones(drafting_env: DraftingEnv, tmp_path: Path) -> None:
    local = service_for(drafting_env, tmp_path)
    server = service_for(drafting_env, tmp_path, BYLINE_LLM_BASE_URL="http://127.0.0.1:9/v1")
    assert local.model_name.startswith("Embedded local model") and local.limits == COMPACT_LIMITS
    assert server.limits == DEFAULT_LIMITS
    compact, full = prompt_chars(local, drafting_env), prompt_chars(server, drafting_env)
    assert 1 <= compact[1] <= full[1] and compact[2] == full[2] == 3  # example posts sit in the cached prefix
    assert compact[0] <= full[0]  # the compact plan carries no extra facts; both carry three example posts


def test_the_setting_overrides_the_automatic_choice(drafting_env: DraftingEnv, tmp_path: Path) -> None:
    assert service_for(drafting_env, tmp_path, BYLINE_DRAFT_CONTEXT="full").limits == DEFAULT_LIMITS
    remote_compact = service_for(
        drafting_env, tmp_path, BYLINE_DRAFT_CONTEXT="compact", BYLINE_LLM_BASE_URL="http://127.0.0.1:9/v1"
    )
    assert remote_compact.limits == COMPACT_LIMITS


def test_a_compact_prompt_still_drafts_with_citations(drafting_env: DraftingEnv, tmp_path: Path) -> None:
    service = service_for(drafting_env, tmp_path)
    ada = drafting_env.people["ada"]
    plan = service.plan(ada, make_brief(leader_id=ada.person_id, topic=TOPIC), variants=1)
    stream = service.stream_variant(plan, 0)
    assert len(list(stream)) > 1 and stream.text.strip()
    assert plan.citations(stream.text) and service.check(plan, stream.text).fidelity is not None


def test_unknown_context_size_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="BYLINE_DRAFT_CONTEXT"):
        Settings(BYLINE_DATA_DIR=tmp_path, BYLINE_DRAFT_CONTEXT="huge")
