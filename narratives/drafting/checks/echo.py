"""Echo chamber: a draft too similar to another leader's draft or post planned within ±7 days.

The warning names whose post it echoes. It shows that post's title and date only when the signed-in person may see
that leader's posts; otherwise only the leader's name. It never shows the other post's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import Engine, and_, or_, select

from core.db import unit_of_work
from core.identity import Person
from narratives.drafting.checks.findings import Finding
from workspace.models import Post, PostStatus
from workspace.posts import current_text

WINDOW = timedelta(days=7)
ECHO_THRESHOLD = 0.45


@dataclass(frozen=True)
class OtherPost:
    leader_name: str
    title: str | None  # None when the reader may not see this leader's posts
    when: datetime
    status: str
    text: str  # compared, never shown

    def described(self) -> str:
        if self.title is None:
            return f"one of {self.leader_name}'s posts planned within ±7 days"
        return f'{self.leader_name}\'s post "{self.title[:60]}" ({self.status}, {self.when:%d %b})'


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def nearby_posts(
    engine: Engine, leader_id: int, around: datetime, *, visible: frozenset[int] = frozenset()
) -> list[OtherPost]:
    """Other leaders' posts scheduled, published or (unscheduled drafts) edited within ±7 days of `around`.
    Titles are kept only for leaders in `visible` (those the reader may see)."""
    start, end = around - WINDOW, around + WINDOW
    unscheduled = and_(
        Post.scheduled_at.is_(None),
        Post.published_at.is_(None),
        Post.updated_at.between(start, end),
        Post.status != PostStatus.PUBLISHED,
    )
    query = (
        select(Post, Person.name)
        .join(Person, Person.id == Post.leader_id)
        .where(Post.leader_id != leader_id)
        .where(or_(Post.scheduled_at.between(start, end), Post.published_at.between(start, end), unscheduled))
    )
    with unit_of_work(engine) as session:
        found = []
        for post, name in session.execute(query):
            text = current_text(post)
            if text.strip():
                when = _aware(post.scheduled_at or post.published_at or post.updated_at)
                title = (post.title or text[:60]) if post.leader_id in visible else None
                found.append(OtherPost(name, title, when, post.status, text))
        return found


def similarities(text: str, others: Sequence[str]) -> list[float]:
    if not others or not text.strip():
        return []
    vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([text, *others])
    except ValueError:
        return [0.0] * len(others)
    return [float(value) for value in (matrix[1:] @ matrix[0].T).toarray().ravel()]


def check_echo(text: str, others: Sequence[OtherPost], threshold: float = ECHO_THRESHOLD) -> list[Finding]:
    scored = sorted(
        zip(similarities(text, [o.text for o in others]), others, strict=True), key=lambda pair: pair[0], reverse=True
    )
    findings = [
        Finding(
            "echo",
            "warn",
            f"Echoes {other.described()}: similarity {score:.0%}. Find a different angle or space them out.",
        )
        for score, other in scored
        if score >= threshold
    ]
    quiet = Finding("echo", "ok", f"Not similar to the {len(others)} other leaders' posts within ±7 days.")
    return findings[:3] or [quiet]
