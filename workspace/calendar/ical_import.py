"""Blocked days from an .ics file (a leader's holidays or travel). Parses what is valid, reports what is not,
and never crashes: the icalendar parser's errors are caught per file and per event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Component, Event

from core.dates import check_supported
from core.isolation import Limits, preload, run_isolated

MAX_ICS_BYTES = 5 * 1024 * 1024
MAX_DAYS_PER_EVENT = 62
MAX_EVENTS = 5000
MAX_BLOCKED_DAYS = 1000
EVENT_BLOCK = re.compile(rb"BEGIN:VEVENT.*?END:VEVENT", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class BlockSpec:
    day: date
    summary: str
    uid: str


@dataclass
class IcsReport:
    days: list[BlockSpec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    events: int = 0
    stored: int = 0


def _components(data: bytes, report: IcsReport) -> list[Component]:
    """Calendars in the file; if the whole file will not parse, each VEVENT block on its own."""
    try:
        return list(Calendar.from_ical(data, multiple=True))
    except Exception as exc:  # hostile input: any parser error is reported, never raised
        report.problems.append(f"The file is not a valid calendar ({_short(exc)}); reading its events one by one.")
    events: list[Component] = []
    for number, block in enumerate(EVENT_BLOCK.findall(data), start=1):
        try:
            events.append(Event.from_ical(block))
        except Exception as exc:  # hostile input: report, never raise
            report.problems.append(f"Event {number}: cannot be read ({_short(exc)}).")
    return events


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:160]


def _as_date(value: Any) -> date:
    moment = value.dt if hasattr(value, "dt") else value
    if isinstance(moment, datetime):
        return moment.date()
    if isinstance(moment, date):
        return moment
    raise ValueError(f"{str(moment)[:40]!r} is not a date")


def _event_days(event: Component) -> list[date]:
    start_value = event.get("DTSTART")
    if start_value is None:
        raise ValueError("no start date (DTSTART)")
    start = _as_date(start_value)
    check_supported(start, "the start date")
    end_value = event.get("DTEND")
    if end_value is not None:
        end = _as_date(end_value)
        all_day = not isinstance(getattr(end_value, "dt", end_value), datetime)
        last = end - timedelta(days=1) if all_day and end > start else end
    elif event.get("DURATION") is not None:
        last = start + max(event.get("DURATION").dt - timedelta(seconds=1), timedelta())
    else:
        last = start
    check_supported(last, "the end date")
    if last < start:
        raise ValueError("ends before it starts")
    if (last - start).days >= MAX_DAYS_PER_EVENT:
        raise ValueError(f"spans more than {MAX_DAYS_PER_EVENT} days")
    return [start + timedelta(days=n) for n in range((last - start).days + 1)]


def _read_event(event: Component, number: int, report: IcsReport) -> None:
    summary = str(event.get("SUMMARY", "") or "")[:300]
    uid = str(event.get("UID", "") or f"event-{number}")[:300]
    for name, error in getattr(event, "errors", []) or []:
        report.problems.append(f"Event {number} ({summary or uid}): property {name} is broken ({str(error)[:120]}).")
    if event.get("RRULE") is not None:
        report.problems.append(f"Event {number} ({summary or uid}): repeats; only its first occurrence is blocked.")
    try:
        days = _event_days(event)
    except Exception as exc:  # malformed dates in third-party files
        report.problems.append(f"Event {number} ({summary or uid}): skipped, {_short(exc)}.")
        return
    room = MAX_BLOCKED_DAYS - len(report.days)
    if len(days) > room:
        report.problems.append(f"Only the first {MAX_BLOCKED_DAYS} blocked days of a file are read; the rest skipped.")
    report.days += [BlockSpec(day, summary, uid) for day in days[: max(room, 0)]]


def parse_blocked_days(data: bytes, *, max_bytes: int = MAX_ICS_BYTES) -> IcsReport:
    """Every day covered by an event in the file, with the problems found on the way."""
    report = IcsReport()
    if not data.strip():
        report.problems.append("The file is empty.")
        return report
    if len(data) > max_bytes:
        report.problems.append(f"The file is larger than {max_bytes / 1_048_576:.1f} MB; nothing was imported.")
        return report
    number = 0
    for component in _components(data, report):
        try:
            events = list(component.walk("VEVENT"))
        except Exception as exc:  # hostile input: report, never raise
            report.problems.append(f"A calendar component cannot be read ({_short(exc)}).")
            continue
        for event in events:
            number += 1
            if number > MAX_EVENTS or len(report.days) >= MAX_BLOCKED_DAYS:
                report.problems.append(f"Only the first {number - 1} events were read.")
                return report
            _read_event(event, number, report)
    report.events = number
    if not number and not report.problems:
        report.problems.append("The file holds no events.")
    return report


def parse_blocked_days_isolated(data: bytes, *, limits: Limits | None = None) -> IcsReport:
    """`parse_blocked_days` in a process with memory and time limits (core/isolation.py)."""
    if len(data) > MAX_ICS_BYTES:
        return parse_blocked_days(data)  # refused by size, nothing parsed
    return run_isolated(parse_blocked_days, data, what="The calendar file", limits=limits)


preload(__name__)
