"""A check-in through the API with a token: pinned queries, no session, token use noted rarely."""

from datetime import timedelta

from django.utils import timezone

from okrs.api.models import ApiToken
from okrs.api.tests.conftest import ApiClient

# Token, the key result locked with what the check-in reads (visibility and memberships), insert,
# history insert, key result update, inside the test's savepoint and its release.
API_CHECK_IN_QUERIES = 7


def _check_in(client, key_result, value=30000):
    body = {"value": value, "confidence": 6, "progress_note": "On track"}
    return client.post(f"/key-results/{key_result.pk}/check-ins", body)


def test_token_check_in_costs_pinned_queries(world, django_assert_num_queries):
    key_result = world.objective().key_results.first()
    client = ApiClient(world.admin)
    assert _check_in(client, key_result).status_code == 201  # notes the token's first use
    with django_assert_num_queries(API_CHECK_IN_QUERIES):
        response = _check_in(client, key_result, 31000)
    assert response.status_code == 201
    assert response.json()["value"] == 31000


def test_a_team_members_check_in_costs_what_an_admins_does(world, django_assert_num_queries):
    key_result = world.objective().key_results.first()
    client = ApiClient(world.alice)  # a member of Growth: memberships read within the locked read
    assert _check_in(client, key_result).status_code == 201
    with django_assert_num_queries(API_CHECK_IN_QUERIES):
        response = _check_in(client, key_result, 31000)
    assert response.status_code == 201
    assert response.json()["value"] == 31000


def test_token_check_in_sets_no_session_cookie(world):
    key_result = world.objective().key_results.first()
    response = _check_in(ApiClient(world.alice), key_result)
    assert response.status_code == 201
    assert "sessionid" not in response.cookies


def test_token_use_is_written_at_most_every_few_minutes(world):
    key_result = world.objective().key_results.first()
    client = ApiClient(world.alice)
    _check_in(client, key_result)
    token = ApiToken.objects.get(person=world.alice)
    first = token.last_used_at
    assert first is not None
    _check_in(client, key_result, 31000)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(hours=1))
    _check_in(client, key_result, 32000)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_token_check_in_is_in_history_as_the_tokens_person(world):
    from okrs.objectives.models import CheckIn

    key_result = world.objective().key_results.first()
    response = _check_in(ApiClient(world.alice), key_result, 42000)
    record = CheckIn.history.get(id=response.json()["id"])
    assert (record.history_type, record.history_user, record.value) == ("+", world.alice, 42000)
