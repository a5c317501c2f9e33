"""A leader's habits as concrete instructions, measured per channel, and their most typical posts."""

from __future__ import annotations

import yaml

from narratives.voice.habits import channel_posts, measure_habits, typical_posts
from workspace.demo import DEMO_DATA


def demo_posts(handle: str) -> list[tuple[str, str]]:
    items = yaml.safe_load((DEMO_DATA / "posts" / f"{handle}.yaml").read_text())
    return [(item["text"], item.get("channel", "linkedin")) for item in items]


def test_habits_tell_the_three_demo_leaders_apart_in_concrete_terms() -> None:
    tomas, ines, noor = (measure_habits(demo_posts(h), "linkedin") for h in ("tomas", "ines", "noor"))
    assert tomas is not None and ines is not None and noor is not None
    assert "Uses no hashtags." in tomas.lines and tomas.max_hashtags == 0
    assert any(line.startswith("Writes in short lines") for line in tomas.lines)
    assert any("direct question" in line for line in ines.lines) and ines.uses_emoji
    assert any("arrows (→)" in line for line in noor.lines) and "#datascience" in noor.hashtags
    assert all(not any(ch.isdigit() for ch in line) for line in tomas.lines if line.startswith("Often opens"))
    assert tomas.form.startswith("Sentences average") and "short lines" in tomas.form  # form: length and lines
    assert "short paragraphs" in ines.form and ines.form != tomas.form


def test_a_channel_with_too_few_posts_falls_back_to_all_posts_and_too_few_posts_gives_none() -> None:
    posts = demo_posts("ines")
    assert channel_posts(posts, "x") == [text for text, _ in posts]
    assert measure_habits(posts[:2], "linkedin") is None


def test_typical_posts_are_the_same_for_every_topic_and_spread_over_lengths() -> None:
    texts = [text for text, channel in demo_posts("tomas") if channel == "linkedin"]
    first, again = typical_posts(texts, 2), typical_posts(list(texts), 2)
    assert first == again and len(first) == 2 and all(post in texts for post in first)
    short, long = (len(post.split()) for post in first)
    lengths = sorted(len(text.split()) for text in texts)
    assert short < long and short <= lengths[len(lengths) // 2] <= long
