"""One code path for every chat model: LangChain's ChatOpenAI against an OpenAI-compatible endpoint.

The endpoint is OpenAI itself (OPENAI_API_KEY), any OpenAI-compatible server (BYLINE_LLM_BASE_URL), or the embedded
llama.cpp engine (its local base URL). Retries with backoff on timeouts, 429 and 5xx are the openai client's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from core.settings import Settings
from narratives.llm.engine import ENGINES
from narratives.llm.files import Progress

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_SERVER_MODEL = "default"
EngineProvider = Callable[[str], str]
"""Given a local model name, start it if needed and return its OpenAI-compatible base URL (ending in /v1)."""


@dataclass(frozen=True)
class ModelTarget:
    """Which model a chat call goes to, as shown on the settings page (never the key itself)."""

    kind: Literal["openai", "server", "local"]
    model: str
    base_url: str | None
    key_set: bool

    def describe(self) -> str:
        if self.kind == "openai":
            return f"OpenAI model {self.model} (key from OPENAI_API_KEY)"
        if self.kind == "server":
            return f"OpenAI-compatible server {self.base_url}, model {self.model}"
        return f"Embedded local model {self.model} (llama.cpp on 127.0.0.1, no network)"


def model_target(settings: Settings, local_model: str | None = None) -> ModelTarget:
    """Resolve the endpoint: BYLINE_LLM_BASE_URL first, then OpenAI when a key is set, else the local engine."""
    key_set = settings.openai_api_key is not None and bool(settings.openai_api_key.get_secret_value())
    if settings.llm_base_url:
        return ModelTarget("server", settings.llm_model or DEFAULT_SERVER_MODEL, settings.llm_base_url, key_set)
    if key_set:
        return ModelTarget("openai", settings.llm_model or DEFAULT_OPENAI_MODEL, None, True)
    return ModelTarget("local", local_model or settings.local_model, None, False)


def default_engine_provider(settings: Settings, progress: Progress | None = None) -> EngineProvider:
    """The process-wide embedded engine, with model files under the data directory."""
    return lambda name: ENGINES.base_url(name, settings.data_dir, progress, settings.llm_threads)


def make_chat_model(
    settings: Settings,
    engine_provider: EngineProvider,
    *,
    local_model: str | None = None,
    temperature: float = 0.7,
    max_tokens: int = 700,
    timeout: float = 120.0,
    max_retries: int = 2,
    seed: int | None = None,
) -> ChatOpenAI:
    """A ChatOpenAI for the configured endpoint. The local engine is started only when it is the target."""
    target = model_target(settings, local_model)
    api_key = settings.openai_api_key if target.key_set else SecretStr("not-needed")
    base_url = engine_provider(target.model) if target.kind == "local" else target.base_url
    return ChatOpenAI(
        model=target.model,
        base_url=base_url,
        api_key=api_key,
        temperature=temperature,
        max_completion_tokens=max_tokens,
        timeout=timeout,
        max_retries=max_retries,
        streaming=True,
        seed=seed,
    )
