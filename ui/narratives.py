"""Narratives: each leader's positioning, pillars and cited proof points; coverage and matching material."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from narratives.brand.coverage import coverage_chart
from narratives.brand.export import narrative_docx, narrative_markdown
from narratives.brand.insights import pillar_coverage
from narratives.brand.service import NarrativeView, get_narrative, narrative_history, save_narrative
from ui.context import call_service, current_actor, get_engine
from workspace.errors import BylineError, EditConflict
from workspace.people import list_leaders

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
        pillars = st.data_editor(
            pd.DataFrame([p.model_dump() for p in content.pillars], columns=["name", "thesis"]),
            num_rows="dynamic",
            key=f"pillars-{view.leader_id}",
            hide_index=True,
        )
        no_go = st.text_area("Will not post about (one per line)", "\n".join(content.no_go_topics))
        weekly = st.number_input("Posts per week", 0, 14, content.weekly_target)
        note = st.text_input("What changed (optional)")
        submitted = st.form_submit_button("Save new version", type="primary")
    if not submitted:
        return
    data = content.model_dump() | {
        "positioning": positioning,
        "expertise": lines(expertise),
        "audiences": lines(audiences),
        "pillars": [row for row in pillars.fillna("").to_dict("records") if str(row["name"]).strip()],
        "no_go_topics": lines(no_go),
        "weekly_target": int(weekly),
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


page_tab, edit_tab, coverage_tab, history_tab = st.tabs(["One page", "Edit", "Coverage", "History"])
with page_tab:
    show_one_page(view)
with edit_tab:
    edit_form(view)
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
