"""Which moments a text or a week is at, as pure functions: the tips service picks the tips for them."""

from __future__ import annotations

import re
from statistics import median

from workspace.tips.library import Moment

URL = re.compile(r"https?://\S+", re.IGNORECASE)
LONG_FACTOR = 1.5  # "much longer than usual": half as long again as the leader's median post
MIN_PAST_POSTS = 3


def usual_length(past_lengths: list[int]) -> int | None:
    """The leader's usual post length in characters (median), once there are enough past posts to say."""
    lengths = [length for length in past_lengths if length > 0]
    return int(median(lengths)) if len(lengths) >= MIN_PAST_POSTS else None


def draft_moments(text: str, *, channel: str, usual: int | None, first_draft: bool, lingo_warning: bool) -> set[Moment]:
    """The moments a draft is at: the leader's first draft, a lingo or pitch warning, a post much longer than the
    leader's usual, a link in the body of a LinkedIn post."""
    moments = set()
    if first_draft:
        moments.add(Moment.FIRST_DRAFT)
    if lingo_warning:
        moments.add(Moment.LINGO_WARNING)
    if usual is not None and len(text.strip()) > LONG_FACTOR * usual:
        moments.add(Moment.LONG_POST)
    if channel == "linkedin" and URL.search(text):
        moments.add(Moment.LINK_IN_LINKEDIN_BODY)
    return moments
