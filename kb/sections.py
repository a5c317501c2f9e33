"""What every loader produces: ordered sections of a document, each with a locator for citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SectionKind = Literal["text", "table"]


@dataclass(frozen=True)
class Section:
    text: str
    locator: str
    kind: SectionKind = "text"
    heading: str = ""


@dataclass
class LoadedDocument:
    title: str
    kind: str
    sections: list[Section]
    date: date | None = None
    context: str = ""
    notes: list[str] = field(default_factory=list)
