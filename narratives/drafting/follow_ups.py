"""Follow-ups on a kept draft ("Shorter", "More like me", rewrite one paragraph): the messages each action sends and
how the model's answer is put back into the post."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from langchain_core.messages import BaseMessage
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.permissions import Actor
from narratives.drafting import prompting
from narratives.drafting.context import ContextLimits, Passage, leader_identity
from narratives.drafting.models import DraftGeneration
from narratives.drafting.sources import VoiceSource
from narratives.llm.streaming import TextStream
from workspace.models import Post

Action = Literal["rewrite_paragraph", "shorter", "more_like_me"]


@dataclass
class EditStream:
    """Streams the model's new text; `final_text` is the whole post with it applied."""

    stream: TextStream
    compose: Callable[[str], str]
    base_version: int

    def __iter__(self) -> Iterator[str]:
        return iter(self.stream)

    @property
    def final_text(self) -> str:
        return self.compose(self.stream.text.strip())


@dataclass(frozen=True)
class FollowUpRequest:
    """What to send the model, and how its answer becomes the post's whole text."""

    messages: list[BaseMessage]
    compose: Callable[[str], str]


def paragraphs(text: str) -> list[str]:
    return [part for part in text.split("\n\n") if part.strip()]


def _unchanged(new: str) -> str:
    return new


def follow_up_request(
    session: Session,
    actor: Actor,
    voice_source: VoiceSource,
    limits: ContextLimits,
    post: Post,
    text: str,
    action: Action,
    paragraph: int,
    instruction: str,
) -> FollowUpRequest:
    """The request for one follow-up on `post` (already loaded with the actor's access checked). "Shorter" needs
    neither the voice card nor the stored passages, so it reads neither."""
    name = leader_identity(session, post.leader_id)[0]
    if action == "shorter":
        return FollowUpRequest(prompting.shorter_messages(name, text, post.channel), _unchanged)
    if action == "rewrite_paragraph":
        parts = paragraphs(text)
        card = voice_source.for_leader(session, actor, post.leader_id).card()
        passages = stored_passages(latest_generation(session, post.id))
        messages = prompting.rewrite_messages(name, card, passages, text, parts[paragraph], instruction)
        return FollowUpRequest(
            messages, lambda new: "\n\n".join(new if i == paragraph else p for i, p in enumerate(parts))
        )
    voice = voice_source.for_leader(session, actor, post.leader_id)
    scorer = voice.scorer()
    reasons = scorer(text).reasons if scorer else []
    exemplars = voice.exemplars(text[:300], min(3, limits.exemplars))
    return FollowUpRequest(prompting.more_like_me_messages(name, voice.card(), exemplars, reasons, text), _unchanged)


def latest_generation(session: Session, post_id: int) -> DraftGeneration | None:
    query = select(DraftGeneration).where(DraftGeneration.post_id == post_id).order_by(DraftGeneration.id.desc())
    return session.scalars(query).first()


def stored_passages(generation: DraftGeneration | None) -> list[Passage]:
    if generation is None:
        return []
    return [
        Passage(
            str(c["label"]),
            str(c["document_id"]),
            str(c["title"]),
            str(c["locator"]),
            str(c.get("text", "")),
            str(c["quote"]),
            bool(c.get("suspicious", False)),
        )
        for c in generation.citations
    ]
