"""The Chroma chunk store: embedded PersistentClient by default, a Chroma server when CHROMA_URL is set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from core.settings import Settings
from kb.embeddings import LOCAL_IDENTITY, BylineMiniLMFunction, embedder_identity
from kb.errors import EmbedderMismatch, StoreUnavailable

COLLECTION = "byline_kb"
EMBEDDER_KEY = "byline_embedder"
GENERATION_KEY = "byline_generation"
PAGE = 2000


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    distance: float | None = None


TOKEN_PROVIDER = "chromadb.auth.token_authn.TokenAuthClientProvider"


def chroma_settings_for(settings: Settings) -> ChromaSettings:
    """Chroma client settings: no telemetry, and the server token (CHROMA_AUTH_TOKEN) when one is configured."""
    if settings.chroma_url and settings.chroma_auth_token is not None:
        return ChromaSettings(
            anonymized_telemetry=False,
            chroma_client_auth_provider=TOKEN_PROVIDER,
            chroma_client_auth_credentials=settings.chroma_auth_token.get_secret_value(),
            chroma_auth_token_transport_header=settings.chroma_auth_header,
        )
    return ChromaSettings(anonymized_telemetry=False)


def make_client(settings: Settings) -> Any:
    """HttpClient for CHROMA_URL (with its token, if set), else a PersistentClient under the data directory."""
    chroma_settings = chroma_settings_for(settings)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            ssl = url.scheme == "https"
            port = url.port or (443 if ssl else 8000)
            return chromadb.HttpClient(host=url.hostname or "localhost", port=port, ssl=ssl, settings=chroma_settings)
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:
        where = settings.chroma_url or settings.chroma_dir
        reason = str(exc).strip() or f"the server refused or failed the request ({type(exc).__name__})"
        hint = " Check the address; set CHROMA_AUTH_TOKEN if the server needs a token." if settings.chroma_url else ""
        raise StoreUnavailable(f"Cannot open the Chroma store at {where}: {reason}.{hint}") from exc


class ChunkStore:
    """One collection of chunks built by exactly one embedder."""

    def __init__(self, client: Any, identity: str, name: str = COLLECTION) -> None:
        self._client = client
        self.identity = identity
        self.name = name
        self._collection = self._open()

    @classmethod
    def for_embedder(cls, client: Any, embedder: Any, name: str = COLLECTION) -> ChunkStore:
        return cls(client, embedder_identity(embedder), name)

    def _open(self) -> Any:
        existing = {c.name if hasattr(c, "name") else str(c) for c in self._client.list_collections()}
        if self.name in existing:
            collection = self._client.get_collection(self.name)
            built_by = (collection.metadata or {}).get(EMBEDDER_KEY)
            if built_by != self.identity:
                raise EmbedderMismatch(
                    f"The knowledge base was built with embedder '{built_by}' but '{self.identity}' is configured. "
                    "Re-index needed: run `byline kb reindex` (or switch BYLINE_EMBEDDINGS back); "
                    "vectors from different embedders are never mixed."
                )
            return collection
        metadata = {EMBEDDER_KEY: self.identity, GENERATION_KEY: uuid.uuid4().hex}
        if self.identity == LOCAL_IDENTITY:
            return self._client.create_collection(
                self.name, embedding_function=BylineMiniLMFunction(), metadata=metadata
            )
        return self._client.create_collection(
            self.name, embedding_function=None, metadata=metadata, configuration={"hnsw": {"space": "cosine"}}
        )

    def drop(self) -> None:
        """Delete the collection (re-index); the next ChunkStore opens a fresh one."""
        self._client.delete_collection(self.name)

    def generation(self) -> str:
        """Changes whenever chunks change, in this process or another."""
        metadata = self._client.get_collection(self.name).metadata or {}
        return str(metadata.get(GENERATION_KEY, ""))

    def _touch(self) -> None:
        self._collection.modify(metadata={EMBEDDER_KEY: self.identity, GENERATION_KEY: uuid.uuid4().hex})

    def add(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        step = min(PAGE, self._client.get_max_batch_size())
        for start in range(0, len(ids), step):
            end = start + step
            self._collection.upsert(
                ids=list(ids[start:end]),
                documents=list(texts[start:end]),
                embeddings=[list(v) for v in vectors[start:end]],
                metadatas=list(metadatas[start:end]),
            )
        self._touch()

    def delete(self, where: dict[str, Any]) -> None:
        self._collection.delete(where=where)
        self._touch()

    def update_metadata(self, where: dict[str, Any], changes: dict[str, Any]) -> None:
        found = self._collection.get(where=where, include=["metadatas"])
        if not found["ids"]:
            return
        metadatas = [{**(m or {}), **changes} for m in found["metadatas"]]
        self._collection.update(ids=found["ids"], metadatas=metadatas)
        self._touch()

    def count(self, where: dict[str, Any] | None = None) -> int:
        if where is None:
            return int(self._collection.count())
        return len(self._collection.get(where=where, include=[])["ids"])

    def query(self, vector: Sequence[float], n: int, where: dict[str, Any] | None = None) -> list[StoredChunk]:
        result = self._collection.query(
            query_embeddings=[list(vector)],
            n_results=n,
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            StoredChunk(id=i, text=t or "", metadata=dict(m or {}), distance=d)
            for i, t, m, d in zip(
                result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True
            )
        ]

    def query_ids(self, vector: Sequence[float], n: int) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine distances, no filter and no payload (the fast path).

        Chroma returns fewer than n when the collection is smaller, so there is no count() first: at 100k
        chunks a count costs more than the nearest-neighbour search itself."""
        result = self._collection.query(query_embeddings=[list(vector)], n_results=n, include=["distances"])
        return list(zip(result["ids"][0], result["distances"][0], strict=True))

    def iter_all(self) -> Iterator[StoredChunk]:
        """Every chunk, paged, for building the lexical index."""
        offset = 0
        while True:
            page = self._collection.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
            if not page["ids"]:
                return
            for i, t, m in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
                yield StoredChunk(id=i, text=t or "", metadata=dict(m or {}))
            offset += len(page["ids"])


def open_store(settings: Settings, embedder: Any) -> ChunkStore:
    """The configured store for this embedder; raises EmbedderMismatch if another embedder built it."""
    return ChunkStore.for_embedder(make_client(settings), embedder)
