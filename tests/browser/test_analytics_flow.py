"""End to end in Chromium: a coach opens Analytics, sees the program's goals tracked week by week, and downloads the
monthly report (a real PDF whose key figures are the ones on the page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Download, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from tests.browser.test_calendar_flow import sign_in

pytestmark = pytest.mark.browser


def click_for_download(page: Page, button: Locator) -> Download:
    """Click a download button; on a loaded machine a click can land while Streamlit swaps the button for the
    same one of its next run, so one more click is allowed (as a person would click again), never more."""
    for attempt in (1, 2):
        try:
            with page.expect_download(timeout=30_000 * attempt) as download_info:
                button.click()
            return download_info.value
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def test_coach_sees_goals_and_downloads_the_monthly_report(page: Page, byline_server: str, tmp_path: Path) -> None:
    sign_in(page, byline_server, "jonah")
    page.get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Analytics")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Goals: Program")).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Month and report").click()
    expect(page.get_by_text(re.compile(r"key figures$"))).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Prepare report (PDF)").click()
    download_button = page.get_by_role("button", name="Download report (PDF)")
    expect(download_button).to_be_visible(timeout=120_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)  # the rerun has finished
    download = click_for_download(page, download_button)
    target = tmp_path / "report.pdf"
    download.save_as(target)
    assert download.suggested_filename.startswith("byline-report-program-")
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Thought leadership report" in text and "Key figures" in text and "Company Page" in text
