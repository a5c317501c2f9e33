"""The small functions pages lean on, tested without a page: calendar ranges and lines, post labels, grid
changes, and the size limit that keeps the busiest pages thin."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from tests.conftest import REPO_ROOT
from workspace.calendar.service import CalendarItem
from workspace.calendar.views import date_range, grid_weeks, ics_file_name, item_line, picker_label
from workspace.engagement.manual import changed_rows
from workspace.post_search import card_line, post_rows
from workspace.posts import PostView

THIN_PAGES = ("analytics", "draft_studio", "calendar", "posts", "post", "home")


def item(**changes: object) -> CalendarItem:
    values: dict[str, object] = {
        "post_id": 7,
        "leader_id": 1,
        "leader_name": "Ines Okafor",
        "channel": "linkedin",
        "status": "in_review",
        "title": "Line 4",
        "pillar": "",
        "when": datetime(2026, 12, 3, 9, 30, tzinfo=UTC),
    }
    return CalendarItem(**{**values, **changes})  # type: ignore[arg-type]


def test_each_view_covers_its_days() -> None:
    assert date_range("Month", date(2026, 12, 17)) == (date(2026, 11, 30), date(2027, 1, 3))
    assert date_range("Week", date(2026, 12, 17)) == (date(2026, 12, 14), date(2026, 12, 20))
    assert date_range("List", date(2026, 12, 17)) == (date(2026, 12, 17), date(2027, 2, 11))
    assert len(grid_weeks("Month", date(2026, 12, 17))) == 5
    assert grid_weeks("Week", date(2026, 12, 17)) == [[date(2026, 12, 14 + n) for n in range(7)]]
    assert grid_weeks("List", date(2026, 12, 17)) == []


def test_a_planned_post_reads_as_one_line() -> None:
    assert item_line(item(), team=False) == "09:30 [linkedin] Line 4 _(in review)_"
    warned = item_line(item(title="", warnings=("too close",)), team=True)
    assert warned == "⚠️ 09:30 Ines · [linkedin] Untitled _(in review)_"
    assert picker_label(item()) == "03 Dec 09:30 · Ines Okafor · Line 4"
    assert ics_file_name("Ines Okafor") == "byline-ines.ics" and ics_file_name(None) == "byline-team.ics"


def test_a_post_label_names_its_date_and_title_or_opening() -> None:
    fields = {"id": 1, "leader_id": 1, "channel": "x", "status": "draft", "pillar": "", "version": 1, "url": None}
    dated = PostView(
        **fields, title="", text="A" * 80, scheduled_at=datetime(2026, 1, 2, tzinfo=UTC), published_at=None
    )
    assert dated.label == "02 Jan 2026 · " + "A" * 60
    assert PostView(**fields, title="Idea", text="", scheduled_at=None, published_at=None).label == "Idea"


def test_a_board_card_names_title_leader_channel_pillar_and_date() -> None:
    fields = {"id": 3, "leader_id": 1, "channel": "x", "status": "returned", "version": 1, "url": None}
    post = PostView(
        **fields,
        title="",
        pillar="Edge",
        text="Buffers " * 20,
        scheduled_at=datetime(2026, 1, 2, 9, tzinfo=UTC),
        published_at=None,
    )
    names = {1: "Ines"}
    assert card_line(post, names, team=True) == f"**{post.text[:60]}** · Ines · x · Edge · 02 Jan 09:00"
    assert card_line(post, names, team=False) == f"**{post.text[:60]}** · x · Edge · 02 Jan 09:00"
    assert post_rows([post], names)[0]["status"] == "changes requested"


def test_only_edited_figures_count_as_changes() -> None:
    figures = {"impressions": [10, 20], "reactions": [1, 2], "comments": [0, 0], "reposts": [0, 0], "clicks": [0, 0]}
    before = pd.DataFrame({"id": [1, 2], "title": ["a", "b"], **figures})
    after = before.copy()
    after.loc[1, "impressions"] = 25
    after.loc[0, "title"] = "changed but not editable"
    assert changed_rows(before, after) == {2: {"impressions": 25}}


def test_the_busiest_pages_stay_under_150_lines() -> None:
    sizes = {page: len((REPO_ROOT / "ui" / f"{page}.py").read_text().splitlines()) for page in THIN_PAGES}
    assert all(lines < 150 for lines in sizes.values()), sizes
