"""Co-creation on the pages: drafted by the OKR leader, accepted by the team; coaches invited."""

import pytest
from django.urls import reverse

from conftest import PASSWORD, signed_in
from okrs.objectives.models import DraftCoach, Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role


@pytest.fixture
def leo(world):
    """Return Acme's OKR leader, in no team."""
    return add_person(world.org, "leo@acme.test", "Leo Leader", Role.OKR_LEADER, PASSWORD)


def _new_draft(client, world, title="Win the hearts of young donors", status="draft"):
    body = {
        "title": title,
        "team": world.growth.pk,
        "cycle": world.quarter.pk,
        "status": status,
        "ambition": "roofshot",
        "kr-TOTAL_FORMS": "0",
        "kr-INITIAL_FORMS": "0",
    }
    return client.post(reverse("objective-new"), body)


def test_the_okr_leader_drafts_for_a_team_which_accepts_it_on_the_objective_page(world, leo):
    _new_draft(signed_in(leo), world)
    written = Objective.objects.get(title="Win the hearts of young donors")
    assert written.drafted_by == leo
    leader_page = signed_in(leo).get(reverse("objective", args=[written.pk])).content.decode()
    assert "Drafted by the OKR leader for this team" in leader_page
    assert "Accept as Growth" not in leader_page  # the leader does not accept for the team
    alice = signed_in(world.alice)
    page = alice.get(reverse("objective", args=[written.pk])).content.decode()
    assert "Drafted by the OKR leader for this team (Leo Leader)" in page
    assert "Accept as Growth's draft" in page
    response = alice.post(reverse("objective-accept", args=[written.pk]))
    assert response.status_code == 302
    page = alice.get(reverse("objective", args=[written.pk])).content.decode()
    assert "Growth accepted it (Alice Doe" in page
    assert Objective.objects.get(pk=written.pk).accepted_by == world.alice


def test_the_leader_cannot_publish_a_draft_for_a_team(world, leo):
    response = _new_draft(signed_in(leo), world, status="active")
    assert response.status_code == 422
    assert "a member of Growth accepts it before it can be published" in response.content.decode()
    assert not Objective.objects.filter(title="Win the hearts of young donors").exists()


def test_outsiders_cannot_accept(world, leo):
    _new_draft(signed_in(leo), world)
    written = Objective.objects.get(title="Win the hearts of young donors")
    assert signed_in(leo).post(reverse("objective-accept", args=[written.pk])).status_code == 403
    assert (
        signed_in(world.bob).post(reverse("objective-accept", args=[written.pk])).status_code == 404
    )
    assert Objective.objects.get(pk=written.pk).accepted_at is None


def test_the_admin_sees_a_placeholder_until_invited_to_coach(world):
    _new_draft(signed_in(world.alice), world)
    draft = Objective.objects.get(title="Win the hearts of young donors")
    admin = signed_in(world.admin)
    team_page = admin.get(reverse("team", args=["growth"]), {"cycle": world.quarter.pk})
    assert "Draft objective (private to Growth)" in team_page.content.decode()
    assert "Win the hearts of young donors" not in team_page.content.decode()
    assert admin.get(reverse("objective", args=[draft.pk])).status_code == 404
    assert admin.get(reverse("objective-edit", args=[draft.pk])).status_code == 404
    alice = signed_in(world.alice)
    page = alice.get(reverse("objective", args=[draft.pk])).content.decode()
    assert "Invite to coach" in page and "Ada Admin (Admin)" in page
    alice.post(reverse("objective-coaches", args=[draft.pk]), {"people": [world.admin.pk]})
    assert list(DraftCoach.objects.values_list("person", flat=True)) == [world.admin.pk]
    coach_page = admin.get(reverse("objective", args=[draft.pk]))
    assert "Win the hearts of young donors" in coach_page.content.decode()
    alice.post(reverse("objective-coach-revoke", args=[draft.pk, world.admin.pk]))
    assert admin.get(reverse("objective", args=[draft.pk])).status_code == 404


def test_a_plain_member_elsewhere_sees_no_placeholder(world):
    _new_draft(signed_in(world.alice), world)
    page = signed_in(world.bob).get(reverse("team", args=["growth"]), {"cycle": world.quarter.pk})
    assert "private to Growth" not in page.content.decode()
