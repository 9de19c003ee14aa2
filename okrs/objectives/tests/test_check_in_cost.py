"""A check-in costs a fixed, small number of queries and keeps the key result in step."""

from datetime import timedelta

from django.utils import timezone

from okrs.objectives.actions import record_check_in
from okrs.objectives.models import KeyResult
from okrs.webhooks.actions import create_endpoint, update_endpoint
from okrs.webhooks.models import Delivery

# Lock-and-read, insert, history insert, key result update; inside the test's transaction
# the atomic block is a savepoint and its release (BEGIN/COMMIT outside tests).
CHECK_IN_QUERIES = 6


def test_check_in_without_endpoints_costs_pinned_queries(world, django_assert_num_queries):
    key_result = world.objective().key_results.first()
    with django_assert_num_queries(CHECK_IN_QUERIES):
        record_check_in(key_result, 30000, 6, author=world.alice)


def test_paused_endpoint_costs_no_emit_query(world, django_assert_num_queries):
    key_result = world.objective().key_results.first()
    update_endpoint(
        create_endpoint(world.org, "https://a.example.com/h", ["checkin.created"]), active=False
    )
    with django_assert_num_queries(CHECK_IN_QUERIES):
        record_check_in(key_result, 30000, 6, author=world.alice)
    assert not Delivery.objects.exists()


def test_key_result_in_memory_matches_the_database_after_a_check_in(world):
    key_result = world.objective().key_results.first()
    version = key_result.version
    check_in = record_check_in(key_result, 31000, 7, author=world.alice)
    stored = KeyResult.objects.get(pk=key_result.pk)
    assert (stored.current, stored.confidence, stored.checked_in_at, stored.version) == (
        31000,
        7,
        check_in.checked_in_at,
        version + 1,
    )
    assert (key_result.current, key_result.confidence, key_result.version) == (
        stored.current,
        stored.confidence,
        stored.version,
    )
    assert key_result.checked_in_at == stored.checked_in_at


def test_version_counts_every_change_with_updates_in_between(world):
    from okrs.objectives.actions import update_key_result

    key_result = world.objective().key_results.first()
    record_check_in(key_result, 30000, 6)
    update_key_result(KeyResult.objects.get(pk=key_result.pk), title="Signatures, renamed")
    record_check_in(key_result, 32000, 6)
    assert KeyResult.objects.get(pk=key_result.pk).version == key_result.version
    assert key_result.version == 4  # created at 1, then three changes


def test_webhook_payload_carries_the_new_current_value(world):
    key_result = world.objective().key_results.first()
    create_endpoint(world.org, "https://a.example.com/h", ["checkin.created"])
    record_check_in(key_result, 33000, 8, author=world.alice)
    data = Delivery.objects.get().payload["data"]
    assert data["check_in"]["value"] == 33000
    assert data["check_in"]["author_email"] == world.alice.email
    assert data["key_result"]["current"] == 33000


def test_back_dated_check_in_leaves_the_key_result_in_memory_alone(world):
    key_result = world.objective().key_results.first()
    record_check_in(key_result, 30000, 6)
    version = key_result.version
    record_check_in(key_result, 25000, 3, at=timezone.now() - timedelta(days=3))
    assert (key_result.current, key_result.version) == (30000, version)
    assert KeyResult.objects.get(pk=key_result.pk).version == version


def test_a_key_result_read_locked_is_not_read_again(world, django_assert_num_queries):
    from django.db import transaction

    from okrs.objectives.actions import lock_read, locked_for_check_in

    pk = world.objective().key_results.first().pk
    with transaction.atomic():
        key_result = locked_for_check_in(KeyResult.objects.all()).get(pk=pk)
        # Insert, history insert, key result update: no lock query and no savepoint.
        with django_assert_num_queries(3):
            record_check_in(key_result, 34000, 6, author=world.alice, locked=lock_read(key_result))
        with django_assert_num_queries(CHECK_IN_QUERIES):  # without it, the row is locked again
            record_check_in(key_result, 35000, 7, author=world.alice)
    stored = KeyResult.objects.get(pk=pk)
    assert (stored.current, stored.confidence, stored.version) == (35000, 7, key_result.version)


def test_a_closed_cycle_refuses_a_check_in_read_locked_and_writes_nothing(world):
    import pytest
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from okrs.cycles.actions import set_cycle_state
    from okrs.objectives.actions import lock_read, locked_for_check_in
    from okrs.objectives.models import CheckIn

    pk = world.objective().key_results.first().pk
    set_cycle_state(world.quarter, "closed")
    with pytest.raises(ValidationError, match="frozen"), transaction.atomic():
        key_result = locked_for_check_in(KeyResult.objects.all()).get(pk=pk)
        record_check_in(key_result, 34000, 6, locked=lock_read(key_result))
    assert not CheckIn.objects.filter(key_result_id=pk).exists()
