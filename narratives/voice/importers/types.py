"""Typed results every importer returns: accepted posts and rejected rows with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ChannelName = Literal["linkedin", "x"]
Origin = Literal["linkedin_import", "x_import", "paste"]


@dataclass(frozen=True)
class EngagementCounts:
    """Counts an export carries for one post (LinkedIn Shares.csv carries none)."""

    reactions: int = 0
    comments: int = 0
    reposts: int = 0
    impressions: int = 0
    clicks: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.reactions or self.comments or self.reposts or self.impressions or self.clicks)


@dataclass(frozen=True)
class ParsedPost:
    """One past post ready to be stored."""

    text: str
    channel: ChannelName
    origin: Origin
    published_at: datetime | None = None
    url: str | None = None
    counts: EngagementCounts = field(default_factory=EngagementCounts)
    is_reshare: bool = False
    row: int | None = None


@dataclass(frozen=True)
class RejectedRow:
    """A row or block that could not be imported, and why (row numbers count the header as 1)."""

    row: int
    reason: str
    excerpt: str = ""


@dataclass(frozen=True)
class ParsedImport:
    """What a file would import: the source kind, accepted posts and rejected rows."""

    source: str
    posts: list[ParsedPost]
    rejected: list[RejectedRow]

    @property
    def voice_posts(self) -> list[ParsedPost]:
        """Posts that count toward the voice profile: reshares/retweets are excluded."""
        return [post for post in self.posts if not post.is_reshare]
