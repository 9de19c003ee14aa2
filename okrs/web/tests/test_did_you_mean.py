"""A check-in value far outside the plan asks "did you mean...?" before it is saved."""

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import add_key_result
from okrs.objectives.models import CheckIn


@pytest.fixture
def kr(world):
    """Return Growth's first key result (signatures from 20,000 to 100,000)."""
    return world.objective().key_results.get(position=0)


@pytest.fixture
def alice(client, world):
    """Return a client signed in as Alice, the lead of Growth."""
    return signed_in(world.alice, client)


def test_a_value_past_twice_the_plan_is_questioned_and_nothing_is_written(alice, kr):
    response = alice.post(reverse("check-in", args=[kr.pk]), {"value": "600000", "confidence": "7"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "600,000 is past twice the planned change (target 100,000). Did you mean 60,000?" in page
    assert 'name="use_value" value="60000"' in page and "Use 60,000" in page
    assert 'name="keep_value" value="1"' in page and "Keep 600,000" in page
    assert not CheckIn.objects.exists()


def test_keeping_the_value_saves_it_as_typed(alice, kr):
    response = alice.post(
        reverse("check-in", args=[kr.pk]),
        {"value": "600000", "confidence": "7", "keep_value": "1"},
    )

    assert response.status_code == 302
    assert CheckIn.objects.get().value == 600000


def test_using_the_suggestion_saves_the_value_meant(alice, kr):
    response = alice.post(
        reverse("check-in", args=[kr.pk]),
        {"value": "600000", "confidence": "7", "use_value": "60000"},
    )

    assert response.status_code == 302
    kr.refresh_from_db()
    assert (CheckIn.objects.get().value, kr.current) == (60000, 60000)


def test_the_inline_row_asks_too_and_offers_both_answers(alice, kr):
    response = alice.post(
        reverse("check-in", args=[kr.pk]),
        {"inline": "1", "value": "2000", "confidence": "7"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert "2,000 is below the start (20,000). Did you mean 20,000?" in page
    assert "Keep 2,000" in page and 'name="use_value" value="20000"' in page
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("value", "meant"), [("1000", "100"), ("-5", "5")])
def test_a_percentage_outside_0_to_100_is_questioned(alice, world, value, meant):
    objective = world.objective()
    kr = add_key_result(
        objective, "Households aware of the campaign", start=10, target=40, unit="%"
    )

    response = alice.post(reverse("check-in", args=[kr.pk]), {"value": value, "confidence": "7"})

    assert response.status_code == 422
    assert f"is outside 0-100%. Did you mean {meant}%?" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_value_within_the_plan_is_saved_without_a_question(alice, kr):
    response = alice.post(reverse("check-in", args=[kr.pk]), {"value": "150000", "confidence": "7"})

    assert response.status_code == 302
    assert CheckIn.objects.get().value == 150000


def test_the_api_records_a_doubtful_value_and_flags_it(world, kr):
    response = ApiClient(world.alice).post(
        f"/key-results/{kr.pk}/check-ins", {"value": 600000, "confidence": 6}
    )

    assert response.status_code == 201
    assert response.json()["doubt"] == (
        "600,000 is past twice the planned change (target 100,000). Did you mean 60,000?"
    )
    assert CheckIn.objects.get().value == 600000


def test_the_api_flags_nothing_on_a_value_within_the_plan(world, kr):
    response = ApiClient(world.alice).post(
        f"/key-results/{kr.pk}/check-ins", {"value": 60000, "confidence": 6}
    )

    assert response.json()["doubt"] is None
