"""Calendar forms: reschedule or move a post (with an advisory comment), mark it published, and a leader's cadence
rules and blocked days."""

from __future__ import annotations

from datetime import UTC, datetime, time

import streamlit as st
from sqlalchemy import Engine
from streamlit.delta_generator import DeltaGenerator

from core.identity import Role
from core.permissions import Actor
from ui.context import call_service
from workspace import publishing, review, scheduling
from workspace.calendar import rules, service
from workspace.calendar.cadence import WEEKDAYS
from workspace.calendar.views import picker_label
from workspace.models import PostStatus
from workspace.workflow import LABELS

FLASH = "cal_flash"


def edit_post(engine: Engine, actor: Actor, cal: service.CalendarView) -> None:
    movable = [item for item in cal.items if item.status != PostStatus.PUBLISHED]
    if not movable:
        return
    st.subheader("Reschedule or move a post")
    chosen = st.selectbox("Post", movable, format_func=picker_label, key="cal_post")
    for reason in chosen.warnings:
        st.warning(reason, icon="⚠️")
    st.page_link(
        "ui/post.py", label="Open the post", icon=":material/article:", query_params={"post": str(chosen.post_id)}
    )
    left, right = st.columns(2)
    if actor.role != Role.COACH:
        reschedule_form(engine, actor, chosen, left)
    with right.form("status"):
        moves = call_service(lambda: review.available_moves(engine, actor, chosen.post_id))
        move = st.selectbox("Next step", moves, format_func=LABELS.__getitem__, key=f"cal_move_{chosen.post_id}")
        comment = st.text_area("Comment (advisory; the leader has the last word)", key="cal_comment")
        if st.form_submit_button("Save", disabled=not moves):
            call_service(lambda: review.move_post(engine, actor, chosen.post_id, move, comment))
            st.session_state[FLASH] = "Saved."
            st.rerun()
    for note in call_service(lambda: review.comments(engine, actor, chosen.post_id)):
        st.caption(f"💬 {note.by}: {note.text}")
    if actor.role != Role.COACH:
        publish_form(engine, actor, chosen)


def reschedule_form(engine: Engine, actor: Actor, chosen: service.CalendarItem, column: DeltaGenerator) -> None:
    with column.form("reschedule"):
        new_day = st.date_input("New date", value=chosen.when.date(), key=f"cal_new_day_{chosen.post_id}")
        new_time = st.time_input(
            "New time (UTC)", value=chosen.when.time().replace(tzinfo=None), key=f"cal_new_time_{chosen.post_id}"
        )
        if st.form_submit_button("Reschedule"):
            when = datetime.combine(new_day, new_time or time(9), tzinfo=UTC)
            call_service(lambda: scheduling.schedule(engine, actor, chosen.post_id, when))
            st.session_state[FLASH] = f"Moved to {when:%a %d %b %H:%M} UTC."
            st.rerun()


def publish_form(engine: Engine, actor: Actor, chosen: service.CalendarItem) -> None:
    with st.expander("I posted it: mark as published"):
        url = st.text_input("Link to the post on LinkedIn or X", key="cal_url")
        if st.button("Mark published", key="cal_publish"):
            call_service(lambda: publishing.mark_published(engine, actor, chosen.post_id, url))
            st.session_state[FLASH] = "Marked as published."
            st.rerun()


def cadence_settings(engine: Engine, actor: Actor, leader_id: int, leader_name: str) -> None:
    current = call_service(lambda: rules.get_settings(engine, actor, leader_id))
    with st.expander(f"Cadence rules and blocked days for {leader_name}"):
        st.caption(
            f"Weekly target: {current.weekly_target or 'none set'}. It is {leader_name}'s posts-per-week goal, which "
            "a coach or an admin sets with the leader under Analytics › Goals."
        )
        with st.form("cadence"):
            quiet = st.multiselect(
                "Quiet days", list(range(7)), default=list(current.quiet_weekdays), format_func=WEEKDAYS.__getitem__
            )
            gap = st.number_input("Minimum hours between posts on one network", 0, 168, current.min_gap_hours)
            if st.form_submit_button("Save rules"):
                call_service(
                    lambda: rules.update_settings(
                        engine,
                        actor,
                        leader_id,
                        quiet_weekdays=quiet,
                        min_gap_hours=int(gap),
                    )
                )
                st.rerun()
        upload = st.file_uploader("Import blocked days (.ics)", type=["ics"], key="cal_ics_upload")
        if upload is not None and st.button("Import blocked days"):
            report = call_service(
                lambda: rules.import_blocked_days(engine, actor, leader_id, upload.getvalue(), upload.name)
            )
            st.success(f"{report.stored} blocked days added from {report.events} events.")
            for problem in report.problems[:30]:
                st.warning(problem)
        blocked = call_service(lambda: rules.blocked_days(engine, actor, leader_id))
        if blocked:
            st.dataframe(blocked, hide_index=True)
