"""The cross-access matrix (issue 16): every service entry point that takes an actor, tried by a leader (Ada) and a
coach (Cora, who coaches Ada only) against another leader's object (Bo's). None may reach it; the admin must (the
positive control). An entry point without a probe fails the first test, so a new one cannot slip in unguarded.
"""

from __future__ import annotations

import pytest

from core.errors import NotFound, PermissionDenied
from tests.security.matrix import INNER, PROBES, SELF_ONLY, discover
from tests.security.world import World

ATTACKERS = ("ada", "cora")
OUTCOMES: dict[tuple[str, str], bool] = {}  # (entry point, attacker) -> blocked


def test_every_entry_point_that_takes_an_actor_has_a_probe() -> None:
    found = discover()
    listed = PROBES.keys() | INNER.keys()
    assert sorted(found - listed) == [], "a new entry point takes an actor: add its probe (and its guard)"
    assert sorted(listed - found) == [], "a probe names an entry point that no longer exists"


@pytest.mark.parametrize("attacker", ATTACKERS)
@pytest.mark.parametrize("entry", sorted(PROBES))
def test_another_leaders_object_is_out_of_reach(world: World, entry: str, attacker: str) -> None:
    try:
        reached = PROBES[entry](world, world.people[attacker])
    except (PermissionDenied, NotFound):
        reached = False
    OUTCOMES[(entry, attacker)] = not reached
    assert not reached, f"{attacker} reached Bo's material through {entry}"


@pytest.mark.parametrize("entry", sorted(set(PROBES) - SELF_ONLY))
def test_the_admin_reaches_it(world: World, entry: str) -> None:
    """The positive control: the probe really points at Bo's object, so a blocked attempt means a guard held."""
    assert PROBES[entry](world, world.people["root"]) is True


def test_summary_of_the_matrix() -> None:
    tried = len(OUTCOMES)
    blocked = sum(OUTCOMES.values())
    print(
        f"\ncross-access matrix: {len(PROBES)} entry points x {len(ATTACKERS)} roles: tried {tried}, blocked {blocked}"
    )
    assert tried == len(PROBES) * len(ATTACKERS) and blocked == tried
