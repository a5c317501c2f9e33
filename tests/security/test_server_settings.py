"""Server hardening that lives in files: Streamlit's config, the build tooling, and the README's advice."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version
from streamlit import config as streamlit_config

from tests.conftest import REPO_ROOT


def test_streamlit_reads_the_hardened_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv("HOME", str(tmp_path))  # no personal ~/.streamlit/config.toml in the way
    for name in ("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "STREAMLIT_SERVER_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    try:
        streamlit_config.get_config_options(force_reparse=True)
        assert streamlit_config.get_option("client.showErrorDetails") == "none"
        assert streamlit_config.get_option("server.address") == "localhost"
        assert streamlit_config.get_option("server.enableXsrfProtection") is True
        assert streamlit_config.get_option("server.enableCORS") is True
    finally:
        monkeypatch.undo()
        streamlit_config.get_config_options(force_reparse=True)


def test_setuptools_in_the_virtualenv_and_the_build_is_patched() -> None:
    assert Version(version("setuptools")) >= Version("78.1.1")
    build = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(\S+)", item) and Version(item[12:]) >= Version("78.1.1") for item in build)
    assert "setuptools>=78.1.1" in (REPO_ROOT / "Makefile").read_text()


def test_readme_never_advises_an_open_chroma_server() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert "0.0.0.0" not in readme
    assert "CHROMA_AUTH_TOKEN" in readme
