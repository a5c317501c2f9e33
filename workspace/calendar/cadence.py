"""Cadence guardrails as pure functions over planned posts: each warning names the post(s) and the reason.

Rules: at most one post per `min_gap_hours` per leader per network (both posts are warned), the weekly
target (too many in a week; too few in a coming week), quiet weekdays, blocked days, and the team-level
echo chamber (two leaders on the same pillar or a similar topic the same day).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import combinations, pairwise

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ECHO_SIMILARITY = 0.2


@dataclass(frozen=True)
class PlannedPost:
    post_id: int
    leader_id: int
    leader_name: str
    channel: str
    when: datetime
    title: str
    pillar: str
    text: str = ""
    visible: bool = True  # False: the reader may not see this post, so its title is not quoted


@dataclass(frozen=True)
class LeaderRules:
    weekly_target: int = 2
    quiet_weekdays: tuple[int, ...] = ()
    min_gap_hours: int = 18
    blocked: dict[date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CadenceWarning:
    kind: str  # gap, over_target, under_target, quiet_day, blocked_day, echo
    reason: str
    leader_id: int
    post_id: int | None = None
    week: date | None = None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def check(
    posts: list[PlannedPost], rules: dict[int, LeaderRules], *, today: date, weeks: list[date] | None = None
) -> list[CadenceWarning]:
    """Every cadence warning for these posts. `weeks` (Mondays) limits the under-target check."""
    warnings = _gaps(posts, rules) + _days(posts, rules) + _weekly(posts, rules, today, weeks or [])
    return warnings + _echo(posts)


def _gaps(posts: list[PlannedPost], rules: dict[int, LeaderRules]) -> list[CadenceWarning]:
    warnings: list[CadenceWarning] = []
    groups: dict[tuple[int, str], list[PlannedPost]] = defaultdict(list)
    for post in posts:
        groups[(post.leader_id, post.channel)].append(post)
    for (leader_id, channel), items in groups.items():
        gap = timedelta(hours=rules.get(leader_id, LeaderRules()).min_gap_hours)
        items.sort(key=lambda p: p.when)
        for first, second in pairwise(items):
            hours = (second.when - first.when).total_seconds() / 3600
            if second.when - first.when < gap:
                for post, other in ((first, second), (second, first)):
                    reason = (
                        f"Only {hours:.0f} h from “{other.title or 'another post'}” on {channel}: "
                        f"posts less than {gap.total_seconds() / 3600:.0f} h apart compete and both reach fewer people."
                    )
                    warnings.append(CadenceWarning("gap", reason, leader_id, post.post_id))
    return warnings


def _days(posts: list[PlannedPost], rules: dict[int, LeaderRules]) -> list[CadenceWarning]:
    warnings: list[CadenceWarning] = []
    for post in posts:
        rule = rules.get(post.leader_id, LeaderRules())
        day = post.when.date()
        if day.weekday() in rule.quiet_weekdays:
            reason = f"{WEEKDAYS[day.weekday()]} is one of {post.leader_name}'s quiet days."
            warnings.append(CadenceWarning("quiet_day", reason, post.leader_id, post.post_id))
        if day in rule.blocked:
            reason = f"{day.isoformat()} is blocked in {post.leader_name}'s calendar ({rule.blocked[day] or 'busy'})."
            warnings.append(CadenceWarning("blocked_day", reason, post.leader_id, post.post_id))
    return warnings


def _weekly(
    posts: list[PlannedPost], rules: dict[int, LeaderRules], today: date, weeks: list[date]
) -> list[CadenceWarning]:
    warnings: list[CadenceWarning] = []
    per_week: dict[tuple[int, date], list[PlannedPost]] = defaultdict(list)
    for post in posts:
        per_week[(post.leader_id, week_start(post.when.date()))].append(post)
    for (leader_id, monday), items in per_week.items():
        target = rules.get(leader_id, LeaderRules()).weekly_target
        if target and len(items) > target:
            reason = f"{len(items)} posts in the week of {monday:%d %b}; the weekly target is {target}."
            warnings += [CadenceWarning("over_target", reason, leader_id, p.post_id, monday) for p in items]
    for leader_id, rule in rules.items():
        for monday in weeks:
            count = len(per_week.get((leader_id, monday), []))
            if rule.weekly_target and monday >= week_start(today) and count < rule.weekly_target:
                reason = f"{count} of {rule.weekly_target} posts planned for the week of {monday:%d %b}."
                warnings.append(CadenceWarning("under_target", reason, leader_id, None, monday))
    return warnings


def _similarity(posts: list[PlannedPost]) -> dict[tuple[int, int], float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    documents = [f"{p.title} {p.pillar} {p.text}" for p in posts]
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(documents)
    except ValueError:  # only stop words or empty texts
        return {}
    scores = cosine_similarity(matrix)
    return {(a.post_id, b.post_id): float(scores[i, j]) for (i, a), (j, b) in combinations(enumerate(posts), 2)}


def _echo(posts: list[PlannedPost]) -> list[CadenceWarning]:
    by_day: dict[date, list[PlannedPost]] = defaultdict(list)
    for post in posts:
        by_day[post.when.date()].append(post)
    pairs = [(a, b) for items in by_day.values() for a, b in combinations(items, 2) if a.leader_id != b.leader_id]
    if not pairs:
        return []
    scores = _similarity(posts)
    warnings: list[CadenceWarning] = []
    for a, b in pairs:
        same_pillar = a.pillar.strip().lower() == b.pillar.strip().lower() and bool(a.pillar.strip())
        score = scores.get((a.post_id, b.post_id), scores.get((b.post_id, a.post_id), 0.0))
        if not same_pillar and score < ECHO_SIMILARITY:
            continue
        why = f"the same pillar ({a.pillar})" if same_pillar else "a similar topic"
        for post, other in ((a, b), (b, a)):
            quoted = f" (“{other.title}”)" if other.visible and other.title else ""
            reason = f"{other.leader_name} posts on {why} the same day{quoted}: the team echoes itself."
            warnings.append(CadenceWarning("echo", reason, post.leader_id, post.post_id))
    return warnings
