"""Setting an objective's status by hand on its page: shown beside the computed status."""

import re

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import StatusOverride
from okrs.objectives.overrides import override_status


def text(response) -> str:
    """Return the page's words without markup, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()).replace(" :", ":")


def test_the_lead_sets_a_status_shown_beside_the_computed_one(client, world):
    objective = world.objective()
    signed_in(world.alice, client)
    response = client.post(
        reverse("objective-override", args=[objective.pk]),
        {"state": "at-risk", "reason": "Blocked by the vendor"},
        follow=True,
    )
    content = response.content.decode()
    assert "Status set to At risk by hand, until the next check-in." in content
    assert "Set by hand At risk by Alice Doe on 7 Dec: Blocked by the vendor" in text(response)
    assert response.context["card"].state == "not-started"  # the computed state stays
    assert '<span class="pill not-started">Not started</span>' in content


def test_a_missing_reason_is_refused_with_a_clear_error_and_nothing_written(client, world):
    objective = world.objective()
    response = signed_in(world.alice, client).post(
        reverse("objective-override", args=[objective.pk]), {"state": "at-risk", "reason": ""}
    )
    assert response.status_code == 422
    assert "Reason: say why the status is set by hand" in response.content.decode()
    assert not StatusOverride.objects.exists()


def test_a_long_reason_is_refused_naming_the_limit(client, world):
    objective = world.objective()
    response = signed_in(world.alice, client).post(
        reverse("objective-override", args=[objective.pk]),
        {"state": "off-track", "reason": "x" * 281},
    )
    assert response.status_code == 422
    assert "Reason: 280 characters at most (this one has 281)." in response.content.decode()
    assert not StatusOverride.objects.exists()


def test_a_draft_is_refused_with_a_clear_message(client, world):
    draft = world.objective(status="draft")
    response = signed_in(world.alice, client).post(
        reverse("objective-override", args=[draft.pk]),
        {"state": "at-risk", "reason": "Blocked by the vendor"},
    )
    assert response.status_code == 422
    assert "A draft is not measured yet" in response.content.decode()
    assert not StatusOverride.objects.exists()


def test_a_team_member_who_does_not_lead_is_refused(client, world):
    objective = world.objective(team=world.support)
    response = signed_in(world.bob, client).post(
        reverse("objective-override", args=[objective.pk]),
        {"state": "at-risk", "reason": "Blocked by the vendor"},
    )
    assert response.status_code == 403
    assert not StatusOverride.objects.exists()


def test_the_form_is_offered_only_to_who_may_set_the_status(client, world):
    objective = world.objective(team=world.support)
    as_bob = signed_in(world.bob, client).get(reverse("objective", args=[objective.pk]))
    assert "Set the status by hand" not in as_bob.content.decode()
    as_admin = signed_in(world.admin).get(reverse("objective", args=[objective.pk]))
    assert "Set the status by hand" in as_admin.content.decode()


def test_removing_shows_the_computed_state_alone(client, world):
    objective = world.objective()
    override_status(objective, "off-track", "Budget frozen", by=world.alice)
    response = signed_in(world.admin, client).post(
        reverse("objective-override-clear", args=[objective.pk]), follow=True
    )
    assert "Removed the status set by hand" in response.content.decode()
    assert response.context["card"].override is None
    assert StatusOverride.objects.get().ending == "removed"


def test_cards_on_my_okrs_and_the_team_page_show_the_status(client, world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    signed_in(world.alice, client)
    for url in (reverse("home"), reverse("team", args=["growth"])):
        response = client.get(url, {"cycle": world.quarter.pk})
        assert "Set by hand At risk by Alice Doe on 7 Dec: Blocked by the vendor" in text(
            response
        ), url


def test_a_check_in_clears_what_the_page_shows(client, world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)
    content = signed_in(world.alice, client).get(reverse("objective", args=[objective.pk]))
    assert f'id="override-{objective.pk}"' not in content.content.decode()
