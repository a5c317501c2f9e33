"""Material that fits leaders' pillars, each fit one click from an idea: fresh material for one leader, and for
every document the one or two leaders who can speak to it."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from narratives.brand.insights import fresh_material_for, material_matches
from narratives.brand.matching import PillarFit, matches_by_document
from narratives.lifecycle.ideas import idea_from_fit
from ui.context import attempt, call_service
from ui.kb_resources import knowledge_base


def _fit_row(engine: Engine, actor: Actor, fit: PillarFit, key: str) -> None:
    text, action = st.columns([6, 1])
    text.markdown(f"- **{fit.title}** ({fit.doc_date or 'undated'}) — {fit.reason}")
    if action.button("Make it an idea", key=key):
        idea = attempt(lambda: idea_from_fit(engine, actor, knowledge_base(), fit))
        if idea is not None:
            st.success(f"Idea captured for {fit.leader_name}: “{idea.title}” (Posts → Idea).")


def fresh_panel(engine: Engine, actor: Actor, leader_id: int) -> None:
    st.caption("Company material that fits this leader's pillars and is newer than their last post.")
    fresh = call_service(lambda: fresh_material_for(engine, actor, leader_id, knowledge_base()))
    if not fresh:
        st.info("No fresh material for these pillars.")
    for index, fit in enumerate(fresh[:10]):
        _fit_row(engine, actor, fit, f"fresh_idea_{index}")


def matches_panel(engine: Engine, actor: Actor) -> None:
    st.caption("For each document, the one or two leaders whose pillars it fits best (never everyone).")
    by_document = matches_by_document(call_service(lambda: material_matches(engine, actor, knowledge_base())))
    shown = [fit for fits in by_document.values() for fit in fits]
    if not shown:
        st.info("No document fits a pillar yet: add pillars or material.")
    for index, fit in enumerate(shown[:30]):
        _fit_row(engine, actor, fit, f"match_idea_{index}")
