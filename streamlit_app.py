"""Byline's entry point: session defaults and routing only. Pages live in ui/."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from core.identity import Role
from core.permissions import Actor
from ui.context import (
    enforce_session_timeout,
    get_engine,
    refresh_signed_in_actor,
    sign_in_from_identity_provider,
    signed_in_actor,
)
from workspace.setup import needs_first_admin

WORK_PAGES = [
    ("ui/home.py", "Home", ":material/home:"),
    ("ui/posts.py", "Posts", ":material/article:"),
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
    ("ui/account.py", "Account", ":material/password:"),
    ("ui/sign_out.py", "Sign out", ":material/logout:"),
]
SIGN_OUT = ACCOUNT_PAGES[-1]


def make(entries: list[tuple[str, str, str]], *, default: str = "ui/home.py") -> list[st.Page]:
    return [st.Page(path, title=title, icon=icon, default=path == default) for path, title, icon in entries]


def pages_for(actor: Actor | None, *, first_run: bool = False) -> dict[str, list[st.Page]]:
    """What the navigation offers: the first-run page on an empty workspace, sign-in when signed out, only the
    change-password page while a temporary password is in use, else the pages of the person's role."""
    if actor is None:
        if first_run:
            return {"": make([("ui/first_run.py", "Set up Byline", ":material/rocket_launch:")])}
        return {"": [st.Page("ui/sign_in.py", title="Sign in", icon=":material/login:")]}
    if actor.must_change_password:
        return {
            "": make(
                [("ui/account.py", "Choose your password", ":material/password:"), SIGN_OUT], default="ui/account.py"
            )
        }
    admin = make(ADMIN_PAGES) if actor.role == Role.ADMIN else []
    post = st.Page("ui/post.py", title="Post", icon=":material/article:", visibility="hidden")
    return {"Work": [*make(WORK_PAGES), post], "Account": admin + make(ACCOUNT_PAGES)}


def run() -> None:
    st.set_page_config(page_title="Byline", page_icon=":material/edit_note:", layout="wide")
    try:
        engine = get_engine()
        enforce_session_timeout()
        refresh_signed_in_actor()
        sign_in_from_identity_provider()
        actor = signed_in_actor()
        first_run = actor is None and needs_first_admin(engine)
    except BylineError as exc:
        st.error(f"Byline cannot start: {exc}")
        st.stop()
    st.navigation(pages_for(actor, first_run=first_run)).run()


run()
