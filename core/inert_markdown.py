"""Text from documents, imports, other people and models, made inert for Streamlit's Markdown.

Every ASCII punctuation mark is backslash-escaped, so the text renders exactly as written: no image is fetched, no
link or autolink (`https://…`, `www.…`, e-mail) is made, no HTML, heading, emphasis or table is formed. Pages use
this for any untrusted value they put inside Markdown; whole texts (drafts, passages) are shown with `st.text`.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def inert(text: object) -> str:
    """One value as literal Markdown text (line breaks become spaces)."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def inert_lines(text: object) -> str:
    """A multi-line value as literal Markdown text, one line per line."""
    return "  \n".join(_PUNCTUATION.sub(r"\\\1", line.strip()) for line in str(text).splitlines())
