"""Pages hold up: a save while the database is read-only keeps the text in the editor (item 11), a stored bad row
never breaks the Calendar page, whose .ics is built only when someone clicks download (item 12), and a name chosen
at the identity provider renders as plain text (item 7)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import streamlit as st
from sqlalchemy import Engine, text

from core.db import unit_of_work
from core.errors import SignInFailed
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import app_as, make_people, open_page
from workspace import posts
from workspace.calendar import ical_export
from workspace.models import Post, PostStatus
from workspace.people import list_people
from workspace.setup import set_self_register_domains
from workspace.sso import SsoIdentity, sign_in_with_sso

EDITED = "My careful edit, an hour of work."


@pytest.fixture
def team(sqlite_engine: Engine) -> Iterator[dict[str, Actor]]:
    st.cache_resource.clear()
    yield make_people(sqlite_engine)
    st.cache_resource.clear()


def test_a_save_while_the_database_is_read_only_keeps_the_text_for_a_second_try(
    team: dict[str, Actor], sqlite_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = team["ada"]
    post = posts.create_post(sqlite_engine, ada, ada.person_id, text="First words.", status=PostStatus.DRAFT)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{settings.sqlite_path}?mode=ro&uri=true")
    at = app_as(ada)
    for key, value in {"ds_post": post.id, "ds_editor_pending": post.text, "ds_base_version": post.version}.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("ui/draft_studio.py").run()
    assert not at.exception, at.exception
    at.text_area(key="ds_editor").input(EDITED)
    at.button(key="ds_save").click().run()
    assert not at.exception, at.exception
    assert any("Nothing was saved" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_area(key="ds_editor").value == EDITED  # still in the editor
    monkeypatch.delenv("DATABASE_URL")  # the database is writable again
    st.cache_resource.clear()
    at.button(key="ds_save").click().run()
    assert any("Saved as revision 2" in s.value for s in at.success)
    assert posts.get_post(sqlite_engine, ada, post.id).text == EDITED


def test_a_stored_bad_date_never_breaks_the_calendar_and_the_ics_waits_for_a_click(
    team: dict[str, Actor], sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = team["ada"]
    good = posts.create_post(
        sqlite_engine, ada, ada.person_id, text="Fine", status=PostStatus.SCHEDULED, scheduled_at=datetime.now(UTC)
    )
    bad = posts.create_post(sqlite_engine, ada, ada.person_id, text="Year 9999", status=PostStatus.SCHEDULED)
    with unit_of_work(sqlite_engine) as session:  # an old import's row, from before dates were checked
        session.execute(text("UPDATE posts SET scheduled_at = '9999-12-31 23:59:00' WHERE id = :id"), {"id": bad.id})
        assert session.get(Post, good.id) is not None
    built: list[int | None] = []

    def recording_export(engine: Engine, actor: Actor, **kwargs: object) -> bytes:
        built.append(kwargs.get("leader_id"))  # type: ignore[arg-type]
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    monkeypatch.setattr(ical_export, "export_ics", recording_export)
    at = open_page(ada, "calendar")
    at.radio(key="cal_view").set_value("List").run()
    assert not at.exception, at.exception
    assert built == []  # rendering the page built no .ics
    monkeypatch.undo()
    assert b"Fine" in ical_export.export_ics(sqlite_engine, ada, leader_id=ada.person_id)  # the bad row is left out


HOSTILE_NAME = "![pixel](https://tracker.example/p.png) [Approve me](https://evil.example)"


def test_a_self_registered_name_shows_as_plain_text_to_the_admin(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    """A self-registered person chooses their own name at the identity provider: when an admin approves them, the
    People page's message shows the name as written, with no image fetched and no link made (item 7)."""
    set_self_register_domains(sqlite_engine, team["root"], "partner.example")
    with pytest.raises(SignInFailed, match="waiting for an admin"):
        sign_in_with_sso(
            sqlite_engine, SsoIdentity(email="mal@partner.example", name=HOSTILE_NAME, email_verified=True)
        )
    newcomer = next(p for p in list_people(sqlite_engine, team["root"]) if p.email == "mal@partner.example")
    at = open_page(team["root"], "people")
    next(w for w in at.selectbox if w.label == "Person to manage").set_value(newcomer.id).run()
    next(w for w in at.selectbox if w.label == "New role").set_value("leader").run()
    next(b for b in at.button if b.label == "Approve with this role").click().run()
    assert not at.exception, at.exception
    shown = [s.value for s in at.success]
    assert shown and "is now a leader" in shown[0], shown
    assert "](" not in shown[0] and "\\!\\[pixel\\]" in shown[0], shown  # escaped: no image, no link
