"""Knowledge base: upload company material, search it with citations, and (admins) delete or re-tag documents."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.errors import BylineError
from core.inert_markdown import inert
from core.permissions import Actor
from kb.loaders import LOADERS
from kb.models import COMPANY
from kb.service import KnowledgeBase
from kb.views import DocumentInfo
from ui.context import current_actor, stop_with_error
from ui.kb_resources import knowledge_base

NOTICE_KEY = "kb_notice"
actor = current_actor()
st.title("Knowledge base")
try:
    kb = knowledge_base()
except BylineError as exc:
    stop_with_error(str(exc))


def _visibility_label(value: str) -> str:
    return "Company" if value == COMPANY else f"Private to {value.removeprefix('private:')}"


def upload_section(kb: KnowledgeBase, actor: Actor) -> None:
    st.subheader("Add documents")
    with st.form("kb_upload", clear_on_submit=True):
        files = st.file_uploader(
            "PDF, Word, PowerPoint, Markdown, HTML, text or CSV",
            type=[suffix.lstrip(".") for suffix in LOADERS],
            accept_multiple_files=True,
        )
        tags = st.text_input("Tags (comma-separated)", key="kb_upload_tags")
        visibility = st.selectbox("Who may retrieve it", kb.visibility_choices(actor), format_func=_visibility_label)
        submitted = st.form_submit_button("Add to knowledge base")
    if not submitted or not files:
        return
    overall = st.progress(0.0, text=f"0 of {len(files)} files")
    for index, upload in enumerate(files):
        bar = st.progress(0.0, text=f"{upload.name}: reading")

        def on_progress(done: int, total: int, name: str = upload.name, bar: Any = bar) -> None:
            bar.progress(done / total if total else 1.0, text=f"{name}: {done} of {total} passages embedded")

        try:
            result = kb.ingest_bytes(
                upload.name,
                upload.getvalue(),
                actor=actor,
                tags=tags.split(","),
                visibility=visibility,
                progress=on_progress,
            )
        except BylineError as exc:
            bar.empty()
            st.error(inert(str(exc)))
        else:
            bar.progress(1.0, text=f"{upload.name}: {result.status} ({result.chunks} passages)")
        overall.progress((index + 1) / len(files), text=f"{index + 1} of {len(files)} files")


def search_section(kb: KnowledgeBase, actor: Actor) -> None:
    st.subheader("Search")
    query = st.text_input("Search the knowledge base", key="kb_query", placeholder="e.g. energy savings at a customer")
    k = st.slider("Passages", 1, 20, 5, key="kb_k")
    if not query.strip():
        return
    try:
        hits = kb.search(query, actor, k=k)
    except BylineError as exc:
        st.error(inert(str(exc)))
        return
    if not hits:
        st.info("No passages match.")
    for rank, hit in enumerate(hits, start=1):
        with st.container(border=True):
            label = _visibility_label(hit.visibility)
            st.markdown(f"**{rank}. {inert(hit.title)}** · {inert(hit.locator)} · {inert(label)}")
            st.caption(f"“{inert(hit.citation.quote)}”")
            if hit.suspicious_instructions:
                st.warning("This passage reads like instructions to an AI; it is quoted as data only.")
            with st.expander("Full passage"):
                st.text(hit.text)


def documents_section(kb: KnowledgeBase, actor: Actor) -> None:
    st.subheader("Documents")
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.success(notice)
    documents = kb.list_documents(actor)
    if not documents:
        st.info("No documents yet.")
        return
    table = pd.DataFrame(
        [
            {
                "title": d.title,
                "kind": d.kind,
                "tags": ", ".join(d.tags),
                "visibility": _visibility_label(d.visibility),
                "passages": d.chunk_count,
                "date": d.doc_date,
                "added": d.ingested_at,
                "source": d.source,
            }
            for d in documents
        ]
    )
    st.dataframe(table, hide_index=True)
    replace_section(kb, actor, [d for d in documents if actor.is_admin or d.uploaded_by == actor.person_id])
    if not actor.is_admin:
        return
    by_id = {d.id: d for d in documents}
    chosen = st.selectbox("Document", list(by_id), format_func=lambda i: by_id[i].title, key="kb_admin_doc")
    new_tags = st.text_input("Tags", value=", ".join(by_id[chosen].tags), key=f"kb_tags_{chosen}")
    left, right = st.columns(2)
    try:
        if left.button("Save tags", key="kb_retag"):
            kb.retag_document(actor, chosen, new_tags.split(","))
            st.session_state[NOTICE_KEY] = f"Tags saved for {by_id[chosen].title}."
            st.rerun()
        confirm = right.checkbox("Yes, delete this document", key="kb_confirm_delete")
        if right.button("Delete document", key="kb_delete", disabled=not confirm):
            kb.delete_document(actor, chosen)
            st.session_state[NOTICE_KEY] = f"Deleted {by_id[chosen].title}."
            st.rerun()
    except BylineError as exc:
        st.error(inert(str(exc)))


def replace_section(kb: KnowledgeBase, actor: Actor, mine: list[DocumentInfo]) -> None:
    """A new version of a document you uploaded (admins: any document); it keeps its id, tags and visibility."""
    if not mine:
        return
    with st.expander("Replace a document with a new version"):
        by_id = {d.id: d for d in mine}
        chosen = st.selectbox("Document", list(by_id), format_func=lambda i: by_id[i].title, key="kb_replace_doc")
        upload = st.file_uploader("New version", type=[s.lstrip(".") for s in LOADERS], key="kb_replace_file")
        if upload is not None and st.button("Replace", key="kb_replace"):
            try:
                result = kb.replace_document(actor, chosen, upload.name, upload.getvalue())
            except BylineError as exc:
                st.error(inert(str(exc)))
            else:
                st.success(inert(f"{by_id[chosen].title}: {result.status} ({result.chunks} passages)."))


upload_section(kb, actor)
search_section(kb, actor)
documents_section(kb, actor)
