"""Pushed readings: the secret, idempotency, the rate limit and bad bodies."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from okrs.objectives.models import CheckIn
from okrs.sources.actions import PUSHES_PER_MINUTE, renew_push_secret, set_source


@pytest.fixture
def pushed(signatures):
    """Return (key result, source, secret) of a push source on Growth's petition key result."""
    made = set_source(signatures, name="CI job", kind="push")
    return signatures, made.source, made.push_secret


def post(key_result, body, secret="", **headers):
    """POST the body to the key result's push URL and return the answer."""
    if secret:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    from okrs.sources.models import Source

    source = Source.objects.filter(key_result=key_result).first()
    url = reverse("source-push", args=[source.push_token or "none"])
    return Client().post(url, data, content_type="application/json", **headers)


def test_a_push_with_the_secret_records_a_check_in_from_the_source(pushed):
    key_result, source, secret = pushed
    answer = post(key_result, {"value": 42, "note": "nightly"}, secret)
    assert answer.status_code == 201
    check_in = CheckIn.objects.get(pk=answer.json()["check_in"])
    assert (check_in.value, check_in.source, check_in.progress_note) == (42, "CI job", "nightly")


def test_the_secret_is_stored_hashed(pushed):
    _, source, secret = pushed
    assert secret not in source.push_secret_hash and len(source.push_secret_hash) == 64


@pytest.mark.parametrize("secret", ["", "okrs_src_wrong"])
def test_a_push_without_the_right_secret_is_refused_with_401(pushed, secret):
    key_result, _, _ = pushed
    answer = post(key_result, {"value": 42}, secret)
    assert answer.status_code == 401
    assert "Authorization: Bearer" in answer.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_renewed_secret_replaces_the_old_one(pushed):
    key_result, source, old = pushed
    new = renew_push_secret(source)
    assert post(key_result, {"value": 1}, old).status_code == 401
    assert post(key_result, {"value": 1}, new).status_code == 201


def test_the_same_idempotency_key_records_once(pushed):
    key_result, _, secret = pushed
    first = post(key_result, {"value": 42}, secret, HTTP_IDEMPOTENCY_KEY="run-7")
    again = post(key_result, {"value": 43}, secret, HTTP_IDEMPOTENCY_KEY="run-7")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {"check_in": first.json()["check_in"], "value": 42, "repeated": True}
    assert CheckIn.objects.count() == 1


def test_pushes_beyond_the_rate_are_refused_with_429(pushed):
    key_result, _, secret = pushed
    for n in range(PUSHES_PER_MINUTE):
        assert post(key_result, {"value": n}, secret).status_code == 201
    answer = post(key_result, {"value": 99}, secret)
    assert answer.status_code == 429 and answer["Retry-After"] == "60"


@pytest.mark.parametrize(
    "body, status, words",
    [
        ('{"value": NaN}', 400, "not a number"),
        ('{"value": Infinity}', 400, "not a number"),
        ('{"value": 1e999}', 400, "must be a number"),
        ('{"value": "42"}', 400, "must be a number"),
        ('{"value": true}', 400, "must be a number"),
        ("[1, 2]", 400, "must be a number"),
        ("not json", 400, "not JSON"),
        ("[" * 100000 + "]" * 100000, 413, "at most"),
        ('{"value": 1, "note": "' + "x" * 3000 + '"}', 400, "note"),
        ('{"value": 1e300}', 422, "okrs can store"),
    ],
)
def test_bad_bodies_get_a_clear_error_and_record_nothing(pushed, body, status, words):
    key_result, _, secret = pushed
    answer = post(key_result, body, secret)
    assert answer.status_code == status, answer.content
    assert words in answer.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_push_to_a_pulled_source_is_refused(answers, signatures):
    from .conftest import http_source

    http_source(signatures, answers.base + "/search/issues")
    assert post(signatures, {"value": 1}, "okrs_src_x").status_code == 404
