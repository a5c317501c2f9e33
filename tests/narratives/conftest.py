"""Fixtures shared with the knowledge-base and drafting suites (one embedder, one local model server)."""

from tests.drafting.conftest import local_llm_url, smol_model_file
from tests.kb.conftest import embedder, kb_env

__all__ = ["embedder", "kb_env", "local_llm_url", "smol_model_file"]
