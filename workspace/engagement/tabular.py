"""Header-mapped tables (Company Page sheets, X analytics CSV): one row per post or per day.

A spec maps Byline's field names to the normalised header aliases an export may use; the importers
only differ in their specs. Rows that fail are reported by number; the rest import.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from workspace.engagement.readers import (
    DayFigures,
    ParseResult,
    PostFigures,
    Problem,
    check_not_future,
    column,
    is_blank,
    parse_count,
    parse_moment,
    parse_percent,
)

ENGAGEMENT_PARTS = ("reactions", "comments", "reposts", "clicks")
COUNT_FIELDS = ("impressions", "reactions", "comments", "reposts", "clicks", "engagements")
Spec = dict[str, tuple[str, ...]]


def locate(headers: list[str], spec: Spec) -> dict[str, int]:
    found: dict[str, int] = {}
    for key, aliases in spec.items():
        index = column(headers, *aliases)
        if index is not None:
            found[key] = index
    return found


def _cell(row: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    return row[index]


def post_rows(
    where: str, headers: list[str], rows: Sequence[Sequence[Any]], spec: Spec, result: ParseResult, **opts: Any
) -> None:
    """Append one PostFigures per data row. `opts`: source, today, first_row (row number of rows[0]),
    url_from_id (a format string for building a URL from the `id` column)."""
    at = locate(headers, spec)
    if "day" not in at or not ({"url", "id", "text"} & at.keys()):
        missing = [name for name in ("day", "url or text") if name.split()[0] not in at]
        raise ValueError(f"required column(s) not found: {', '.join(missing)}")
    for number, row in enumerate(rows, start=opts["first_row"]):
        if is_blank(tuple(row)):
            continue
        try:
            result.posts.append(_post(row, at, opts, f"{where}, row {number}"))
        except ValueError as exc:
            result.problems.append(Problem(f"{where}, row {number}", str(exc)))


def _post(row: Sequence[Any], at: dict[str, int], opts: dict[str, Any], where: str) -> PostFigures:
    moment = parse_moment(_cell(row, at["day"]))
    check_not_future(moment.date(), opts["today"])
    url = str(_cell(row, at.get("url")) or "").strip() or None
    if url is None and opts.get("url_from_id") and _cell(row, at.get("id")):
        url = opts["url_from_id"].format(str(_cell(row, at.get("id"))).strip())
    if url is not None and not url.lower().startswith(("https://", "http://")):
        raise ValueError(f"{url[:60]!r} is not a post URL")
    figures = PostFigures(opts["source"], url=url, day=moment.date(), where=where)
    figures.text = str(_cell(row, at.get("text")) or "").strip()
    if opts.get("has_time"):
        figures.posted_at = moment
    for name in COUNT_FIELDS:
        if name in at:
            setattr(figures, name, parse_count(_cell(row, at[name])))
    if "followers" in at:
        figures.extra["followers_gained"] = parse_count(_cell(row, at["followers"]))
    if "rate" in at:
        figures.extra["reported_rate"] = parse_percent(_cell(row, at["rate"]))[0]
    return figures


def day_rows(
    where: str, headers: list[str], rows: Sequence[Sequence[Any]], spec: Spec, result: ParseResult, **opts: Any
) -> None:
    """Append one DayFigures per data row (Company Page metrics and follower sheets)."""
    at = locate(headers, spec)
    if "day" not in at or len(at) < 2:
        raise ValueError("no Date column with figures next to it")
    today: date = opts["today"]
    for number, row in enumerate(rows, start=opts["first_row"]):
        if is_blank(tuple(row)):
            continue
        try:
            day = parse_moment(_cell(row, at["day"])).date()
            check_not_future(day, today)
            values = {key: parse_count(_cell(row, index)) for key, index in at.items() if key != "day"}
            parts = [values.pop(key) for key in ENGAGEMENT_PARTS if key in values]
            if parts:
                values["engagements"] = sum(part or 0 for part in parts)
            result.days.append(DayFigures(opts["source"], day, **values))
        except ValueError as exc:
            result.problems.append(Problem(f"{where}, row {number}", str(exc)))
