"""DraftingService: brief -> streamed variants with citations and checks -> chosen post -> edits and follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time

from langchain_core.messages import AIMessage, BaseMessage
from langchain_openai import ChatOpenAI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import BylineError, ValidationFailed
from core.permissions import Actor, require_leader_access, visible_leader_ids
from narratives.drafting import decoding, prompting
from narratives.drafting.brief import Brief, ChannelName
from narratives.drafting.checks.echo import nearby_posts
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.checks.grounding import supported_by
from narratives.drafting.checks.run import run_checks
from narratives.drafting.context import ContextLimits, gather_context, leader_identity, voice_context
from narratives.drafting.finishing import finish_text
from narratives.drafting.follow_ups import Action, EditStream, follow_up_request, latest_generation, paragraphs
from narratives.drafting.models import DraftGeneration
from narratives.drafting.plan import DraftPlan, FinishedVariant, quality_key
from narratives.drafting.sources import PassageSearch, PillarSource, VoiceSource
from narratives.drafting.warmup import WARMER
from narratives.llm.streaming import TextStream, complete
from workspace import posts
from workspace.models import Post, PostStatus
from workspace.posts import PostView

ChatFactory = Callable[[float, int, int | None], ChatOpenAI]
"""(temperature, max_tokens, seed) -> a chat model for the configured endpoint."""
MAX_VARIANTS = 3


class DraftingService:
    def __init__(
        self,
        engine: Engine,
        *,
        chat: ChatFactory,
        kb: PassageSearch,
        voice: VoiceSource,
        pillars: PillarSource,
        model_name: str,
        limits: ContextLimits | None = None,
        candidates: int = 1,
    ) -> None:
        self._engine = engine
        self._chat = chat
        self._kb = kb
        self._voice = voice
        self._pillars = pillars
        self.model_name = model_name
        self.limits = limits or ContextLimits()
        self.candidates = max(1, candidates)
        """How many drafts each variant is the best of (the first is streamed, the others are written after it)."""

    def plan(self, actor: Actor, brief: Brief, *, variants: int = 2, use_voice: bool = True) -> DraftPlan:
        """Retrieve passages, pillars and exemplars for a brief (no model call yet)."""
        with unit_of_work(self._engine) as session:
            require_leader_access(session, actor, brief.leader_id)
            identity = leader_identity(session, brief.leader_id)
            voice = self._voice.for_leader(session, actor, brief.leader_id)
            visible = frozenset(visible_leader_ids(session, actor))
        context = gather_context(
            actor,
            brief,
            identity,
            kb=self._kb,
            voice=voice,
            pillars=self._pillars,
            use_voice=use_voice,
            limits=self.limits,
        )
        count = max(1, min(variants, MAX_VARIANTS))
        return DraftPlan(brief, context, self.model_name, count, voice, visible_leaders=visible)

    def messages(self, plan: DraftPlan, index: int) -> list[BaseMessage]:
        return prompting.draft_messages(plan.brief, plan.context, index, self.limits)

    def stream_variant(self, plan: DraftPlan, index: int) -> TextStream:
        """Chunks of variant `index` as the model writes them (iterate, or pass to st.write_stream)."""
        tokens = decoding.max_tokens(plan.brief)
        chat = self._chat(0.7 + 0.1 * index, tokens, 1000 + index)
        again = lambda: decoding.tuned(self._chat(0.9 + 0.1 * index, tokens, 1500 + index))  # noqa: E731
        return TextStream(decoding.tuned(chat), self.messages(plan, index), stop_when=decoding.watch, retry=again)

    def check(self, plan: DraftPlan, text: str) -> CheckReport:
        """Every check on a text written for this plan's leader and channel."""
        when = datetime.combine(plan.brief.planned_for, time(9), UTC) if plan.brief.planned_for else plan.created_at
        report = run_checks(
            text,
            channel=plan.brief.channel,
            passages=plan.citations(text),
            own_names=[plan.context.leader_name],
            others=nearby_posts(self._engine, plan.brief.leader_id, when, visible=plan.visible_leaders),
            scorer=plan.scorer,
        )
        return report

    def warm(self, actor: Actor, leader_id: int, channel: ChannelName = "linkedin") -> None:
        """Read the leader's fixed prompt part (habits, pillars, typical posts) into the model's prompt cache, so
        the first draft for them only reads its brief and facts. The Draft studio calls this when it opens."""
        brief = Brief(leader_id=leader_id, topic="warm-up", channel=channel)
        with unit_of_work(self._engine) as session:
            require_leader_access(session, actor, leader_id)
            identity = leader_identity(session, leader_id)
            voice = self._voice.for_leader(session, actor, leader_id)
        context = voice_context(actor, brief, identity, voice=voice, pillars=self._pillars, limits=self.limits)
        complete(self._chat(0.0, 1, None), prompting.warm_messages(brief, context, self.limits))

    def warm_in_background(self, actor: Actor, leader_id: int, channel: ChannelName = "linkedin") -> bool:
        """Start `warm` in a background thread once per model, leader and channel (True when it started now).
        Access is checked here, before the thread starts, so a refusal reaches the caller."""
        with unit_of_work(self._engine) as session:
            require_leader_access(session, actor, leader_id)
        return WARMER.start((self.model_name, leader_id, channel), lambda: self.warm(actor, leader_id, channel))

    def finish(self, plan: DraftPlan, text: str, *, truncated: bool = False, extended: bool = False) -> FinishedVariant:
        """The streamed text made ready for the user (clean-up, then repair against the facts the model was given),
        then checked."""
        context = plan.context
        habits = context.habits
        allowed = min(habits.max_hashtags if habits else 3, 2 if plan.brief.channel == "x" else 3)
        final, changes = finish_text(
            text,
            facts=[p.text for p in plan.facts_given(extended)],
            known_names=context.known_names,
            past=context.exemplars,
            short_lines=bool(habits and habits.short_lines),
            hashtags=(allowed, habits.hashtags if habits else ()),
            truncated=truncated,
        )
        return FinishedVariant(final, changes, self.check(plan, final), extended)

    def needs_more(self, plan: DraftPlan, finished: FinishedVariant) -> bool:
        """Is the finished draft well under its length (LinkedIn)?"""
        return decoding.too_short(plan.brief, finished.text)

    def more_messages(self, plan: DraftPlan, index: int, text: str) -> list[BaseMessage]:
        """The variant's messages, the short draft as the model's answer, and a turn asking for more paragraphs
        from the facts the draft has not used yet and the reserve facts."""
        passages = plan.context.passages
        used = set(supported_by(text, [p.text for p in passages]))
        unused = [p for i, p in enumerate(passages) if i not in used] + plan.context.reserve
        ask = prompting.more_messages(plan.brief, text, unused)
        return [*self.messages(plan, index), AIMessage(content=text), *ask]

    def extend(self, plan: DraftPlan, index: int, text: str) -> TextStream:
        """More paragraphs for a draft that came out short (any engine; on llama.cpp the prompt up to the draft is
        still in its cache). Stream it, then `finish` text + more."""
        chat = self._chat(0.7 + 0.1 * index, decoding.more_tokens(plan.brief, text), 2000 + index)
        messages = self.more_messages(plan, index, text)
        return TextStream(decoding.tuned(chat), messages, stop_when=lambda more: decoding.runaway(f"{text}\n\n{more}"))

    def finish_more(self, plan: DraftPlan, finished: FinishedVariant, more: TextStream) -> FinishedVariant:
        """The short draft with the paragraphs `extend` streamed, finished again; what was changed before stays
        listed."""
        longer = self.finish(plan, f"{finished.text}\n\n{more.text}", truncated=more.truncated, extended=True)
        return replace(longer, changes=[*finished.changes, *longer.changes])

    def best_of(self, plan: DraftPlan, index: int, first: FinishedVariant) -> FinishedVariant:
        """`first` or, when this service writes several candidates per variant, the best of them by the checks
        (an extra candidate the model fails to write is skipped: the first one is already there)."""
        found = [first]
        for extra in range(1, self.candidates):
            chat = self._chat(0.7 + 0.1 * index, decoding.max_tokens(plan.brief), 1000 + index + 100 * extra)
            try:
                stream = complete(decoding.tuned(chat), self.messages(plan, index), stop_when=decoding.watch)
            except BylineError:
                continue
            if not decoding.declined(stream.text):
                found.append(self.finish(plan, stream.text, truncated=stream.truncated))
        return min(found, key=quality_key)

    def choose(
        self,
        actor: Actor,
        plan: DraftPlan,
        index: int,
        text: str,
        report: CheckReport,
        *,
        post_id: int | None = None,
        base_version: int = 0,
    ) -> PostView:
        """Keep the chosen variant: a new draft, or (for a post the studio was opened for, e.g. an idea) that post's
        next revision (a coach's variant for a post that has text is a suggestion)."""
        if not text.strip():
            raise ValidationFailed("This variant has no text to keep.")
        with unit_of_work(self._engine) as session:
            if post_id is None:
                post = posts.add_post(
                    session,
                    actor,
                    plan.brief.leader_id,
                    text=text,
                    channel=plan.brief.channel,
                    status=PostStatus.DRAFT,
                    title=plan.brief.topic[:300],
                )
            else:
                post = self._fill(session, actor, plan, post_id, text, base_version, index)
            session.add(
                DraftGeneration(
                    post_id=post.id,
                    leader_id=plan.brief.leader_id,
                    created_by=actor.person_id,
                    model=plan.model,
                    variant_index=index,
                    text=text,
                    brief=plan.brief.model_dump(mode="json"),
                    citations=[{**p.as_dict(), "text": p.text} for p in plan.citations(text)],
                    checks=report.as_dict(),
                )
            )
            session.flush()
            session.refresh(post)
            return PostView.of(post)

    def _fill(
        self, session: Session, actor: Actor, plan: DraftPlan, post_id: int, text: str, base: int, index: int
    ) -> Post:
        post = posts.load_visible_post(session, actor, post_id)
        if post.leader_id != plan.brief.leader_id:
            raise ValidationFailed("This brief is for another leader than the post it would fill.")
        post.title = post.title or plan.brief.topic[:300]
        posts.keep_editor_text(session, actor, post, text, base_version=base, note=f"draft variant {index + 1}")
        return post

    def save(self, actor: Actor, post_id: int, text: str, base_version: int, note: str = "edited") -> PostView:
        """A new revision; EditConflict (text kept as a conflicted revision) if someone saved in between."""
        return posts.save_text(self._engine, actor, post_id, text, base_version=base_version, note=note)

    def generation(self, actor: Actor, post_id: int) -> DraftGeneration | None:
        with unit_of_work(self._engine) as session:
            return latest_generation(session, posts.load_visible_post(session, actor, post_id).id)

    def follow_up(
        self,
        actor: Actor,
        post_id: int,
        text: str,
        base_version: int,
        action: Action,
        *,
        paragraph: int = 0,
        instruction: str = "",
    ) -> EditStream:
        """Stream a rewrite of the post (or one paragraph); the page saves `final_text` as the next revision.
        One unit of work: the post (and the editor's text, kept first), the leader and, when the action needs
        them, the stored passages and the leader's texts."""
        if not text.strip():
            raise ValidationFailed("Write or keep some text before asking for a rewrite.")
        parts = paragraphs(text)
        if action == "rewrite_paragraph" and not 0 <= paragraph < len(parts):
            raise ValidationFailed(f"Pick a paragraph between 1 and {len(parts)}.")
        with unit_of_work(self._engine) as session:
            post = posts.load_visible_post(session, actor, post_id)
            posts.keep_editor_text(session, actor, post, text, base_version=base_version, note=f"kept before {action}")
            request = follow_up_request(
                session, actor, self._voice, self.limits, post, text, action, paragraph, instruction
            )
            version = post.version
        chat = self._chat(0.6, max(200, len(text.split()) * 3), None)
        return EditStream(TextStream(chat, request.messages), request.compose, version)
