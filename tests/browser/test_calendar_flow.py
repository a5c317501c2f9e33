"""End to end in Chromium: a leader opens the calendar, reschedules a post next to another one, sees the
cadence warning with its reason, and downloads a valid .ics file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD
from workspace.demo import plan_shift

pytestmark = pytest.mark.browser


def sign_in(page: Page, base_url: str, login: str) -> None:
    page.goto(base_url)
    page.get_by_label("User name or email").fill(login)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible(timeout=30_000)


def choose_post(page: Page, title_part: str, day_shown: str) -> None:
    """Pick a post by typing into the picker (no click on a list item a rerun may replace), until its date shows."""
    day = page.get_by_role("spinbutton", name="day, New date")
    for _ in range(4):
        page.get_by_label("Post", exact=True).click()
        page.keyboard.type(title_part)
        page.keyboard.press("Enter")
        try:
            expect(day).to_have_attribute("aria-valuenow", day_shown, timeout=30_000)
        except AssertionError:
            page.keyboard.press("Escape")
            continue
        return
    raise AssertionError(f"could not choose the post matching {title_part!r}")


def test_schedule_see_cadence_warning_and_download_ics(page: Page, byline_server: str, tmp_path: Path) -> None:
    sign_in(page, byline_server, "tomas")
    page.get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", name="Calendar")).to_be_visible(timeout=30_000)
    page.get_by_text("List", exact=True).click()
    expect(page.get_by_text("Fifteen chaos drills later").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("Only 16 h from")).first).to_be_visible()

    shift = plan_shift(date.today())  # the demo's plan lies ahead of today, moved in whole weeks
    engineers, drills = date(2026, 12, 15) + shift, date(2026, 12, 2) + shift
    choose_post(page, "embedded engineers", day_shown=str(engineers.day))
    for part, value in (("year", f"{drills.year}"), ("month", f"{drills.month:02d}"), ("day", f"{drills.day:02d}")):
        page.get_by_role("spinbutton", name=f"{part}, New date").click()
        page.keyboard.type(value)
    page.get_by_role("button", name="Reschedule").click()
    expect(page.get_by_text(re.compile(f"Moved to {drills:%a %d %b}"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"Only 1 h from .Fifteen chaos drills later")).first).to_be_visible()

    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("button", name="Download .ics").click()
    target = tmp_path / "tomas.ics"
    download_info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and all(len(line) <= 75 for line in data.split(b"\r\n"))
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(data).walk("VEVENT")]
    assert any("embedded engineers" in summary for summary in summaries)
