"""Channel rules: length, hashtags and link placement; X posts over 280 characters become a numbered thread."""

from __future__ import annotations

import re

from narratives.drafting.checks.findings import Finding

LINKEDIN_MAX = 3_000
X_MAX = 280
X_URL_CHARS = 23  # X counts every link as 23 characters (t.co)
COUNTER = 8  # ' (12/12)'
MAX_HASHTAGS = {"linkedin": 5, "x": 2}
HASHTAG = re.compile(r"(?<!\w)#\w+")
URL = re.compile(r"https?://\S+")


def x_length(text: str) -> int:
    return len(URL.sub("x" * X_URL_CHARS, text))


def _pieces(text: str) -> list[str]:
    """Paragraphs, or for a paragraph too long for one post its sentences (and lines); an over-long sentence is cut
    at word boundaries."""
    room = X_MAX - COUNTER
    pieces: list[str] = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()):
        if x_length(paragraph) <= room:
            pieces.append(paragraph)
            continue
        for part in (p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", paragraph) if p.strip()):
            while x_length(part) > room:
                cut = part.rfind(" ", 0, room)
                cut = cut if cut > 0 else room
                pieces.append(part[:cut].strip())
                part = part[cut:].strip()
            pieces.append(part)
    return pieces


def split_thread(text: str) -> list[str]:
    """A thread of numbered posts, each within 280 characters (room is left for the ' (1/n)' counter). Paragraphs
    stay whole where they fit, so a post never starts or ends in the middle of one."""
    if x_length(text) <= X_MAX:
        return [text.strip()]
    tweets: list[str] = []
    current = ""
    for piece in _pieces(text):
        candidate = f"{current}\n\n{piece}" if current else piece
        if current and x_length(candidate) > X_MAX - COUNTER:
            tweets.append(current)
            candidate = piece
        current = candidate
    tweets.append(current)
    return [f"{tweet} ({index}/{len(tweets)})" for index, tweet in enumerate(tweets, start=1)]


def _links(text: str, channel: str) -> list[Finding]:
    links = URL.findall(text)
    if not links:
        return []
    if channel == "linkedin":
        return [
            Finding(
                "channel",
                "info",
                "LinkedIn shows posts with links in the body to fewer people: put the link in the first comment.",
            )
        ]
    if not text.rstrip().endswith(links[-1]):
        return [Finding("channel", "info", "On X, put the link at the end of the post (or the last tweet).")]
    return []


def check_channel(text: str, channel: str) -> tuple[list[Finding], list[str]]:
    """Findings and, for X, the thread split (empty for LinkedIn)."""
    findings: list[Finding] = []
    tags = HASHTAG.findall(text)
    limit = MAX_HASHTAGS.get(channel, 3)
    if len(tags) > limit:
        findings.append(Finding("channel", "warn", f"{len(tags)} hashtags; keep to {limit} or fewer on {channel}."))
    findings += _links(text, channel)
    thread: list[str] = []
    if channel == "linkedin" and len(text) > LINKEDIN_MAX:
        findings.append(Finding("channel", "warn", f"{len(text):,} characters: LinkedIn allows {LINKEDIN_MAX:,}."))
    elif channel == "x":
        thread = split_thread(text)
        if len(thread) > 1:
            findings.append(
                Finding(
                    "channel",
                    "info",
                    f"{x_length(text)} characters: over 280, so it is split into a thread of {len(thread)} posts.",
                )
            )
    if not findings:
        findings.append(Finding("channel", "ok", f"Fits {channel} rules."))
    return findings, thread
