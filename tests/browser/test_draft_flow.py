"""End to end in Chromium against `byline demo` + `streamlit run`, with the embedded engine serving SmolLM2-135M:
a leader writes a brief, gets streamed draft variants with checks, picks one, edits it and saves a revision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
DRAFT_TIMEOUT_MS = 600_000


def test_brief_streamed_draft_edit_and_save(page: Page, byline_server: str) -> None:
    page.goto(byline_server)
    page.get_by_label("User name or email").fill("tomas")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome, Tomas"))).to_be_visible(timeout=120_000)
    page.get_by_role("link", name="Draft studio").click()
    expect(page.get_by_label("Topic")).to_be_visible(timeout=180_000)
    page.get_by_label("Topic").fill("What an expired certificate taught us about buffering")
    page.get_by_text("X", exact=True).click()
    page.get_by_role("button", name="Draft").click()
    expect(page.get_by_text("Variant 1").first).to_be_visible(timeout=60_000)
    use = page.get_by_role("button", name="Use this draft").first
    expect(use).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    expect(page.get_by_text("grounding").first).to_be_visible()
    use.click()
    editor = page.get_by_label("Post text")
    expect(editor).to_be_visible(timeout=60_000)
    drafted = editor.input_value()
    assert drafted.strip()
    editor.fill(drafted + "\n\nEdited in the browser.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved as revision 2")).to_be_visible(timeout=60_000)
