"""A real OpenAI-compatible server for the drafting tests: xllamacpp serving SmolLM2-135M on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from narratives.llm.catalogue import model_spec
from narratives.llm.engine import LocalEngine
from narratives.llm.files import ensure_model_file

TEST_MODEL = "smollm2-135m"


@pytest.fixture(scope="session")
def smol_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_model_file(model_spec(TEST_MODEL), tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def local_llm_url(smol_model_file: Path) -> Iterator[str]:
    """Base URL (ending in /v1) of a llama.cpp server started once for the whole session."""
    engine = LocalEngine(smol_model_file, name=TEST_MODEL, context=4096)
    base_url = engine.start()
    yield base_url + "/v1"
    engine.stop()
