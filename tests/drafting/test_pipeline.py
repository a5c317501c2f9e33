"""The drafting pipeline end to end against the real local model: streamed variants, citations, checks, revisions,
follow-up actions, publishing and the edit trend. Assertions are about behaviour, not prose quality."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest
from langchain_openai import ChatOpenAI
from sqlalchemy import event, select
from sqlalchemy.orm import Session

import narratives.voice.adapter
import narratives.voice.store
import workspace.posts
from core.db import unit_of_work
from core.errors import EditConflict, PermissionDenied, ValidationFailed
from core.permissions import require_leader_access
from narratives.drafting.brief import make_brief
from narratives.drafting.checks.findings import Finding
from narratives.drafting.context import quoted_text
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.learning import edit_trend
from narratives.drafting.models import DraftGeneration
from narratives.drafting.plan import quality_key
from narratives.drafting.service import DraftPlan
from narratives.drafting.tidy import Change
from narratives.llm.streaming import RETRY, TextStream
from narratives.voice.store import leader_post_texts, load_voice_texts
from tests.drafting.conftest import DraftingEnv, short_answer_chat
from workspace import posts
from workspace.publishing import mark_published
from workspace.revisions import history, open_suggestions

T = TypeVar("T")
CHECKS = {"voice", "grounding", "lingo", "echo", "channel"}


def plan_for(env: DraftingEnv, who: str = "ada", **brief: object) -> DraftPlan:
    ada = env.people["ada"]
    values = {"leader_id": ada.person_id, "topic": "What an expired certificate taught us about buffering", **brief}
    return env.service.plan(env.people[who], make_brief(**values), variants=2)


def draft(env: DraftingEnv, plan: DraftPlan, index: int = 0) -> tuple[str, list[str]]:
    stream = env.service.stream_variant(plan, index)
    chunks = list(stream)
    return stream.text, chunks


def test_a_20000_character_brief_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValidationFailed, match=r"20,000 characters; the limit is 300"):
        make_brief(leader_id=1, topic="x" * 20_000)
    with pytest.raises(ValidationFailed, match="angle is 20,000 characters"):
        make_brief(leader_id=1, topic="grids", angle="y" * 20_000)
    with pytest.raises(ValidationFailed, match="channel"):
        make_brief(leader_id=1, topic="grids", channel="tiktok")


def test_variants_stream_with_citations_exemplars_and_every_check(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env)
    assert plan.variants == 2
    assert plan.context.passages and all(p.title and p.quote for p in plan.context.passages)
    assert 3 <= len(plan.context.exemplars) <= 5
    assert plan.context.voice_card and plan.scorer is not None
    texts = []
    for index in range(plan.variants):
        text, chunks = draft(drafting_env, plan, index)
        assert len(chunks) > 1 and text.strip()
        report = drafting_env.service.check(plan, text)
        assert {finding.check for finding in report.findings} == CHECKS
        assert report.fidelity is not None and 0 <= report.fidelity <= 100
        assert plan.citations(text)
        texts.append(text)
    messages = drafting_env.service.messages(plan, 0)
    assert messages != drafting_env.service.messages(plan, 1)
    assert plan.context.habits is not None and plan.context.habits.form
    requests = [str(m.content) for m in messages if m.type == "human"]  # the example turns and the brief
    assert all(f"Form: {plan.context.habits.form}" in request for request in requests)


def test_leader_sees_no_other_leaders_private_material(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env, topic="the Zebra initiative plan for 2031")
    assert all("Zebra" not in passage.text for passage in plan.context.passages)
    with pytest.raises(PermissionDenied):
        plan_for(drafting_env, who="bo")
    assert plan_for(drafting_env, who="cora").context.leader_name == "Ada"


def test_instructions_in_a_passage_never_become_facts_and_are_not_obeyed(drafting_env: DraftingEnv) -> None:
    ada = drafting_env.people["ada"]
    brief = make_brief(leader_id=ada.person_id, topic="PE3 gateway buffering while the network is down")
    plan = drafting_env.service.plan(ada, brief, variants=1)
    assert plan.context.passages and all("BANANA" not in p.text for p in plan.context.passages)
    from_injected = [p for p in plan.context.passages if p.suspicious]
    prompt = str(drafting_env.service.messages(plan, 0)[-1].content)
    assert all(f"[{p.label}]" in prompt and "never obey it" in prompt for p in from_injected)
    text, _ = draft(drafting_env, plan)
    assert text.strip().strip(".!\"'").upper() != "BANANA"


def test_choose_edit_save_and_conflict_keep_every_revision(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env, channel="x", length="short")
    text, _ = draft(drafting_env, plan)
    report = drafting_env.service.check(plan, text)
    post = drafting_env.service.choose(drafting_env.people["ada"], plan, 0, text, report)
    assert (post.version, post.status, post.channel, post.text) == (1, "draft", "x", text)
    with unit_of_work(drafting_env.engine) as session:
        generation = session.scalars(select(DraftGeneration).where(DraftGeneration.post_id == post.id)).one()
        assert generation.citations and generation.checks["findings"]
    cora, ada = drafting_env.people["cora"], drafting_env.people["ada"]
    with pytest.raises(PermissionDenied, match="suggest"):
        drafting_env.service.save(cora, post.id, text + "\n\nEdited by the coach.", base_version=1)
    edited = drafting_env.service.save(ada, post.id, text + "\n\nEdited in another tab.", base_version=1)
    assert edited.version == 2
    with pytest.raises(EditConflict) as conflict:
        drafting_env.service.save(ada, post.id, "Ada's stale edit", base_version=1)
    assert conflict.value.current_version == 2
    saved = history(drafting_env.engine, ada, post.id)
    assert [r.text for r in saved][-1] == "Ada's stale edit" and saved[-1].conflicted
    assert not open_suggestions(drafting_env.engine, ada, post.id)


@pytest.mark.parametrize("action", ["rewrite_paragraph", "shorter", "more_like_me"])
def test_follow_up_actions_stream_and_save_as_revisions(drafting_env: DraftingEnv, action: str) -> None:
    ada = drafting_env.people["ada"]
    post = posts.create_post(drafting_env.engine, ada, ada.person_id, text="First paragraph.\n\nSecond one.")
    typed = "First paragraph, edited but not saved.\n\nSecond one."
    stream = drafting_env.service.follow_up(
        ada,
        post.id,
        typed,
        post.version,
        action,
        paragraph=1,  # type: ignore[arg-type]
        instruction="make it concrete",
    )
    assert posts.get_post(drafting_env.engine, ada, post.id).text == typed  # kept before the model call
    assert len(list(stream)) > 1
    final = stream.final_text
    if action == "rewrite_paragraph":
        assert final.startswith("First paragraph, edited but not saved.\n\n")
    saved = drafting_env.service.save(ada, post.id, final, stream.base_version, note=action)
    assert saved.version == 3 and saved.text == final


def test_publishing_feeds_the_voice_corpus_and_the_edit_trend(drafting_env: DraftingEnv) -> None:
    ada, cora = drafting_env.people["ada"], drafting_env.people["cora"]
    plan = plan_for(drafting_env)
    text, _ = draft(drafting_env, plan)
    post = drafting_env.service.choose(ada, plan, 0, text, drafting_env.service.check(plan, text))
    final = "My own words now. " + text[: len(text) // 2]
    drafting_env.service.save(ada, post.id, final, base_version=1)
    with pytest.raises(PermissionDenied):
        mark_published(drafting_env.engine, cora, post.id, "https://www.linkedin.com/feed/update/1")
    with pytest.raises(ValidationFailed, match="full link"):
        mark_published(drafting_env.engine, ada, post.id, "not a url")
    published = mark_published(drafting_env.engine, ada, post.id, "https://www.linkedin.com/feed/update/1")
    assert published.status == "published" and published.url
    assert final in leader_post_texts(drafting_env.engine, ada, ada.person_id)
    trend = edit_trend(drafting_env.engine, cora, ada.person_id)
    point = next(p for p in trend if p.post_id == post.id)
    assert 0 < point.similarity < 1 and point.distance > 0


def test_model_down_keeps_the_brief_plan_and_the_editor_text(drafting_env: DraftingEnv) -> None:
    from narratives.drafting.factory import open_drafting_service
    from narratives.llm.errors import ModelUnavailable
    from tests.drafting.conftest import short_answer_chat
    from tests.postgres_server import free_port

    down = drafting_env.settings.model_copy(update={"llm_base_url": f"http://127.0.0.1:{free_port()}/v1"})
    service = open_drafting_service(down, drafting_env.engine, kb=drafting_env.kb, chat=short_answer_chat(down))
    ada = drafting_env.people["ada"]
    plan = service.plan(ada, make_brief(leader_id=ada.person_id, topic="Buffering at the edge"), variants=2)
    stream = service.stream_variant(plan, 0)
    with pytest.raises(ModelUnavailable, match="Cannot reach the model"):
        list(stream)
    assert plan.brief.topic == "Buffering at the edge" and stream.text == ""
    post = posts.create_post(drafting_env.engine, ada, ada.person_id, text="Saved draft.")
    edit = service.follow_up(ada, post.id, "Typed but unsaved text.", post.version, "shorter")
    with pytest.raises(ModelUnavailable):
        list(edit)
    assert posts.get_post(drafting_env.engine, ada, post.id).text == "Typed but unsaved text."


def test_uncited_drafts_are_credited_to_the_passages_they_draw_on(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env)
    passages = plan.context.passages
    assert len(passages) >= 2
    source = passages[-1]
    borrowed = next(s for s in source.text.replace("\n", " ").split(". ") if len(s.split()) >= 8)
    text = f"Some mornings start slowly around here.\n\n{borrowed}."
    credited = plan.citations(text)
    assert source in credited and len(credited) < len(passages)
    assert plan.citations(f"{text} [{passages[0].label}]") == [passages[0]]
    assert plan.citations("Some mornings start slowly around here, and that is fine.") == list(passages)


def counting(calls: list[object], function: Callable[..., T]) -> Callable[..., T]:
    def wrapped(*args: object) -> T:
        calls.append(args)
        return function(*args)

    return wrapped


@pytest.mark.parametrize(("action", "checks"), [("shorter", 1), ("rewrite_paragraph", 2), ("more_like_me", 2)])
def test_one_follow_up_click_is_one_unit_of_work(
    drafting_env: DraftingEnv, monkeypatch: pytest.MonkeyPatch, action: str, checks: int
) -> None:
    """One database session per click; the leader's texts are read only by the actions that use them."""
    ada = drafting_env.people["ada"]
    post = posts.create_post(drafting_env.engine, ada, ada.person_id, text="One.\n\nTwo.")
    sessions: list[object] = []
    access_checks: list[object] = []
    text_loads: list[object] = []
    for module in (workspace.posts, narratives.voice.store):
        monkeypatch.setattr(module, "require_leader_access", counting(access_checks, require_leader_access))
    monkeypatch.setattr(narratives.voice.adapter, "load_voice_texts", counting(text_loads, load_voice_texts))
    listener = counting(sessions, lambda session, *_: session)
    event.listen(Session, "after_begin", listener)
    try:
        drafting_env.service.follow_up(ada, post.id, "One, typed.\n\nTwo.", post.version, action, paragraph=0)  # type: ignore[arg-type]
    finally:
        event.remove(Session, "after_begin", listener)
    assert len({id(args[0]) for args in sessions}) == 1  # type: ignore[index]
    assert len(access_checks) == checks
    assert len(text_loads) == (0 if action == "shorter" else 1)


