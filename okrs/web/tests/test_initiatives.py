"""Action plans on the objective page and in check-ins: who may change them, and what shows."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import add_key_result
from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import Initiative, KeyResult

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_objective_page_lists_initiatives_under_their_key_result(client, world):
    objective = world.objective()
    kr = objective.key_results.first()
    add_initiative(kr, "Door-to-door petition weekends", owner=world.alice, status="doing")
    response = signed_in(world.alice, client).get(reverse("objective", args=[objective.pk]))
    content = response.content.decode()
    assert f'id="initiatives-{kr.pk}"' in content
    assert "Door-to-door petition weekends" in content
    assert '<span class="pill initiative-doing">Doing</span>' in content
    assert "Add an initiative" in content


def test_a_stakeholder_reads_the_plan_without_the_controls(client, world):
    objective = world.objective()
    add_initiative(objective.key_results.first(), "Partner with schools")
    content = (
        signed_in(world.sam, client).get(reverse("objective", args=[objective.pk])).content.decode()
    )
    assert "Partner with schools" in content
    assert "Add an initiative" not in content
    assert reverse("initiative-status", args=[Initiative.objects.get().pk]) not in content


def test_a_team_member_adds_an_initiative_inline(client, world):
    kr = world.objective().key_results.first()
    response = signed_in(world.alice, client).post(
        reverse("initiative-add", args=[kr.pk]),
        {"title": "Partner with schools", "owner": world.alice.pk, "status": "planned",
         "due": "2027-02-15", "link": "https://tracker.acme.test/PET-12"},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.templates[0].name == "web/_initiatives.html"
    initiative = Initiative.objects.get()
    assert (initiative.title, initiative.owner, str(initiative.due)) == (
        "Partner with schools",
        world.alice,
        "2027-02-15",
    )
    assert "Partner with schools" in response.content.decode()


def test_a_bad_link_is_refused_inline_and_nothing_written(client, world):
    kr = world.objective().key_results.first()
    response = signed_in(world.alice, client).post(
        reverse("initiative-add", args=[kr.pk]),
        {"title": "Partner with schools", "status": "planned", "link": "javascript:alert(1)"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Link: " in response.content.decode()
    assert not Initiative.objects.exists()


def test_the_status_moves_inline_and_the_change_is_recorded(client, world):
    initiative = add_initiative(world.objective().key_results.first(), "Partner with schools")
    response = signed_in(world.alice, client).post(
        reverse("initiative-status", args=[initiative.pk]), {"status": "done"}, **HTMX
    )
    assert response.status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == "done"
    assert initiative.history.first().history_user == world.alice


def test_edit_and_remove_go_through_the_page_without_htmx(client, world):
    objective = world.objective()
    initiative = add_initiative(objective.key_results.first(), "Partner with schools")
    signed_in(world.alice, client)
    response = client.post(
        reverse("initiative-edit", args=[initiative.pk]),
        {"title": "Partner with 10 schools", "status": "doing", "owner": "", "due": "", "link": ""},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.status) == ("Partner with 10 schools", "doing")
    client.post(reverse("initiative-remove", args=[initiative.pk]))
    assert not Initiative.objects.exists()


def test_people_outside_the_team_may_not_change_the_plan(client, world):
    initiative = add_initiative(world.objective().key_results.first(), "Partner with schools")
    kr = initiative.key_result
    for person in (world.bob, world.sam):
        signed_in(person, client)
        assert (
            client.post(reverse("initiative-add", args=[kr.pk]), {"title": "x"}).status_code == 403
        )
        status = reverse("initiative-status", args=[initiative.pk])
        assert client.post(status, {"status": "done"}).status_code == 403
        assert client.post(reverse("initiative-remove", args=[initiative.pk])).status_code == 403
    assert Initiative.objects.get().status == "planned"


def test_an_unshared_drafts_plan_is_not_found_outside_its_team(client, world):
    draft = world.objective(status="draft")
    initiative = add_initiative(draft.key_results.first(), "Secret plan")
    signed_in(world.bob, client)
    assert client.get(reverse("objective", args=[draft.pk])).status_code == 404
    status = reverse("initiative-status", args=[initiative.pk])
    assert client.post(status, {"status": "done"}).status_code == 404


def test_the_check_in_page_shows_the_plan_and_moves_it_in_the_same_submit(client, world):
    kr = world.objective().key_results.first()
    started = add_initiative(kr, "Partner with schools")
    finished = add_initiative(kr, "Door-to-door weekends", status="doing")
    untouched = add_initiative(kr, "Radio spots")
    signed_in(world.alice, client)
    page = client.get(reverse("check-in", args=[kr.pk])).content.decode()
    assert "Action plan: what we did, what moved" in page
    assert f'name="initiative-{started.pk}"' in page
    response = client.post(
        reverse("check-in", args=[kr.pk]),
        {"value": 40000, "confidence": 7, f"initiative-{started.pk}": "doing",
         f"initiative-{finished.pk}": "done", f"initiative-{untouched.pk}": "planned"},
        follow=True,
    )  # fmt: skip
    assert "Checked in on “Grow petition signatures from 20,000 to 100,000” and moved 2" in (
        response.content.decode()
    )
    assert dict(Initiative.objects.values_list("title", "status")) == {
        "Partner with schools": "doing",
        "Door-to-door weekends": "done",
        "Radio spots": "planned",
    }


def test_a_refused_check_in_moves_no_initiative(client, world):
    kr = world.objective().key_results.first()
    initiative = add_initiative(kr, "Partner with schools")
    response = signed_in(world.alice, client).post(
        reverse("check-in", args=[kr.pk]),
        {"value": "", "confidence": 7, f"initiative-{initiative.pk}": "done"},
    )
    assert response.status_code == 422
    assert Initiative.objects.get().status == "planned"
    assert '<option value="done" selected>' in response.content.decode()


def test_the_coach_offers_to_move_an_activity_to_the_action_plan(client, world):
    objective = world.objective()
    activity = add_key_result(objective, "Launch the petition website", type="binary")
    signed_in(world.alice, client)
    page = client.get(reverse("objective-edit", args=[objective.pk])).content.decode()
    assert reverse("move-to-action-plan", args=[activity.pk]) in page
    assert "Move to the action plan" in page
    wait = objective.key_results.all()[1]
    response = client.post(
        reverse("move-to-action-plan", args=[activity.pk]), {"under": wait.pk}, follow=True
    )
    assert "is now an initiative under “Reduce wait time from 9 to 3 days”" in (
        response.content.decode()
    )
    assert Initiative.objects.get().key_result == wait
    assert not KeyResult.objects.filter(pk=activity.pk).exists()


def test_the_live_coach_offers_the_move_only_to_who_may_edit(client, world):
    objective = world.objective()
    activity = add_key_result(objective, "Launch the petition website", type="binary")
    rows = list(objective.key_results.all())
    data = {"title": objective.title, "kr-TOTAL_FORMS": str(len(rows)), "team": world.growth.pk}
    for n, kr in enumerate(rows):
        data |= {f"kr-{n}-title": kr.title, f"kr-{n}-id": kr.pk, f"kr-{n}-type": kr.type}
    move = reverse("move-to-action-plan", args=[activity.pk])
    mine = signed_in(world.alice, client).post(reverse("coach-draft"), data).content.decode()
    assert move in mine
    theirs = signed_in(world.bob, client).post(reverse("coach-draft"), data).content.decode()
    assert "kr-is-activity" in theirs
    assert move not in theirs
    assert client.post(move).status_code == 403
