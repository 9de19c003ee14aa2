"""The teams' administration pages: the hierarchy, a team's settings and people, archiving."""

from django.test import Client
from django.urls import reverse

from conftest import signed_in
from okrs.api.actions import create_token
from okrs.organizations.actions import archive_team
from okrs.organizations.models import AdministrativeChange, Membership, Team


def test_the_list_shows_the_hierarchy_in_order(world):
    body = signed_in(world.admin).get(reverse("administration-teams")).content.decode()

    rows = [body.index(f">{name}</a>") for name in ("Acme Water", "Marketing", "Growth", "Support")]
    assert rows == sorted(rows)
    assert 'class="depth-2"' in body


def test_archived_teams_are_listed_apart(world):
    archive_team(world.support)

    body = signed_in(world.admin).get(reverse("administration-teams")).content.decode()

    assert body.index("Archived teams") < body.index(">Support</a>")


def test_create_a_team_below_a_parent(world):
    response = signed_in(world.admin).post(
        reverse("administration-team-new"),
        {"name": "Events", "level": "tactical", "parent": world.marketing.pk, "mission": "Meet"},
    )

    events = Team.objects.get(organization=world.org, name="Events")
    assert response.status_code == 302
    assert response.url == reverse("administration-team", args=[events.slug])
    assert (events.parent, events.level, events.mission) == (world.marketing, "tactical", "Meet")
    assert AdministrativeChange.objects.of(world.org).get().action == "team.created"


def test_a_new_team_without_a_name_is_refused_with_the_field_named(world):
    response = signed_in(world.admin).post(
        reverse("administration-team-new"), {"name": "", "level": "tactical"}
    )

    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"name", "parent"}
    assert Team.objects.of(world.org).count() == 4


def test_a_strategic_team_below_a_strategic_one_is_refused_on_the_parent(world):
    response = signed_in(world.admin).post(
        reverse("administration-team-new"),
        {"name": "Pricing", "level": "strategic", "parent": world.marketing.pk},
    )

    assert response.status_code == 422
    assert response.context["form"].errors["parent"] == [
        "A strategic team cannot sit below a strategic team."
    ]
    assert not Team.objects.filter(name="Pricing").exists()


def test_rename_and_move_a_team(world):
    finance = Team.objects.create(
        organization=world.org,
        name="Finance",
        slug="finance",
        level="strategic",
        parent=world.company,
    )

    response = signed_in(world.admin).post(
        reverse("administration-team", args=["support"]),
        {"name": "Customer care", "level": "tactical", "parent": finance.pk, "mission": ""},
    )

    support = Team.objects.get(pk=world.support.pk)
    assert response.status_code == 302
    assert (support.name, support.parent, support.slug) == ("Customer care", finance, "support")


def test_the_parent_picker_leaves_out_the_team_and_those_below_it(world):
    response = signed_in(world.admin).get(reverse("administration-team", args=["marketing"]))

    offered = {label for _, label in response.context["form"].fields["parent"].choices}
    assert offered == {"Acme Water (company)"}


def test_a_parent_below_the_team_is_refused_and_nothing_changes(world):
    response = signed_in(world.admin).post(
        reverse("administration-team", args=["marketing"]),
        {"name": "Marketing", "level": "strategic", "parent": world.growth.pk},
    )

    assert response.status_code == 422
    assert "parent" in response.context["form"].errors
    assert Team.objects.get(pk=world.marketing.pk).parent == world.company


def test_a_level_its_teams_below_cannot_sit_under_is_refused_by_name(world):
    response = signed_in(world.admin).post(
        reverse("administration-team", args=["marketing"]),
        {"name": "Marketing", "level": "tactical", "parent": world.company.pk},
    )

    assert response.status_code == 422
    assert "Growth (tactical), Support (tactical)" in response.content.decode()
    assert Team.objects.get(pk=world.marketing.pk).level == "strategic"


