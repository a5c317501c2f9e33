"""The admin-selected local model, stored as a workspace setting (a name, never a secret)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from core import audit
from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import WorkspaceSetting
from core.permissions import Actor, require_admin
from core.settings import Settings
from narratives.llm.catalogue import CATALOGUE, LocalModelSpec
from narratives.llm.errors import ModelFileInvalid
from narratives.llm.files import part_path

ACTIVE_LOCAL_MODEL_KEY = "llm.local_model"


@dataclass(frozen=True)
class LocalModelChoice:
    name: str
    label: str
    installed: bool
    size_mb: int


def installed(spec: LocalModelSpec) -> bool:
    try:
        for part in spec.parts:
            part_path(part)
    except ModelFileInvalid:
        return False
    return True


def local_model_choices() -> list[LocalModelChoice]:
    """Every catalogued model and whether its packages are installed here."""
    return [LocalModelChoice(s.name, s.label, installed(s), s.size // 1_000_000) for s in CATALOGUE.values()]


def active_local_model(engine: Engine, settings: Settings) -> str:
    """The admin's choice if one was saved, else BYLINE_LOCAL_MODEL."""
    with unit_of_work(engine) as session:
        row = session.get(WorkspaceSetting, ACTIVE_LOCAL_MODEL_KEY)
        if row is not None and row.value in CATALOGUE:
            return row.value
    return settings.local_model


def set_active_local_model(engine: Engine, actor: Actor, name: str) -> str:
    """Admins switch the embedded model; the next draft starts it."""
    require_admin(actor)
    if name not in CATALOGUE:
        raise ValidationFailed(f"Unknown local model {name!r}; choose one of {', '.join(CATALOGUE)}.")
    with unit_of_work(engine) as session:
        row = session.get(WorkspaceSetting, ACTIVE_LOCAL_MODEL_KEY)
        if row is None:
            session.add(WorkspaceSetting(key=ACTIVE_LOCAL_MODEL_KEY, value=name))
        else:
            row.value, row.updated_at = name, datetime.now(UTC)
        audit.record(session, "llm.local_model", actor_id=actor.person_id, target=name)
    return name
