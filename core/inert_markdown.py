"""Text from documents, imports, other people and models, made inert for Streamlit's Markdown.

Every punctuation mark Markdown (GitHub-flavoured, with Streamlit's `$` maths) gives a meaning is backslash-escaped,
so the text renders exactly as written: no image is fetched, no link or autolink (`https://…`, `www.…`, e-mail) is
made, no HTML, heading, emphasis, table or formula is formed. Harmless marks (`%`, `,`, quotes, `?`, `/`) stay as
they are. Pages use this for any untrusted value they put inside Markdown; whole texts (drafts, passages) are shown
with `st.text`.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:@&$=^])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
ZERO_WIDTH_SPACE = "\u200b"


def _literal(text: str) -> str:
    """Escapes stop Markdown syntax; they do not stop GitHub-style autolinks, which are found in the text after
    parsing. A zero-width space after `https`, `www` and before `@` breaks those patterns without changing how the
    text looks."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(lambda m: f"{m.group(0)}{ZERO_WIDTH_SPACE}", text))


def inert(text: object) -> str:
    """One value as literal Markdown text (line breaks become spaces)."""
    return _literal(" ".join(str(text).split()))


def inert_lines(text: object) -> str:
    """A multi-line value as literal Markdown text, one line per line."""
    return "  \n".join(_literal(line.strip()) for line in str(text).splitlines())