def test_the_company_team_keeps_its_place_when_renamed(world):
    response = signed_in(world.admin).post(
        reverse("administration-team", args=["acme"]),
        {"name": "Acme Water Ltd", "level": "strategic", "parent": world.marketing.pk},
    )

    company = Team.objects.get(pk=world.company.pk)
    assert response.status_code == 302
    assert (company.name, company.level, company.parent) == ("Acme Water Ltd", "company", None)


def test_add_a_member_change_the_role_and_remove_them(world):
    client = signed_in(world.admin)
    team = reverse("administration-team", args=["growth"])

    client.post(f"{team}members/", {"person": world.bob.pk, "role": "member"})
    client.post(f"{team}members/{world.bob.pk}/role/", {"role": "lead"})
    assert Membership.objects.get(person=world.bob, team=world.growth).role == "lead"

    client.post(f"{team}members/{world.bob.pk}/remove/")
    assert not Membership.objects.filter(person=world.bob, team=world.growth).exists()


def test_adding_someone_not_offered_is_refused_with_the_field_named(world, other_world):
    response = signed_in(world.admin).post(
        reverse("administration-member-add", args=["growth"]),
        {"person": other_world["person"].pk, "role": "member"},
    )

    assert response.status_code == 422
    assert "person" in response.context["member_form"].errors
    assert not Membership.objects.filter(person=other_world["person"], team=world.growth).exists()


def test_archive_then_unarchive_a_team(world):
    client = signed_in(world.admin)

    client.post(reverse("administration-team-archive", args=["support"]))
    assert Team.objects.get(pk=world.support.pk).is_archived()
    page = client.get(reverse("administration-team", args=["support"])).content.decode()
    assert "takes no new members" in page

    client.post(reverse("administration-team-unarchive", args=["support"]))
    assert not Team.objects.get(pk=world.support.pk).is_archived()


def test_archiving_a_team_with_teams_in_use_below_says_why(world):
    response = signed_in(world.admin).post(
        reverse("administration-team-archive", args=["marketing"]), follow=True
    )

    assert "Teams below Marketing are still in use" in response.content.decode()
    assert not Team.objects.get(pk=world.marketing.pk).is_archived()


def test_an_archived_team_is_not_offered_for_new_objectives(world):
    archive_team(world.support)

    response = signed_in(world.admin).get(reverse("objective-new"))

    assert world.support not in response.context["form"].fields["team"].queryset
    assert world.growth in response.context["form"].fields["team"].queryset


def test_an_archived_teams_objectives_stay_readable(world):
    objective = world.objective(team=world.support)
    archive_team(world.support)

    client = signed_in(world.alice)
    assert client.get(reverse("objective", args=[objective.pk])).status_code == 200
    team_page = client.get(reverse("team", args=["support"]) + f"?cycle={world.quarter.pk}")
    assert objective.title in team_page.content.decode()
    assert "Archived" in team_page.content.decode()


def test_another_organisations_team_is_unknown(world, other_world):
    client = signed_in(world.admin)
    slug = other_world["team"].slug

    assert client.get(reverse("administration-team", args=[slug])).status_code == 404
    assert client.post(reverse("administration-team-archive", args=[slug])).status_code == 404
    member = reverse("administration-member-remove", args=["growth", other_world["person"].pk])
    assert client.post(member).status_code == 404


def test_members_may_not_open_the_teams_administration(world):
    client = signed_in(world.alice)

    assert client.get(reverse("administration-teams")).status_code == 403
    assert client.get(reverse("administration-team", args=["growth"])).status_code == 403


def test_an_archived_team_takes_no_new_objective_through_the_api(world):
    archive_team(world.support)
    token = create_token(world.admin, "test")[1]

    response = Client().post(
        "/api/v1/objectives",
        {"title": "Answer every call", "cycle_id": world.quarter.pk, "team_id": world.support.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 422
    assert "Support is archived" in response.content.decode()
    assert not world.support.objectives.exists()
