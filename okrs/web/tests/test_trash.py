"""Deleted OKRs: the owning team deletes, admins and OKR leaders see who did and restore."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import record_check_in, remove_key_result
from okrs.objectives.models import Objective


def test_the_owning_team_deletes_an_objective_from_its_page(client, world):
    objective = world.objective()
    signed_in(world.alice, client)
    assert "Delete this objective" in client.get(reverse("objective", args=[objective.pk])).text
    response = client.post(reverse("objective-delete", args=[objective.pk]))
    assert response.status_code == 302
    assert client.get(reverse("objective", args=[objective.pk])).status_code == 404
    stored = Objective.all_objects.get(pk=objective.pk)
    assert stored.deleted_by == world.alice
    assert stored.history.first().history_user == world.alice


def test_other_teams_and_stakeholders_cannot_delete(client, world):
    objective = world.objective()
    for person in (world.bob, world.sam):
        client.logout()
        response = signed_in(person, client).post(reverse("objective-delete", args=[objective.pk]))
        assert response.status_code == 403
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_admins_see_what_was_deleted_by_whom_and_restore_it(client, world):
    objective = world.objective(title="Win the hearts of young donors")
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)
    signed_in(world.alice, client).post(reverse("objective-delete", args=[objective.pk]))
    client.logout()
    page = signed_in(world.admin, client).get(reverse("trash")).text
    assert "Win the hearts of young donors" in page
    assert "Deleted by Alice Doe" in page
    response = client.post(reverse("restore-objective", args=[objective.pk]))
    assert response.headers["Location"] == reverse("objective", args=[objective.pk])
    page = client.get(reverse("objective", args=[objective.pk])).text
    assert "Grow petition signatures from 20,000 to 100,000" in page
    assert "Ada Admin</strong> restored the objective" in page
    assert "Alice Doe</strong> deleted the objective" in page
    assert "No deleted objectives." in client.get(reverse("trash")).text


def test_a_key_result_deleted_alone_is_listed_and_restored(client, world):
    objective = world.objective()
    kr = objective.key_results.last()
    remove_key_result(kr, by=world.alice)
    signed_in(world.admin, client)
    assert "Reduce wait time from 9 to 3 days" in client.get(reverse("trash")).text
    client.post(reverse("restore-key-result", args=[kr.pk]))
    assert objective.key_results.count() == 2


def test_members_do_not_see_the_trash(client, world):
    assert signed_in(world.alice, client).get(reverse("trash")).status_code == 403
    assert client.post(reverse("restore-objective", args=[1])).status_code == 403


def test_the_history_page_lists_every_change_by_pages(client, world):
    objective = world.objective()
    kr = objective.key_results.first()
    for n in range(120):
        record_check_in(kr, 20000 + n, 5, author=world.bob)
    signed_in(world.alice, client)
    url = reverse("objective-history", args=[objective.pk])
    first = client.get(url).text
    assert first.count("checked in") == 100
    assert "checked in 20,119" in first and "Older changes" in first
    second = client.get(url, {"page": 2}).text
    assert "created the objective" in second and "Older changes" not in second
    assert client.get(url, {"page": "x"}).status_code == 200
