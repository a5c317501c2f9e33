"""How the calendar page draws a period: a grid of days (month, week) or a list, and the filter row."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.inert_markdown import inert
from workspace.calendar.cadence import WEEKDAYS
from workspace.calendar.service import CalendarView
from workspace.calendar.views import STATUS_LABELS, item_line
from workspace.models import Channel


def show_grid(cal: CalendarView, days: list[list[date]], team: bool, month: int | None) -> None:
    header = st.columns(7)
    for column, name in zip(header, WEEKDAYS, strict=True):
        column.markdown(f"**{name[:3]}**")
    for week in days:
        for column, day in zip(st.columns(7), week, strict=True):
            box = column.container(border=True)
            faded = month is not None and day.month != month
            box.markdown(f"_{day.day}_" if faded else f"**{day.day}**")
            for item in cal.on(day):
                box.markdown(item_line(item, team))
                for reason in item.warnings:
                    box.caption(f"⚠️ {inert(reason)}")


def show_list(cal: CalendarView, team: bool) -> None:
    if not cal.items:
        st.info("Nothing planned in this period.")
    for item in cal.items:
        st.markdown(f"**{item.when:%a %d %b}** · " + item_line(item, team))
        for reason in item.warnings:
            st.warning(inert(reason), icon="⚠️")


def pick_filters(cal: CalendarView) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    left, middle, right = st.columns(3)
    channels = left.multiselect("Channel", [c.value for c in Channel], key="cal_channels")
    pillars = middle.multiselect("Pillar", sorted({i.pillar for i in cal.items if i.pillar}), key="cal_pillars")
    statuses = right.multiselect("Status", list(STATUS_LABELS), format_func=STATUS_LABELS.get, key="cal_statuses")
    return tuple(channels), tuple(pillars), tuple(statuses)
