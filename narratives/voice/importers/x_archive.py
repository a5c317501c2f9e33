"""X (Twitter) archive files: tweets.js / tweet.js / tweets-partN.js and note-tweet.js."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from core.dates import check_supported
from core.errors import ValidationFailed
from narratives.voice.importers.common import DEFAULT_MAX_BYTES, check_size, clean_text, decode_text, excerpt
from narratives.voice.importers.types import EngagementCounts, ParsedImport, ParsedPost, RejectedRow

YTD_PREFIX = re.compile(r"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
CREATED_AT_FORMAT = "%a %b %d %H:%M:%S %z %Y"
STATUS_URL = "https://x.com/i/web/status/{id}"
MAX_ITEMS = 200_000
TRAILING_LINK = re.compile(r"\s*(…|\.\.\.)?\s*https://t\.co/\w+\s*$")


class ItemRejected(ValueError):
    """One archive item cannot be imported; the message is the reason."""


def load_ytd(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Any]:
    """The JSON array inside a `window.YTD.<kind>.partN = [...]` file (or a bare JSON array)."""
    check_size(data, name, max_bytes)
    text = YTD_PREFIX.sub("", decode_text(data, name), count=1).strip().rstrip(";")
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            f"{name} is not complete JSON (the file may be truncated or damaged): {exc.msg} "
            f"at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except RecursionError:
        raise ValidationFailed(f"{name} is nested too deeply to be an X archive file.") from None
    if not isinstance(items, list):
        raise ValidationFailed(f"{name} should hold a list of items after the window.YTD prefix.")
    if len(items) > MAX_ITEMS:
        raise ValidationFailed(f"{name} holds {len(items):,} items; the limit is {MAX_ITEMS:,} per file.")
    return items


def _count(value: Any) -> int:
    try:
        return max(int(str(value)), 0)
    except (TypeError, ValueError):
        return 0


def _parse_created_at(value: Any) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise ItemRejected("no created_at date")
    try:
        moment = datetime.strptime(value.strip(), CREATED_AT_FORMAT).astimezone(UTC)
        check_supported(moment, "created_at")
    except (ValueError, OverflowError) as exc:
        raise ItemRejected(f"created_at '{value[:60]}' is not a valid date ({exc})") from exc
    return moment


def _tweet_to_post(tweet: Mapping[str, Any], number: int) -> ParsedPost:
    raw_text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise ItemRejected("no text")
    text = clean_text(html.unescape(raw_text))
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or "").strip()
    retweeted = str(tweet.get("retweeted", "false")).lower() == "true" or text.startswith("RT @")
    return ParsedPost(
        text=text,
        channel="x",
        origin="x_import",
        published_at=_parse_created_at(tweet.get("created_at")),
        url=STATUS_URL.format(id=tweet_id) if tweet_id.isdigit() else None,
        counts=EngagementCounts(
            reactions=_count(tweet.get("favorite_count")), reposts=_count(tweet.get("retweet_count"))
        ),
        is_reshare=retweeted,
        row=number,
    )


def parse_tweets(data: bytes, name: str = "tweets.js", max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedImport:
    """Parse tweets.js / tweet.js / tweets-partN.js. Retweets are kept but flagged as reshares."""
    posts: list[ParsedPost] = []
    rejected: list[RejectedRow] = []
    for number, item in enumerate(load_ytd(data, name, max_bytes), start=1):
        tweet = item.get("tweet", item) if isinstance(item, Mapping) else None
        if not isinstance(tweet, Mapping):
            rejected.append(RejectedRow(number, 'item is not a {"tweet": {...}} object'))
            continue
        try:
            posts.append(_tweet_to_post(tweet, number))
        except ItemRejected as exc:
            rejected.append(RejectedRow(number, str(exc), excerpt(str(tweet.get("full_text", "")))))
    return ParsedImport(source="x_archive", posts=posts, rejected=rejected)


def parse_note_tweets(data: bytes, name: str = "note-tweet.js", max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Full texts of long posts from note-tweet.js (`noteTweet.core.text`)."""
    texts: list[str] = []
    for item in load_ytd(data, name, max_bytes):
        note = item.get("noteTweet", {}) if isinstance(item, Mapping) else {}
        core = note.get("core") or note.get("noteTweetResults") or {}
        text = core.get("text") if isinstance(core, Mapping) else None
        if isinstance(text, str) and text.strip():
            texts.append(clean_text(html.unescape(text)))
    return texts


def _stem(text: str) -> str:
    return " ".join(TRAILING_LINK.sub("", text).split())


def merge_note_tweets(parsed: ParsedImport, notes: Sequence[str]) -> ParsedImport:
    """Replace truncated long posts with their full note text (matched by the truncated prefix)."""
    remaining = list(notes)
    merged: list[ParsedPost] = []
    for post in parsed.posts:
        stem = _stem(post.text)
        match = next((note for note in remaining if stem and " ".join(note.split()).startswith(stem)), None)
        if match is not None and len(match) > len(post.text):
            remaining.remove(match)
            post = replace(post, text=match)
        merged.append(post)
    return ParsedImport(source=parsed.source, posts=merged, rejected=parsed.rejected)


def parse_x_files(files: Mapping[str, bytes], max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedImport:
    """Parse several archive files at once: every tweets part plus an optional note-tweet.js."""
    tweet_parts = [name for name in sorted(files) if not _is_note_file(name)]
    if not tweet_parts:
        raise ValidationFailed("No tweets.js / tweet.js / tweets-partN.js file was given.")
    posts: list[ParsedPost] = []
    rejected: list[RejectedRow] = []
    for name in tweet_parts:
        part = parse_tweets(files[name], name, max_bytes)
        posts.extend(part.posts)
        rejected.extend(part.rejected)
    notes = [text for name in files if _is_note_file(name) for text in parse_note_tweets(files[name], name, max_bytes)]
    return merge_note_tweets(ParsedImport(source="x_archive", posts=posts, rejected=rejected), notes)


def _is_note_file(name: str) -> bool:
    return "note-tweet" in name.lower() or "note_tweet" in name.lower()
