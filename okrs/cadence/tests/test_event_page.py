"""An event's page: its purpose, its time, what it looks at, and notes only its team may edit."""

from datetime import UTC, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cadence.actions import update_team_cadence
from okrs.cadence.models import CadenceEvent
from okrs.cadence.tests.conftest import BEFORE_Q1, scheduled
from okrs.objectives.actions import record_check_in, update_objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role

HTMX = {"HTTP_HX_REQUEST": "true"}


def event(quarter, slot, team=None):
    return CadenceEvent.objects.get(cycle=quarter, slot=slot, team=team)


def growth_event(world, quarter, slot):
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)
    return event(quarter, slot, world.growth)


def test_a_check_in_lists_the_key_results_not_checked_in_within_the_window(client, world, quarter):
    objective = world.objective()
    signatures, wait_time = objective.key_results.order_by("position", "id")
    record_check_in(signatures, 30000, 7, at=datetime(2027, 1, 12, tzinfo=UTC))
    record_check_in(wait_time, 8, 6, at=datetime(2026, 12, 1, tzinfo=UTC))
    check_in = event(quarter, "check-in:2027-01-19")

    response = signed_in(world.alice, client).get(check_in.get_absolute_url())

    assert response.status_code == 200
    found = response.context["check_in"]
    assert [kr.title for kr in found["due"]] == [wait_time.title]
    assert (found["checked"], found["total"]) == (1, 2)
    content = response.content.decode()
    assert "Inspects actual against expected results" in content
    assert reverse("check-in", args=[wait_time.pk]) in content


def test_a_check_in_after_the_event_does_not_count_for_it(client, world, quarter):
    objective = world.objective()
    for kr in objective.key_results.all():
        record_check_in(kr, 1, 5, at=datetime(2027, 1, 25, tzinfo=UTC))

    response = signed_in(world.alice, client).get(
        event(quarter, "check-in:2027-01-19").get_absolute_url()
    )

    assert len(response.context["check_in"]["due"]) == 2


def test_only_those_who_may_write_the_key_results_get_a_check_in_link(client, world, quarter):
    objective = world.objective()
    url = event(quarter, "check-in:2027-01-19").get_absolute_url()
    check_in_link = reverse("check-in", args=[objective.key_results.first().pk])

    assert check_in_link not in signed_in(world.bob, client).get(url).content.decode()
    assert check_in_link not in signed_in(world.sam, client).get(url).content.decode()
    assert check_in_link in signed_in(world.admin, client).get(url).content.decode()


def test_a_teams_check_in_looks_only_at_its_own_key_results(client, world, quarter):
    world.objective()
    world.objective(team=world.support, title="Answer every customer within a day")
    check_in = growth_event(world, quarter, "check-in:2027-01-12")

    response = signed_in(world.alice, client).get(check_in.get_absolute_url())

    assert {kr.objective.team for kr in response.context["check_in"]["due"]} == {world.growth}


def test_a_review_shows_the_teams_objectives_and_links_to_them(client, world, quarter):
    objective = world.objective()
    world.objective(team=world.support, title="Answer every customer within a day")
    review = growth_event(world, quarter, "review:1")

    response = signed_in(world.sam, client).get(review.get_absolute_url())

    assert [row["id"] for row in response.context["reviewed"]] == [objective.pk]
    content = response.content.decode()
    assert f"/teams/growth/?cycle={quarter.pk}" in content
    assert reverse("objective", args=[objective.pk]) in content
    assert "Stakeholders take part" in content


def test_an_organisation_wide_review_shows_every_teams_objectives(client, world, quarter):
    world.objective()
    world.objective(team=world.support, title="Answer every customer within a day")

    response = signed_in(world.sam, client).get(event(quarter, "review:1").get_absolute_url())

    assert {row["team__name"] for row in response.context["reviewed"]} == {"Growth", "Support"}


