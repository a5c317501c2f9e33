"""Shared fixtures for the voice tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LINKEDIN_FIXTURES = REPO_ROOT.parent / "shared" / "data" / "linkedin"


@pytest.fixture(scope="session")
def linkedin_dir() -> Path:
    if not LINKEDIN_FIXTURES.is_dir():
        pytest.fail(f"shared LinkedIn fixtures missing at {LINKEDIN_FIXTURES}")
    return LINKEDIN_FIXTURES
