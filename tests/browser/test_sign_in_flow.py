"""End to end in Chromium: a leader signs in, sees Home, signs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, base_url: str, login: str, password: str) -> None:
    page.goto(base_url)
    page.get_by_label("User name or email").fill(login)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_leader_signs_in_sees_home_and_signs_out(page: Page, byline_server: str) -> None:
    sign_in(page, byline_server, "tomas", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome, Tomas"))).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Due this week")).to_be_visible()
    expect(page.get_by_role("link", name="People")).to_have_count(0)

    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_wrong_password_shows_generic_message(page: Page, byline_server: str) -> None:
    sign_in(page, byline_server, "tomas", "definitely wrong")
    expect(page.get_by_text("Sign-in failed")).to_be_visible(timeout=30_000)
