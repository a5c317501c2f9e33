"""Match imported rows to Byline posts: by URL first, else by leader + date + text similarity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from rapidfuzz import fuzz

TEXT_THRESHOLD = 75.0
DAY_WINDOW = 1
LINKEDIN_ID = re.compile(r"(?:activity|ugcPost|share)[:\-](\d{10,})", re.IGNORECASE)
X_ID = re.compile(r"(?:twitter|x)\.com/(?:[^/]+|i(?:/web)?)/status(?:es)?/(\d+)", re.IGNORECASE)


def url_key(url: str | None) -> str | None:
    """One key per post whatever the URL form: feed/update/urn:li:activity:N and /posts/...-activity-N-... agree."""
    if not url:
        return None
    if found := LINKEDIN_ID.search(url):
        return f"li:{found.group(1)}"
    if found := X_ID.search(url):
        return f"x:{found.group(1)}"
    parts = urlsplit(url.strip())
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}" or None


@dataclass(frozen=True)
class Candidate:
    post_id: int
    leader_id: int
    channel: str
    key: str | None
    day: date | None
    text: str


@dataclass(frozen=True)
class Match:
    post_id: int
    method: str
    score: float = 100.0


def channel_of(source: str) -> str:
    return "x" if source.startswith("x") else "linkedin"


def find_match(
    candidates: list[Candidate], *, source: str, url: str | None, day: date | None, text: str, leader_id: int | None
) -> Match | None:
    key = url_key(url)
    if key:
        for candidate in candidates:
            if candidate.key == key:
                return Match(candidate.post_id, "url")
    if day is None:
        return None
    channel = channel_of(source)
    nearby = [
        c
        for c in candidates
        if c.day is not None
        and abs((c.day - day).days) <= DAY_WINDOW
        and c.channel == channel
        and (leader_id is None or c.leader_id == leader_id)
        and (not key or not c.key)  # a post with a different known URL is another post
    ]
    if text.strip():
        scored = [(fuzz.token_set_ratio(text.lower(), c.text.lower()), c) for c in nearby if c.text.strip()]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= TEXT_THRESHOLD:
            return Match(best[1].post_id, "text", float(best[0]))
        return None
    same_day = [c for c in nearby if c.day == day]
    if leader_id is not None and len(same_day) == 1:
        return Match(same_day[0].post_id, "date", 0.0)
    return None
