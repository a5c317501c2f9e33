"""Tables for the import preview and the voice card charts (pandas only; pages render them)."""

from __future__ import annotations

import pandas as pd

from core.csv_safe import to_safe_csv
from narratives.voice.importers.common import excerpt
from narratives.voice.importers.types import ParsedImport
from narratives.voice.profile import VoiceProfile

PREVIEW_CHARS = 120


def accepted_table(parsed: ParsedImport) -> pd.DataFrame:
    """One row per post that would be imported."""
    rows = [
        {
            "row": post.row,
            "date": post.published_at.strftime("%Y-%m-%d %H:%M") if post.published_at else "",
            "channel": post.channel,
            "text": excerpt(post.text, PREVIEW_CHARS),
            "reshare": post.is_reshare,
            "reactions": post.counts.reactions,
            "reposts": post.counts.reposts,
            "url": post.url or "",
        }
        for post in parsed.posts
    ]
    columns = ["row", "date", "channel", "text", "reshare", "reactions", "reposts", "url"]
    return pd.DataFrame(rows, columns=columns)


def rejected_table(parsed: ParsedImport) -> pd.DataFrame:
    """One row per rejected row, with the reason."""
    rows = [{"row": row.row, "reason": row.reason, "text": row.excerpt} for row in parsed.rejected]
    return pd.DataFrame(rows, columns=["row", "reason", "text"])


def export_csv(table: pd.DataFrame) -> bytes:
    """A CSV download of a preview table: every field quoted, formula-like cells neutralised."""
    return to_safe_csv(table)


def openings_table(profile: VoiceProfile) -> pd.DataFrame:
    """Share of posts per opening kind, for a small bar chart."""
    return pd.DataFrame({"opening": list(profile.openings), "share": list(profile.openings.values())})
