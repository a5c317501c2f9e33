"""X analytics CSV: the current `account_analytics_content_*.csv` and the legacy tweet_activity export.

Per formats.md section 2. Current: Post id, Date ('Sun, Sep 13, 2026', no time), Post text, Post Link,
Impressions, Likes, Engagements, ... Legacy: Tweet id, Tweet permalink, Tweet text, time
('2019-03-02 14:05 +0000'), impressions, engagements, engagement rate, retweets, replies, likes, ...
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from workspace.engagement import tabular
from workspace.engagement.readers import ParseResult, Problem, norm

SOURCE = "x_analytics"
SPEC: tabular.Spec = {
    "id": ("postid", "tweetid"),
    "url": ("postlink", "tweetpermalink"),
    "text": ("posttext", "tweettext"),
    "day": ("date", "time"),
    "impressions": ("impressions",),
    "reactions": ("likes",),
    "comments": ("replies",),
    "reposts": ("reposts", "retweets"),
    "clicks": ("urlclicks",),
    "engagements": ("engagements",),
    "followers": ("newfollows", "follows"),
    "rate": ("engagementrate",),
}


def looks_like(frame: pd.DataFrame) -> bool:
    names = {norm(name) for name in frame.columns}
    return bool({"postid", "tweetid"} & names) or {"posttext", "impressions"} <= names


def parse(frame: pd.DataFrame, *, today: date) -> ParseResult:
    result = ParseResult(kind=SOURCE)
    headers = [norm(name) for name in frame.columns]
    legacy = "tweetid" in headers
    result.notes.append("Legacy Twitter analytics columns." if legacy else "Current X analytics columns.")
    rows = frame.itertuples(index=False, name=None)
    try:
        tabular.post_rows(
            "file",
            headers,
            list(rows),
            SPEC,
            result,
            source=SOURCE,
            today=today,
            first_row=2,
            url_from_id="https://x.com/i/status/{}",
            has_time=legacy,
        )
    except ValueError as exc:
        result.problems.append(Problem("file", str(exc)))
    return result
