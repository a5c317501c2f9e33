"""A real Byline server (streamlit run) on 127.0.0.1 with the demo workspace, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, TEST_MODEL
from tests.postgres_server import free_port

DEMO_PASSWORD = "browser-demo-password"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        raise RuntimeError("Debian's chromium is missing: run scripts/install-system-deps.sh (make test does).")
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


def _wait_for_health(url: str, process: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"Byline did not become healthy at {url} within {timeout:.0f} s")


@pytest.fixture(scope="session")
def byline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the demo workspace in a temp data dir and serve the app; yields its base URL."""
    data_dir = tmp_path_factory.mktemp("browser-data")
    env = {
        **os.environ,
        "BYLINE_DATA_DIR": str(data_dir),
        "BYLINE_LOCAL_MODEL": TEST_MODEL,  # the embedded engine, as `make run` uses it, with the smallest model
        "BYLINE_LLM_MAX_TOKENS": "64",
    }
    for name in ("DATABASE_URL", "OPENAI_API_KEY", "BYLINE_LLM_BASE_URL", "CHROMA_URL"):
        env.pop(name, None)
    bin_dir = Path(sys.executable).parent
    demo = subprocess.run(
        [str(bin_dir / "byline"), "demo", "--password", DEMO_PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    if demo.returncode != 0:
        raise RuntimeError(f"byline demo failed:\n{demo.stdout}\n{demo.stderr}")
    with serve_byline(env, data_dir) as url:
        yield url


@contextmanager
def serve_byline(env: dict[str, str], data_dir: Path, *, extra_args: Sequence[str] = ()) -> Iterator[str]:
    """`streamlit run` on a free port of 127.0.0.1 with this environment; yields the base URL, stops it after."""
    bin_dir = Path(sys.executable).parent
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
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra_args,
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
