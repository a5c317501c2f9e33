"""LinkedIn Company Page exports (content, followers, visitors), current and older header variants.

Per formats.md 1d: a note on row 1 and the header on row 2 (sometimes row 1), Post/Update,
Shares/Reposts, Follows/Followers and '(organic|sponsored|total)' variants of metric names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from workspace.engagement import tabular
from workspace.engagement.readers import ParseResult, Problem, Rows, norm

SOURCE = "linkedin_page"
POSTS: tabular.Spec = {
    "text": ("posttitle", "updatetitle"),
    "url": ("postlink", "updatelink"),
    "day": ("createddate", "date"),
    "impressions": ("impressions",),
    "clicks": ("clicks",),
    "reactions": ("likes", "reactions"),
    "comments": ("comments",),
    "reposts": ("reposts", "shares"),
    "followers": ("follows", "followers"),
    "rate": ("engagementrate",),
}
METRICS: tabular.Spec = {
    "day": ("date",),
    "impressions": ("impressions",),
    "reactions": ("reactions", "likes"),
    "comments": ("comments",),
    "reposts": ("reposts", "shares"),
    "clicks": ("clicks",),
}
FOLLOWERS: tabular.Spec = {"day": ("date",), "new_followers": ("totalfollowers", "followerstotal")}
POST_SHEETS = ("allposts", "contentposts", "posts", "updates", "allupdates")
MARKERS = {"posttitle", "updatetitle", "postlink", "updatelink", "totalfollowers", "impressionsorganic"}


def _header_row(rows: Rows) -> int | None:
    for index, row in enumerate(rows[:5]):
        names = {norm(cell) for cell in row}
        if "date" in names or "createddate" in names:
            return index
    return None


def looks_like(sheets: dict[str, Rows]) -> bool:
    for name, rows in sheets.items():
        if norm(name) in (*POST_SHEETS, "metrics", "newfollowers", "visitormetrics"):
            return True
        if any(norm(cell) in MARKERS for row in rows[:5] for cell in row):
            return True
    return False


def parse(sheets: dict[str, Rows], *, today: date) -> ParseResult:
    result = ParseResult(kind=SOURCE)
    used = 0
    for name, rows in sheets.items():
        header = _header_row(rows)
        if header is None:
            result.notes.append(f"Sheet {name!r} has no Date column; skipped (demographic sheets are not imported).")
            continue
        headers = [norm(cell) for cell in rows[header]]
        spec, reader = _reader_for(name, headers)
        if reader is None:
            result.notes.append(f"Sheet {name!r} holds no post, metric or follower figures; skipped.")
            continue
        try:
            reader(f"sheet {name}", headers, rows[header + 1 :], spec, result, **_opts(header, today))
            used += 1
        except ValueError as exc:
            result.problems.append(Problem(f"sheet {name}", f"{exc}; sheet skipped"))
    if not used:
        result.problems.append(Problem("workbook", "no sheet with posts, metrics or followers was found"))
    return result


def _opts(header: int, today: date) -> dict[str, Any]:
    return {"source": SOURCE, "today": today, "first_row": header + 2}


def _reader_for(name: str, headers: list[str]) -> tuple[tabular.Spec, Callable[..., None] | None]:
    if norm(name) in POST_SHEETS or {"postlink", "updatelink", "posttitle", "updatetitle"} & set(headers):
        return POSTS, tabular.post_rows
    if tabular.column(headers, "totalfollowers", "followerstotal") is not None:
        return FOLLOWERS, tabular.day_rows
    if tabular.column(headers, "impressions") is not None:
        return METRICS, tabular.day_rows
    return {}, None
