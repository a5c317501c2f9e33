"""Byline's entry point: session defaults and routing only. Pages live in ui/."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from core.identity import Role
from ui.context import enforce_session_timeout, get_engine, signed_in_actor

WORK_PAGES = [
    ("ui/home.py", "Home", ":material/home:"),
    ("ui/narratives.py", "Narratives", ":material/flag:"),
    ("ui/draft_studio.py", "Draft studio", ":material/edit_note:"),
    ("ui/voice.py", "Voice", ":material/record_voice_over:"),
    ("ui/calendar.py", "Calendar", ":material/calendar_month:"),
    ("ui/analytics.py", "Analytics", ":material/monitoring:"),
    ("ui/knowledge_base.py", "Knowledge base", ":material/library_books:"),
]
ADMIN_PAGES = [("ui/people.py", "People", ":material/group:")]
ACCOUNT_PAGES = [
    ("ui/settings.py", "Settings", ":material/settings:"),
    ("ui/sign_out.py", "Sign out", ":material/logout:"),
]


def pages_for(role: Role | None) -> dict[str, list[st.Page]]:
    def make(entries: list[tuple[str, str, str]]) -> list[st.Page]:
        return [st.Page(path, title=title, icon=icon, default=path == "ui/home.py") for path, title, icon in entries]

    if role is None:
        return {"": [st.Page("ui/sign_in.py", title="Sign in", icon=":material/login:")]}
    admin = make(ADMIN_PAGES) if role == Role.ADMIN else []
    return {"Work": make(WORK_PAGES), "Account": admin + make(ACCOUNT_PAGES)}


def run() -> None:
    st.set_page_config(page_title="Byline", page_icon=":material/edit_note:", layout="wide")
    try:
        get_engine()
    except BylineError as exc:
        st.error(f"Byline cannot start: {exc}")
        st.stop()
    enforce_session_timeout()
    actor = signed_in_actor()
    st.navigation(pages_for(actor.role if actor else None)).run()


run()
