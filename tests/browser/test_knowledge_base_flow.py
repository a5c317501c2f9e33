"""End to end in Chromium: an admin uploads a document to the knowledge base, searches, and sees a citation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_sign_in_flow import sign_in

pytestmark = pytest.mark.browser
NOTE = """# Glasshouse pilot note

## Result
The Glasshouse pilot at the Verdant Herb farm cut pump energy by 17 percent in six weeks.
"""


def test_admin_uploads_searches_and_sees_a_citation(page: Page, byline_server: str, tmp_path: Path) -> None:
    upload = tmp_path / "glasshouse-pilot.md"
    upload.write_text(NOTE, encoding="utf-8")
    sign_in(page, byline_server, "sam", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Knowledge base").click()
    expect(page.get_by_role("heading", name="Add documents")).to_be_visible(timeout=60_000)

    page.get_by_test_id("stForm").locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    expect(page.get_by_text("glasshouse-pilot.md").first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Add to knowledge base").click()
    expect(page.get_by_text(re.compile(r"glasshouse-pilot\.md: \w+ \(\d+ passages\)"))).to_be_visible(timeout=120_000)

    search = page.get_by_label("Search the knowledge base")
    search.fill("Glasshouse pilot pump energy")
    search.press("Enter")
    expect(page.get_by_text(re.compile(r"1\. Glasshouse pilot note"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("cut pump energy by 17 percent")).first).to_be_visible()
