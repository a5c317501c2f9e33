"""Goals on SQLite and PostgreSQL: who may set and read them, validation, and posts per week as the one number the
narrative, the calendar and analytics share."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from core.errors import PermissionDenied, ValidationFailed
from core.permissions import Actor
from narratives.brand.service import get_narrative
from workspace.analytics import load_data
from workspace.calendar import rules
from workspace.program.goals import clear_goal, goals_for, set_goal
from workspace.program.metrics import SPECS, Metric


def test_a_coach_sets_goals_with_their_leader_and_everyone_reads_the_same_number(
    engine: Engine, people: dict[str, Actor]
) -> None:
    ada, cora, root = people["ada"], people["cora"], people["root"]
    set_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK, 3, note="agreed in our 1:1")
    set_goal(engine, cora, ada.person_id, "engagement_rate", 0.04)
    goals = goals_for(engine, ada, ada.person_id)
    assert goals[Metric.POSTS_PER_WEEK].target == 3 and goals[Metric.POSTS_PER_WEEK].set_by == "Cora"
    assert goals[Metric.POSTS_PER_WEEK].note == "agreed in our 1:1"
    assert goals[Metric.ENGAGEMENT_RATE].shown == "4.0%"
    # one source of truth: narrative, calendar and analytics read the same posts per week
    assert get_narrative(engine, ada, ada.person_id).weekly_target == 3
    assert rules.get_settings(engine, ada, ada.person_id).weekly_target == 3
    assert load_data(engine, ada).targets == {ada.person_id: 3}
    set_goal(engine, root, ada.person_id, Metric.POSTS_PER_WEEK, 1)  # an admin changes it: it changes everywhere
    assert get_narrative(engine, ada, ada.person_id).weekly_target == 1
    assert rules.get_settings(engine, cora, ada.person_id).weekly_target == 1
    clear_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK)
    assert rules.get_settings(engine, ada, ada.person_id).weekly_target == 0
    assert Metric.POSTS_PER_WEEK not in goals_for(engine, cora, ada.person_id)


def test_who_may_set_and_read_goals(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo, cora, root = people["ada"], people["bo"], people["cora"], people["root"]
    with pytest.raises(PermissionDenied):  # a leader agrees goals with their coach; they do not set them alone
        set_goal(engine, ada, ada.person_id, Metric.POSTS_PER_WEEK, 2)
    with pytest.raises(PermissionDenied):  # a coach sets goals for the leaders they coach only
        set_goal(engine, cora, bo.person_id, Metric.POSTS_PER_WEEK, 2)
    with pytest.raises(PermissionDenied):
        goals_for(engine, ada, bo.person_id)
    set_goal(engine, cora, None, Metric.LEADS_PER_MONTH, 40)  # the program's goals: comms staff and admins
    assert goals_for(engine, root, None)[Metric.LEADS_PER_MONTH].target == 40
    with pytest.raises(PermissionDenied):
        goals_for(engine, ada, None)


@pytest.mark.parametrize(
    ("metric", "target", "leader"),
    [
        (Metric.POSTS_PER_WEEK, 2.5, True),
        (Metric.POSTS_PER_WEEK, 22, True),
        (Metric.ENGAGEMENT_RATE, 1.5, True),
        (Metric.REACH_PER_MONTH, -1, False),
        ("shares_per_day", 1, True),
    ],
)
def test_bad_targets_are_refused_and_nothing_changes(
    engine: Engine, people: dict[str, Actor], metric: str, target: float, leader: bool
) -> None:
    root, ada = people["root"], people["ada"]
    owner = ada.person_id if leader else None
    set_goal(engine, root, ada.person_id, Metric.POSTS_PER_WEEK, 2)
    with pytest.raises(ValidationFailed):
        set_goal(engine, root, owner, metric, target)
    assert goals_for(engine, root, ada.person_id)[Metric.POSTS_PER_WEEK].target == 2
    assert set_goal(engine, root, None, Metric.POSTS_PER_WEEK, 30).target == 30  # the program may aim higher


def test_metric_specs_say_how_each_figure_adds_up() -> None:
    assert SPECS[Metric.REACH_PER_MONTH].weekly(52_000) == pytest.approx(12_000)
    assert SPECS[Metric.POSTS_PER_WEEK].weekly(2) == 2
    assert SPECS[Metric.ENGAGEMENT_RATE].format(None) == "no data"
