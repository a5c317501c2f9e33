"""The password policy and the one argon2 hasher every password goes through.

The policy applies wherever a password is set (`byline init`, the first-run page, the People page, a change of
password, the demo accounts): 12 to 128 characters, not a common password or a common word padded out with digits,
symbols, look-alike characters or repetition, and not built from the person's own name, handle or email.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
DENY_LIST = Path(__file__).parent / "data" / "common-passwords.txt"
SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1q2w3e4r5t6y7u8i9o0p",
    "zaq12wsxcde34rfvbgt56yhnmju78ik,lo90p",
    "01234567890123456789",
)
_LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_PADDING = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_SEPARATORS = re.compile(r"[\s\-_.]+")

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@cache
def common_words() -> frozenset[str]:
    lines = DENY_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_repetition(text: str, unit: str) -> bool:
    return bool(unit) and len(text) % len(unit) == 0 and text == unit * (len(text) // len(unit))


def _cores(password: str) -> set[str]:
    """The password as a guesser sees it: lower case, padding stripped, look-alikes undone, separators dropped."""
    lowered = password.lower()
    variants = {lowered, _SEPARATORS.sub("", lowered)}
    stripped = {_PADDING.sub("", text) for text in variants}
    undone = {text.translate(_LOOK_ALIKES) for text in stripped | variants}
    return variants | stripped | undone | {_PADDING.sub("", text) for text in undone}


def _is_pattern(text: str) -> bool:
    if len(set(text)) <= 2:
        return True
    if any(text in sequence or text in sequence[::-1] for sequence in SEQUENCES):
        return True
    return any(_is_repetition(text, text[:size]) for size in range(1, len(text) // 2 + 1))


def _matches(cores: set[str], words: Iterable[str]) -> bool:
    denied = set(words)
    repeatable = [word for word in denied if len(word) >= 3]
    return any(core in denied or any(_is_repetition(core, word) for word in repeatable) for core in cores)


def _personal_words(personal: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for value in personal:
        lowered = value.lower().strip()
        local = lowered.split("@")[0]
        words |= {lowered, local, _SEPARATORS.sub("", local), _SEPARATORS.sub("", lowered)}
        words |= set(re.split(r"[\s@._\-]+", lowered))
    return {word for word in words if len(word) >= 3}


def check_password(password: str, *, personal: Iterable[str] = ()) -> None:
    """Raise ValidationFailed with a message that says what to change, or return when the password is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"Passwords need at least {MIN_PASSWORD_LENGTH} characters (this one has {len(password)}). "
            "A few unrelated words make a long password that is easy to remember."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed(f"Passwords can have at most {MAX_PASSWORD_LENGTH} characters.")
    if not _PADDING.sub("", password):
        raise ValidationFailed("Use some letters too: a password of only digits and symbols is easy to guess.")
    cores = _cores(password)
    if any(_is_pattern(core) for core in cores if core):
        raise ValidationFailed("This password is a keyboard pattern, a sequence or a repetition; choose another.")
    if _matches(cores, common_words()):
        raise ValidationFailed(
            "This password is too common (a well-known password or a common word with digits or symbols added); "
            "choose another."
        )
    if _matches(cores, _personal_words(personal)):
        raise ValidationFailed("A password must not be built from your name, user name or email.")


def hash_password(password: str, *, personal: Iterable[str] = ()) -> str:
    """Check the policy, then hash with argon2."""
    check_password(password, personal=personal)
    return _hasher.hash(password)


def generate_password() -> str:
    """A random temporary password (shown once, never stored in clear) that passes the policy."""
    while True:
        candidate = secrets.token_urlsafe(12)
        try:
            check_password(candidate)
        except ValidationFailed:
            continue
        return candidate


def verify_password(stored_hash: str | None, password: str) -> bool:
    """One argon2 verification, always: an account without a password is checked against a dummy hash."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def burn_one_verification(password: str) -> None:
    """The same work as a real check, for a sign-in that is refused before its password matters."""
    verify_password(None, password)


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def rehash(password: str) -> str:
    return _hasher.hash(password)
