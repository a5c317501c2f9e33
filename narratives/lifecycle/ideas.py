"""Ideas and post details checked against the leader's narrative (pillars) and the knowledge base (the source
document must be company material or the leader's own private notes). "Fresh material" and document-to-leader
matches become ideas in one click."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine

from core.errors import PermissionDenied, ValidationFailed
from core.permissions import Actor
from kb.models import COMPANY, private_to
from kb.service import DocumentInfo
from narratives.brand.matching import PillarFit
from narratives.brand.service import get_narrative
from workspace import ideas, posts
from workspace.people import list_leaders
from workspace.posts import PostView


class DocumentSource(Protocol):
    def list_documents(self, actor: Actor | None) -> list[DocumentInfo]: ...


def pillar_names(engine: Engine, actor: Actor, leader_id: int) -> list[str]:
    """The pillars of the leader's current narrative, in order."""
    return [pillar.name for pillar in get_narrative(engine, actor, leader_id).content.pillars]


def pillar_choices(engine: Engine, actor: Actor, leader_id: int | None) -> list[str]:
    """One leader's pillars, or (None) every visible leader's, for filters and forms."""
    ids = [leader_id] if leader_id is not None else [leader.id for leader in list_leaders(engine, actor)]
    return list(dict.fromkeys(name for leader in ids for name in pillar_names(engine, actor, leader)))


def _check_pillar(engine: Engine, actor: Actor, leader_id: int, pillar: str, keep: str = "") -> str:
    pillar = pillar.strip()
    if pillar and pillar != keep and pillar not in pillar_names(engine, actor, leader_id):
        raise ValidationFailed(f"“{pillar}” is not one of this leader's pillars; add it to their narrative first.")
    return pillar


def leader_documents(engine: Engine, actor: Actor, kb: DocumentSource, leader_id: int) -> list[DocumentInfo]:
    """Knowledge-base documents that may be the source of this leader's posts: company material and their notes."""
    handle = next((leader.handle for leader in list_leaders(engine, actor) if leader.id == leader_id), None)
    if handle is None:
        raise PermissionDenied(f"{actor.name} may not see or change another leader's material.")
    allowed = {COMPANY, private_to(handle)}
    return [doc for doc in kb.list_documents(actor) if doc.visibility in allowed]


def capture_idea(
    engine: Engine,
    actor: Actor,
    kb: DocumentSource,
    leader_id: int,
    *,
    title: str,
    note: str = "",
    source_document_id: str | None = None,
    pillar: str = "",
    channel: str = "linkedin",
) -> PostView:
    """An idea for a leader, with its pillar from their narrative and a source they may draw on."""
    pillar = _check_pillar(engine, actor, leader_id, pillar)
    if source_document_id and source_document_id not in {d.id for d in leader_documents(engine, actor, kb, leader_id)}:
        raise ValidationFailed("That document is not in the knowledge base for this leader.")
    return ideas.capture_idea(
        engine,
        actor,
        leader_id,
        title=title,
        note=note,
        source_document_id=source_document_id,
        pillar=pillar,
        channel=channel,
    )


def idea_from_fit(engine: Engine, actor: Actor, kb: DocumentSource, fit: PillarFit) -> PostView:
    """One click on a fresh-material or match row: an idea for that leader on that pillar, sourced from the document."""
    note = f"{fit.reason}\n\nFrom “{fit.title}”" + (f" ({fit.doc_date})" if fit.doc_date else "")
    return capture_idea(
        engine,
        actor,
        kb,
        fit.leader_id,
        title=fit.title,
        note=note,
        source_document_id=fit.document_id,
        pillar=fit.pillar,
    )


def set_details(
    engine: Engine, actor: Actor, post_id: int, *, title: str, pillar: str, channel: str, note: str
) -> PostView:
    """A post's title, pillar (one of the leader's, or the one it already has), channel and note."""
    current = posts.get_post(engine, actor, post_id)
    pillar = _check_pillar(engine, actor, current.leader_id, pillar, keep=current.pillar)
    return posts.update_details(engine, actor, post_id, title=title, pillar=pillar, channel=channel, note=note)
