"""Export files written at test time from the layouts documented in formats.md (every quirk listed there)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

URL_A = "https://www.linkedin.com/feed/update/urn:li:activity:7354518350980341760"
URL_B = "https://www.linkedin.com/feed/update/urn:li:activity:7354518350980341999"
URL_C = "https://www.linkedin.com/feed/update/urn:li:activity:7354518350980342111"


def workbook_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def creator_sheets() -> dict[str, list[list[Any]]]:
    """DISCOVERY/ENGAGEMENT/TOP POSTS/FOLLOWERS/DEMOGRAPHICS with text dates, header rows, split lists, '< 1%'."""
    top_posts = [
        ["Maximum of 50 posts available to include in this list"],
        [],
        ["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date", "Impressions"],
        [URL_A, "9/23/2025", 241.0, None, URL_B, "10/2/2025", 12000.0],
        [URL_B, "10/2/2025", 180.0, None, URL_A, "9/23/2025", 8410.0],
        [URL_C, "10/9/2025", 33.0, None, None, None, None],
    ]
    return {
        "DISCOVERY": [
            ["Overall Performance", "12/12/2024 - 12/11/2025"],
            ["Impressions", 45210.0],
            ["Members reached", 20111.0],
        ],
        "ENGAGEMENT": [["Date", "Impressions", "Engagements"], ["12/12/2024", 120.0, 4.0], ["12/13/2024", 88.0, 2.0]],
        "TOP POSTS": top_posts,
        "FOLLOWERS": [
            ["Total followers on 12/11/2025:", 4321],
            [],
            ["Date", "New followers"],
            ["12/12/2024", 3.0],
            ["12/13/2024", 5.0],
        ],
        "DEMOGRAPHICS": [
            ["Top Demographics", "Value", "Percentage"],
            ["Job titles", "Software Engineer", 0.0699],
            ["Locations", "Oslo", "< 1%"],
        ],
    }


def single_post_rows(date_text: str = "Sep 30, 2025") -> list[list[Any]]:
    return [
        ["Post URL", "https://www.linkedin.com/posts/tomas-b_edge-activity-7354518350980341760-AbCd"],
        ["Post Date", date_text],
        ["Post Publish Time", "6:54 AM"],
        ["Impressions", "5,537"],
        ["Members reached", "3,101"],
        ["Reactions", "97"],
        ["Comments", "12"],
        ["Reposts", "4"],
        ["Saves", "3"],
        ["Followers gained from this post", "7"],
        [],
        ["Category", "Value", "Percentage"],
        ["Job title", "Engineer", "12%"],
    ]


def company_page_sheets(legacy: bool = False) -> dict[str, list[list[Any]]]:
    if legacy:
        header = [
            "Post Title",
            "Post Link",
            "Post Type",
            "Date",
            "Impressions",
            "Clicks",
            "Likes",
            "Comments",
            "Shares",
        ]
        row = [
            "Our edge gateways",
            "https://www.linkedin.com/feed/update/urn:li:activity:7111111111111111111",
            "Text",
            "03/02/2026",
            "900",
            "12",
            "30",
            "2",
            "1",
        ]
        return {"content_posts": [header, row]}
    note = ["Aggregated data for all posts, exported by LinkedIn"]
    header = [
        "Update title",
        "Update link",
        "Update type",
        "Created date",
        "Impressions",
        "Clicks",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
    ]
    rows = [
        [
            "Plants lose zero data",
            "https://www.linkedin.com/feed/update/urn:li:activity:7222222222222222222",
            "Organic",
            "03/04/2026",
            1500,
            20,
            44,
            5,
            3,
            2,
            0.048,
        ],
        [
            "Broken row",
            "https://www.linkedin.com/feed/update/urn:li:activity:7333333333333333333",
            "Organic",
            "03/05/2026",
            "lots",
            1,
            1,
            1,
            1,
            0,
            0.01,
        ],
    ]
    metrics = [
        note,
        [
            "Date",
            "Impressions (organic)",
            "Impressions (sponsored)",
            "Impressions (total)",
            "Clicks (total)",
            "Reactions (total)",
            "Comments (total)",
            "Shares (total)",
        ],
        ["03/04/2026", 800, 0, 800, 10, 20, 2, 1],
    ]
    followers = [
        note,
        ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"],
        ["03/04/2026", 0, 4, 0, 4],
    ]
    return {
        "All posts": [note, header, *rows],
        "Metrics": metrics,
        "New followers": followers,
        "Location": [note, ["Location", "Total followers"], ["Oslo", 40]],
    }


X_CURRENT = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts,"
    "Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n"
    '1966000000000000001,"Sun, Sep 13, 2026",Buffers are on duty this holiday week,https://x.com/tomas/status/1966000000000000001,'
    "1200,30,55,2,1,3,4,6,7,8,9,0,1\n"
    '1966000000000000002,"Mon, Sep 14, 2026","=HYPERLINK(""http://evil.example"",""click"")",https://x.com/tomas/status/1966000000000000002,'
    "800,10,20,0,0,0,1,2,3,4,5,0,0\n"
    '1966000000000000003,"Tue, Sep 15, 2026",Text in a number column,https://x.com/tomas/status/1966000000000000003,'
    "many,10,20,0,0,0,1,2,3,4,5,0,0\n"
)
X_LEGACY = (
    "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,retweets,replies,likes,"
    "user profile clicks,url clicks,hashtag clicks,detail expands,permalink clicks,app opens,app installs,follows,"
    "email tweet,dial phone,media views,media engagements\n"
    "1100000000000000001,https://twitter.com/tomas/status/1100000000000000001,Café crème and caching – résumé,"
    "2019-03-02 14:05 +0000,500,25,0.05,2,3,15,1,4,0,0,0,0,0,1,0,0,0,0\n"
)
