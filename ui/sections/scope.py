"""The leader picker pages share: a leader sees only themselves; coaches and admins may also choose the team."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.identity import Role
from core.permissions import Actor
from workspace.people import PersonView


def pick_leader(
    actor: Actor,
    leaders: list[PersonView],
    *,
    label: str,
    key: str,
    team: str | None = "Whole team",
    column: DeltaGenerator | None = None,
) -> int | None:
    """The chosen leader's id, or None for the team (offered to coaches and admins when `team` is given)."""
    names = {leader.id: leader.name for leader in leaders}
    options: list[int | None] = list(names)
    if team is not None and actor.role != Role.LEADER:
        options = [None, *options]
    where = column if column is not None else st
    return where.selectbox(label, options, format_func=lambda i: team if i is None else names[i], key=key)
