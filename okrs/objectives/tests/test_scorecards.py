"""An objective's card: its confidence is the mean of its key results', rounded halves up."""

import pytest

from okrs import clock
from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import record_check_in
from okrs.objectives.scorecards import scorecards_for


@pytest.mark.parametrize(("first", "second", "expected"), [(6, 7, 7), (7, 8, 8), (2, 3, 3)])
def test_objective_confidence_rounds_halves_up(world, first, second, expected):
    objective = world.objective()
    signatures, wait = objective.key_results.order_by("position")
    record_check_in(signatures, 30000, first, author=world.alice)
    record_check_in(wait, 8, second, author=world.alice)

    card = scorecards_for([objective], world.org.score_scale, clock.today())[objective.pk]
    read = ApiClient(world.alice).get(f"/objectives/{objective.pk}").json()

    assert card.confidence == expected
    assert read["confidence"] == expected
