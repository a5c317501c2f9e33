"""Narratives: each leader's positioning, pillars and cited proof points; coverage and matching material."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import BylineError, EditConflict
from narratives.brand.content import MAX_PILLARS
from narratives.brand.coverage import coverage_chart
from narratives.brand.export import narrative_docx, narrative_markdown
from narratives.brand.insights import pillar_coverage
from narratives.brand.service import NarrativeView, get_narrative, narrative_history, save_narrative
from narratives.brand.workbench import accept_suggestions, suggest_from_material, suggestion_chat_model
from ui.context import call_service, current_actor, get_engine, get_settings_cached
from ui.kb_resources import knowledge_base
from ui.sections import material
from workspace.people import list_leaders

SUGGESTIONS_KEY = "narrative_suggestions"
actor = current_actor()
engine = get_engine()
st.title("Narratives")
leaders = call_service(lambda: list_leaders(engine, actor))
if not leaders:
    st.info("No leaders to show.")
    st.stop()
names = {leader.name: leader.id for leader in leaders}
leader_id = names[st.selectbox("Leader", list(names))]
view = call_service(lambda: get_narrative(engine, actor, leader_id))
for advice in view.warnings:
    st.warning(advice)


def show_one_page(view: NarrativeView) -> None:
    st.markdown(narrative_markdown(view))
    left, right = st.columns(2)
    slug = view.leader_name.lower().replace(" ", "-")
    left.download_button("Download Markdown", narrative_markdown(view), f"{slug}-narrative.md", "text/markdown")
    right.download_button(
        "Download Word",
        narrative_docx(view),
        f"{slug}-narrative.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def edit_form(view: NarrativeView) -> None:
    content = view.content
    with st.form(f"narrative-{view.leader_id}"):
        positioning = st.text_area("Positioning statement", content.positioning, max_chars=600)
        expertise = st.text_area("Expertise areas (one per line)", "\n".join(content.expertise))
        audiences = st.text_area("Target audiences (one per line)", "\n".join(content.audiences))
        st.markdown("**Content pillars** (3 to 5, each with a one-line thesis; leave a name empty to remove it)")
        pillars = []
        for index in range(MAX_PILLARS):
            current = content.pillars[index] if index < len(content.pillars) else None
            name_column, thesis_column = st.columns([1, 2])
            name = name_column.text_input(f"Pillar {index + 1}", current.name if current else "")
            thesis = thesis_column.text_input(f"Thesis {index + 1}", current.thesis if current else "")
            pillars.append({"name": name, "thesis": thesis})
        no_go = st.text_area("Will not post about (one per line)", "\n".join(content.no_go_topics))
        st.caption(
            f"Posts per week: {view.weekly_target or 'no goal set yet'}. This is the leader's posts-per-week goal, "
            "the number the calendar checks; a coach or an admin sets it with the leader under Analytics › Goals."
        )
        note = st.text_input("What changed (optional)")
        submitted = st.form_submit_button("Save new version", type="primary")
    if not submitted:
        return
    data = content.model_dump() | {
        "positioning": positioning,
        "expertise": lines(expertise),
        "audiences": lines(audiences),
        "pillars": [row for row in pillars if row["name"].strip()],
        "no_go_topics": lines(no_go),
    }
    try:
        saved = save_narrative(engine, actor, view.leader_id, data, base_version=view.version, note=note)
    except EditConflict as conflict:
        st.error(str(conflict))
        st.code(conflict.current_text, language="json")
    except BylineError as exc:
        st.error(str(exc))
    else:
        st.success(f"Saved version {saved.version}.")
        st.rerun()


def suggestions_panel(view: NarrativeView) -> None:
    st.caption(
        "Byline proposes pillars (with the configured model) and proof points from the knowledge base, with "
        "citations. Nothing is saved until you accept it."
    )
    use_model = st.checkbox("Also ask the model for new pillars", value=False)
    if st.button("Suggest from material"):
        with st.spinner("Reading the knowledge base and past posts…"):
            chat = call_service(lambda: suggestion_chat_model(get_settings_cached(), engine)) if use_model else None
            st.session_state[SUGGESTIONS_KEY] = (
                view.leader_id,
                call_service(lambda: suggest_from_material(engine, actor, view.leader_id, knowledge_base(), chat)),
            )
    stored = st.session_state.get(SUGGESTIONS_KEY)
    if not stored or stored[0] != view.leader_id:
        return
    suggestions = stored[1]
    keep_pillars = [
        s.pillar
        for i, s in enumerate(suggestions.pillars)
        if st.checkbox(
            f"Pillar: **{s.pillar.name}** — {s.pillar.thesis} " + " ".join(f"[{c.title}]" for c in s.citations),
            key=f"sp-{i}",
        )
    ]
    keep_proofs = [
        p
        for i, p in enumerate(suggestions.proof_points)
        if st.checkbox(
            f"Proof point for *{p.pillar}*: {p.text} — {p.citation.title if p.citation else ''}", key=f"pp-{i}"
        )
    ]
    if not suggestions.pillars and not suggestions.proof_points:
        st.info("No new suggestions: add pillars first, or add material to the knowledge base.")
    if st.button("Accept selected", type="primary", disabled=not (keep_pillars or keep_proofs)):
        try:
            saved = accept_suggestions(
                engine, actor, view.leader_id, base_version=view.version, pillars=keep_pillars, proof_points=keep_proofs
            )
        except BylineError as exc:
            st.error(str(exc))
        else:
            del st.session_state[SUGGESTIONS_KEY]
            st.success(f"Saved version {saved.version}.")
            st.rerun()


page_tab, edit_tab, suggest_tab, material_tab, matches_tab, coverage_tab, history_tab = st.tabs(
    ["One page", "Edit", "Suggest from material", "Fresh material", "Matches", "Coverage", "History"]
)
with page_tab:
    show_one_page(view)
with edit_tab:
    edit_form(view)
with suggest_tab:
    suggestions_panel(view)
with material_tab:
    material.fresh_panel(engine, actor, leader_id)
with matches_tab:
    material.matches_panel(engine, actor)
with coverage_tab:
    coverage = call_service(lambda: pillar_coverage(engine, actor, leader_id))
    if coverage.table.empty:
        st.info("Add pillars to see how the calendar covers them.")
    else:
        st.altair_chart(coverage_chart(coverage.table), width="stretch")
        for finding in coverage.findings:
            st.markdown(f"- {finding}")
with history_tab:
    history = call_service(lambda: narrative_history(engine, actor, leader_id))
    st.dataframe(pd.DataFrame([vars(h) for h in history]), hide_index=True)
