"""LinkedIn single-post analytics workbook: label/value pairs in columns A/B, then a demographics block.

Per formats.md 1c: numbers may be text with thousands separators ('5,537'); Post Date is either
'Sep 30, 2025' or '9/30/2025'; Post Publish Time is '6:54 AM'. The export holds no post text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from workspace.engagement.readers import ParseResult, PostFigures, Problem, Rows, check_not_future, norm, parse_count
from workspace.engagement.readers import parse_moment as parse_day

SOURCE = "linkedin_post"
FIELDS = {"impressions": "impressions", "reactions": "reactions", "comments": "comments", "reposts": "reposts"}
CLICKS = ("linkengagements", "linkclicks")
EXTRA = {
    "membersreached": "members_reached",
    "profileviewersfromthispost": "profile_viewers",
    "followersgainedfromthispost": "followers_gained",
    "socialengagements": "social_engagements",
    "saves": "saves",
    "sendsonlinkedin": "sends",
    "premiumcustombuttonengagements": "button_engagements",
}


def looks_like(sheets: dict[str, Rows]) -> bool:
    for rows in sheets.values():
        labels = {norm(row[0]) for row in rows[:40] if row}
        if "posturl" in labels or ("postdate" in labels and "impressions" in labels):
            return True
    return False


def _pairs(rows: Rows) -> list[tuple[int, str, object]]:
    pairs: list[tuple[int, str, object]] = []
    for number, row in enumerate(rows, start=1):
        if not row or row[0] is None:
            continue
        label = norm(row[0])
        if label == "category":
            break
        pairs.append((number, label, row[1] if len(row) > 1 else None))
    return pairs


def parse(sheets: dict[str, Rows], *, today: date) -> ParseResult:
    result = ParseResult(kind=SOURCE)
    name, rows = next(((n, r) for n, r in sheets.items() if looks_like({n: r})), next(iter(sheets.items())))
    figures = PostFigures(SOURCE, where=f"sheet {name}")
    post_time: time | None = None
    for number, label, value in _pairs(rows):
        where = f"sheet {name}, row {number} ({label})"
        try:
            post_time = _apply(figures, label, value, today) or post_time
        except ValueError as exc:
            result.problems.append(Problem(where, str(exc)))
    if figures.url is None and figures.day is None:
        result.problems.append(Problem(f"sheet {name}", "no Post URL or Post Date found; nothing to import"))
        return result
    if figures.day and post_time:
        figures.posted_at = datetime.combine(figures.day, post_time, tzinfo=UTC)
    result.posts.append(figures)
    result.extras["demographics"] = _demographics(rows)
    return result


def _apply(figures: PostFigures, label: str, value: object, today: date) -> time | None:
    """Store one label/value pair on the figures; returns the publish time when that is the label."""
    if label == "posturl":
        url = str(value or "").strip()
        if not url.lower().startswith(("https://", "http://")):
            raise ValueError(f"{url[:60]!r} is not a post URL")
        figures.url = url
    elif label == "postdate":
        figures.day = parse_day(value).date()
        check_not_future(figures.day, today)
    elif label == "postpublishtime":
        if isinstance(value, time):
            return value
        if isinstance(value, datetime):
            return value.time()
        return datetime.strptime(str(value).strip().upper(), "%I:%M %p").time()
    elif label in FIELDS:
        setattr(figures, FIELDS[label], parse_count(value))
    elif label in CLICKS:
        figures.clicks = parse_count(value)
    elif label in EXTRA:
        figures.extra[EXTRA[label]] = parse_count(value)
    return None


def _demographics(rows: Rows) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    started = False
    for row in rows:
        if not row:
            continue
        if norm(row[0]) == "category":
            started = True
            continue
        if started and row[0] is not None:
            shown = str(row[2]) if len(row) > 2 and row[2] is not None else ""
            items.append({"category": str(row[0]), "value": str(row[1] if len(row) > 1 else ""), "shown": shown})
    return items
