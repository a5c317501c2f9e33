"""Pages may use streamlit; the domain packages may not, and they never import the UI."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT

DOMAIN_PACKAGES = ("workspace", "kb", "narratives")
UI_ALLOWED = {"streamlit_app.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def python_files() -> list[Path]:
    skip = {".venv", "data", ".git", "build"}
    return [p for p in REPO_ROOT.rglob("*.py") if not skip & set(p.relative_to(REPO_ROOT).parts)]


def test_only_pages_and_the_router_import_streamlit() -> None:
    offenders = []
    for path in python_files():
        relative = path.relative_to(REPO_ROOT)
        in_ui = relative.parts[0] in ("ui", "tests") or str(relative) in UI_ALLOWED
        if not in_ui and "streamlit" in imported_modules(path):
            offenders.append(str(relative))
    assert offenders == []


def test_domain_packages_never_import_the_ui() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for package in DOMAIN_PACKAGES
        for path in (REPO_ROOT / package).rglob("*.py")
        if "ui" in imported_modules(path) or "streamlit_app" in imported_modules(path)
    ]
    assert offenders == []


def test_the_walk_sees_the_domain_code() -> None:
    assert "sqlalchemy" in imported_modules(REPO_ROOT / "workspace" / "db.py")
    assert len(python_files()) > 10
