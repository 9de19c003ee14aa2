"""Quick check-in links: open the form without signing in, work once, then are refused."""

import time

import pytest
from django.core import signing
from django.core.signing import TimestampSigner, b62_encode
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from okrs.cycles.actions import set_cycle_state
from okrs.objectives.actions import add_key_result, remove_key_result
from okrs.objectives.models import CheckIn
from okrs.organizations.models import Person
from okrs.reminders.actions import check_in_by_link
from okrs.reminders.links import LinkRefused, make_token, open_link, quick_link_url
from okrs.reminders.models import UsedLink


@pytest.fixture
def kr(growth):
    """Return Growth's first key result (signatures from 20,000 to 100,000)."""
    return growth.key_results.get(position=0)


def url_of(token: str) -> str:
    return reverse("reminders-quick-check-in", args=[token])


def test_link_opens_the_one_line_form_without_signing_in(client, world, kr):
    response = client.get(url_of(make_token(world.alice, kr)))
    content = response.content.decode()
    assert response.status_code == 200
    assert kr.title in content and kr.objective.title in content
    assert "As Alice Doe" in content
    assert 'name="value"' in content and 'name="confidence"' in content
    assert 'name="progress_note"' in content
    assert response["Cache-Control"].startswith("max-age=0")
    assert not UsedLink.objects.exists() and not CheckIn.objects.exists()


