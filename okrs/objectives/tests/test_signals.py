"""A check-in is heard when any registered audience wants it, read with the key result's row."""

from django.db.models import Exists, Value

from okrs.objectives import signals
from okrs.objectives.models import KeyResult
from okrs.webhooks.actions import create_endpoint


def heard(key_result) -> bool:
    """Return whether the key result's check-ins are heard, as its locked read finds it."""
    rows = KeyResult.objects.filter(pk=key_result.pk)
    return rows.annotate(heard=signals.check_ins_heard()).get().heard


def test_a_check_in_is_heard_once_its_organisation_has_an_endpoint(world):
    key_result = world.objective().key_results.first()
    assert not heard(key_result)
    create_endpoint(world.org, "https://a.example.com/h", ["checkin.created"])
    assert heard(key_result)


def test_any_of_several_audiences_hears_a_check_in(world, monkeypatch):
    key_result = world.objective().key_results.first()
    everyone = Exists(KeyResult.objects.filter(pk=key_result.pk))
    monkeypatch.setitem(signals._audiences, "everyone", lambda: everyone)
    assert heard(key_result)  # no endpoint, but another audience
    monkeypatch.setitem(signals._audiences, "everyone", lambda: Value(False))
    assert not heard(key_result)
