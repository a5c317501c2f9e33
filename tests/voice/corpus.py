"""A small in-test corpus of three distinct made-up voices, generated deterministically."""

from __future__ import annotations

import random

TOPICS = [
    "hiring",
    "pricing",
    "onboarding",
    "our roadmap",
    "remote work",
    "customer calls",
    "burnout",
    "feedback",
    "meetings",
    "product launches",
    "mentoring",
    "budgets",
]


def punchy(rng: random.Random, topic: str) -> str:
    """Short lines, a question opener, emoji, a question at the end."""
    lines = [
        f"Ever wondered why {topic} feels so hard?",
        "",
        rng.choice(["I did.", "I used to.", "Me too."]),
        f"Then I tried one thing with {topic}. 🚀",
        rng.choice(["Small steps.", "Tiny bets.", "Short loops."]),
        rng.choice(["Fast feedback.", "Real numbers.", "Honest notes."]),
        "",
        rng.choice(["What would you try first? 👇", "How do you handle it? 👇", "What's your take? 👇"]),
    ]
    return "\n".join(lines)


def formal(rng: random.Random, topic: str) -> str:
    """Long sentences, 'we', no emoji, a list, a call to comment."""
    opener = rng.choice(["Over the past quarter", "Throughout this year", "In recent months"])
    return (
        f"{opener}, our organisation has invested considerable effort in {topic}, and we believe the results "
        f"demonstrate that sustained, cross-functional collaboration consistently outperforms isolated initiatives.\n\n"
        f"We identified three principles:\n- clarity of ownership\n- measurable outcomes for {topic}\n"
        f"- transparent reporting to stakeholders\n\n"
        f"Furthermore, we are committed to {rng.choice(['sharing', 'publishing', 'documenting'])} our learnings "
        "so that partners across the industry may benefit. Please share your experience in the comments."
    )


def storyteller(rng: random.Random, topic: str) -> str:
    """Opens with a story, 'I', medium sentences, a hashtag or two, no question."""
    when = rng.choice(["Years ago", "Last week", "Yesterday"])
    return (
        f"{when}, a colleague asked me about {topic} over coffee. I told her what my first manager told me: "
        f"slow down, listen, and write it down. I still think about that conversation, honestly. "
        f"It changed how I approach {topic} and how I spend my mornings. #leadership #{topic.split()[-1]}"
    )


VOICES = {"punchy": punchy, "formal": formal, "storyteller": storyteller}


def make_corpus(per_author: int = 12, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    return {name: [write(rng, TOPICS[i % len(TOPICS)]) for i in range(per_author)] for name, write in VOICES.items()}
