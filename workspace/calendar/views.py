"""What the calendar page shows, as plain functions: the dates a view covers and how one planned post reads."""

from __future__ import annotations

from datetime import date, timedelta

from core.inert_markdown import inert
from workspace.calendar.service import CalendarItem, month_weeks
from workspace.models import PostStatus

VIEWS = ("Month", "Week", "List")
STATUS_LABELS = {status.value: status.value.replace("_", " ") for status in PostStatus}


def date_range(view: str, anchor: date) -> tuple[date, date]:
    """The first and last day a view shows: the month's whole weeks, the week from Monday, or eight weeks ahead."""
    if view == "Month":
        weeks = month_weeks(anchor.year, anchor.month)
        return weeks[0][0], weeks[-1][-1]
    if view == "Week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    return anchor, anchor + timedelta(weeks=8)


def grid_weeks(view: str, anchor: date) -> list[list[date]]:
    """The rows of days a grid view draws (none for the list view)."""
    if view == "Month":
        return month_weeks(anchor.year, anchor.month)
    if view == "Week":
        start, _ = date_range(view, anchor)
        return [[start + timedelta(days=n) for n in range(7)]]
    return []


def item_line(item: CalendarItem, team: bool) -> str:
    """One planned post as a line: a warning flag, time, who (team views), channel, title and status."""
    flag = "⚠️ " if item.warnings else ""
    who = f"{inert(item.leader_name.split()[0])} · " if team else ""
    title = inert(item.title or "Untitled")  # titles come from people and imports: shown as written, never as markup
    return f"{flag}{item.when:%H:%M} {who}[{item.channel}] {title} _({STATUS_LABELS[item.status]})_"


def picker_label(item: CalendarItem) -> str:
    return f"{item.when:%d %b %H:%M} · {item.leader_name} · {item.title or 'Untitled'}"


def ics_file_name(leader_name: str | None) -> str:
    return f"byline-{leader_name.split()[0].lower()}.ics" if leader_name else "byline-team.ics"
