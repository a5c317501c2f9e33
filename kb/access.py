"""Which passages a reader may see. Every read is scoped twice: by who is signed in and by the leader the work is for.

Company material is visible to everyone signed in; a leader's private notes (`private:<handle>`) only to that leader,
their coaches and admins. Work done *for* a leader (drafting, narrative suggestions, proof points, fresh material)
reads company material plus that one leader's notes, never the notes of other leaders the actor may also see.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFound
from core.identity import Person
from core.permissions import Actor, require_leader_access, visible_leader_ids
from kb.models import COMPANY, private_to


def readable_visibilities(session: Session, actor: Actor | None) -> tuple[str, ...]:
    """Company material plus the private notes of every leader the actor may see (the knowledge-base page).
    Without an actor (the operator's command line) only company material."""
    if actor is None:
        return (COMPANY,)
    ids = visible_leader_ids(session, actor)
    handles = session.scalars(select(Person.handle).where(Person.id.in_(ids))) if ids else []
    return (COMPANY, *sorted(private_to(h) for h in handles))


def leader_visibilities(session: Session, actor: Actor, leader_id: int) -> tuple[str, ...]:
    """Company material plus this one leader's private notes; PermissionDenied unless the actor may see the leader."""
    require_leader_access(session, actor, leader_id)
    handle = session.scalar(select(Person.handle).where(Person.id == leader_id))
    if handle is None:
        raise NotFound(f"Leader {leader_id} does not exist.")
    return (COMPANY, private_to(handle))