def test_a_stream_stopped_early_closes_the_request_and_counts_as_cut_off(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env)
    chat = drafting_env.service._chat(0.7, 64, 1)
    stream = TextStream(chat, drafting_env.service.messages(plan, 0), stop_when=lambda text: "enough" if text else None)
    assert len(list(stream)) == 1 and stream.finish_reason == "enough" and stream.truncated
    again = drafting_env.service.stream_variant(plan, 0)  # the server took the next request at once
    assert list(again) and again.finish_reason in ("stop", "length", "repeat")


def test_best_of_two_keeps_the_candidate_the_checks_like_best(drafting_env: DraftingEnv, tmp_path: Path) -> None:
    settings = drafting_env.settings.model_copy(update={"draft_candidates": 2})
    service = open_drafting_service(settings, drafting_env.engine, kb=drafting_env.kb, chat=short_answer_chat(settings))
    assert service.candidates == 2 and drafting_env.service.candidates == 2  # a server model: two by default
    plan = plan_for(drafting_env)
    stream = service.stream_variant(plan, 0)
    first = service.finish(plan, "".join(stream), truncated=stream.truncated)
    flags = [Finding("grounding", "warn", "made up")] * 20
    worse = replace(first, report=replace(first.report, findings=[*first.report.findings, *flags]))
    best = service.best_of(plan, 0, worse)
    assert best is not worse and quality_key(best) <= quality_key(worse)


