"""Single sign-on in Chromium against a real OpenID Connect provider on this machine (oidc-provider-mock).

A workspace made by `byline init` (not the demo): the admin invites a person for single sign-on on the People page;
that person signs in through the provider and is matched by email; a stranger the provider vouches for is refused.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import oidc_provider_mock
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve_byline
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "sso test admin passphrase"
INES = "ines@example.com"
STRANGER = "stranger@elsewhere.example"
NEWCOMER = "newcomer@example.org"


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    """The identity provider: any client id and secret are accepted; the two people below can authenticate."""
    people = [
        oidc_provider_mock.User(sub=INES, claims={"email": INES, "email_verified": True, "name": "Ines Ortega"}),
        oidc_provider_mock.User(sub=STRANGER, claims={"email": STRANGER, "email_verified": True, "name": "Stranger"}),
        oidc_provider_mock.User(sub=NEWCOMER, claims={"email": NEWCOMER, "email_verified": True, "name": "Newcomer"}),
    ]
    with oidc_provider_mock.run_server_in_thread(port=0, user_claims=people) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def sso_server(oidc_provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Byline on a workspace made by `byline init`, with `[auth]` pointing at the provider."""
    data_dir = tmp_path_factory.mktemp("sso-data")
    secrets_file = data_dir / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "byline-tests"\n'
        'client_secret = "byline-tests-secret"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "BYLINE_DATA_DIR": str(data_dir), "BYLINE_MODE": "production"}
    for name in ("DATABASE_URL", "OPENAI_API_KEY", "BYLINE_LLM_BASE_URL", "CHROMA_URL"):
        env.pop(name, None)
    init = subprocess.run(
        [
            str(Path(sys.executable).parent / "byline"),
            "init",
            "--email",
            "sam@example.com",
            "--name",
            "Sam Admin",
            "--handle",
            "sam",
            "--password-stdin",
        ],
        input=ADMIN_PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert init.returncode == 0, init.stdout + init.stderr
    with serve_byline(env, data_dir, extra_args=["--secrets.files", str(secrets_file)]) as url:
        yield url


def sign_in_with_provider(page: Page, base_url: str, who: str) -> None:
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())  # the provider's stylesheet: offline
    page.goto(base_url)
    page.get_by_role("button", name="Sign in with single sign-on").click()
    page.get_by_role("button", name=who).click()  # the provider's form: authenticate this person


def admin_opens_people(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_label("User name or email").fill("sam")
    page.get_by_label("Password", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome, Sam Admin")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible(timeout=30_000)


def sign_out(page: Page) -> None:
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible(timeout=30_000)
    page.context.clear_cookies()


def test_invited_person_signs_in_with_the_provider_and_a_stranger_is_refused(page: Page, sso_server: str) -> None:
    admin_opens_people(page, sso_server)
    page.get_by_label("Full name").fill("Ines Ortega")
    page.get_by_label("Email address").fill(INES)
    page.get_by_label("User name").fill("ines")
    page.get_by_text("Single sign-on (by email)").click()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Invited Ines Ortega as leader")).to_be_visible(timeout=30_000)
    sign_out(page)

    sign_in_with_provider(page, sso_server, INES)
    expect(page.get_by_role("heading", name="Welcome, Ines Ortega")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("link", name="People")).to_have_count(0)

    page.context.clear_cookies()
    sign_in_with_provider(page, sso_server, STRANGER)
    expect(page.get_by_text(f"No Byline account uses {STRANGER}")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Sign out of single sign-on")).to_be_visible()


def test_approved_domain_self_registers_and_waits_for_a_role(page: Page, sso_server: str) -> None:
    admin_opens_people(page, sso_server)
    page.get_by_label("Approved email domains").fill("example.org")
    page.get_by_role("button", name="Save domains").click()
    expect(page.get_by_text("Self-registration domains saved.")).to_be_visible(timeout=30_000)
    sign_out(page)

    sign_in_with_provider(page, sso_server, NEWCOMER)
    expect(page.get_by_text("waiting for an admin to give you a role")).to_be_visible(timeout=30_000)
    page.context.clear_cookies()

    admin_opens_people(page, sso_server)
    page.get_by_label("Person to manage").click()
    page.keyboard.type("Newcomer")  # the select box filters its options as you type
    page.get_by_role("option", name="Newcomer (newcomer)").click()
    page.get_by_role("button", name="Approve with this role").click()
    expect(page.get_by_text("Newcomer is now a leader.")).to_be_visible(timeout=30_000)
    sign_out(page)

    sign_in_with_provider(page, sso_server, NEWCOMER)
    expect(page.get_by_role("heading", name="Welcome, Newcomer")).to_be_visible(timeout=30_000)
