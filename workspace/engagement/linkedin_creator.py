"""LinkedIn creator ("Content") analytics workbook: DISCOVERY, ENGAGEMENT, TOP POSTS, FOLLOWERS, DEMOGRAPHICS.

Layout per /work/shared/reference/formats.md section 1b: header rows above the data, dates as text
M/D/YYYY, two separately ranked TOP POSTS lists (A-C by engagements, E-G by impressions) joined here
by URL, and percentages that are floats or the text '< 1%'. Each sheet is read on its own: a missing
or broken sheet is reported and the others still import.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from workspace.engagement.readers import (
    DayFigures,
    ParseResult,
    PostFigures,
    Problem,
    Rows,
    check_not_future,
    find_header,
    is_blank,
    norm,
    parse_count,
    parse_moment,
    parse_percent,
)

SOURCE = "linkedin_creator"
SHEETS = ("discovery", "engagement", "topposts", "followers", "demographics")


def looks_like(sheets: dict[str, Rows]) -> bool:
    names = {norm(name) for name in sheets}
    return len(names & set(SHEETS)) >= 2


def parse(sheets: dict[str, Rows], *, today: date) -> ParseResult:
    result = ParseResult(kind=SOURCE)
    by_name = {norm(name): (name, rows) for name, rows in sheets.items()}
    readers: dict[str, Callable[[str, Rows, ParseResult, date], None]] = {
        "discovery": _discovery,
        "engagement": _engagement,
        "topposts": _top_posts,
        "followers": _followers,
        "demographics": _demographics,
    }
    for key, reader in readers.items():
        if key not in by_name:
            result.problems.append(Problem(f"sheet {key.upper()}", "missing from the workbook; skipped"))
            continue
        name, rows = by_name[key]
        try:
            reader(name, rows, result, today)
        except ValueError as exc:
            result.problems.append(Problem(f"sheet {name}", f"{exc}; sheet skipped"))
    return result


def _discovery(name: str, rows: Rows, result: ParseResult, today: date) -> None:
    if not rows:
        raise ValueError("the sheet is empty")
    period = str(rows[0][1] if len(rows[0]) > 1 and rows[0][1] is not None else "").strip()
    summary: dict[str, object] = {"period": period}
    for row in rows[1:]:
        if len(row) >= 2 and norm(row[0]) in ("impressions", "membersreached"):
            summary[norm(row[0])] = parse_count(row[1])
    result.extras["discovery"] = summary


def _engagement(name: str, rows: Rows, result: ParseResult, today: date) -> None:
    header = find_header(rows, ("date", "impressions", "engagements"))
    if header is None:
        raise ValueError("no header row with Date, Impressions and Engagements")
    names = [norm(cell) for cell in rows[header]]
    at_date, at_imp, at_eng = names.index("date"), names.index("impressions"), names.index("engagements")
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if is_blank(row):
            continue
        try:
            day = parse_moment(row[at_date]).date()
            check_not_future(day, today)
            result.days.append(
                DayFigures(SOURCE, day, impressions=parse_count(row[at_imp]), engagements=parse_count(row[at_eng]))
            )
        except (ValueError, IndexError) as exc:
            result.problems.append(Problem(f"sheet {name}, row {number}", str(exc)))


def _top_posts(name: str, rows: Rows, result: ParseResult, today: date) -> None:
    header = find_header(rows, ("posturl", "postpublishdate"))
    if header is None:
        raise ValueError("no header row with Post URL and Post publish date")
    names = [norm(cell) for cell in rows[header]]
    starts = [index for index, cell in enumerate(names) if cell == "posturl"]
    merged: dict[str, PostFigures] = {}
    for start in starts:
        metric = names[start + 2] if start + 2 < len(names) else ""
        if metric not in ("engagements", "impressions"):
            result.problems.append(Problem(f"sheet {name}", f"column after Post publish date is {metric!r}; skipped"))
            continue
        for number, row in enumerate(rows[header + 1 :], start=header + 2):
            cells = row[start : start + 3]
            if len(cells) < 3 or is_blank(cells):
                continue
            try:
                _merge_top_post(merged, cells, metric, today, f"sheet {name}, row {number}")
            except ValueError as exc:
                result.problems.append(Problem(f"sheet {name}, row {number}", str(exc)))
    result.posts.extend(merged.values())


def _merge_top_post(
    merged: dict[str, PostFigures], cells: tuple[object, ...], metric: str, today: date, where: str
) -> None:
    url = str(cells[0] or "").strip()
    if not url.lower().startswith(("https://", "http://")):
        raise ValueError(f"{url[:60]!r} is not a post URL")
    day = parse_moment(cells[1]).date()
    check_not_future(day, today)
    value = parse_count(cells[2])
    figures = merged.setdefault(url, PostFigures(SOURCE, url=url, day=day, where=where))
    setattr(figures, metric, value)


def _followers(name: str, rows: Rows, result: ParseResult, today: date) -> None:
    if rows and rows[0] and "totalfollowers" in norm(rows[0][0]):
        result.extras["total_followers"] = parse_count(rows[0][1] if len(rows[0]) > 1 else None)
    header = find_header(rows, ("date", "newfollowers"))
    if header is None:
        raise ValueError("no header row with Date and New followers")
    names = [norm(cell) for cell in rows[header]]
    at_date, at_new = names.index("date"), names.index("newfollowers")
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if is_blank(row):
            continue
        try:
            day = parse_moment(row[at_date]).date()
            check_not_future(day, today)
            result.days.append(DayFigures(SOURCE, day, new_followers=parse_count(row[at_new])))
        except (ValueError, IndexError) as exc:
            result.problems.append(Problem(f"sheet {name}, row {number}", str(exc)))


def _demographics(name: str, rows: Rows, result: ParseResult, today: date) -> None:
    header = find_header(rows, ("topdemographics", "value", "percentage"))
    if header is None:
        raise ValueError("no header row with Top Demographics, Value and Percentage")
    names = [norm(cell) for cell in rows[header]]
    at_cat, at_val, at_pct = names.index("topdemographics"), names.index("value"), names.index("percentage")
    items: list[dict[str, object]] = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if is_blank(row):
            continue
        try:
            share, shown = parse_percent(row[at_pct])
        except ValueError as exc:
            result.problems.append(Problem(f"sheet {name}, row {number}", str(exc)))
            continue
        items.append(
            {"category": str(row[at_cat] or ""), "value": str(row[at_val] or ""), "share": share, "shown": shown}
        )
    result.extras["demographics"] = items
