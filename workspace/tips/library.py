"""The tips library: tips/tips.yaml, strictly validated (unknown keys, unknown moments and repeated ids are refused
with the file and tip named), and re-read when the file changes."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import BylineError

TIPS_FILE = Path(__file__).resolve().parent.parent.parent / "tips" / "tips.yaml"


class TipsError(BylineError):
    """The tips file cannot be read or is invalid."""


class Moment(StrEnum):
    """When a tip may show."""

    FIRST_DRAFT = "first_draft"
    LINGO_WARNING = "lingo_warning"
    LONG_POST = "long_post"
    LINK_IN_LINKEDIN_BODY = "link_in_linkedin_body"
    MISSED_CADENCE_WEEK = "missed_cadence_week"
    FIRST_ENGAGEMENT_IMPORT = "first_engagement_import"


class Tip(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{2,63}$")
    when: Moment
    title: str = Field(min_length=3, max_length=120)
    advice: str = Field(min_length=10, max_length=800)
    why: str = Field(min_length=10, max_length=800)


class TipsLibrary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tips: list[Tip] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> TipsLibrary:
        seen: set[str] = set()
        for tip in self.tips:
            if tip.id in seen:
                raise ValueError(f"tip id {tip.id!r} is used twice")
            seen.add(tip.id)
        return self

    def at(self, moments: set[Moment]) -> list[Tip]:
        """The tips for these moments, in the file's order."""
        return [tip for tip in self.tips if tip.when in moments]


def load_library(path: Path = TIPS_FILE) -> TipsLibrary:
    """Parse and validate a tips file; TipsError names the file and what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return TipsLibrary.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise TipsError(f"Cannot read the tips file {path.name}: {exc}") from exc
    except ValidationError as exc:
        raise TipsError(f"The tips file {path.name} is invalid: {exc}") from exc


@lru_cache(maxsize=8)
def _cached(path: Path, mtime_ns: int) -> TipsLibrary:
    return load_library(path)


def tips_library(path: Path = TIPS_FILE) -> TipsLibrary:
    """The library, re-read when its file changes (editing a tip needs no restart)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise TipsError(f"The tips file {path} is missing.") from exc
    return _cached(path, mtime)
