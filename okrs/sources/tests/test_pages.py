"""The source form tests before it saves; the objective page shows sources and their errors."""

from django.urls import reverse

from conftest import signed_in
from okrs import clock
from okrs.objectives.models import CheckIn
from okrs.sources.models import Source
from okrs.sources.pull import pull_due

from .conftest import http_source


def form(answers, **more):
    """Return the fields of an HTTP source reading the GitHub-shaped answer."""
    fields = {
        "kind": "http",
        "name": "GitHub open bugs",
        "schedule": "daily",
        "url": answers.base + "/search/issues?q=is%3Aopen",
        "format": "json",
        "path": "$.total_count",
        "row": "1",
    }
    return fields | more


def test_test_shows_the_value_it_would_record_and_saves_nothing(client, world, answers, signatures):
    signed_in(world.alice, client)
    answer = client.post(reverse("source", args=[signatures.pk]), form(answers, action="test"))
    assert answer.status_code == 200
    assert "The test read <strong>42</strong>" in answer.content.decode()
    assert not Source.objects.exists() and not CheckIn.objects.exists()


def test_a_failing_test_says_why(client, world, answers, signatures):
    signed_in(world.alice, client)
    fields = form(answers, action="test", path="$.missing")
    answer = client.post(reverse("source", args=[signatures.pk]), fields)
    assert "The test failed: $.missing finds nothing in the answer." in answer.content.decode()


def test_save_then_the_objective_page_shows_the_source(client, world, answers, signatures):
    signed_in(world.alice, client)
    answer = client.post(reverse("source", args=[signatures.pk]), form(answers, action="save"))
    assert answer.status_code == 302
    pull_due(clock.now())
    page = client.get(reverse("objective", args=[signatures.objective_id])).content.decode()
    assert "from GitHub open bugs" in page
    assert "last read 42" in page


def test_bad_fields_are_named(client, world, signatures):
    signed_in(world.alice, client)
    fields = {"kind": "http", "name": "", "url": "ftp://x", "format": "json", "path": "$[[["}
    page = client.post(reverse("source", args=[signatures.pk]), fields)
    assert page.status_code == 422
    text = page.content.decode()
    assert "Enter the http:// or https:// URL okrs fetches." in text
    assert "Not a JSONPath expression okrs can read" in text


def test_a_failing_source_shows_its_last_error_on_the_objective_page(client, world, signatures):
    http_source(signatures, "http://169.254.169.254/latest/")
    pull_due(clock.now())
    page = signed_in(world.alice, client).get(reverse("objective", args=[signatures.objective_id]))
    assert "Failing" in page.content.decode() and "metadata" in page.content.decode()


def test_a_push_source_shows_its_secret_once(client, world, signatures):
    signed_in(world.alice, client)
    saved = client.post(reverse("source", args=[signatures.pk]), {"kind": "push", "name": "CI"})
    shown = client.get(saved.url).content.decode()
    assert "okrs_src_" in shown
    assert "okrs_src_" not in client.get(saved.url).content.decode()


def test_someone_who_may_not_edit_the_key_result_cannot_set_its_source(client, world, signatures):
    signed_in(world.bob, client)  # Support, not Growth
    answer = client.post(reverse("source", args=[signatures.pk]), {"kind": "push", "name": "CI"})
    assert answer.status_code == 403
    assert not Source.objects.exists()


def test_the_team_page_and_its_check_in_download_name_the_source(
    client, world, answers, signatures
):
    http_source(signatures, answers.base + "/search/issues")
    pull_due(clock.now())
    signed_in(world.alice, client)
    page = client.get(reverse("team", args=["growth"]), {"cycle": world.quarter.pk})
    assert "from GitHub open bugs" in page.content.decode()
    download = client.get(reverse("team-check-ins-csv", args=["growth"]))
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert "from GitHub open bugs" in body.decode()
