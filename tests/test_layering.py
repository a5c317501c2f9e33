"""The house order, enforced: core is the ground floor, the features (workspace, kb, narratives) stand on it, app and
ui are the top floors. Only pages import streamlit; no import cycles; no first-party import hidden in a function."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

FIRST_PARTY = {"core", "app", "workspace", "kb", "narratives", "ui", "streamlit_app"}
FEATURES = ("workspace", "kb", "narratives")
PACKAGES = ("core", "app", *FEATURES, "ui")
# package -> first-party packages it must never import
FORBIDDEN = {
    "core": {"app", "ui", "streamlit_app", *FEATURES},
    "workspace": {"app", "ui", "streamlit_app"},
    "kb": {"app", "ui", "streamlit_app", "narratives"},
    "narratives": {"app", "ui", "streamlit_app"},
    "app": {"ui", "streamlit_app"},
}
STREAMLIT_ALLOWED = ("ui", "streamlit_app.py", "tests")
MAX_MODULE_LINES = 300


@dataclass(frozen=True)
class Import:
    module: str
    line: int
    in_function: bool


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")[: len(importer.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, root: Path) -> list[Import]:
    """Every import in a file, with whether it sits inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    importer, is_package = module_name(path, root), path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend(Import(alias.name, child.lineno, inside) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                target = _absolute(child, importer, is_package)
                found.append(Import(target, child.lineno, inside))
                found.extend(Import(f"{target}.{alias.name}", child.lineno, inside) for alias in child.names)
            visit(child, inside)

    visit(tree, False)
    return found


def source_files(root: Path, packages: tuple[str, ...] = PACKAGES) -> Iterator[Path]:
    for package in packages:
        yield from sorted((root / package).rglob("*.py"))
    if (root / "streamlit_app.py").exists():
        yield root / "streamlit_app.py"


def layering_violations(root: Path) -> list[str]:
    """`file:line imports X` for every import that crosses a floor the wrong way."""
    problems = []
    for path in source_files(root):
        package = path.relative_to(root).parts[0]
        for item in imports_of(path, root):
            top = item.module.split(".")[0]
            if top in FORBIDDEN.get(package, set()):
                problems.append(f"{path.relative_to(root)}:{item.line} imports {item.module}")
            is_page = package in STREAMLIT_ALLOWED or path.name in STREAMLIT_ALLOWED
            if top == "streamlit" and not is_page:
                problems.append(f"{path.relative_to(root)}:{item.line} imports streamlit outside ui/")
    return problems


def hidden_imports(root: Path) -> list[str]:
    """First-party imports inside functions: they hide a dependency (and often a cycle). Heavy third-party
    libraries may still be imported where they are used."""
    return [
        f"{path.relative_to(root)}:{item.line} imports {item.module} inside a function"
        for path in source_files(root)
        for item in imports_of(path, root)
        if item.in_function and item.module.split(".")[0] in FIRST_PARTY
    ]


def import_cycles(root: Path) -> list[list[str]]:
    """Cycles in the module import graph (Tarjan's strongly connected components of size > 1)."""
    modules = {module_name(path, root): path for path in source_files(root)}
    graph = {
        name: {item.module for item in imports_of(path, root) if item.module in modules and item.module != name}
        for name, path in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return cycles


def test_every_floor_imports_only_downwards() -> None:
    assert layering_violations(REPO_ROOT) == []


def test_no_first_party_import_hides_in_a_function() -> None:
    assert hidden_imports(REPO_ROOT) == []


def test_no_import_cycles() -> None:
    assert import_cycles(REPO_ROOT) == []


def test_no_module_is_over_300_lines() -> None:
    long = [
        f"{path.relative_to(REPO_ROOT)}: {lines} lines"
        for path in source_files(REPO_ROOT)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


PLANTED = {
    "core/settings.py": ("from workspace.posts import list_posts\n", layering_violations, "core/settings.py"),
    "kb/service.py": ("from narratives.drafting.brief import Brief\n", layering_violations, "kb/service.py"),
    "workspace/posts.py": ("import app.cli\n", layering_violations, "workspace/posts.py"),
    "narratives/prompts.py": ("import streamlit as st\n", layering_violations, "outside ui/"),
    "kb/chunking.py": ("def late():\n    from kb.store import COLLECTION\n", hidden_imports, "inside a function"),
}


def _plant(tmp_path: Path, file: str, code: str) -> Path:
    root = tmp_path / "tree"
    for package in PACKAGES:
        for path in (REPO_ROOT / package).rglob("*.py"):
            target = root / path.relative_to(REPO_ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    planted = root / file
    planted.write_text(planted.read_text(encoding="utf-8") + "\n" + code, encoding="utf-8")
    return root


@pytest.mark.parametrize("file", sorted(PLANTED))
def test_the_checks_catch_a_planted_upward_or_hidden_import(tmp_path: Path, file: str) -> None:
    code, check, expected = PLANTED[file]
    root = _plant(tmp_path, file, code)
    assert any(expected in problem for problem in check(root)), check(root)


def test_the_cycle_check_catches_a_planted_cycle(tmp_path: Path) -> None:
    root = _plant(tmp_path, "kb/sections.py", "from kb.chunking import chunk_sections\n")
    assert any("kb.sections" in cycle for cycle in import_cycles(root))
