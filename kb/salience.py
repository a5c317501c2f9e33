"""A short document context from its salient proper names, added to every chunk's header.

A chunk like "inventories rose 4%" says nothing about whose inventories; the document's own recurring
names (always capitalised in it, e.g. "Amazon", "AWS") tell retrieval which company or product it is about.
"""

from __future__ import annotations

import re
from collections import Counter

from bm25s.stopwords import STOPWORDS_EN

_TOKEN = re.compile(r"\b[A-Za-z][A-Za-z0-9&-]*[A-Za-z0-9]\b")
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
MIN_COUNT = 5


def salient_names(text: str, top: int = 4) -> list[str]:
    """The most frequent words that are (almost) never written in lower case in this text."""
    capitalised: Counter[str] = Counter()
    lowered: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for token in _TOKEN.findall(text):
        key = token.lower()
        if token[0].islower():
            lowered[key] += 1
        elif token.isupper() and len(token) > 5:
            continue  # shouted headings (FORM, CORPORATION), not names
        elif len(key) > 2 and key not in STOPWORDS_EN and key not in CALENDAR_WORDS:
            capitalised[key] += 1
            spelling.setdefault(key, token)
    ranked = [k for k, n in capitalised.most_common() if n >= MIN_COUNT and lowered[k] <= 0.05 * n]
    return [spelling[k] for k in ranked[:top]]
