"""End to end in Chromium against `byline demo` + `streamlit run`, with the embedded engine serving SmolLM2-135M:
a leader writes a brief, gets streamed draft variants with checks, picks one, edits it and saves a revision."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD, _wait_for_health, browser_type_launch_args  # noqa: F401
from tests.conftest import REPO_ROOT, TEST_MODEL
from tests.postgres_server import free_port

pytestmark = pytest.mark.browser
DRAFT_TIMEOUT_MS = 600_000


@pytest.fixture(scope="module")
def studio_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("studio-data")
    env = {
        **os.environ,
        "BYLINE_DATA_DIR": str(data_dir),
        "BYLINE_LOCAL_MODEL": TEST_MODEL,
        "BYLINE_LLM_MAX_TOKENS": "64",
    }
    for name in ("DATABASE_URL", "OPENAI_API_KEY", "BYLINE_LLM_BASE_URL", "CHROMA_URL"):
        env.pop(name, None)
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "byline"), "demo", "--password", DEMO_PASSWORD],
        env=env,
        check=True,
        capture_output=True,
        cwd=REPO_ROOT,
    )
    port = free_port()
    command = [
        str(bin_dir / "streamlit"),
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    log = (data_dir / "streamlit.log").open("wb")
    process = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process)
        yield url
    finally:
        process.terminate()  # the app's atexit hook stops the embedded llama.cpp server with it
        process.wait(timeout=30)
        log.close()


def test_brief_streamed_draft_edit_and_save(page: Page, studio_server: str) -> None:
    page.goto(studio_server)
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
