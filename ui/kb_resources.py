"""Process-wide knowledge-base resources for the Streamlit pages: the embedder, the store and its BM25 cache."""

from __future__ import annotations

import streamlit as st

from kb.embeddings import NamedEmbeddings, make_embedder
from kb.retrieval import HybridRetriever
from kb.service import KnowledgeBase
from kb.store import ChunkStore, make_client
from ui.context import get_engine, get_settings_cached


@st.cache_resource
def get_embedder() -> NamedEmbeddings:
    return make_embedder(get_settings_cached())


@st.cache_resource
def get_store_and_retriever() -> tuple[ChunkStore, HybridRetriever]:
    """One store per process, with the retriever that caches its BM25 index between reruns."""
    store = ChunkStore.for_embedder(make_client(get_settings_cached()), get_embedder())
    return store, HybridRetriever(store, get_embedder())


def knowledge_base() -> KnowledgeBase:
    """A KnowledgeBase over the cached resources. Raises EmbedderMismatch if a re-index is needed."""
    store, retriever = get_store_and_retriever()
    return KnowledgeBase(get_engine(), store, get_embedder(), get_settings_cached(), retriever)
