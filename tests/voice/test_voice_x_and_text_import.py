"""X archive files written here from the documented format, and plain text / Markdown paste."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.errors import ValidationFailed
from narratives.voice.importers import parse_file, parse_files, parse_plain_text, parse_tweets


def _tweet(tweet_id: str, text: str, created: str = "Sat Feb 18 12:33:11 +0000 2023", **extra: Any) -> dict[str, Any]:
    body = {
        "edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": "2023-02-18T13:03:11.000Z"}},
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": "7",
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": "2",
        "id": tweet_id,
        "created_at": created,
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    body.update(extra)
    return {"tweet": body}


def _ytd(kind: str, items: list[dict[str, Any]], part: int = 0) -> bytes:
    return (f"window.YTD.{kind}.part{part} = " + json.dumps(items, indent=2)).encode()


LONG = ("Long posts on X keep their full text in note-tweet.js. " * 8).strip()
ARCHIVE = _ytd(
    "tweets",
    [
        _tweet("1626922779105759235", "Ship small &amp; often. 5 &lt; 10 &gt; 2"),
        _tweet("1626922779105759236", "RT @someone: their words, not mine", retweet_count="0"),
        _tweet(
            "1626922779105759237", LONG[:250] + "… https://t.co/AbC123xyz", created="Wed Oct 10 20:19:24 +0000 2018"
        ),
        _tweet("1626922779105759238", "Bad date", created="Feb 31 2023"),
        _tweet("1626922779105759239", "   "),
    ],
)
NOTES = _ytd(
    "note_tweet",
    [
        {
            "noteTweet": {
                "noteTweetId": "1626922779000000001",
                "updatedAt": "2018-10-10T20:19:24.000Z",
                "lifecycle": {"value": "1", "name": "Updated", "originalValue": "1"},
                "createdAt": "2018-10-10T20:19:24.000Z",
                "core": {"styletags": [], "urls": [], "text": LONG, "mentions": [], "cashtags": [], "hashtags": []},
            }
        }
    ],
)


def test_tweets_js_parsing() -> None:
    parsed = parse_tweets(ARCHIVE, "tweets.js")
    assert len(parsed.posts) == 3 and len(parsed.rejected) == 2
    first = parsed.posts[0]
    assert first.text == "Ship small & often. 5 < 10 > 2"
    assert first.counts.reactions == 7 and first.counts.reposts == 2
    assert first.url == "https://x.com/i/web/status/1626922779105759235"
    assert first.published_at is not None and first.published_at.isoformat() == "2023-02-18T12:33:11+00:00"
    assert parsed.posts[2].published_at is not None and parsed.posts[2].published_at.year == 2018
    assert [post.is_reshare for post in parsed.posts] == [False, True, False]
    assert parsed.voice_posts[0].text == first.text
    reasons = {row.row: row.reason for row in parsed.rejected}
    assert "not a valid date" in reasons[4] and reasons[5] == "no text"


def test_older_tweet_js_and_parts_and_note_tweets() -> None:
    old = _ytd("tweet", [_tweet("11", "Older archive name")])
    part1 = _ytd("tweets", [_tweet("12", "From the second part")], part=1)
    parsed = parse_files({"tweet.js": old, "tweets-part1.js": part1, "tweets.js": ARCHIVE, "note-tweet.js": NOTES})
    texts = [post.text for post in parsed.posts]
    assert "Older archive name" in texts and "From the second part" in texts
    assert LONG in texts  # the truncated post was replaced by its full note text
    assert not any(text.endswith("https://t.co/AbC123xyz") for text in texts)


def test_truncated_x_json() -> None:
    with pytest.raises(ValidationFailed, match="not complete JSON .*truncated"):
        parse_tweets(ARCHIVE[: len(ARCHIVE) // 2], "tweets.js")
    with pytest.raises(ValidationFailed, match="not complete JSON"):
        parse_file("tweets.js", ARCHIVE[:-5])


def test_x_size_limit_and_empty() -> None:
    with pytest.raises(ValidationFailed, match="too large"):
        parse_tweets(ARCHIVE, "tweets.js", max_bytes=100)
    with pytest.raises(ValidationFailed, match="empty"):
        parse_tweets(b"", "tweets.js")
    with pytest.raises(ValidationFailed, match="list of items"):
        parse_tweets(b'window.YTD.tweets.part0 = {"tweet": {}}', "tweets.js")


def test_note_tweet_alone_is_refused() -> None:
    with pytest.raises(ValidationFailed, match="No tweets.js"):
        parse_files({"note-tweet.js": NOTES})


def test_paste_blocks_by_blank_lines() -> None:
    parsed = parse_plain_text("First post line one.\nLine two.\n\n\nSecond post.\n\nThird post!\n")
    assert [post.text for post in parsed.posts] == ["First post line one.\nLine two.", "Second post.", "Third post!"]
    assert [post.row for post in parsed.posts] == [1, 5, 7]
    assert all(post.origin == "paste" and post.published_at is None for post in parsed.posts)


def test_markdown_with_rules_keeps_paragraphs_together() -> None:
    text = "# Hiring\n\nWe hire for curiosity.\n\nNot for titles.\n---\nSecond post here.\n\n---\n\n"
    parsed = parse_file("posts.md", text.encode())
    assert [post.text for post in parsed.posts] == [
        "# Hiring\n\nWe hire for curiosity.\n\nNot for titles.",
        "Second post here.",
    ]


def test_text_file_bad_encoding_and_empty() -> None:
    with pytest.raises(ValidationFailed, match="not UTF-8"):
        parse_file("posts.txt", "caf\u00e9".encode("latin-1"))
    with pytest.raises(ValidationFailed, match="empty"):
        parse_file("posts.txt", b"\n\n")
