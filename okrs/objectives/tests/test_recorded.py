"""History records stay complete while their manager class is built once."""

from okrs.objectives.actions import add_key_result, record_check_in
from okrs.objectives.models import CheckIn, KeyResult, Objective


def test_the_history_manager_class_is_made_once_per_model():
    for model in (Objective, KeyResult, CheckIn):
        assert type(model.history) is type(model.history)


def test_check_ins_are_still_recorded_in_history(world):
    key_result = add_key_result(world.objective(), "Signed customers", start=0, target=10)
    first = record_check_in(key_result, 3, 6, author=world.alice)
    record_check_in(key_result, 5, 7, author=world.alice)
    records = CheckIn.history.filter(key_result_id=key_result.pk).order_by("history_date")
    assert [(r.id, r.value, r.history_type) for r in records][0] == (first.pk, 3, "+")
    assert [r.value for r in records] == [3, 5]
    assert [r.value for r in first.history.all()] == [3]
