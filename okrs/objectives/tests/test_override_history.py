"""The change log keeps every status set by hand: who set it, when, why, and how it ended."""

from django.urls import reverse

from conftest import signed_in
from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import record_check_in
from okrs.objectives.history import objective_history
from okrs.objectives.overrides import clear_override, override_status


def story(world):
    """Set a status, clear it with a check-in, set it again, set it anew, then remove it."""
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    record_check_in(objective.key_results.first(), 30000, 6, author=world.bob)
    override_status(objective, "at-risk", "Still blocked by the vendor", by=world.alice)
    override_status(objective, "off-track", "The vendor left", by=world.admin)
    clear_override(objective, by=world.admin)
    return objective


def test_the_history_lists_set_and_cleared_statuses_with_who_and_why(world):
    objective = story(world)
    entries = [e for e in objective_history(objective) if e.subject == "status set by hand"]
    assert [(e.who(), e.summary(), e.reason) for e in entries] == [
        ("Ada Admin", "removed the status set by hand (Off track)", ""),
        ("Ada Admin", "set the status to Off track by hand", "The vendor left"),
        ("Alice Doe", "set the status to At risk by hand", "Still blocked by the vendor"),
        ("Bob Roe", "checked in, which cleared the status set by hand (At risk)", ""),
        ("Alice Doe", "set the status to At risk by hand", "Blocked by the vendor"),
    ]


def test_the_history_reads_them_in_one_more_query(world, django_assert_num_queries):
    objective = story(world)
    # Key result titles, objective, key result, check-in and initiative records, statuses set by
    # hand.
    with django_assert_num_queries(6):
        objective_history(objective)


def test_the_history_page_shows_them(client, world):
    objective = story(world)
    response = signed_in(world.alice, client).get(reverse("objective-history", args=[objective.pk]))
    content = response.content.decode()
    assert "set the status to At risk by hand" in content
    assert "Blocked by the vendor" in content
    assert "checked in, which cleared the status set by hand (At risk)" in content


def test_the_api_history_counts_and_lists_them(world):
    objective = story(world)
    data = ApiClient(world.alice).get(f"/objectives/{objective.pk}/history", limit=500).json()
    assert data["count"] == len(data["items"])
    set_by_hand = [i for i in data["items"] if i["subject"] == "status set by hand"]
    assert [i["action"] for i in set_by_hand] == ["removed", "set", "set", "cleared", "set"]
    assert set_by_hand[1]["changes"] == [{"field": "state", "before": None, "after": "off-track"}]
