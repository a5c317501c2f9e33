"""Knowledge-base fixtures for the narratives suite (the embedder and model server come from tests/conftest.py)."""

from tests.kb.conftest import kb_env

__all__ = ["kb_env"]
