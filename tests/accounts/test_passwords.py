"""The password policy: clear messages, and applied wherever a password is set."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from core.errors import ValidationFailed
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import TEST_PASSWORD
from workspace.auth import change_own_password
from workspace.passwords import MAX_PASSWORD_LENGTH, check_password, generate_password, hash_password
from workspace.setup import create_first_admin

ACCEPTED = ["correct horse battery", "purple-otter-harbour", "Tr0ub4dor&3 lamp", "x" * 3 + "wq9z!" + "k" * 3 + "mr2p"]
REFUSED = [
    ("short-pw1", r"at least 12 characters \(this one has 9\)"),
    ("x" * (MAX_PASSWORD_LENGTH + 1), "at most 128"),
    ("123456789012345", "only digits and symbols"),
    ("qwertyuiopasdf", "keyboard pattern"),
    ("abcdefghijklmn", "sequence"),
    ("passwordpassword", "repetition"),
    ("Password2026!", "too common"),
    ("p@ssw0rd!!2026", "too common"),
    ("welcome-12345", "too common"),
    ("Summer2026!!", "too common"),
    ("correct horse battery staple", "too common"),
    ("ada lovelace 1815", "name, user name or email"),
]


@pytest.mark.parametrize("password", ACCEPTED)
def test_good_passwords_pass(password: str) -> None:
    check_password(password, personal=("ada", "ada@byline.example", "Ada Lovelace"))


@pytest.mark.parametrize(("password", "message"), REFUSED)
def test_weak_passwords_get_a_clear_reason(password: str, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        check_password(password, personal=("ada", "ada@byline.example", "Ada Lovelace"))


def test_generated_passwords_pass_and_differ() -> None:
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        check_password(password)


def test_hashing_applies_the_policy() -> None:
    with pytest.raises(ValidationFailed, match="too common"):
        hash_password("letmein123456")
    assert hash_password(TEST_PASSWORD).startswith("$argon2")


def test_first_admin_and_password_change_apply_the_policy(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    with pytest.raises(ValidationFailed, match="at least 12"):
        create_first_admin(engine, handle="boss", name="Boss", email="boss@example.com", password="short")
    with pytest.raises(ValidationFailed, match="name, user name or email"):
        change_own_password(engine, settings, people["ada"], TEST_PASSWORD, "ada@byline.example!")
    with pytest.raises(ValidationFailed, match="too common"):
        change_own_password(engine, settings, people["ada"], TEST_PASSWORD, "Monkey123456!")
