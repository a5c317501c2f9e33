"""UTM tagging of links in drafts, and the import of link clicks and leads by UTM tag (CSV)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

from core.isolation import Limits, preload, run_isolated
from workspace.engagement.readers import (
    Problem,
    check_not_future,
    check_size,
    column,
    norm,
    parse_count,
    parse_moment,
    read_csv,
)

MAX_LEAD_ROWS = 100_000
preload(__name__)

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


def tag_url(url: str, *, source: str, medium: str, campaign: str, content: str = "") -> str:
    """The URL with utm_* parameters set (replacing any already there); other parameters are kept."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in UTM_KEYS]
    tags = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign, "utm_content": content}
    query += [(key, value.strip()) for key, value in tags.items() if value.strip()]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def post_content_tag(post_id: int) -> str:
    return f"byline-post-{post_id}"


def tag_links_in_text(text: str, *, post_id: int, source: str, campaign: str, medium: str = "social") -> str:
    """Every http(s) link in a draft, tagged so clicks and leads can be traced back to the post."""

    def tag(match: re.Match[str]) -> str:
        url = match.group(0).rstrip(".,;:!?")
        tail = match.group(0)[len(url) :]
        return tag_url(url, source=source, medium=medium, campaign=campaign, content=post_content_tag(post_id)) + tail

    return URL_IN_TEXT.sub(tag, text)


MAX_POST_ID = 2**31 - 1  # the largest id an integer column holds on every engine


def post_id_from_content(content: str) -> int | None:
    found = re.fullmatch(r"byline-post-(\d{1,10})", content.strip())
    number = int(found.group(1)) if found else None
    return number if number is not None and 0 < number <= MAX_POST_ID else None


@dataclass
class LeadRow:
    day: date
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_content: str = ""
    clicks: int = 0
    leads: int = 0


@dataclass
class LeadsParse:
    rows: list[LeadRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _tags_from_url(url: str) -> dict[str, str]:
    return {key: value for key, value in parse_qsl(urlsplit(url).query) if key in UTM_KEYS}


def parse_leads(frame: pd.DataFrame, *, today: date) -> LeadsParse:
    """Rows of a leads/clicks CSV: utm_* columns (or a landing-page URL carrying them), a date, clicks, leads."""
    result = LeadsParse()
    headers = [norm(name) for name in frame.columns]
    at_day = column(headers, "date", "day")
    at_url = column(headers, "landingpage", "url", "pageurl")
    at_clicks = column(headers, "clicks", "sessions", "linkclicks")
    at_leads = column(headers, "leads", "conversions", "signups")
    tag_cols = {key: column(headers, norm(key)) for key in UTM_KEYS}
    if at_day is None or (tag_cols["utm_campaign"] is None and at_url is None):
        result.problems.append(Problem("file", "needs a Date column and utm_campaign (or a landing-page URL) column"))
        return result
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        try:
            day = parse_moment(row[at_day]).date()
            check_not_future(day, today)
            tags = _tags_from_url(str(row[at_url])) if at_url is not None else {}
            tags.update(
                {key: str(row[i]).strip() for key, i in tag_cols.items() if i is not None and str(row[i]).strip()}
            )
            clicks = parse_count(row[at_clicks]) if at_clicks is not None else 0
            leads = parse_count(row[at_leads]) if at_leads is not None else 0
            result.rows.append(LeadRow(day=day, clicks=clicks or 0, leads=leads or 0, **tags))
        except ValueError as exc:
            result.problems.append(Problem(f"row {number}", str(exc)))
    return result


def parse_leads_file(data: bytes, max_bytes: int, today: date) -> LeadsParse:
    """A leads CSV upload, read in the parsing process (at most MAX_LEAD_ROWS rows)."""
    check_size(data, max_bytes)
    frame, notes = read_csv(data, max_rows=MAX_LEAD_ROWS)
    result = parse_leads(frame, today=today)
    result.notes = notes
    return result


def parse_leads_upload(data: bytes, *, max_bytes: int, today: date, limits: Limits | None = None) -> LeadsParse:
    """`parse_leads_file` in a process with memory and time limits (core/isolation.py)."""
    check_size(data, max_bytes)
    return run_isolated(parse_leads_file, data, max_bytes, today, what="The leads file", limits=limits)
