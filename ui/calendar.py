"""Calendar: month, week and list views per leader or for the team, cadence warnings where each post is
scheduled, rescheduling with date pickers, status moves with coach comments, and the .ics download."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import streamlit as st

from core.identity import Role
from ui.context import call_service, current_actor, get_engine
from workspace import posts
from workspace.calendar import rules, service
from workspace.calendar.cadence import WEEKDAYS
from workspace.calendar.ical_export import export_ics
from workspace.models import Channel, PostStatus
from workspace.people import list_leaders

STATUS_LABELS = {status.value: status.value.replace("_", " ") for status in PostStatus}
VIEWS = ["Month", "Week", "List"]

actor = current_actor()
engine = get_engine()
st.title("Calendar")
leaders = call_service(lambda: list_leaders(engine, actor))
names = {leader.id: leader.name for leader in leaders}
today = datetime.now(UTC).date()


def pick_scope() -> tuple[int | None, str, date]:
    left, middle, right = st.columns([2, 2, 2])
    options: list[int | None] = [leader.id for leader in leaders]
    if actor.role != Role.LEADER:
        options = [None, *options]
    leader_id = left.selectbox(
        "Leader", options, format_func=lambda i: "Whole team" if i is None else names[i], key="cal_leader"
    )
    view = middle.radio("View", VIEWS, horizontal=True, key="cal_view")
    anchor = right.date_input("Show from", value=today, key="cal_anchor")
    return leader_id, view, anchor


def date_range(view: str, anchor: date) -> tuple[date, date]:
    if view == "Month":
        weeks = service.month_weeks(anchor.year, anchor.month)
        return weeks[0][0], weeks[-1][-1]
    if view == "Week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    return anchor, anchor + timedelta(weeks=8)


def item_line(item: service.CalendarItem, team: bool) -> str:
    flag = "⚠️ " if item.warnings else ""
    who = f"{item.leader_name.split()[0]} · " if team else ""
    return f"{flag}{item.when:%H:%M} {who}[{item.channel}] {item.title or 'Untitled'} _({STATUS_LABELS[item.status]})_"


def show_grid(cal: service.CalendarView, days: list[list[date]], team: bool, month: int | None) -> None:
    header = st.columns(7)
    for column, name in zip(header, WEEKDAYS, strict=True):
        column.markdown(f"**{name[:3]}**")
    for week in days:
        for column, day in zip(st.columns(7), week, strict=True):
            box = column.container(border=True)
            faded = month is not None and day.month != month
            box.markdown(f"{'_' if faded else '**'}{day.day}{'_' if faded else '**'}")
            for item in cal.on(day):
                box.markdown(item_line(item, team))
                for reason in item.warnings:
                    box.caption(f"⚠️ {reason}")


def show_list(cal: service.CalendarView, team: bool) -> None:
    if not cal.items:
        st.info("Nothing planned in this period.")
    for item in cal.items:
        st.markdown(f"**{item.when:%a %d %b}** · " + item_line(item, team))
        for reason in item.warnings:
            st.warning(reason, icon="⚠️")


def apply_filters(cal: service.CalendarView) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    left, middle, right = st.columns(3)
    channels = left.multiselect("Channel", [c.value for c in Channel], key="cal_channels")
    pillars = middle.multiselect("Pillar", sorted({i.pillar for i in cal.items if i.pillar}), key="cal_pillars")
    statuses = right.multiselect("Status", list(STATUS_LABELS), format_func=STATUS_LABELS.get, key="cal_statuses")
    return tuple(channels), tuple(pillars), tuple(statuses)


def edit_post(cal: service.CalendarView) -> None:
    movable = [item for item in cal.items if item.status != PostStatus.PUBLISHED]
    if not movable:
        return
    st.subheader("Reschedule or move a post")
    chosen = st.selectbox(
        "Post",
        movable,
        format_func=lambda i: f"{i.when:%d %b %H:%M} · {i.leader_name} · {i.title or 'Untitled'}",
        key="cal_post",
    )
    for reason in chosen.warnings:
        st.warning(reason, icon="⚠️")
    left, right = st.columns(2)
    with left.form("reschedule"):
        new_day = st.date_input("New date", value=chosen.when.date(), key=f"cal_new_day_{chosen.post_id}")
        new_time = st.time_input(
            "New time (UTC)", value=chosen.when.time().replace(tzinfo=None), key=f"cal_new_time_{chosen.post_id}"
        )
        if st.form_submit_button("Reschedule"):
            when = datetime.combine(new_day, new_time or time(9), tzinfo=UTC)
            call_service(lambda: service.reschedule(engine, actor, chosen.post_id, when))
            st.session_state["cal_flash"] = f"Moved to {when:%a %d %b %H:%M} UTC."
            st.rerun()
    with right.form("status"):
        allowed = [s.value for s in PostStatus if s != PostStatus.PUBLISHED]
        if actor.role == Role.COACH:
            allowed.remove(PostStatus.APPROVED)
        status = st.selectbox("Status", allowed, index=allowed.index(chosen.status) if chosen.status in allowed else 0)
        comment = st.text_area("Comment (advisory; the leader has the last word)", key="cal_comment")
        if st.form_submit_button("Save status"):
            call_service(lambda: service.move_status(engine, actor, chosen.post_id, PostStatus(status), comment))
            st.session_state["cal_flash"] = "Status saved."
            st.rerun()
    for note in call_service(lambda: service.comments_for(engine, actor, chosen.post_id)):
        st.caption(f"💬 {note['by']}: {note['text']}")
    if actor.role != Role.COACH:
        publish_form(chosen)


def publish_form(chosen: service.CalendarItem) -> None:
    with st.expander("I posted it: mark as published"):
        url = st.text_input("Link to the post on LinkedIn or X", key="cal_url")
        if st.button("Mark published", key="cal_publish"):
            call_service(lambda: posts.mark_published(engine, actor, chosen.post_id, url))
            st.session_state["cal_flash"] = "Marked as published."
            st.rerun()


def cadence_settings(leader_id: int) -> None:
    current = call_service(lambda: rules.get_settings(engine, actor, leader_id))
    with st.expander(f"Cadence rules and blocked days for {names[leader_id]}"):
        with st.form("cadence"):
            target = st.number_input("Weekly target", 0, 21, current.weekly_target)
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
                        weekly_target=int(target),
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


leader_id, view, anchor = pick_scope()
start, end = date_range(view, anchor)
team = leader_id is None
everything = call_service(lambda: service.calendar_view(engine, actor, start=start, end=end, leader_id=leader_id))
channels, pillars, statuses = apply_filters(everything)
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
if flash := st.session_state.pop("cal_flash", None):
    st.success(flash)
if cal.warning_count:
    st.warning(f"{cal.warning_count} planned posts have cadence warnings; the reasons are shown with each post.")
for note in cal.week_notes:
    st.info(f"{names.get(note.leader_id, '')}: {note.reason}")
if view == "Month":
    show_grid(cal, service.month_weeks(anchor.year, anchor.month), team, anchor.month)
elif view == "Week":
    show_grid(cal, [[start + timedelta(days=n) for n in range(7)]], team, None)
else:
    show_list(cal, team)

ics_name = "byline-team.ics" if team else f"byline-{names[leader_id].split()[0].lower()}.ics"
st.download_button(
    "Download .ics",
    data=call_service(lambda: export_ics(engine, actor, leader_id=leader_id)),
    file_name=ics_name,
    mime="text/calendar",
    help="Import into Google Calendar or Outlook. Re-importing updates events instead of duplicating them.",
)
edit_post(cal)
if leader_id is not None:
    cadence_settings(leader_id)
