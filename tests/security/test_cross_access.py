"""The cross-access matrix (issue 16): every service entry point that takes an actor, tried by a leader (Ada), a
coach (Cora, who coaches Ada only) and an admin still on a temporary password (Newbie) against another leader's
object (Bo's). None may reach it; the admin must (the positive control). Entry points whose object is the company's
(the Company Page, the program's goals) are tried by Ada and Newbie, who must be refused, with Cora and the admin
as positive controls. An entry point without a probe fails the
first test, so a new one cannot slip in unguarded.
"""

from __future__ import annotations

import pytest

from core.errors import NotFound, PermissionDenied
from tests.security import drafting_probes, lifecycle_probes, matrix, team_probes
from tests.security.matrix import discover
from tests.security.world import World

PROBE_SETS = (matrix.PROBES, team_probes.PROBES, lifecycle_probes.PROBES, drafting_probes.PROBES)
PROBES = {entry: probe for probes in PROBE_SETS for entry, probe in probes.items()}
INNER = {**matrix.INNER, **lifecycle_probes.INNER, **drafting_probes.INNER}
SELF_ONLY = matrix.SELF_ONLY | team_probes.SELF_ONLY
COMPANY_PROBES = team_probes.COMPANY_PROBES
ATTACKERS = ("ada", "cora", "newbie")
OUTSIDERS = ("ada", "newbie")  # of the company's material
OUTCOMES: dict[tuple[str, str], bool] = {}  # (entry point, attacker) -> blocked


def test_every_entry_point_that_takes_an_actor_has_a_probe() -> None:
    found = discover()
    listed = PROBES.keys() | COMPANY_PROBES.keys() | INNER.keys()
    assert sorted(found - listed) == [], "a new entry point takes an actor: add its probe (and its guard)"
    assert sorted(listed - found) == [], "a probe names an entry point that no longer exists"
    assert len(PROBES) == sum(len(probes) for probes in PROBE_SETS), "an entry point has two probes"
    assert not PROBES.keys() & INNER.keys()


def _reached(world: World, probe: matrix.Probe, who: str) -> bool:
    try:
        return probe(world, world.people[who])
    except (PermissionDenied, NotFound):
        return False


@pytest.mark.parametrize("attacker", ATTACKERS)
@pytest.mark.parametrize("entry", sorted(PROBES))
def test_another_leaders_object_is_out_of_reach(world: World, entry: str, attacker: str) -> None:
    reached = _reached(world, PROBES[entry], attacker)
    OUTCOMES[(entry, attacker)] = not reached
    assert not reached, f"{attacker} reached Bo's material through {entry}"


@pytest.mark.parametrize("entry", sorted(set(PROBES) - SELF_ONLY))
def test_the_admin_reaches_it(world: World, entry: str) -> None:
    """The positive control: the probe really points at Bo's object, so a blocked attempt means a guard held."""
    assert PROBES[entry](world, world.people["root"]) is True


@pytest.mark.parametrize("entry", sorted(COMPANY_PROBES))
def test_the_companys_figures_and_goals_are_out_of_a_leaders_reach(world: World, entry: str) -> None:
    for outsider in OUTSIDERS:
        reached = _reached(world, COMPANY_PROBES[entry], outsider)
        OUTCOMES[(f"{entry} [company]", outsider)] = not reached
        assert not reached, f"{outsider} reached the company's material through {entry}"


@pytest.mark.parametrize("staff", ("cora", "root"))
@pytest.mark.parametrize("entry", sorted(COMPANY_PROBES))
def test_comms_staff_and_admins_reach_the_companys_material(world: World, entry: str, staff: str) -> None:
    """The positive control for the company's material."""
    assert COMPANY_PROBES[entry](world, world.people[staff]) is True


def test_summary_of_the_matrix(record_property: pytest.RecordProperty) -> None:
    tried = len(OUTCOMES)
    blocked = sum(OUTCOMES.values())
    summary = (
        f"{len(PROBES)} entry points x {len(ATTACKERS)} attackers against another leader's object, "
        f"{len(COMPANY_PROBES)} x {len(OUTSIDERS)} against the company's: tried {tried}, blocked {blocked}"
    )
    print(f"\ncross-access matrix: {summary}")
    record_property("cross_access", summary)
    assert tried == len(PROBES) * len(ATTACKERS) + len(COMPANY_PROBES) * len(OUTSIDERS) and blocked == tried
