"""Each action that changes OKRs queues its event with the documented data."""

from datetime import datetime

import pytest

from okrs.cycles.actions import set_cycle_state
from okrs.objectives.actions import (
    StaleVersion,
    create_objective,
    record_check_in,
    update_key_result,
    update_objective,
)
from okrs.planning.actions import share_draft
from okrs.webhooks.models import Delivery

OBJECTIVE_KEYS = {
    "id", "ref", "title", "description", "status", "ambition", "cycle_id", "team_id",
    "owner_id", "grade", "version", "created_at", "updated_at",
}  # fmt: skip
KEY_RESULT_KEYS = {
    "id", "ref", "objective_id", "title", "type", "unit", "start", "target", "current",
    "confidence", "direction", "kind", "weight", "team_id", "linked_objective_id", "grade",
    "version", "checked_in_at", "updated_at",
}  # fmt: skip


def data_of(event: str) -> list[dict]:
    """Return the data of every queued delivery of the event, oldest first."""
    rows = Delivery.objects.filter(event=event).order_by("id")
    return [row.payload["data"] for row in rows]


@pytest.fixture
def objective(world):
    """Return a Growth draft shared with every team, created before any endpoint listens."""
    return share_draft(world.objective(status="draft"))


def test_create_objective_emits_objective_created(world, endpoint):
    objective = create_objective(
        world.quarter, "Win young donors", team=world.growth, status="active"
    )
    [data] = data_of("objective.created")
    assert set(data["objective"]) == OBJECTIVE_KEYS
    assert data["objective"]["id"] == objective.pk
    assert data["objective"]["title"] == "Win young donors"
    assert data["objective"]["team_id"] == world.growth.pk
    assert data["objective"]["cycle_id"] == world.quarter.pk
    assert data["objective"]["status"] == "active"


def test_an_unshared_draft_emits_nothing_until_it_is_published(world, endpoint):
    draft = create_objective(world.quarter, "Win young donors", team=world.growth)
    update_objective(draft, title="Win the hearts of young donors")
    key_result = world.objective(status="draft").key_results.first()
    update_key_result(key_result, target=120000)
    record_check_in(key_result, 30000, 6, author=world.alice, progress_note="Quiet start")
    assert not Delivery.objects.exists()
    update_objective(draft, status="active")
    assert [d["objective"]["title"] for d in data_of("objective.status_changed")] == [
        "Win the hearts of young donors"
    ]


def test_update_objective_emits_the_changed_fields(world, objective, endpoint):
    update_objective(objective, title="Win the hearts of young donors", grade=7)
    [data] = data_of("objective.updated")
    assert data["changed"] == ["grade", "title"]
    assert data["objective"]["title"] == "Win the hearts of young donors"
    assert data["objective"]["version"] == objective.version == 2
    assert not data_of("objective.status_changed")


def test_status_change_emits_old_and_new_status(world, objective, endpoint):
    update_objective(objective, status="active")
    assert data_of("objective.updated")[0]["changed"] == ["status"]
    [data] = data_of("objective.status_changed")
    assert data["old_status"] == "draft"
    assert data["new_status"] == "active"
    assert data["objective"]["id"] == objective.pk


def test_change_already_written_into_the_instance_is_still_seen(world, objective, endpoint):
    objective.status = "active"  # as a ModelForm does before the action runs
    update_objective(objective, status="active")
    assert data_of("objective.status_changed")[0]["old_status"] == "draft"


def test_update_without_a_change_emits_nothing(world, objective, endpoint):
    update_objective(objective, title=objective.title, team=world.growth)
    assert not Delivery.objects.exists()


def test_refused_update_emits_nothing(world, objective, endpoint):
    with pytest.raises(StaleVersion):
        update_objective(objective, version=99, status="active")
    assert not Delivery.objects.exists()


def test_check_in_emits_checkin_created(world, objective, endpoint):
    key_result = objective.key_results.first()
    check_in = record_check_in(
        key_result, 30000, 6, author=world.alice, progress_note="Campaign started"
    )
    [data] = data_of("checkin.created")
    assert data["check_in"] == {
        "id": check_in.pk,
        "key_result_id": key_result.pk,
        "objective_id": objective.pk,
        "value": 30000,
        "confidence": 6,
        "progress_note": "Campaign started",
        "problems_note": "",
        "plans_note": "",
        "author_email": "alice@acme.test",
        "checked_in_at": check_in.checked_in_at.isoformat(),
    }
    assert set(data["key_result"]) == KEY_RESULT_KEYS
    assert data["key_result"]["current"] == 30000
    assert data["key_result"]["confidence"] == 6


def test_key_result_update_emits_key_result_updated(world, objective, endpoint):
    key_result = objective.key_results.first()
    update_key_result(key_result, target=120000, unit="signatures")
    [data] = data_of("key_result.updated")
    assert data["changed"] == ["target", "unit"]
    assert data["key_result"]["target"] == 120000
    assert data["key_result"]["objective_id"] == objective.pk
    datetime.fromisoformat(data["key_result"]["updated_at"])


def test_closing_a_cycle_emits_cycle_closed_once(world, endpoint):
    set_cycle_state(world.quarter, "closed")
    set_cycle_state(world.quarter, "closed")
    [data] = data_of("cycle.closed")
    assert data["cycle"] == {
        "id": world.quarter.pk,
        "name": "2027-Q1",
        "kind": "quarter",
        "start": "2027-01-01",
        "end": "2027-03-31",
        "state": "closed",
        "parent_id": world.annual.pk,
    }


def test_other_cycle_states_emit_nothing(world, endpoint):
    set_cycle_state(world.quarter, "planning")
    set_cycle_state(world.quarter, "active")
    assert not Delivery.objects.exists()