def test_opening_the_link_twice_does_not_use_it_up(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200


def test_submitting_records_the_check_in_as_the_person_and_uses_the_link(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    response = client.post(url, {"value": "60000", "confidence": "7", "progress_note": "Fair"})
    assert response.status_code == 200
    assert "Checked in" in response.content.decode()
    check_in = CheckIn.objects.get()
    assert (check_in.key_result, check_in.author) == (kr, world.alice)
    assert (check_in.value, check_in.confidence, check_in.progress_note) == (60000, 7, "Fair")
    kr.refresh_from_db()
    assert (kr.current, kr.confidence) == (60000, 7)
    used = UsedLink.objects.get()
    assert (used.person, used.key_result, used.check_in) == (world.alice, kr, check_in)


def test_a_used_link_is_refused_for_reading_and_for_writing(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    client.post(url, {"value": "60000", "confidence": "7"})
    again = client.get(url)
    assert again.status_code == 410
    assert "This link was already used" in again.content.decode()
    assert reverse("login") in again.content.decode()
    assert client.post(url, {"value": "1", "confidence": "1"}).status_code == 410
    assert CheckIn.objects.count() == 1


def test_a_fresh_link_works_even_after_another_was_used(client, world, kr):
    client.post(url_of(make_token(world.alice, kr)), {"value": "30000", "confidence": "5"})
    response = client.post(
        url_of(make_token(world.alice, kr)), {"value": "40000", "confidence": "6"}
    )
    assert response.status_code == 200
    assert CheckIn.objects.count() == 2


def test_the_same_link_used_twice_at_once_records_one_check_in(world, kr):
    token = make_token(world.alice, kr)
    first, second = open_link(token), open_link(token)
    check_in_by_link(first, 30000, 5)
    with pytest.raises(LinkRefused) as refused:
        check_in_by_link(second, 40000, 6)
    assert refused.value.reason == "used"
    assert list(CheckIn.objects.values_list("value", flat=True)) == [30000]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[: len(token) // 2],
        lambda token: "x" + token[1:],
    ],
    ids=["signature changed", "cut short", "payload changed"],
)
def test_a_tampered_link_is_refused(client, world, kr, spoil):
    response = client.get(url_of(spoil(make_token(world.alice, kr))))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert (
        client.post(
            url_of(spoil(make_token(world.alice, kr))), {"value": "1", "confidence": "1"}
        ).status_code
        == 400
    )
    assert not CheckIn.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client, world, kr):
    payload = {"o": world.org.pk, "p": world.alice.pk, "k": kr.pk, "n": "abc"}
    token = signing.dumps(payload, salt="another.purpose")
    assert client.get(url_of(token)).status_code == 400


def test_an_expired_link_is_refused(client, world, kr, monkeypatch):
    eight_days_ago = int(time.time()) - 8 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(TimestampSigner, "timestamp", lambda self: b62_encode(eight_days_ago))
        token = make_token(world.alice, kr)
    response = client.post(url_of(token), {"value": "60000", "confidence": "7"})
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_six_day_old_link_still_works(client, world, kr, monkeypatch):
    six_days_ago = int(time.time()) - 6 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(TimestampSigner, "timestamp", lambda self: b62_encode(six_days_ago))
        token = make_token(world.alice, kr)
    assert client.get(url_of(token)).status_code == 200


def test_a_link_across_organisations_is_refused(client, world, kr, other_world):
    gina = other_world["person"]
    response = client.get(url_of(make_token(gina, kr)))
    assert response.status_code == 404
    assert "does not belong" in response.content.decode()
    assert (
        client.post(url_of(make_token(gina, kr)), {"value": "1", "confidence": "1"}).status_code
        == 404
    )
    assert client.get(url_of(make_token(world.alice, other_world["kr"]))).status_code == 404
    assert not CheckIn.objects.exists()


def test_someone_no_longer_allowed_is_refused(client, world, kr):
    token = make_token(world.alice, kr)
    Person.objects.filter(pk=world.alice.pk).update(role="stakeholder")
    response = client.post(url_of(token), {"value": "60000", "confidence": "7"})
    assert response.status_code == 403
    assert "You can no longer check in" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_someone_outside_the_owning_team_is_refused(client, world, kr):
    response = client.get(url_of(make_token(world.bob, kr)))
    assert response.status_code == 403


def test_a_key_result_of_another_teams_unshared_draft_is_not_found(client, world):
    draft = world.objective(title="Quietly prepare the Zephyr launch", status="draft")
    kr = draft.key_results.first()
    kr.team = world.support  # Bob's team runs it, but the draft is still Growth's alone
    kr.save()
    response = client.get(url_of(make_token(world.bob, kr)))
    assert response.status_code == 404
    assert "Zephyr" not in response.content.decode()
    assert client.post(url_of(make_token(world.bob, kr)), {"value": "1", "confidence": "1"})
    assert not CheckIn.objects.exists()


def test_a_deactivated_person_is_refused(client, world, kr):
    token = make_token(world.alice, kr)
    Person.objects.filter(pk=world.alice.pk).update(is_active=False)
    assert client.get(url_of(token)).status_code == 403


def test_a_closed_cycle_takes_no_more_check_ins(client, world, kr):
    token = make_token(world.alice, kr)
    set_cycle_state(world.quarter, "closed")
    response = client.post(url_of(token), {"value": "60000", "confidence": "7"})
    assert response.status_code == 409
    assert "This cycle is closed" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_removed_key_result_is_gone(client, world, kr):
    token = make_token(world.alice, kr)
    remove_key_result(kr)
    response = client.get(url_of(token))
    assert response.status_code == 404
    assert "This key result is gone" in response.content.decode()


def test_bad_input_keeps_what_was_typed_with_the_error_next_to_the_field(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    response = client.post(url, {"value": "lots", "confidence": "11", "progress_note": "Keep me"})
    content = response.content.decode()
    assert response.status_code == 422
    assert 'value="lots"' in content
    assert "Enter a number." in content
    assert "Ensure this value is less than or equal to 10." in content
    assert 'value="Keep me"' in content and 'value="11"' in content
    assert not CheckIn.objects.exists() and not UsedLink.objects.exists()
    assert client.post(url, {"value": "50000", "confidence": "6"}).status_code == 200
    assert CheckIn.objects.get().value == 50000


def test_htmx_submit_swaps_in_the_result_without_a_reload(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    bad = client.post(url, {"value": "", "confidence": "5"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200
    assert "<html" not in bad.content.decode()
    assert "Enter the key result" in bad.content.decode()
    good = client.post(url, {"value": "25000", "confidence": "5"}, HTTP_HX_REQUEST="true")
    assert good.status_code == 200
    assert 'id="quick-check-in"' in good.content.decode()
    assert "Checked in" in good.content.decode() and "<html" not in good.content.decode()
    used = client.post(url, {"value": "25000", "confidence": "5"}, HTTP_HX_REQUEST="true")
    assert used.status_code == 200
    assert "This link was already used" in used.content.decode()
    assert CheckIn.objects.count() == 1


def test_signed_in_as_someone_else_the_check_in_is_still_the_links_person(client, world, kr):
    assert client.login(username=world.bob.email, password=PASSWORD)
    client.post(url_of(make_token(world.alice, kr)), {"value": "30000", "confidence": "4"})
    assert CheckIn.objects.get().author == world.alice


def test_a_milestone_is_checked_in_as_done(client, world, growth):
    milestone = add_key_result(growth, "Open the second plant", type="binary", target=1)
    url = url_of(make_token(world.alice, milestone))
    assert "Not done" in client.get(url).content.decode()
    client.post(url, {"value": "1", "confidence": "9"})
    milestone.refresh_from_db()
    assert milestone.current == 1


def test_quick_link_url_is_absolute(world, kr, settings):
    settings.BASE_URL = "https://okrs.acme.test"
    link = quick_link_url(world.alice, kr)
    assert link.startswith("https://okrs.acme.test/reminders/check-in/") and link.endswith("/")


def test_quick_page_queries_do_not_grow_with_objectives(client, world, kr):
    url = url_of(make_token(world.alice, kr))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        world.objective(title=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many) == 3
