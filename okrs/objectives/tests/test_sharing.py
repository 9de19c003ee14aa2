"""Shared objectives: the contributing teams are set as a whole, each change in the history."""

import pytest
from django.core.exceptions import ValidationError

from okrs.objectives.history import objective_history
from okrs.objectives.models import Contribution
from okrs.objectives.sharing import set_contributors


def _shared(objective) -> set[str]:
    return set(
        Contribution.objects.filter(objective=objective).values_list("team__name", flat=True)
    )


def test_contributing_teams_are_added_and_removed_with_a_line_in_the_history(world):
    objective = world.objective()
    set_contributors(objective, [world.support, world.marketing], by=world.alice)
    assert _shared(objective) == {"Support", "Marketing"}
    set_contributors(objective, [world.support], by=world.alice)
    assert _shared(objective) == {"Support"}
    set_contributors(objective, [world.support], by=world.alice)  # nothing to record
    lines = [(e.who(), e.summary()) for e in objective_history(objective)[:3]]
    assert lines[:2] == [
        ("Alice Doe", "no longer shared it with Marketing"),
        ("Alice Doe", "shared it with Marketing, Support"),
    ]


def test_the_owning_team_cannot_share_its_own_objective(world):
    objective = world.objective()
    with pytest.raises(ValidationError, match="Growth owns this objective"):
        set_contributors(objective, [world.growth, world.support])
    assert _shared(objective) == set()
