"""Ideas: a title, a note (the angle, the story), a source document and a pillar, captured for a leader by anyone who
may see them. An idea is a post in the `idea` status; its first text makes it a draft."""

from __future__ import annotations

from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import ValidationFailed
from core.permissions import Actor
from workspace.models import Channel, PostStatus
from workspace.posts import DETAILS, PostView, add_post, list_posts

MIN_TITLE_CHARS = 3


def capture_idea(
    engine: Engine,
    actor: Actor,
    leader_id: int,
    *,
    title: str,
    note: str = "",
    source_document_id: str | None = None,
    pillar: str = "",
    channel: str = Channel.LINKEDIN,
) -> PostView:
    """Store an idea for a leader (pillar and source are checked against the narrative and the knowledge base by
    narratives.lifecycle.ideas, which pages call)."""
    title = title.strip()
    if len(title) < MIN_TITLE_CHARS:
        raise ValidationFailed("Give the idea a title of a few words.")
    if len(title) > DETAILS["title"] or len(note) > DETAILS["note"]:
        raise ValidationFailed(
            f"Keep the title under {DETAILS['title']} and the note under {DETAILS['note']:,} characters."
        )
    with unit_of_work(engine) as session:
        post = add_post(
            session,
            actor,
            leader_id,
            status=PostStatus.IDEA,
            title=title,
            note=note.strip(),
            source_document_id=source_document_id or None,
            pillar=pillar.strip(),
            channel=channel,
        )
        session.refresh(post)
        return PostView.of(post)


def list_ideas(engine: Engine, actor: Actor, leader_id: int | None = None) -> list[PostView]:
    return list_posts(engine, actor, leader_id=leader_id, statuses=(PostStatus.IDEA,))
