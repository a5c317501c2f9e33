"""One typed settings object, read once from the environment and `.streamlit/secrets.toml`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRETS_FILE = Path(".streamlit/secrets.toml")


class Settings(BaseSettings):
    """Every knob Byline reads. Environment variables are the names in `alias`."""

    model_config = SettingsConfigDict(populate_by_name=True, extra="ignore")

    data_dir: Path = Field(
        Path("data"), alias="BYLINE_DATA_DIR", description="Where the SQLite database, Chroma store and uploads live."
    )
    database_url: str | None = Field(
        None, alias="DATABASE_URL", description="SQLAlchemy URL; unset means SQLite in the data directory."
    )
    mode: Literal["demo", "production"] = Field(
        "demo", alias="BYLINE_MODE", description="`production` hides demo hints."
    )
    session_timeout_minutes: int = Field(60, alias="BYLINE_SESSION_TIMEOUT_MINUTES", ge=1)
    max_sign_in_failures: int = Field(5, alias="BYLINE_MAX_SIGN_IN_FAILURES", ge=1)
    lockout_minutes: int = Field(15, alias="BYLINE_LOCKOUT_MINUTES", ge=1)
    password_sign_in: bool = Field(
        True, alias="BYLINE_PASSWORD_SIGN_IN", description="`false` leaves single sign-on as the only way in."
    )
    chroma_url: str | None = Field(
        None, alias="CHROMA_URL", description="Chroma server URL; unset means an embedded store in the data directory."
    )
    chroma_auth_token: SecretStr | None = Field(
        None, alias="CHROMA_AUTH_TOKEN", description="Token Byline sends to a Chroma server that requires one."
    )
    chroma_auth_header: Literal["Authorization", "X-Chroma-Token"] = Field(
        "Authorization", alias="CHROMA_AUTH_HEADER", description="`Authorization` (Bearer token) or `X-Chroma-Token`."
    )
    kb_watch_dir: Path | None = Field(None, alias="BYLINE_KB_WATCH_DIR")
    max_upload_mb: int = Field(50, alias="BYLINE_MAX_UPLOAD_MB", ge=1)
    embeddings: Literal["local", "openai"] = Field("local", alias="BYLINE_EMBEDDINGS")
    embeddings_model: str = Field("text-embedding-3-small", alias="BYLINE_EMBEDDINGS_MODEL")
    embeddings_base_url: str | None = Field(None, alias="BYLINE_EMBEDDINGS_BASE_URL")
    llm_base_url: str | None = Field(
        None, alias="BYLINE_LLM_BASE_URL", description="Any OpenAI-compatible server (vLLM, Ollama, llama.cpp)."
    )
    llm_model: str | None = Field(None, alias="BYLINE_LLM_MODEL")
    local_model: Literal["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "smollm2-135m"] = Field(
        "qwen2.5-coder-1.5b", alias="BYLINE_LOCAL_MODEL"
    )
    llm_max_tokens: int | None = Field(None, alias="BYLINE_LLM_MAX_TOKENS", ge=16)
    llm_threads: int | None = Field(None, alias="BYLINE_LLM_THREADS", ge=1, le=256)
    draft_context: Literal["auto", "full", "compact"] = Field(
        "auto",
        alias="BYLINE_DRAFT_CONTEXT",
        description="How much material a draft prompt carries; auto = compact on the embedded model, else full.",
    )
    draft_candidates: int | None = Field(
        None,
        alias="BYLINE_DRAFT_CANDIDATES",
        ge=1,
        le=4,
        description="Drafts written per variant, the best kept by the checks; unset = 1 on the embedded model, 2 else.",
    )
    openai_api_key: SecretStr | None = Field(None, alias="OPENAI_API_KEY")

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "byline.db"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    def public_view(self) -> dict[str, Any]:
        """Settings as shown to an admin: secrets masked, never their values."""
        shown = self.model_dump(by_alias=True, mode="json")
        for key in ("OPENAI_API_KEY", "CHROMA_AUTH_TOKEN"):
            shown[key] = "set" if shown.get(key) else "not set"
        if self.database_url and "@" in self.database_url:
            scheme, _, host = self.database_url.partition("@")
            shown["DATABASE_URL"] = scheme.split("//")[0] + "//***@" + host
        return shown


def _secrets_file_values(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {key: value for key, value in data.items() if not isinstance(value, dict)}


def load_settings(secrets_file: Path = SECRETS_FILE, **overrides: Any) -> Settings:
    """Build settings: explicit overrides, then environment, then secrets.toml, then defaults."""
    from_file = _secrets_file_values(secrets_file)
    env_settings = Settings(**overrides)
    explicitly_set = env_settings.model_fields_set
    merged = {
        Settings.model_fields[name].alias or name: value
        for name, value in env_settings.model_dump().items()
        if name in explicitly_set
    }
    return Settings(**{**from_file, **merged})
