"""Calendar: month, week and list views per leader or for the team, cadence warnings where each post is
scheduled, rescheduling, status moves with coach comments, and the .ics download."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from core.inert_markdown import inert
from ui.context import attempt, call_service, current_actor, get_engine
from ui.sections import calendar_forms, calendar_grid, tips
from ui.sections.scope import pick_leader
from workspace.calendar import service
from workspace.calendar.ical_export import export_ics
from workspace.calendar.views import VIEWS, date_range, grid_weeks, ics_file_name
from workspace.people import list_leaders
from workspace.tips.service import tips_for_week

actor = current_actor()
engine = get_engine()
st.title("Calendar")
leaders = call_service(lambda: list_leaders(engine, actor))
names = {leader.id: leader.name for leader in leaders}

left, middle, right = st.columns(3)
leader_id = pick_leader(actor, leaders, label="Leader", key="cal_leader", column=left)
view = middle.radio("View", VIEWS, horizontal=True, key="cal_view")
anchor = right.date_input("Show from", value=datetime.now(UTC).date(), key="cal_anchor")
start, end = date_range(view, anchor)
team = leader_id is None
everything = call_service(lambda: service.calendar_view(engine, actor, start=start, end=end, leader_id=leader_id))
channels, pillars, statuses = calendar_grid.pick_filters(everything)
cal = everything
if channels or pillars or statuses:
    cal = call_service(
        lambda: service.calendar_view(
            engine,
            actor,
            start=start,
            end=end,
            leader_id=leader_id,
            channels=channels,
            pillars=pillars,
            statuses=statuses,
        )
    )
if flash := st.session_state.pop(calendar_forms.FLASH, None):
    st.success(flash)
if cal.warning_count:
    st.warning(f"{cal.warning_count} planned posts have cadence warnings; the reasons are shown with each post.")
for note in cal.week_notes:
    st.info(inert(f"{names.get(note.leader_id, '')}: {note.reason}"))
if leader_id is not None:
    tips.show_tips(engine, actor, attempt(lambda: tips_for_week(engine, actor, leader_id)), "calendar")
if view == "List":
    calendar_grid.show_list(cal, team)
else:
    calendar_grid.show_grid(cal, grid_weeks(view, anchor), team, anchor.month if view == "Month" else None)

st.download_button(
    "Download .ics",
    data=lambda: export_ics(engine, actor, leader_id=leader_id),  # built when clicked, not on every render
    file_name=ics_file_name(None if team else names[leader_id]),
    mime="text/calendar",
    help="Import into Google Calendar or Outlook. Re-importing updates events instead of duplicating them.",
)
calendar_forms.edit_post(engine, actor, cal)
if leader_id is not None:
    calendar_forms.cadence_settings(engine, actor, leader_id, names[leader_id])
