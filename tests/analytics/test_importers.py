"""Importers on files written from the documented layouts: every quirk, plus broken, huge, hostile and empty files."""

from __future__ import annotations

from datetime import date

import pytest

from tests.analytics import fixtures as fx
from workspace.engagement.parsing import parse_upload
from workspace.engagement.readers import ImportRejected, norm, parse_count, parse_percent

TODAY = date(2026, 11, 23)


def test_names_match_case_and_punctuation_insensitively() -> None:
    assert norm("Post-URL ") == norm("post url") == norm("POST_URL")
    assert parse_count("5,537") == 5537 and parse_count(12.0) == 12 and parse_count("") is None
    assert parse_percent("< 1%") == (None, "< 1%") and parse_percent(0.0699)[0] == pytest.approx(0.0699)
    with pytest.raises(ValueError, match="not a number"):
        parse_count("lots")


def test_creator_workbook_every_sheet_and_quirk() -> None:
    result = parse_upload(fx.workbook_bytes(fx.creator_sheets()), "Content_2025.xlsx", today=TODAY)
    assert result.kind == "linkedin_creator"
    assert not result.problems
    posts = {p.url: p for p in result.posts}
    assert posts[fx.URL_A].engagements == 241 and posts[fx.URL_A].impressions == 8410  # joined across both lists
    assert posts[fx.URL_B].engagements == 180 and posts[fx.URL_B].impressions == 12000
    assert posts[fx.URL_C].impressions is None and posts[fx.URL_A].day == date(2025, 9, 23)
    assert len(result.posts) == 3
    impressions = [d for d in result.days if d.impressions is not None]
    followers = [d for d in result.days if d.new_followers is not None]
    assert [d.day for d in impressions] == [date(2024, 12, 12), date(2024, 12, 13)]
    assert sum(d.new_followers or 0 for d in followers) == 8
    assert result.extras["discovery"]["period"] == "12/12/2024 - 12/11/2025"
    assert result.extras["total_followers"] == 4321
    assert result.extras["demographics"][1]["shown"] == "< 1%"


def test_creator_title_case_sheets_missing_sheet_renamed_column_text_numbers_future_dates() -> None:
    sheets = fx.creator_sheets()
    sheets["Top posts"] = sheets.pop("TOP POSTS")  # title case still matches
    del sheets["DISCOVERY"]  # a missing sheet is reported, the rest imports
    sheets["ENGAGEMENT"] = [["Day", "Impressions", "Engagements"], ["12/12/2024", 1, 1]]  # renamed column
    sheets["FOLLOWERS"][3] = ["12/12/2024", "a few"]  # text in a number column
    sheets["FOLLOWERS"].append(["1/5/2031", 2.0])  # a date in the future
    result = parse_upload(fx.workbook_bytes(sheets), "x.xlsx", today=TODAY)
    messages = [str(p) for p in result.problems]
    assert any("DISCOVERY" in m and "missing" in m for m in messages)
    assert any("ENGAGEMENT" in m and "Date" in m for m in messages)
    assert any("row 4" in m and "not a number" in m for m in messages)
    assert any("future" in m for m in messages)
    assert len(result.posts) == 3 and [d.new_followers for d in result.days] == [5.0]


@pytest.mark.parametrize("date_text", ["Sep 30, 2025", "9/30/2025"])
def test_single_post_workbook_label_value_pairs(date_text: str) -> None:
    data = fx.workbook_bytes({"Performance": fx.single_post_rows(date_text)})
    result = parse_upload(data, "PostAnalytics_Tomas_7354518350980341760.xlsx", today=TODAY)
    assert result.kind == "linkedin_post" and not result.problems
    (post,) = result.posts
    assert post.impressions == 5537 and post.reactions == 97 and post.day == date(2025, 9, 30)
    assert post.posted_at is not None and post.posted_at.hour == 6 and post.posted_at.minute == 54
    assert post.extra["followers_gained"] == 7 and post.extra["members_reached"] == 3101


def test_single_post_with_bad_values_reports_rows() -> None:
    rows = fx.single_post_rows()
    rows[3] = ["Impressions", "five thousand"]
    rows[0] = ["Post URL", '=HYPERLINK("http://evil.example")']
    result = parse_upload(fx.workbook_bytes({"Sheet1": rows}), "p.xlsx", today=TODAY)
    assert any("row 4" in str(p) for p in result.problems)
    assert any("not a post URL" in str(p) for p in result.problems)
    assert result.posts[0].impressions is None and result.posts[0].reactions == 97


