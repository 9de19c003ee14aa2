"""Checking in on a key result from the pages: quick inline, full form, and who may."""

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.models import CheckIn


@pytest.fixture
def kr(world):
    """Return Growth's first key result (signatures from 20,000 to 100,000)."""
    return world.objective().key_results.get(position=0)


def test_inline_check_in_records_and_returns_the_updated_row(client, world, kr):
    signed_in(world.alice, client)
    response = client.post(
        reverse("check-in", args=[kr.pk]),
        {"inline": "1", "value": "60000", "confidence": "7", "progress_note": "Half way"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.context["kr_card"].progress == pytest.approx(0.5)
    assert 'id="kr-' in response.content.decode() and "Saved" in response.content.decode()
    kr.refresh_from_db()
    assert (kr.current, kr.confidence) == (60000, 7)
    assert CheckIn.objects.get(key_result=kr).author == world.alice


def test_full_form_check_in_redirects_to_the_objective(client, world, kr):
    signed_in(world.alice, client)
    response = client.post(
        reverse("check-in", args=[kr.pk]),
        {
            "value": "30000",
            "confidence": "4",
            "problems_note": "Slow start",
            "plans_note": "Go door to door",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("objective", args=[kr.objective_id])
    check_in = CheckIn.objects.get(key_result=kr)
    assert (check_in.problems_note, check_in.plans_note) == ("Slow start", "Go door to door")


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, world, kr):
    signed_in(world.alice, client)
    response = client.post(
        reverse("check-in", args=[kr.pk]),
        {"value": "lots", "confidence": "11", "progress_note": "Keep me"},
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "value" in form.errors and "confidence" in form.errors
    assert "Keep me" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_inline_bad_input_shows_the_error_in_the_row(client, world, kr):
    signed_in(world.alice, client)
    response = client.post(
        reverse("check-in", args=[kr.pk]),
        {"inline": "1", "value": "", "confidence": "5", "progress_note": "typed"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter the key result" in content and 'value="typed"' in content
    assert not CheckIn.objects.exists()


def test_binary_key_result_checks_in_as_done(client, world, kr):
    from okrs.objectives.actions import add_key_result

    milestone = add_key_result(kr.objective, "Water law passed", type="binary", start=0, target=1)
    signed_in(world.alice, client)
    client.post(reverse("check-in", args=[milestone.pk]), {"value": "1", "confidence": "9"})
    milestone.refresh_from_db()
    assert milestone.current == 1 and milestone.own_progress() == 1.0


@pytest.mark.parametrize("persona", ["bob", "sam"])
def test_people_outside_the_team_cannot_check_in(client, world, kr, persona):
    signed_in(getattr(world, persona), client)
    response = client.post(reverse("check-in", args=[kr.pk]), {"value": "1", "confidence": "5"})
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_another_teams_unshared_draft_is_not_found(client, world):
    draft = world.objective(status="draft").key_results.get(position=0)
    signed_in(world.bob, client)
    assert client.get(reverse("check-in", args=[draft.pk])).status_code == 404
    response = client.post(reverse("check-in", args=[draft.pk]), {"value": "1", "confidence": "5"})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()
    signed_in(world.alice, client)
    assert client.get(reverse("check-in", args=[draft.pk])).status_code == 200


def test_admin_may_check_in_on_any_team(client, world, kr):
    signed_in(world.admin, client)
    client.post(reverse("check-in", args=[kr.pk]), {"value": "25000", "confidence": "6"})
    assert CheckIn.objects.filter(key_result=kr, author=world.admin).exists()


def test_stakeholder_sees_no_check_in_form(client, world, kr):
    signed_in(world.sam, client)
    response = client.get(reverse("objective", args=[kr.objective_id]))
    assert response.status_code == 200
    assert "inline-checkin" not in response.content.decode()


def test_closed_cycle_is_frozen(client, world, kr):
    from okrs.cycles.actions import set_cycle_state

    set_cycle_state(world.quarter, "closed")
    signed_in(world.alice, client)
    response = client.post(reverse("check-in", args=[kr.pk]), {"value": "30000", "confidence": "5"})
    assert response.status_code == 422
    assert "cycle is closed" in response.content.decode()
    assert not CheckIn.objects.exists()
    page = client.get(reverse("objective", args=[kr.objective_id])).content.decode()
    assert "inline-checkin" not in page
