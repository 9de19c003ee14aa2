"""The pages take numbers only finite and within ±1e15, as the API and imports do."""

import pytest
from django.urls import reverse

from conftest import PASSWORD
from okrs.objectives.models import CheckIn, Objective
from okrs.web.tests.test_drafting import draft


@pytest.fixture
def alice(client, world):
    """Return a client signed in as Alice, the lead of Growth."""
    assert client.login(username=world.alice.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("value", ["1e300", "-1e16", "inf", "nan", "1e400"])
def test_a_check_in_beyond_the_limit_is_refused_on_its_field(alice, world, value):
    kr = world.objective().key_results.get(position=0)
    response = alice.post(reverse("check-in", args=[kr.pk]), {"value": value, "confidence": "7"})

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["value"]
    assert not CheckIn.objects.exists()


def test_a_check_in_at_the_limit_is_recorded(alice, world):
    kr = world.objective().key_results.get(position=0)
    # Far past the plan: recorded once the person keeps it at "did you mean...?".
    response = alice.post(
        reverse("check-in", args=[kr.pk]), {"value": "1e15", "confidence": "7", "keep_value": "1"}
    )

    assert response.status_code == 302
    assert CheckIn.objects.get().value == 1e15


@pytest.mark.parametrize("field", ["kr-0-start", "kr-0-target"])
def test_a_key_result_beyond_the_limit_is_refused_where_it_was_typed(alice, world, field):
    response = alice.post(reverse("objective-new"), draft(world, **{field: "2e15"}))

    assert response.status_code == 422
    assert "1e+15" in response.content.decode()
    assert not Objective.objects.filter(team=world.growth).exists()
