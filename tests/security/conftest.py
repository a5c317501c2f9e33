"""The security suite's workspace (see world.py): built once per module, on SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kb.embeddings import LocalMiniLMEmbeddings
from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, embedder: LocalMiniLMEmbeddings) -> Iterator[World]:
    built = build_world(tmp_path_factory.mktemp("security") / "data", embedder)
    yield built
    built.engine.dispose()