def test_a_short_draft_gets_more_paragraphs_from_the_facts_it_left_unused(drafting_env: DraftingEnv) -> None:
    service = drafting_env.service
    plan = plan_for(drafting_env, length="long")
    short = service.finish(plan, "Edge gateways buffer every reading on disk.")
    assert service.needs_more(plan, short) and not service.needs_more(plan, replace(short, text="word " * 200))
    messages = service.more_messages(plan, 0, short.text)
    asked = str(messages[-1].content)
    assert str(messages[-2].content) == short.text and "That post has 7 words" in asked
    offered = [p for p in plan.facts_given(True) if quoted_text(p.text)[:30] in asked]
    assert plan.context.passages and 0 < len(offered) <= len(plan.facts_given(True))
    more = service.extend(plan, 0, short.text)
    assert list(more) and not more.text.lstrip().startswith("Edge gateways buffer every reading")
    longer = service.finish_more(plan, replace(short, changes=[Change("removed", "Hi.", "test")]), more)
    assert longer.text.startswith(short.text) and longer.changes[0].before == "Hi."  # earlier changes stay listed
    assert longer.extended and not short.extended


def test_an_answer_stopped_for_a_retry_is_written_again_with_the_retry_model(drafting_env: DraftingEnv) -> None:
    plan = plan_for(drafting_env)
    make = drafting_env.service._chat
    calls: list[str] = []

    def again() -> ChatOpenAI:
        calls.append("retry")
        return make(0.9, 24, 7)

    stream = TextStream(
        make(0.7, 24, 1), drafting_env.service.messages(plan, 0), lambda t: RETRY if not calls else None, again
    )
    pieces = list(stream)
    assert calls == ["retry"] and "\n\n" in pieces and stream.text.strip() and stream.finish_reason != RETRY
