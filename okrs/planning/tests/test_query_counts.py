"""Every planning page takes as many queries for six objectives a team as for one."""

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import align, record_check_in, update_objective
from okrs.planning import actions
from okrs.planning.tests.helpers import count_queries, draft

WORDS = ["rivers", "wells", "schools", "clinics", "farms", "villages", "markets", "harbours"]


def add_objectives(world, plan, start: int, count: int) -> None:
    """Add, per team and round, shared and unshared drafts, notes, candidates and old OKRs."""
    for n in range(start, start + count):
        word = WORDS[n]
        for team in (world.growth, world.support):
            shared = draft(
                team,
                f"{team.name} brings clean water to {word}",
                plan.q2,
                [plan.strategic],
                [(f"Increase {word} served from 1 to 9", 1, 9)],
            )
            actions.share_draft(shared)
            draft(team, f"{team.name} quietly thinks about {word}", plan.q2)
            actions.add_planning_note(plan.q2, team, "need", f"Help with {word}")
            actions.add_candidate(team, f"Someday {word}")
            old = world.objective(team=team, title=f"{team.name} mapped {word}")
            align(old, plan.strategic)
            record_check_in(old.key_results.first(), 50000, 6)
            update_objective(old, status="closed", grade=6)


PAGES = [
    lambda plan: reverse("planning"),
    lambda plan: reverse("planning-board", args=[plan.q2.pk]),
    lambda plan: reverse("planning-team", args=[plan.q2.pk, "growth"]),
    lambda plan: reverse("planning-carry-over", args=[plan.q2.pk, "growth"]),
    lambda plan: reverse("planning-backlog", args=["growth"]),
]


@pytest.mark.parametrize("page", range(len(PAGES)))
@pytest.mark.parametrize("persona", ["alice", "admin"])
def test_query_count_does_not_grow_with_objectives(client, world, plan, page, persona):
    actions.open_planning(plan.q2, world.admin, [plan.strategic, plan.company], "Go")
    add_objectives(world, plan, 0, 1)
    client = signed_in(getattr(world, persona), client)
    url = PAGES[page](plan)
    count_queries(client, url)  # warm up the session
    small, few = count_queries(client, url)
    add_objectives(world, plan, 1, 5)
    large, many = count_queries(client, url)
    assert len(large.content) > len(small.content)
    assert many == few, url
