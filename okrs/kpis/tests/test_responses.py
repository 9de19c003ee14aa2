"""Objectives that respond to KPIs: linked, unlinked, kept in the history, in one organisation."""

import pytest
from django.core.exceptions import ValidationError

from okrs.kpis.actions import create_kpi, record_measurement
from okrs.kpis.models import KPIResponse
from okrs.kpis.responses import (
    draft_description,
    draft_title,
    kpis_responded_to,
    link_kpi,
    set_responses,
    unlink_kpi,
)
from okrs.organizations.models import AdministrativeChange


@pytest.fixture
def churn(world):
    return create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")


def test_link_records_the_response_once_and_keeps_it_in_the_history(world, churn):
    goal = world.objective()

    link_kpi(churn, goal, by=world.alice)
    link_kpi(churn, goal, by=world.alice)

    assert KPIResponse.objects.filter(kpi=churn, objective=goal).count() == 1
    change = AdministrativeChange.objects.get(action="kpi.linked")
    assert change.actor == world.alice
    assert change.details == {"kpi": churn.pk, "objective": goal.pk}
    assert "responds to the KPI Donor churn of Growth" in change.summary


def test_unlink_removes_the_response_and_says_whether_there_was_one(world, churn):
    goal = world.objective()
    link_kpi(churn, goal)

    assert unlink_kpi(churn, goal, by=world.alice) is True
    assert unlink_kpi(churn, goal, by=world.alice) is False
    assert not KPIResponse.objects.exists()
    assert AdministrativeChange.objects.filter(action="kpi.unlinked").count() == 1


def test_a_kpi_of_another_organisation_is_refused(world, other_world, churn):
    with pytest.raises(ValidationError, match="No such KPI"):
        link_kpi(churn, other_world["objective"])
    assert not KPIResponse.objects.exists()


def test_set_responses_links_and_unlinks_to_match(world, churn):
    late = create_kpi(world.support, "Late replies", upper_bound=10)
    goal = world.objective()
    link_kpi(churn, goal)

    set_responses(goal, [late], by=world.alice)

    assert kpis_responded_to([goal.pk]) == {goal.pk: [late]}


def test_responses_of_several_objectives_read_in_one_query(world, churn, django_assert_num_queries):
    first, second = world.objective(), world.objective(title="Win new towns")
    late = create_kpi(world.support, "Late replies", upper_bound=10)
    link_kpi(churn, first)
    link_kpi(late, first)
    link_kpi(late, second)

    with django_assert_num_queries(1):
        found = kpis_responded_to([first.pk, second.pk])

    assert found == {first.pk: [churn, late], second.pk: [late]}


def test_the_drafted_objective_names_the_kpi_qualitatively_and_its_range_beside(world, churn):
    record_measurement(churn, 6.2)

    assert draft_title(churn) == "Bring donor churn back within its healthy range"
    assert draft_description(churn) == (
        "Responds to the KPI Donor churn of Growth: latest 6.2%, healthy at most 5%."
    )


def test_a_unit_in_words_is_spaced_and_a_kpi_without_readings_says_only_its_range(world):
    wait = create_kpi(world.support, "Reply time", lower_bound=1, upper_bound=3, unit="days")

    assert (
        draft_description(wait) == "Responds to the KPI Reply time of Support: healthy 1 to 3 days."
    )
