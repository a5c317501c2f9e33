"""Knowledge-base errors: all are BylineErrors, so pages and the CLI show their message."""

from __future__ import annotations

from core.errors import BylineError


class KnowledgeBaseError(BylineError):
    """Base class for knowledge-base errors."""


class IngestError(KnowledgeBaseError):
    """One file could not be ingested; `reason` says why in words a person can act on."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        return type(self), (self.name, self.reason)  # so it survives the trip back from a parsing process


class EmbedderMismatch(KnowledgeBaseError):
    """The collection was built by another embedder: a re-index is needed before mixing vectors."""


class EmbedderUnavailable(KnowledgeBaseError):
    """The configured embedder cannot be loaded or reached."""


class StoreUnavailable(KnowledgeBaseError):
    """The Chroma store cannot be opened or reached."""
