"""In Chromium: a document whose text carries Markdown images, links and HTML shows them as plain text. No image is
fetched from another host and no link is made (issue 16, item 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_sign_in_flow import sign_in

pytestmark = pytest.mark.browser
HOSTILE = """# Tracker pixel note ![pixel](https://evil.example/pixel.png)

## Result
The Marlowe pilot saved 12 percent. See [the report](https://evil.example/phish) or www.evil.example or
<img src="https://evil.example/x.png"> and mail ops@evil.example today.
"""


def test_document_text_renders_without_images_or_links(page: Page, byline_server: str, tmp_path: Path) -> None:
    outside: list[str] = []

    def note(request: Request) -> None:
        if "evil.example" in request.url:
            outside.append(request.url)

    page.on("request", note)
    upload = tmp_path / "marlowe-pilot.md"
    upload.write_text(HOSTILE, encoding="utf-8")
    sign_in(page, byline_server, "sam", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Knowledge base").click()
    expect(page.get_by_role("heading", name="Add documents")).to_be_visible(timeout=60_000)
    page.get_by_test_id("stForm").locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    page.get_by_role("button", name="Add to knowledge base").click()
    expect(page.get_by_text(re.compile(r"marlowe-pilot\.md: \w+ \(\d+ passages\)"))).to_be_visible(timeout=120_000)
    search = page.get_by_label("Search the knowledge base")
    search.fill("Marlowe pilot saved report")
    search.press("Enter")
    expect(page.get_by_text(re.compile(r"Marlowe pilot saved 12 percent")).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"Tracker pixel note")).first).to_be_visible()
    links = page.locator("a[href*='evil.example']")
    assert links.count() == 0, [links.nth(i).evaluate("a => a.parentElement.outerHTML") for i in range(links.count())]
    assert page.locator("img[src*='evil.example']").count() == 0
    assert outside == []
