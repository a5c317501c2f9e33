"""End to end in Chromium: a coach edits a leader's pillar thesis and sees the new version."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_sign_in_flow import sign_in

pytestmark = pytest.mark.browser
NEW_THESIS = "Factories must keep every reading when the network fails"


def test_coach_edits_a_pillar_and_sees_the_new_version(page: Page, byline_server: str) -> None:
    sign_in(page, byline_server, "jonah", "browser-demo-password")
    page.get_by_role("link", name="Narratives").click()
    expect(page.get_by_text("Version 1", exact=True)).to_be_visible(timeout=60_000)

    page.get_by_role("tab", name="Edit").click()
    thesis = page.get_by_label("Thesis 1", exact=True)
    expect(thesis).to_be_visible(timeout=30_000)
    thesis.fill(NEW_THESIS)
    page.get_by_role("button", name="Save new version").click()

    page.get_by_role("tab", name="One page").click()
    expect(page.get_by_text("Version 2", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text(NEW_THESIS)).to_be_visible()