def test_planning_counts_drafts_and_links_to_the_planning_board(client, world, quarter):
    world.objective(status="draft")
    world.objective(title="A second draft objective", status="draft")
    world.objective(title="An active objective")

    response = signed_in(world.alice, client).get(event(quarter, "planning").get_absolute_url())

    assert response.context["counts"]["drafts"] == 2
    content = response.content.decode()
    assert "2 drafts of 3 objectives" in content
    assert f"/planning/?cycle={quarter.pk}" in content


def test_the_evaluation_counts_scored_objectives(client, world, quarter):
    scored = world.objective()
    world.objective(title="Not scored yet")
    update_objective(scored, grade=7)

    response = signed_in(world.alice, client).get(event(quarter, "evaluation").get_absolute_url())

    assert "1 of 2 objectives scored" in response.content.decode()


def test_the_page_shows_the_time_in_the_events_time_zone(client, world, quarter):
    check_in = event(quarter, "check-in:2027-01-19")

    content = signed_in(world.bob, client).get(check_in.get_absolute_url()).content.decode()

    assert "Tuesday 19 January 2027, 10:00–10:30" in content
    assert "(UTC)" in content


def test_a_team_member_edits_notes_in_place(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    url = reverse("cadence-event-notes", args=[check_in.pk])

    response = signed_in(world.alice, client).post(
        url, {"notes": "Bring the funnel numbers", "location": "Room 4"}, **HTMX
    )

    assert response.status_code == 200
    assert "Saved" in response.content.decode()
    assert 'id="event-notes"' in response.content.decode()
    check_in.refresh_from_db()
    assert (check_in.notes, check_in.location, check_in.edited) == (
        "Bring the funnel numbers",
        "Room 4",
        True,
    )


def test_notes_without_htmx_redirect_back_to_the_event(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")

    response = signed_in(world.alice, client).post(
        reverse("cadence-event-notes", args=[check_in.pk]), {"notes": "Agenda", "location": ""}
    )

    assert response.status_code == 302 and response.url == check_in.get_absolute_url()


def test_a_too_long_place_keeps_what_was_typed_and_says_why(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    place = "x" * 301

    response = signed_in(world.alice, client).post(
        reverse("cadence-event-notes", args=[check_in.pk]), {"notes": "Kept", "location": place}
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert "at most 300 characters" in content
    assert f'value="{place}"' in content and "Kept</textarea>" in content
    check_in.refresh_from_db()
    assert check_in.notes == ""


def test_a_stakeholder_reads_but_cannot_edit(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    sam = signed_in(world.sam, client)

    content = sam.get(check_in.get_absolute_url()).content.decode()
    assert 'name="notes"' not in content and "Change the time" not in content
    assert "Stakeholders read the cadence" in content

    response = sam.post(reverse("cadence-event-notes", args=[check_in.pk]), {"notes": "Mine"})
    assert response.status_code == 403
    check_in.refresh_from_db()
    assert check_in.notes == ""


def test_another_teams_member_cannot_edit_the_teams_event(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    bob = signed_in(world.bob, client)

    assert 'name="notes"' not in bob.get(check_in.get_absolute_url()).content.decode()
    response = bob.post(reverse("cadence-event-notes", args=[check_in.pk]), {"notes": "Mine"})
    assert response.status_code == 403
    moved = {"day": "2027-01-13", "starts": "11:00", "ends": "11:30"}
    assert bob.post(reverse("cadence-event-time", args=[check_in.pk]), moved).status_code == 403
    check_in.refresh_from_db()
    assert (check_in.notes, check_in.edited) == ("", False)


def test_organisation_wide_events_are_edited_by_admins_and_okr_leaders(client, world, quarter):
    review = event(quarter, "review:1")
    leader = add_person(world.org, "lea@acme.test", "Lea Leader", Role.OKR_LEADER, "pw-leader-99")
    url = reverse("cadence-event-notes", args=[review.pk])

    assert signed_in(world.alice, client).post(url, {"notes": "Alice"}).status_code == 403
    client.force_login(leader)
    assert client.post(url, {"notes": "Invite the board"}).status_code == 302
    review.refresh_from_db()
    assert review.notes == "Invite the board"


def test_moving_an_event_by_hand(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    moved = {"day": "2027-01-13", "starts": "11:00", "ends": "11:45"}

    response = signed_in(world.alice, client).post(
        reverse("cadence-event-time", args=[check_in.pk]), moved
    )

    assert response.status_code == 302
    check_in.refresh_from_db()
    assert check_in.starts_at == datetime(2027, 1, 13, 11, 0, tzinfo=UTC)
    assert check_in.ends_at - check_in.starts_at == timedelta(minutes=45)
    assert check_in.edited and check_in.sequence == 1


def test_moving_an_event_to_end_before_it_starts_keeps_the_input(client, world, quarter):
    check_in = growth_event(world, quarter, "check-in:2027-01-12")
    moved = {"day": "2027-01-13", "starts": "11:00", "ends": "10:00"}

    response = signed_in(world.alice, client).post(
        reverse("cadence-event-time", args=[check_in.pk]), moved
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert "The event must end after it starts." in content
    assert 'value="2027-01-13"' in content and 'value="10:00"' in content
    check_in.refresh_from_db()
    assert not check_in.edited


def test_moving_the_planning_window_by_days(client, world, quarter):
    planning = event(quarter, "planning")

    response = signed_in(world.admin, client).post(
        reverse("cadence-event-time", args=[planning.pk]),
        {"day": "2026-12-11", "last_day": "2026-12-23"},
    )

    assert response.status_code == 302
    planning.refresh_from_db()
    assert (planning.first_day().isoformat(), planning.last_day().isoformat()) == (
        "2026-12-11",
        "2026-12-23",
    )


def test_another_organisations_event_is_404(client, world, quarter, other_world):
    theirs = scheduled(other_world["cycle"])[1]
    alice = signed_in(world.alice, client)

    assert alice.get(theirs.get_absolute_url()).status_code == 404
    response = alice.post(reverse("cadence-event-notes", args=[theirs.pk]), {"notes": "x"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.notes == ""


def test_event_page_queries_do_not_grow_with_objectives(client, world, quarter):
    alice = signed_in(world.alice, client)
    world.objective()
    urls = [event(quarter, slot).get_absolute_url() for slot in ("check-in:2027-01-19", "review:1")]
    few = []
    for url in urls:
        with CaptureQueriesContext(connection) as counted:
            assert alice.get(url).status_code == 200
        few.append(len(counted))
    for n in range(6):
        team = world.support if n % 2 else world.growth
        objective = world.objective(team=team, title=f"Objective number {n}")
        record_check_in(objective.key_results.first(), 25000, 6)
    many = []
    for url in urls:
        with CaptureQueriesContext(connection) as counted:
            assert alice.get(url).status_code == 200
        many.append(len(counted))

    assert many == few


def test_long_lists_of_an_event_come_a_page_at_a_time(client, world, quarter, monkeypatch):
    from okrs.cadence.views import events

    monkeypatch.setattr(events, "PER_PAGE", 2)
    growth = world.objective()
    support = world.objective(team=world.support, title="Answer every customer within a day")
    record_check_in(
        growth.key_results.order_by("position", "id").first(),
        30000,
        7,
        at=datetime(2027, 1, 12, tzinfo=UTC),
    )
    check_in = event(quarter, "check-in:2027-01-19")
    client = signed_in(world.alice, client)
    first = client.get(check_in.get_absolute_url()).context["check_in"]
    assert (first["checked"], first["total"], len(first["due"])) == (1, 4, 2)
    second = client.get(check_in.get_absolute_url(), {"page": 2})
    assert [kr.objective for kr in second.context["check_in"]["due"]] == [support]
    content = second.content.decode()
    assert "Key results due 3–3 of 3 · page 2 of 2" in content
    assert 'href="?page=1#due-title" rel="prev"' in content

    monkeypatch.setattr(events, "PER_PAGE", 1)
    review = client.get(event(quarter, "review:1").get_absolute_url(), {"page": 2})
    assert [row["id"] for row in review.context["reviewed"]] == [support.pk]
    assert "Objectives 2–2 of 2 · page 2 of 2" in review.content.decode()
