"""The dashboard's SQL roll-up equals the domain's, over randomly generated organisations.

The dashboard and the cadence events read progress, check-in start and confidence from one set
of SQL aggregates (okrs/objectives/aggregates.py) for speed at 50,000 people; every other page
reads the scorecards (okrs/objectives/scorecards.py), which call the domain math. Hypothesis
builds objectives of every kind of key result, weights (zero included), check-ins or none,
drafts, and links from an objective to children level by level, then both must agree.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrs.domain.progress import expected_progress, whole_confidence
from okrs.domain.states import objective_state
from okrs.objectives.actions import add_key_result, create_objective, record_check_in
from okrs.objectives.aggregates import objective_progress_rows
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import scorecards_for
from tests.calendar import at_ten

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

values = st.integers(min_value=-50, max_value=150).map(float)
confidences = st.integers(min_value=0, max_value=10)
metric = st.fixed_dictionaries(
    {
        "type": st.just("metric"),
        "direction": st.sampled_from(["", "increase", "decrease", "stay-above", "stay-below"]),
        "start": st.integers(min_value=0, max_value=50).map(float),
        "target": st.integers(min_value=51, max_value=120).map(float),
    }
).map(
    lambda f: (
        {**f, "start": f["target"], "target": f["start"]} if f["direction"] == "decrease" else f
    )
)
binary = st.just({"type": "binary", "start": 0.0, "target": 1.0})
key_results = st.lists(
    st.tuples(
        st.one_of(metric, binary),
        st.sampled_from([0.0, 0.5, 1.0, 1.0, 2.0, 3.0]),  # weight
        st.lists(st.tuples(values, confidences), max_size=2),  # check-ins, oldest first
        st.one_of(st.none(), st.integers(min_value=1, max_value=5)),  # child, levels below
    ),
    max_size=4,
)
objectives = st.lists(
    st.tuples(
        st.sampled_from(["active", "active", "active", "draft"]),
        st.sampled_from(["roofshot", "moonshot"]),
        key_results,
    ),
    min_size=1,
    max_size=6,
)
days = st.integers(min_value=-5, max_value=95)


def build(world, drawn) -> list[Objective]:
    """Create the drawn objectives in the quarter; a link points to an objective made later."""
    made: list[Objective] = []
    links = []
    for n, (status, ambition, krs) in enumerate(drawn):
        objective = create_objective(
            world.quarter, f"Objective {n}", team=world.growth, status=status, ambition=ambition
        )
        made.append(objective)
        for m, (fields, weight, check_ins, child) in enumerate(krs):
            kr = add_key_result(objective, f"KR {n}.{m}", weight=weight, **fields)
            for value, confidence in check_ins:
                record_check_in(kr, value, confidence, author=world.alice)
            if child is not None and n + child < len(drawn):
                links.append((kr, n + child))
    for kr, child in links:  # children always sit further down the list: no loop is possible
        kr.linked_objective = made[child]
        kr.save(update_fields=["linked_objective"])
    return made


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=objectives, day=days)
def test_the_sql_roll_up_equals_the_domain_roll_up(world, clock, drawn, day):
    with transaction.atomic():
        made = build(world, drawn)
        on = world.quarter.start + timedelta(days=day)
        clock.move_to(at_ten(on))
        cards = scorecards_for(made, "0-10", on)
        rows = {row["id"]: row for row in objective_progress_rows(world.quarter)}
        for objective in made:
            card, row = cards[objective.pk], rows[objective.pk]
            expected = expected_progress(
                world.quarter.start, world.quarter.end, on, objective.ambition
            )
            confidence = whole_confidence(row["confidence"])
            state = objective_state(
                row["state"],
                world.quarter.state,
                checked_in=row["checked_in"],
                progress=row["progress"],
                expected=expected,
                confidence=confidence,
            )
            assert row["progress"] == pytest.approx(card.progress, abs=1e-9), objective.title
            assert confidence == card.confidence, objective.title
            assert state == card.state, objective.title
        transaction.set_rollback(True)
