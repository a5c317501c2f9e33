"""Errors of the model layer. They are BylineErrors, so pages show their message instead of a traceback."""

from __future__ import annotations

from core.errors import BylineError


class ModelUnavailable(BylineError):
    """The chat model could not be reached or kept failing after retries."""


class ModelFileInvalid(BylineError):
    """A packaged model file is missing or its sha256 does not match the catalogue."""


class ModelAnswerEmpty(BylineError):
    """The model answered with no text."""
