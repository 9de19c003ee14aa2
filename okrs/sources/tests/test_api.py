"""The API sets, reads, tests and removes a key result's source; secrets are never read back."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.models import CheckIn
from okrs.sources.models import Source


def github(answers, **more):
    """Return the body of an HTTP source reading the GitHub-shaped answer."""
    return {
        "name": "GitHub open bugs",
        "kind": "http",
        "url": answers.base + "/search/issues",
        "path": "$.total_count",
        "auth_header_name": "Authorization",
        "auth_header_value": "Bearer ghp_x",
    } | more


def test_put_then_get_a_source_without_its_secret(world, answers, signatures):
    api = ApiClient(world.alice)
    saved = api.call("put", f"/key-results/{signatures.pk}/source", github(answers))
    assert saved.status_code == 200, saved.content
    read = api.call("get", f"/key-results/{signatures.pk}/source").json()
    assert read["path"] == "$.total_count" and read["has_auth_header"] is True
    assert "ghp_x" not in str(read) and "auth_header_value" not in read


def test_test_answers_the_value_and_saves_nothing(world, answers, signatures):
    answer = ApiClient(world.alice).call(
        "post", f"/key-results/{signatures.pk}/source/test", github(answers)
    )
    assert answer.json() == {"value": 42.0, "error": ""}
    assert not Source.objects.exists() and not CheckIn.objects.exists()


def test_a_push_source_answers_its_secret_once_and_renews_it(world, signatures):
    api = ApiClient(world.alice)
    saved = api.call("put", f"/key-results/{signatures.pk}/source", {"name": "CI", "kind": "push"})
    secret = saved.json()["push_secret"]
    assert secret.startswith("okrs_src_") and saved.json()["push_url"].endswith("/")
    assert api.call("get", f"/key-results/{signatures.pk}/source").json().get("push_secret") is None
    renewed = api.call("post", f"/key-results/{signatures.pk}/source/renew")
    assert renewed.json()["push_secret"] not in ("", secret)


def test_bad_fields_are_named_and_nothing_is_saved(world, signatures):
    body = {"name": "x", "kind": "http", "url": "file:///etc/passwd", "path": "$[[["}
    answer = ApiClient(world.alice).call("put", f"/key-results/{signatures.pk}/source", body)
    assert answer.status_code == 422
    assert "http:// or https://" in answer.content.decode()
    assert not Source.objects.exists()


def test_someone_outside_the_team_may_not_set_a_source(world, signatures):
    body = {"name": "CI", "kind": "push"}
    answer = ApiClient(world.bob).call("put", f"/key-results/{signatures.pk}/source", body)
    assert answer.status_code == 403
    assert not Source.objects.exists()


def test_delete_removes_the_source_and_keeps_its_check_ins(world, answers, signatures):
    from okrs import clock
    from okrs.sources.pull import pull_due

    api = ApiClient(world.alice)
    api.call("put", f"/key-results/{signatures.pk}/source", github(answers))
    pull_due(clock.now())
    assert api.call("delete", f"/key-results/{signatures.pk}/source").status_code == 200
    assert not Source.objects.exists()
    check_ins = api.call("get", f"/key-results/{signatures.pk}/check-ins").json()["items"]
    assert [c["source"] for c in check_ins] == ["GitHub open bugs"]
