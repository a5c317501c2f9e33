"""LinkedIn Shares.csv / export .zip importer, on every shared fixture and on bad input."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from core.errors import ValidationFailed
from narratives.voice.importers import csv_safe, parse_file, parse_linkedin_zip, parse_shares_csv

SHARES_HEADER = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"

# file name -> (accepted, rejected); None means "not a Shares.csv: wrong columns"
EXPECTED = {
    "tests_fixtures_shares-corpus.csv": (27, 193),
    "tests_fixtures_shares-parity.csv": (4, 2),
    "web_e2e_fixtures_Shares.csv": (1, 0),
    "tests_fixtures_comments-corpus.csv": None,
    "tests_fixtures_comments-parity.csv": None,
    "tests_fixtures_connections-parity.csv": None,
    "tests_fixtures_messages-parity.csv": None,
    "web_e2e_fixtures_Comments.csv": None,
    "web_e2e_fixtures_Connections.csv": None,
    "web_e2e_fixtures_ConnectionsWide.csv": None,
    "LICENSE": None,
}


def test_expected_table_covers_every_shared_file(linkedin_dir: Path) -> None:
    assert sorted(path.name for path in linkedin_dir.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_shared_file_imports_with_expected_counts(linkedin_dir: Path, name: str) -> None:
    data = (linkedin_dir / name).read_bytes()
    expected = EXPECTED[name]
    if expected is None:
        with pytest.raises(ValidationFailed, match="expected the columns Date, ShareLink, ShareCommentary"):
            parse_shares_csv(data, name)
        return
    parsed = parse_shares_csv(data, name)
    assert (len(parsed.posts), len(parsed.rejected)) == expected
    for post in parsed.posts:
        assert post.text and post.text == post.text.strip()
        assert "\x07" not in post.text and '""' not in post.text
        assert post.published_at is not None and post.published_at.tzinfo is not None
        assert post.channel == "linkedin" and post.origin == "linkedin_import"


def test_parity_file_clean_text(linkedin_dir: Path) -> None:
    parsed = parse_shares_csv((linkedin_dir / "tests_fixtures_shares-parity.csv").read_bytes())
    texts = [post.text for post in parsed.posts]
    assert texts == [
        'He said "hi".\n\nNext "line" here.',
        "Smart “quotes” and naïve emoji 📌 stay intact.",
        "=SUM(A1:B2)",
        "Bellchar removed",
    ]
    assert parsed.posts[0].url == "https://www.linkedin.com/feed/update/urn:li:share:1"
    assert parsed.posts[2].published_at is not None and parsed.posts[2].published_at.hour == 7  # "... UTC" date
    reasons = {row.row: row.reason for row in parsed.rejected}
    assert reasons[4].startswith("no text")  # NULL commentary
    assert "impossible date '2026-02-30 10:00:00'" in reasons[6]


def test_corpus_file_reasons_and_clean_text(linkedin_dir: Path) -> None:
    parsed = parse_shares_csv((linkedin_dir / "tests_fixtures_shares-corpus.csv").read_bytes())
    kinds = Counter(row.reason.split(" '")[0] for row in parsed.rejected)
    assert kinds == {"impossible date": 119, "date": 54, "no date": 20}
    assert {post.published_at.year for post in parsed.posts if post.published_at} == {1999}
    texts = {post.text for post in parsed.posts}
    assert "ctrl body abcd tail" in texts and "multi\nline body" in texts and "=cmd injection" in texts
    assert all(row.row >= 2 for row in parsed.rejected)


def test_bom_and_utc_suffix(linkedin_dir: Path) -> None:
    parsed = parse_shares_csv((linkedin_dir / "web_e2e_fixtures_Shares.csv").read_bytes())
    assert parsed.posts[0].text == "Building in public this week!"
    bom = ("\ufeff" + SHARES_HEADER + '2025-01-03 10:00:00 UTC,https://l/1,"Hello",,,PUBLIC\n').encode()
    assert parse_shares_csv(bom).posts[0].published_at is not None


def test_formula_cells_are_kept_as_text_and_neutralised_on_export() -> None:
    data = (SHARES_HEADER + '2025-01-03 10:00:00,https://l/1,=HYPERLINK("x"),,,PUBLIC\n').encode()
    post = parse_shares_csv(data).posts[0]
    assert post.text == '=HYPERLINK("x")'
    assert csv_safe(post.text) == '\'=HYPERLINK("x")'
    for lead in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(lead + "1").startswith("'")
    assert csv_safe("plain") == "plain" and csv_safe(None) == "" and csv_safe(3) == "3"


def test_reshare_flag_from_shared_linkedin_post() -> None:
    data = (
        SHARES_HEADER
        + "2025-01-03 10:00:00,https://l/1,Worth reading,https://www.linkedin.com/feed/update/urn:li:activity:9,,PUBLIC\n"
        "2025-01-04 10:00:00,https://l/2,My article,https://example.com/a,,PUBLIC\n"
    ).encode()
    posts = parse_shares_csv(data).posts
    assert [post.is_reshare for post in posts] == [True, False]


def test_non_utf8_csv_says_what_encoding_problem() -> None:
    data = (SHARES_HEADER + "2025-01-03 10:00:00,https://l/1,Caf\u00e9 talk,,,PUBLIC\n").encode("cp1252")
    with pytest.raises(ValidationFailed, match=r"not UTF-8 text: byte 0xe9 at position \d+"):
        parse_shares_csv(data, "Shares.csv")


def test_empty_file() -> None:
    with pytest.raises(ValidationFailed, match="empty"):
        parse_shares_csv(b"", "Shares.csv")
    with pytest.raises(ValidationFailed, match="empty"):
        parse_file("Shares.csv", b"  \n")


def test_header_only_file_imports_nothing() -> None:
    parsed = parse_shares_csv(SHARES_HEADER.encode())
    assert parsed.posts == [] and parsed.rejected == []


def test_size_limit_is_a_parameter() -> None:
    data = (SHARES_HEADER + "2025-01-03 10:00:00,https://l/1,Hello,,,PUBLIC\n").encode()
    with pytest.raises(ValidationFailed, match="too large"):
        parse_shares_csv(data, "Shares.csv", max_bytes=50)
    with pytest.raises(ValidationFailed, match="too large"):
        parse_file("big.zip", data, max_bytes=50)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_export_picks_shares_csv(linkedin_dir: Path) -> None:
    shares = (linkedin_dir / "tests_fixtures_shares-parity.csv").read_bytes()
    comments = (linkedin_dir / "web_e2e_fixtures_Comments.csv").read_bytes()
    data = _zip(
        {
            "Complete_LinkedInDataExport_01-01-2026/Comments.csv": comments,
            "Complete_LinkedInDataExport_01-01-2026/Shares.csv": shares,
        }
    )
    parsed = parse_file("Complete_LinkedInDataExport.zip", data)
    assert (len(parsed.posts), len(parsed.rejected)) == (4, 2)


def test_zip_without_shares_csv(linkedin_dir: Path) -> None:
    connections = (linkedin_dir / "web_e2e_fixtures_Connections.csv").read_bytes()
    data = _zip({"Basic_LinkedInDataExport/Connections.csv": connections})
    with pytest.raises(ValidationFailed, match="has no Shares.csv"):
        parse_linkedin_zip(data, "basic.zip")


def test_zip_member_over_limit_and_broken_zip() -> None:
    big = _zip({"Shares.csv": SHARES_HEADER.encode() + b"x" * 5000})
    with pytest.raises(ValidationFailed, match="too large"):
        parse_linkedin_zip(big, "export.zip", max_bytes=len(big) + 10)
    with pytest.raises(ValidationFailed, match="not a valid .zip"):
        parse_linkedin_zip(b"PK\x03\x04 not really", "export.zip")


def test_unsupported_file_type() -> None:
    with pytest.raises(ValidationFailed, match="unsupported file type"):
        parse_file("photo.png", b"\x89PNG")
