"""One post, end to end, in Chromium on a workspace made by `byline init` (not the demo), with the embedded engine
serving SmolLM2-135M. The admin adds a leader and a coach and assigns them; the leader changes the temporary password,
imports past posts, writes a post without AI and drafts one with AI, and requests review; the coach comments and
suggests an edit; the leader accepts it, approves, schedules, and marks the post published with its URL; an engagement
workbook with that URL is imported; the post's figures show in Analytics under its pillar.

The screenshots the README's walkthrough shows are taken here (docs/images/journey-*.png), so they stay true."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.analytics.fixtures import single_post_rows, workbook_bytes
from tests.browser.conftest import serve_byline
from tests.conftest import REPO_ROOT, TEST_MODEL

pytestmark = pytest.mark.browser
IMAGES = REPO_ROOT / "docs" / "images"
ADMIN_PASSWORD = "journey admin passphrase"
LEADER_PASSWORD = "lena writes her own posts"
COACH_PASSWORD = "carlos coaches the pilot"
POST_URL = "https://www.linkedin.com/feed/update/urn:li:activity:7400000000000000001"
PILLAR = "Edge reliability"
TITLE = "Six hours offline, zero readings lost"
SLOW = 60_000
DRAFT_TIMEOUT_MS = 600_000
PAST_POSTS = "\n\n".join(
    [
        "Our gateways kept every reading through a six-hour fibre cut. Boring engineering wins again.",
        "We stopped promising exactly-once delivery. At-least-once plus idempotent storage is a promise we keep.",
        "Fifteen chaos drills later, the on-call rota is quieter. Practice the failure before it practises on you.",
        "Buffers are not glamorous. They are why a plant manager never calls us at 3 a.m.",
    ]
)
POST_TEXT = (
    "Last winter a fibre cut took one plant offline for six hours.\n\n"
    "The gateways buffered every reading and sent them when the link came back. Nobody noticed.\n\n"
    "That is the job: make the outage boring. The incident report: https://pilot.example/reports/fibre-cut"
)


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Byline on an empty workspace: `byline init` creates the first admin, nothing else."""
    data_dir = tmp_path_factory.mktemp("journey-data")
    env = {
        **os.environ,
        "BYLINE_DATA_DIR": str(data_dir),
        "BYLINE_MODE": "production",
        "BYLINE_LOCAL_MODEL": TEST_MODEL,
        "BYLINE_LLM_MAX_TOKENS": "64",
    }
    for name in ("DATABASE_URL", "OPENAI_API_KEY", "BYLINE_LLM_BASE_URL", "CHROMA_URL"):
        env.pop(name, None)
    command = ["init", "--email", "alex@pilot.example", "--name", "Alex Admin", "--handle", "alex", "--password-stdin"]
    init = subprocess.run(
        [str(Path(sys.executable).parent / "byline"), *command],
        input=ADMIN_PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert init.returncode == 0, init.stdout + init.stderr
    with serve_byline(env, data_dir) as url:
        yield url


def shot(page: Page, name: str) -> None:
    """Save a screenshot for the README once the app has finished its run."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=SLOW)
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=IMAGES / f"journey-{name}.png", full_page=True)


def keyed(page: Page, key: str) -> Locator:
    """A widget by its Streamlit key (Streamlit marks its container with the class st-key-<key>)."""
    return page.locator(f".st-key-{key}")


def choose(page: Page, box: Locator, option: str) -> None:
    """Pick an option of a Streamlit selectbox by typing it (no click on a list item a rerun may replace)."""
    expect(box).to_have_count(1, timeout=SLOW)  # a rerun may briefly show the old and the new widget
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def sign_in(page: Page, base_url: str, login: str, password: str) -> None:
    page.goto(base_url)
    page.get_by_label("User name or email").fill(login)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page: Page) -> None:
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible(timeout=SLOW)


def change_temporary_password(page: Page, temporary: str, chosen: str) -> None:
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible(timeout=SLOW)
    page.get_by_label("Current password", exact=True).fill(temporary)
    page.get_by_label("New password", exact=True).fill(chosen)
    page.get_by_label("Repeat the new password").fill(chosen)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password was changed.")).to_be_visible(timeout=SLOW)
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible(timeout=SLOW)


def open_post(page: Page, title: str) -> None:
    """Find a post on the Posts page by words of its title and open its page (a page load would sign out)."""
    page.get_by_role("link", name="Posts").click()
    page.get_by_label("Search words in titles and text").fill(title)
    page.keyboard.press("Enter")
    expect(keyed(page, "posts_words")).to_be_visible(timeout=SLOW)
    expect(page.locator("[class*='st-key-open_'] button")).to_have_count(1, timeout=SLOW)
    page.locator("[class*='st-key-open_'] button").click()  # the post's card on the board
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=SLOW)


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def invite(page: Page, name: str, email: str, handle: str, role: str) -> str:
    """Invite a person with a temporary password on the People page; returns the password shown once."""
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("User name").fill(handle)
    choose(page, page.get_by_label("Role", exact=True), role)
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text(f"Invited {name} as {role}")).to_be_visible(timeout=SLOW)
    return page.locator("[data-testid='stCode'] code").last.inner_text().strip()


def admin_sets_up_the_team(page: Page, url: str) -> tuple[str, str]:
    sign_in(page, url, "alex", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Alex Admin")).to_be_visible(timeout=SLOW)
    page.get_by_role("link", name="People").click()
    leader_password = invite(page, "Lena Leader", "lena@pilot.example", "lena", "leader")
    coach_password = invite(page, "Carlos Coach", "carlos@pilot.example", "carlos", "coach")
    choose(page, page.get_by_placeholder("Choose a coach"), "Carlos Coach")
    choose(page, page.get_by_placeholder("Choose a leader"), "Lena Leader")
    page.get_by_role("button", name="Assign coach").click()
    expect(page.get_by_text("Carlos Coach coaches Lena Leader").first).to_be_visible(timeout=SLOW)
    shot(page, "1-people")
    sign_out(page)
    return leader_password, coach_password


def leader_gets_started(page: Page, url: str, temporary: str) -> None:
    sign_in(page, url, "lena", temporary)
    change_temporary_password(page, temporary, LEADER_PASSWORD)
    page.get_by_role("link", name="Voice").click()
    page.get_by_label(re.compile("or paste posts")).fill(PAST_POSTS)
    page.get_by_role("button", name="Preview import").click()
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_text(re.compile("Added 4 posts"))).to_be_visible(timeout=SLOW)
    tab(page, "Voice card")
    page.get_by_role("button", name=re.compile("confirm the voice card")).click()
    expect(page.get_by_text("Voice card confirmed.")).to_be_visible(timeout=SLOW)
    page.get_by_role("link", name="Narratives").click()
    tab(page, "Edit")
    page.get_by_label("Positioning statement").fill("Industrial data you can trust when the network cannot be.")
    page.get_by_label("Pillar 1", exact=True).fill(PILLAR)
    page.get_by_label("Thesis 1", exact=True).fill("Gateways must keep every reading when the network fails.")
    page.get_by_role("button", name="Save new version").click()
    tab(page, "One page")
    expect(page.get_by_text(PILLAR).first).to_be_visible(timeout=SLOW)


def leader_writes_and_drafts(page: Page) -> None:
    page.get_by_role("link", name="Posts").click()
    tab(page, "Write a post")
    keyed(page, "new_post_title").locator("input").fill(TITLE)
    choose(page, keyed(page, "new_post_pillar").locator("input"), PILLAR)
    keyed(page, "new_post_text").locator("textarea").fill(POST_TEXT)
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=SLOW)
    shot(page, "2-post-editor")

    page.get_by_role("link", name="Draft studio").click()
    expect(page.get_by_label("Topic")).to_be_visible(timeout=SLOW)
    page.get_by_label("Topic").fill("What an expired certificate taught us about buffering")
    page.get_by_role("button", name="Draft", exact=True).click()
    use = page.get_by_role("button", name="Use this draft").first
    expect(use).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    shot(page, "3-draft-studio")
    use.click()
    expect(page.get_by_label("Post text")).to_be_visible(timeout=SLOW)
    assert page.get_by_label("Post text").input_value().strip()

    open_post(page, TITLE)
    tab(page, "Review")
    page.get_by_role("button", name="Request review").click()
    expect(page.get_by_text("the post is now in review")).to_be_visible(timeout=SLOW)
    sign_out(page)


def coach_reviews(page: Page, url: str, temporary: str) -> None:
    sign_in(page, url, "carlos", temporary)
    change_temporary_password(page, temporary, COACH_PASSWORD)
    expect(page.get_by_text(TITLE).first).to_be_visible(timeout=SLOW)
    shot(page, "4-coach-home")
    page.locator("[class*='st-key-todo_'] button").first.click()  # the first to-do's Open button
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=SLOW)
    page.get_by_label("Post text").fill(POST_TEXT.replace("one plant", "our Tilburg plant"))
    page.get_by_role("button", name="Suggest this edit").click()
    expect(page.get_by_text("Suggestion sent")).to_be_visible(timeout=SLOW)
    tab(page, "Review")
    page.get_by_label("Comment", exact=True).fill("Strong. Naming the plant makes it real.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible(timeout=SLOW)
    sign_out(page)


def leader_approves_schedules_publishes(page: Page, url: str) -> None:
    sign_in(page, url, "lena", LEADER_PASSWORD)
    expect(page.get_by_text(re.compile("suggested edit"))).to_be_visible(timeout=SLOW)
    shot(page, "5-leader-home")
    page.locator("[class*='st-key-todo_'] button").first.click()  # the first to-do's Open button
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=SLOW)
    tab(page, "Review")
    expect(page.get_by_text("Naming the plant makes it real.")).to_be_visible(timeout=SLOW)
    shot(page, "6-review")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text(re.compile("Accepted: revision 2"))).to_be_visible(timeout=SLOW)
    tab(page, "Review")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("the post is now approved")).to_be_visible(timeout=SLOW)
    tab(page, "Schedule & publish")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text(re.compile("the post is scheduled"))).to_be_visible(timeout=SLOW)
    tab(page, "Schedule & publish")
    expect(page.get_by_text(re.compile("Open LinkedIn to post it"))).to_be_visible(timeout=SLOW)
    expect(page.get_by_text(re.compile(r"fibre-cut\?utm_source=linkedin&utm_medium=social"))).to_be_visible()
    shot(page, "7-publish")
    page.get_by_label("3. Paste the link of the published post").fill(POST_URL)
    page.get_by_role("button", name="Mark published").click()
    expect(page.get_by_text(re.compile("Marked published"))).to_be_visible(timeout=SLOW)


def engagement_shows_under_the_pillar(page: Page, tmp_path: Path) -> None:
    rows = single_post_rows(datetime.now(UTC).strftime("%b %d, %Y"))
    rows[0] = ["Post URL", POST_URL]
    rows[3] = ["Impressions", "4,210"]
    export = tmp_path / "PostAnalytics_Lena_7400000000000000001.xlsx"
    export.write_bytes(workbook_bytes({"Performance": rows}))
    page.get_by_role("link", name="Analytics").click()
    tab(page, "Import")
    keyed(page, "imp_file").locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(export)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile("Imported: 1 posts matched"))).to_be_visible(timeout=SLOW)
    page.get_by_role("link", name="Analytics").click()  # a fresh run: the charts now include the new figures
    tab(page, "Charts")
    page.get_by_text("Table: by pillar").click()
    with page.expect_download(timeout=SLOW) as download:
        page.get_by_role("button", name="Download by_pillar (CSV)").click()
    by_pillar = Path(download.value.path()).read_text(encoding="utf-8")
    assert PILLAR in by_pillar and "4210" in by_pillar, by_pillar
    shot(page, "8-analytics")
    open_post(page, TITLE)  # the post's own page shows its figures too
    tab(page, "Schedule & publish")
    expect(page.get_by_text(re.compile("4,210 impressions"))).to_be_visible(timeout=SLOW)


def test_one_post_end_to_end_on_a_new_workspace(page: Page, team_server: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    leader_password, coach_password = admin_sets_up_the_team(page, team_server)
    leader_gets_started(page, team_server, leader_password)
    leader_writes_and_drafts(page)
    coach_reviews(page, team_server, coach_password)
    leader_approves_schedules_publishes(page, team_server)
    engagement_shows_under_the_pillar(page, tmp_path)
