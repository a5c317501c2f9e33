"""Home's parts: a to-do section (each item opens its post), the onboarding checklist, and the pilot group."""

from __future__ import annotations

import streamlit as st

from narratives.lifecycle.onboarding import Checklist
from narratives.lifecycle.todo import TodoSection
from ui.sections.post_board import open_post


def show_section(section: TodoSection) -> None:
    st.subheader(section.heading)
    if not section.items:
        st.caption(section.empty)
        return
    for index, item in enumerate(section.items):
        text, action = st.columns([6, 1])
        text.markdown(f"- **{item.title}** — {item.why}")
        if item.post_id is not None and action.button("Open", key=f"todo_{section.heading}_{index}"):
            open_post(item.post_id)


def show_checklist(checklist: Checklist, *, heading: str = "Getting started") -> None:
    st.subheader(heading)
    st.progress(checklist.progress, text=f"{checklist.done} of {len(checklist.steps)} steps done")
    for step in checklist.steps:
        mark = ":material/check_circle:" if step.done else ":material/radio_button_unchecked:"
        st.markdown(f"{mark} **{step.title}** — {step.detail} _({step.page})_")


def show_pilot(group: list[Checklist]) -> None:
    if not group:
        return
    st.subheader("Pilot group onboarding")
    rows = [
        {
            "leader": item.leader_name,
            "progress": item.progress,
            "steps done": f"{item.done} of {len(item.steps)}",
            "next step": item.next_step.title if item.next_step else "done",
        }
        for item in group
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0.0, max_value=1.0)},
    )
