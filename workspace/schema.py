"""Imports every package's table models so migrations and backups see the whole schema."""

from __future__ import annotations

import importlib

MODEL_MODULES = (
    "workspace.models",
    "workspace.calendar.models",
    "workspace.engagement.models",
    "kb.models",
    "narratives.drafting.models",
    "narratives.brand.models",
)


def import_all_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)
