"""A status set by hand, removed or cleared by a check-in queues its event."""

from okrs.objectives.actions import record_check_in
from okrs.objectives.overrides import clear_override, override_status
from okrs.webhooks.models import Delivery


def data_of(event: str) -> list[dict]:
    """Return the data of every queued delivery of the event, oldest first."""
    rows = Delivery.objects.filter(event=event).order_by("id")
    return [row.payload["data"] for row in rows]


def test_setting_a_status_by_hand_emits_it_with_the_reason(world, endpoint):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    [data] = data_of("objective.status_overridden")
    assert data["objective"]["id"] == objective.pk
    assert data["override"] | {"set_at": None} == {
        "state": "at-risk",
        "reason": "Blocked by the vendor",
        "set_by_email": "alice@acme.test",
        "set_at": None,
        "cleared_at": None,
        "cleared_by_email": None,
        "ending": None,
    }


def test_removing_and_a_check_in_emit_the_clearing(world, endpoint):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    clear_override(objective, by=world.admin)
    override_status(objective, "off-track", "The vendor left", by=world.alice)
    record_check_in(objective.key_results.first(), 30000, 6, author=world.bob)
    cleared = data_of("objective.override_cleared")
    assert [(d["override"]["ending"], d["override"]["cleared_by_email"]) for d in cleared] == [
        ("removed", "admin@acme.test"),
        ("check-in", "bob@acme.test"),
    ]
    assert len(data_of("checkin.created")) == 1


def test_setting_again_emits_no_clearing(world, endpoint):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    override_status(objective, "off-track", "The vendor left", by=world.alice)
    assert len(data_of("objective.status_overridden")) == 2
    assert not data_of("objective.override_cleared")
