"""The one place the voice package touches the database: idempotent import and reading a leader's posts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from core import audit
from core.db import unit_of_work
from core.permissions import Actor, require_leader_access
from narratives.voice.importers.types import ParsedImport, ParsedPost, RejectedRow
from workspace.models import Engagement, Post, PostStatus
from workspace.posts import MAX_POST_CHARS, add_post, current_text

TITLE_CHARS = 80


@dataclass(frozen=True)
class ImportCounts:
    """What an import did: posts added, posts already stored, and rows rejected (by the parser or here)."""

    added: int
    already_present: int
    rejected: int
    rejected_rows: list[RejectedRow] = field(default_factory=list)


def text_key(text: str) -> str:
    """A hash of the text with white space and case normalised, for de-duplication without a URL."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


def _date_key(moment: datetime | None) -> str:
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).date().isoformat()


def _existing_keys(session: Session, leader_id: int) -> set[tuple[str, str]]:
    posts = session.scalars(select(Post).where(Post.leader_id == leader_id))
    return {(_date_key(post.published_at), text_key(current_text(post))) for post in posts}


def _title(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1] + "…"


def _store_post(session: Session, actor: Actor, leader_id: int, item: ParsedPost) -> None:
    post = add_post(
        session,
        actor,
        leader_id,
        text=item.text,
        channel=item.channel,
        status=PostStatus.PUBLISHED,
        title=_title(item.text),
        published_at=item.published_at,
        url=item.url,
        origin=item.origin,
        is_reshare=item.is_reshare,
    )
    if item.published_at is not None:
        counts = item.counts
        session.add(
            Engagement(
                post_id=post.id,
                day=item.published_at,
                source=item.origin,
                impressions=counts.impressions,
                reactions=counts.reactions,
                comments=counts.comments,
                reposts=counts.reposts,
                clicks=counts.clicks,
            )
        )


def _url_owner(session: Session, url: str | None) -> int | None:
    if not url:
        return None
    return session.scalar(select(Post.leader_id).where(Post.url == url))


def import_posts(engine: Engine, actor: Actor, leader_id: int, parsed: ParsedImport) -> ImportCounts:
    """Store parsed posts as the leader's published posts, in one transaction.

    The same post is never added twice: matched by URL, else by leader + day + normalised text hash.
    Dated posts get an Engagement row with their counts so they show in Analytics history.
    """
    rejected = list(parsed.rejected)
    added = present = 0
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        seen = _existing_keys(session, leader_id)
        batch_urls: set[str] = set()
        for item in parsed.posts:
            key = (_date_key(item.published_at), text_key(item.text))
            owner = _url_owner(session, item.url)
            if owner is not None and owner != leader_id:
                rejected.append(RejectedRow(item.row or 0, "this URL is already stored for another leader"))
            elif owner == leader_id or key in seen or (item.url and item.url in batch_urls):
                present += 1
            elif len(item.text) > MAX_POST_CHARS:
                rejected.append(RejectedRow(item.row or 0, f"text longer than {MAX_POST_CHARS:,} characters"))
            else:
                _store_post(session, actor, leader_id, item)
                seen.add(key)
                batch_urls.update([item.url] if item.url else [])
                added += 1
        audit.record(
            session,
            "voice.import",
            actor_id=actor.person_id,
            target=f"leader:{leader_id}",
            source=parsed.source,
            added=added,
            already_present=present,
            rejected=len(rejected),
        )
    return ImportCounts(added=added, already_present=present, rejected=len(rejected), rejected_rows=rejected)


@dataclass(frozen=True)
class VoiceTexts:
    """One leader's own published texts (oldest first, reshares left out) and every leader's, for contrast."""

    own: list[str]
    corpus: dict[int, list[str]]
    own_channels: list[str] = field(default_factory=list)
    """The channel of each of `own` (same order)."""


def load_voice_texts(session: Session, actor: Actor, leader_id: int) -> VoiceTexts:
    """Every published original in one query, inside the caller's unit of work. Access is checked for
    `leader_id`; other leaders' texts are for calibration only and never leave the scoring model."""
    require_leader_access(session, actor, leader_id)
    query = select(Post).where(Post.status == PostStatus.PUBLISHED, Post.is_reshare.is_(False))
    rows = session.scalars(query.options(selectinload(Post.revisions)).order_by(Post.id))
    dated: dict[int, list[tuple[float, int, str, str]]] = {leader_id: []}
    for post in rows:
        text = current_text(post)
        if text.strip():
            when = post.published_at.timestamp() if post.published_at else float("inf")
            dated.setdefault(post.leader_id, []).append((when, post.id, text, post.channel))
    own = sorted(dated[leader_id])
    return VoiceTexts(
        own=[item[2] for item in own],
        corpus={leader: [item[2] for item in items] for leader, items in dated.items()},
        own_channels=[item[3] for item in own],
    )


def leader_post_texts(engine: Engine, actor: Actor, leader_id: int, *, include_reshares: bool = False) -> list[str]:
    """The leader's published posts' current texts, oldest first (reshares/retweets left out by default)."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        query = select(Post).where(Post.leader_id == leader_id, Post.status == PostStatus.PUBLISHED)
        if not include_reshares:
            query = query.where(Post.is_reshare.is_(False))
        posts = session.scalars(query.order_by(Post.published_at.asc().nulls_last(), Post.id.asc()))
        return [text for text in (current_text(post) for post in posts) if text.strip()]


def voice_corpus(engine: Engine, actor: Actor, leader_id: int) -> dict[int, list[str]]:
    """The leader's own voice texts plus every other leader's, used only as contrast for calibration.

    Access is checked for `leader_id`; other leaders' texts never leave the scoring model.
    """
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        query = select(Post).where(Post.status == PostStatus.PUBLISHED, Post.is_reshare.is_(False))
        corpus: dict[int, list[str]] = {}
        for post in session.scalars(query.order_by(Post.id)):
            text = current_text(post)
            if text.strip():
                corpus.setdefault(post.leader_id, []).append(text)
        corpus.setdefault(leader_id, [])
        return corpus
