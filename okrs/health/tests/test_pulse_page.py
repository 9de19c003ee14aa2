"""The pulse page: answer once a month per team, anonymously, with htmx or without."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import signed_in
from okrs.health.models import PulseAnswer, PulseReceipt
from okrs.health.targets import pulse_period

URL = reverse("health-pulse")


def answer(team, **changes):
    data = {"team": team.pk}
    fields = {"focus": 4, "alignment": 3, "commitment": 5, "tracking": 2, "stretching": 1}
    fields |= {"comment": "Fewer meetings"} | changes
    data |= {f"team-{team.pk}-{name}": value for name, value in fields.items()}
    return data


def test_a_member_sees_a_form_for_each_of_their_teams(client, world):
    page = signed_in(world.alice, client).get(URL).content.decode()
    assert f'id="pulse-team-{world.growth.pk}"' in page
    assert f'id="pulse-team-{world.support.pk}"' not in page
    assert f'for="id_team-{world.growth.pk}-focus_0"' in page
    assert "Your answer is anonymous" in page


def test_answering_stores_it_without_a_name_and_says_thank_you(client, world):
    client = signed_in(world.alice, client)
    response = client.post(URL, answer(world.growth), follow=True)
    assert "Thank you: your answer for Growth is stored." in response.content.decode()
    stored = PulseAnswer.objects.get()
    assert (stored.team, stored.period, stored.focus, stored.stretching, stored.comment) == (
        world.growth, pulse_period(timezone.localdate()), 4, 1, "Fewer meetings",
    )  # fmt: skip
    receipt = PulseReceipt.objects.get()
    assert (receipt.person, receipt.team) == (world.alice, world.growth)
    assert "You answered for" in client.get(URL).content.decode()


def test_a_second_answer_in_the_same_month_is_not_stored(client, world):
    client = signed_in(world.alice, client)
    client.post(URL, answer(world.growth))
    response = client.post(URL, answer(world.growth, focus=1))
    assert response.status_code == 302
    assert PulseAnswer.objects.count() == 1 and PulseAnswer.objects.get().focus == 4


def test_htmx_swaps_in_the_thanks_without_a_reload(client, world):
    client = signed_in(world.alice, client)
    response = client.post(URL, answer(world.growth), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "is stored without your name" in page
    assert PulseAnswer.objects.count() == 1


def test_a_missing_score_is_shown_next_to_it_and_the_rest_is_kept(client, world):
    client = signed_in(world.alice, client)
    data = answer(world.growth, comment="Clearer priorities")
    del data[f"team-{world.growth.pk}-tracking"]
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Choose how much you agree, for Tracking." in page
    assert "Clearer priorities</textarea>" in page
    assert f'value="4" id="id_team-{world.growth.pk}-focus_3" required checked' in page
    assert not PulseAnswer.objects.exists() and not PulseReceipt.objects.exists()
    htmx = client.post(URL, data, headers={"HX-Request": "true"}).content.decode()
    assert "Choose how much you agree, for Tracking." in htmx and "<html" not in htmx


def test_a_team_that_is_not_mine_is_404(client, world, other_world):
    client = signed_in(world.alice, client)
    assert client.post(URL, answer(world.support)).status_code == 404
    assert client.post(URL, answer(other_world["team"])).status_code == 404
    assert client.post(URL, {"team": "not-a-number"}).status_code == 404
    assert not PulseAnswer.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_stakeholders_do_not_answer(client, world, method):
    response = getattr(signed_in(world.sam, client), method)(URL)
    assert response.status_code == 403


def test_someone_in_no_team_is_told_so(client, world):
    page = signed_in(world.admin, client).get(URL).content.decode()
    assert "You are not in a team yet" in page
