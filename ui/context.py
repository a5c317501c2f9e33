"""What every page needs: settings, the database engine, and the signed-in person.

Only thread-safe shared resources are cached with st.cache_resource (settings, the engine's
connection pool). Per-user state lives in st.session_state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import NoReturn, TypeVar

import streamlit as st
from sqlalchemy import Engine

from app.schema import open_database
from core.errors import BylineError, SessionExpired, SignInFailed
from core.permissions import Actor
from core.settings import Settings, load_settings
from workspace.auth import check_session_fresh, reload_actor
from workspace.sso import SsoIdentity, sign_in_with_sso

ACTOR_KEY = "actor"
LAST_SEEN_KEY = "last_seen"
FLASH_KEY = "flash"
SSO_REFUSED_KEY = "sso_refused"
NO_LONGER_ACTIVE = "You were signed out: your account is no longer active. Ask an admin if this is a mistake."
T = TypeVar("T")


@st.cache_resource
def get_settings_cached() -> Settings:
    return load_settings()


@st.cache_resource
def get_engine() -> Engine:
    """One engine (a thread-safe connection pool) per process; sessions are opened per unit of work."""
    engine = open_database(get_settings_cached())
    return engine


def signed_in_actor() -> Actor | None:
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def current_actor() -> Actor:
    """The signed-in person; pages are only routed to when someone is signed in."""
    actor = signed_in_actor()
    if actor is None:
        stop_with_error("Please sign in first.")
    return actor


def remember_sign_in(actor: Actor) -> None:
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_SEEN_KEY] = datetime.now(UTC)


def forget_sign_in(message: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if message:
        st.session_state[FLASH_KEY] = message


def stop_with_error(message: str) -> NoReturn:
    st.error(message)
    st.stop()
    raise AssertionError("unreachable")  # st.stop raises; this keeps type checkers honest


def call_service(action: Callable[[], T]) -> T:
    """Run one service call and turn a domain error into a message instead of a traceback."""
    try:
        return action()
    except BylineError as exc:
        stop_with_error(str(exc))


def attempt(action: Callable[[], T]) -> T | None:
    """Run one service call; show a domain error in place and carry on with the rest of the page."""
    try:
        return action()
    except BylineError as exc:
        st.error(str(exc))
        return None


def succeeded(action: Callable[[], object]) -> bool:
    """Run one service call for its effect; show a domain error in place. True when it worked."""
    try:
        action()
    except BylineError as exc:
        st.error(str(exc))
        return False
    return True


@contextmanager
def domain_errors_as_messages() -> Iterator[None]:
    try:
        yield
    except BylineError as exc:
        stop_with_error(str(exc))


def enforce_session_timeout() -> None:
    """Sign out a session that has been idle too long; otherwise note this activity."""

    if signed_in_actor() is None:
        return
    try:
        check_session_fresh(st.session_state[LAST_SEEN_KEY], get_settings_cached())
    except SessionExpired as exc:
        forget_sign_in(str(exc))
        return
    st.session_state[LAST_SEEN_KEY] = datetime.now(UTC)


def refresh_signed_in_actor() -> None:
    """Reload the signed-in person from the database on every rerun: a deactivation or a change of role (or a
    password reset by an admin) takes effect on the next click, not at the idle timeout."""
    actor = signed_in_actor()
    if actor is None:
        return
    fresh = reload_actor(get_engine(), actor.person_id)
    if fresh is None:
        forget_sign_in(NO_LONGER_ACTIVE)
        return
    st.session_state[ACTOR_KEY] = fresh


def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` has an `[auth]` section for st.login."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def sign_in_from_identity_provider() -> None:
    """A browser the identity provider vouched for (st.user) is matched to its account once per session."""
    if signed_in_actor() is not None or SSO_REFUSED_KEY in st.session_state or not sso_configured():
        return
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        return
    verified = claims.get("email_verified")
    identity = SsoIdentity(
        email=str(claims.get("email") or "") or None,
        name=str(claims.get("name") or "") or None,
        email_verified=verified if isinstance(verified, bool) else None,
    )
    try:
        remember_sign_in(sign_in_with_sso(get_engine(), identity))
    except SignInFailed as exc:
        st.session_state[SSO_REFUSED_KEY] = str(exc)
