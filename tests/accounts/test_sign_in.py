"""Sign-in does the same work for every account state, temporary passwords open nothing else, and the signed-in
person is reloaded from the database."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, update

import workspace.passwords
from core.db import unit_of_work
from core.errors import PermissionDenied, SignInFailed, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor, require_admin, visible_leader_ids
from core.settings import Settings
from tests.conftest import TEST_PASSWORD
from workspace.auth import PASSWORDS_OFF, change_own_password, reload_actor, sign_in
from workspace.invitations import reset_password
from workspace.people import change_role, set_active


class CountingHasher:
    """The real argon2 hasher, counting verifications."""

    def __init__(self, real: object) -> None:
        self.real, self.verifications = real, 0

    def verify(self, stored_hash: str, password: str) -> bool:
        self.verifications += 1
        return self.real.verify(stored_hash, password)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def _set(engine: Engine, handle: str, **values: object) -> None:
    with unit_of_work(engine) as session:
        session.execute(update(Person).where(Person.handle == handle).values(**values))


def _prepare_states(engine: Engine) -> None:
    """bo is locked, cora is deactivated, root has no password (single sign-on only), ada is fine."""
    _set(engine, "bo", locked_until=datetime.now(UTC) + timedelta(hours=1))
    _set(engine, "cora", active=False)
    _set(engine, "root", password_hash=None)


ATTEMPTS = {
    "unknown": ("nobody", TEST_PASSWORD),
    "locked": ("bo", TEST_PASSWORD),
    "inactive": ("cora", TEST_PASSWORD),
    "no password": ("root", TEST_PASSWORD),
    "wrong password": ("ada", "not the right password"),
}


@pytest.mark.parametrize("case", list(ATTEMPTS))
def test_every_refusal_runs_exactly_one_verification(
    engine: Engine, settings: Settings, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    _prepare_states(engine)
    counter = CountingHasher(workspace.passwords._hasher)
    monkeypatch.setattr(workspace.passwords, "_hasher", counter)
    with pytest.raises(SignInFailed, match="Sign-in failed"):
        sign_in(engine, settings, *ATTEMPTS[case])
    assert counter.verifications == 1


def _median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        with contextlib.suppress(SignInFailed):
            action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def test_refusals_take_about_as_long_as_a_wrong_password(
    sqlite_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import make_people

    make_people(sqlite_engine)
    _prepare_states(sqlite_engine)
    relaxed = settings.model_copy(update={"max_sign_in_failures": 10_000})  # ada must not lock during the test
    medians = {
        case: _median_seconds(lambda a=args: sign_in(sqlite_engine, relaxed, *a)) for case, args in ATTEMPTS.items()
    }
    slowest, fastest = max(medians.values()), min(medians.values())
    # One argon2 verification dominates every path (tens to hundreds of ms); before the fix a locked or inactive
    # account answered in 3-4 ms. A generous factor keeps this stable on a busy machine.
    assert fastest > slowest / 3, medians


def test_password_sign_in_can_be_switched_off(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    with pytest.raises(SignInFailed, match=PASSWORDS_OFF):
        sign_in(engine, settings.model_copy(update={"password_sign_in": False}), "ada", TEST_PASSWORD)


def test_a_reset_password_opens_nothing_until_changed(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    reset = reset_password(engine, people["root"], people["ada"].person_id)
    assert reset.temporary_password and reset.person.must_change_password
    with pytest.raises(SignInFailed):
        sign_in(engine, settings, "ada", TEST_PASSWORD)  # the old password is gone
    actor = sign_in(engine, settings, "ada", reset.temporary_password)
    assert actor.must_change_password
    with unit_of_work(engine) as session, pytest.raises(PermissionDenied, match="temporary"):
        visible_leader_ids(session, actor)
    with pytest.raises(ValidationFailed, match="differs"):
        change_own_password(engine, settings, actor, reset.temporary_password, reset.temporary_password)
    with pytest.raises(ValidationFailed, match="not correct"):
        change_own_password(engine, settings, actor, "a wrong current one", "a brand new passphrase")
    changed = change_own_password(engine, settings, actor, reset.temporary_password, "a brand new passphrase")
    assert not changed.must_change_password
    with unit_of_work(engine) as session:
        assert visible_leader_ids(session, changed) == {people["ada"].person_id}
    assert sign_in(engine, settings, "ada", "a brand new passphrase").handle == "ada"


def test_a_temporary_admin_cannot_act_as_admin(engine: Engine, people: dict[str, Actor]) -> None:
    temporary_admin = Actor(people["root"].person_id, "root", "Root", Role.ADMIN, must_change_password=True)
    with pytest.raises(PermissionDenied, match="temporary"):
        require_admin(temporary_admin)


def test_reload_follows_deactivation_and_role_changes(engine: Engine, people: dict[str, Actor]) -> None:
    admin, coach = people["root"], people["cora"]
    assert reload_actor(engine, coach.person_id) == coach
    change_role(engine, admin, coach.person_id, Role.LEADER)
    reloaded = reload_actor(engine, coach.person_id)
    assert reloaded is not None and reloaded.role == Role.LEADER
    set_active(engine, admin, coach.person_id, False)
    assert reload_actor(engine, coach.person_id) is None
    assert reload_actor(engine, 999_999) is None
