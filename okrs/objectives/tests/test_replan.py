"""Re-planning a key result once its cycle has started: a reason, and the earlier plan kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in
from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import update_key_result
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.history import objective_history
from okrs.objectives.models import KeyResult, KeyResultPlan
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)
REASON = "The vendor we counted on left: half the reach"


@pytest.fixture
def running(world, clock):
    """Return Growth's objective in 2027-Q1, on a day half way through the quarter."""
    objective = world.objective()
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    return objective


@pytest.fixture
def signatures(running):
    """Return the signatures key result, 20,000 -> 100,000."""
    return running.key_results.get(position=0)


def plans(key_result) -> list[tuple]:
    """Return the kept plans of the key result: start, target, who and why, oldest first."""
    return list(
        KeyResultPlan.objects.filter(key_result=key_result).values_list(
            "start", "target", "set_by__name", "reason"
        )
    )


def test_a_replan_without_a_reason_is_refused_naming_the_reason_and_changes_nothing(signatures):
    with pytest.raises(ValidationError) as refused:
        update_key_result(signatures, target=60000)
    assert set(refused.value.message_dict) == {"reason"}
    assert "say why" in refused.value.message_dict["reason"][0]
    stored = KeyResult.objects.get(pk=signatures.pk)
    assert (stored.target, stored.version) == (100000, 1)
    assert plans(signatures) == []


def test_a_replan_keeps_the_baseline_and_records_who_and_why(world, signatures):
    update_key_result(signatures, target=60000, reason=f"  {REASON} ", by=world.alice)
    assert KeyResult.objects.get(pk=signatures.pk).target == 60000
    assert plans(signatures) == [
        (20000, 100000, None, ""),
        (20000, 60000, "Alice Doe", REASON),
    ]
    baseline, replan = KeyResultPlan.objects.filter(key_result=signatures)
    assert baseline.is_baseline() and not replan.is_baseline()
    record = signatures.history.first()
    assert (record.history_user, record.history_change_reason) == (world.alice, REASON)


def test_each_later_replan_adds_one_version(world, signatures):
    update_key_result(signatures, target=60000, reason=REASON, by=world.alice)
    update_key_result(signatures, start=25000, reason="Counted again", by=world.alice)
    assert [p[:2] for p in plans(signatures)] == [(20000, 100000), (20000, 60000), (25000, 60000)]


def test_other_fields_change_without_a_reason(signatures):
    update_key_result(signatures, title="Grow signatures to 100,000", unit="signatures")
    assert plans(signatures) == []


def test_before_the_cycle_starts_or_on_a_draft_the_plan_is_still_being_made(world, clock):
    planned = world.objective().key_results.get(position=0)
    update_key_result(planned, target=90000)  # 7 Dec 2026: 2027-Q1 has not started
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    drafted = world.objective(status="draft").key_results.get(position=0)
    update_key_result(drafted, target=80000)
    assert KeyResultPlan.objects.count() == 0


def edit_form(objective, first, second, **first_fields) -> dict:
    """Return the objective's edit form as posted, the first key result's fields changed."""
    data = {
        "title": objective.title,
        "team": objective.team_id,
        "cycle": objective.cycle_id,
        "status": objective.status,
        "ambition": objective.ambition,
        "description": "",
        "hypothesis": "",
        "version": objective.version,
        "kr-TOTAL_FORMS": "2",
        "kr-INITIAL_FORMS": "2",
        "kr-MIN_NUM_FORMS": "0",
        "kr-MAX_NUM_FORMS": "10",
        "kr-0-id": first.pk,
        "kr-1-id": second.pk,
    }
    for index, kr in enumerate((first, second)):
        for name in KEY_RESULT_EDITABLE:
            value = getattr(kr, name)
            if name != "balancing" or value:
                data[f"kr-{index}-{name}"] = "" if value is None else value
    data.update({f"kr-0-{name}": value for name, value in first_fields.items()})
    return data


def test_the_edit_form_asks_why_once_the_cycle_runs_and_refuses_a_silent_replan(
    client, world, running, signatures
):
    second = running.key_results.get(position=1)
    url = reverse("objective-edit", args=[running.pk])
    signed_in(world.alice, client)
    assert 'name="kr-0-reason"' in client.get(url).content.decode()

    refused = client.post(url, edit_form(running, signatures, second, target=60000))

    assert refused.status_code == 422
    kr_form = refused.context["formset"].forms[0]
    assert "say why" in kr_form.errors["reason"][0]
    assert 'id="id_kr-0-reason"' in refused.content.decode()
    assert KeyResult.objects.get(pk=signatures.pk).target == 100000

    saved = client.post(url, edit_form(running, signatures, second, target=60000, reason=REASON))

    assert saved.status_code == 302
    assert plans(signatures)[-1] == (20000, 60000, "Alice Doe", REASON)
    entry = next(e for e in objective_history(running) if e.reason == REASON)
    assert entry.who() == "Alice Doe"
    assert "changed the target from “100,000” to “60,000”" in entry.summary()
    page = client.get(reverse("objective-history", args=[running.pk])).content.decode()
    assert REASON in page


def test_the_form_asks_no_reason_before_the_cycle_starts(client, world):
    objective = world.objective()
    url = reverse("objective-edit", args=[objective.pk])
    assert 'name="kr-0-reason"' not in signed_in(world.alice, client).get(url).content.decode()


def test_the_api_refuses_a_replan_without_a_reason_naming_the_field(world, signatures):
    api = ApiClient(world.alice)

    refused = api.patch(f"/key-results/{signatures.pk}", {"target": 60000})

    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["reason"]
    assert KeyResult.objects.get(pk=signatures.pk).target == 100000

    saved = api.patch(f"/key-results/{signatures.pk}", {"target": 60000, "reason": REASON})

    assert saved.status_code == 200, saved.content
    assert saved.json()["target"] == 60000
    assert plans(signatures)[-1] == (20000, 60000, "Alice Doe", REASON)