@pytest.mark.parametrize("legacy", [False, True])
def test_company_page_header_variants(legacy: bool) -> None:
    result = parse_upload(fx.workbook_bytes(fx.company_page_sheets(legacy)), "page.xlsx", today=TODAY)
    assert result.kind == "linkedin_page"
    good = [p for p in result.posts if p.impressions]
    assert good and good[0].reactions in (44, 30) and good[0].reposts in (3, 1)
    if not legacy:
        assert any("row 4" in str(p) and "not a number" in str(p) for p in result.problems)
        metric = next(d for d in result.days if d.impressions)
        assert metric.impressions == 800 and metric.engagements == 33
        assert any(d.new_followers == 4 for d in result.days)


def test_x_current_and_legacy_columns() -> None:
    current = parse_upload(fx.X_CURRENT.encode(), "account_analytics_content_2026-09-01_2026-09-30.csv", today=TODAY)
    assert current.kind == "x_analytics" and len(current.posts) == 2
    assert current.posts[0].reactions == 30 and current.posts[0].comments == 4 and current.posts[0].clicks == 9
    assert current.posts[1].text.startswith("=HYPERLINK")  # kept as text, never evaluated
    assert any("row 4" in str(p) for p in current.problems)
    legacy = parse_upload(fx.X_LEGACY.encode("cp1252"), "tweet_activity.csv", today=TODAY)
    (post,) = legacy.posts
    assert post.text.startswith("Café crème") and post.impressions == 500 and post.reposts == 2
    assert post.posted_at is not None and post.posted_at.hour == 14
    assert any("cp1252" in note or "1252" in note or "not UTF-8" in note for note in legacy.notes)


def test_utf16_csv_is_read() -> None:
    result = parse_upload(fx.X_LEGACY.encode("utf-16"), "t.csv", today=TODAY)
    assert result.posts[0].text.startswith("Café")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<html><body><table><tr><td>Date</td></tr></table></body></html>", "web page"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"PK\x03\x04 this is not really a zip", "cannot be opened"),
        (b"just,some,columns\n1,2,3\n", "not an X analytics export"),
        (b"\n\n", "empty"),
    ],
)
def test_broken_files_are_rejected_with_clear_messages(data: bytes, message: str) -> None:
    with pytest.raises(ImportRejected, match=message):
        parse_upload(data, "upload.xls", today=TODAY)


def test_size_limit_uses_small_parameter() -> None:
    data = fx.workbook_bytes(fx.creator_sheets())
    with pytest.raises(ImportRejected, match="limit"):
        parse_upload(data, "big.xlsx", max_bytes=len(data) - 1, today=TODAY)


def test_huge_workbook_within_limit_imports() -> None:
    sheets = fx.creator_sheets()
    sheets["ENGAGEMENT"] = [["Date", "Impressions", "Engagements"]] + [
        [f"{1 + i % 12}/{1 + i % 28}/2024", float(i), 1.0] for i in range(20_000)
    ]
    result = parse_upload(fx.workbook_bytes(sheets), "big.xlsx", today=TODAY)
    assert len([d for d in result.days if d.impressions is not None]) == 20_000


def test_empty_workbook_and_unknown_workbook() -> None:
    with pytest.raises(ImportRejected, match="no data"):
        parse_upload(fx.workbook_bytes({"Sheet": []}), "e.xlsx", today=TODAY)
    with pytest.raises(ImportRejected, match="not a LinkedIn"):
        parse_upload(fx.workbook_bytes({"Budget": [["a", "b"], [1, 2]]}), "b.xlsx", today=TODAY)


def test_header_punctuation_and_case_variants() -> None:
    sheets = fx.creator_sheets()
    sheets["top_posts"] = sheets.pop("TOP POSTS")
    sheets["top_posts"][2] = [
        "post url",
        "Post Publish-Date",
        "ENGAGEMENTS",
        None,
        "Post_URL",
        "post publish date",
        "impressions",
    ]
    result = parse_upload(fx.workbook_bytes(sheets), "x.xlsx", today=TODAY)
    assert len(result.posts) == 3 and not result.problems
