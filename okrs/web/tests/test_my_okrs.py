"""My OKRs across every open cycle, and checking in on all of my key results in one submit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in
from okrs import clock
from okrs.cycles.actions import create_cycle
from okrs.objectives.actions import (
    CheckInsRefused,
    add_contributor,
    record_check_in,
    record_check_ins,
)
from okrs.objectives.forms import LONG_TEXT
from okrs.objectives.models import CheckIn
from okrs.organizations.actions import join_team
from tests.calendar import at_ten


@pytest.fixture
def past(world):
    """Return last quarter, closed, with one Growth objective in it."""
    cycle = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30), state="closed")
    world.objective(title="Last quarter's objective", cycle=cycle)
    return cycle


def titles(response) -> list[str]:
    """Return the titles of the objectives the page shows, in order."""
    return [card.objective.title for card in response.context["cards"]]


def test_my_okrs_opens_on_every_open_cycle_annual_and_quarter(client, world, past):
    world.objective(title="Annual direction of Growth", cycle=world.annual)
    world.objective(title="Quarter work of Growth")
    response = signed_in(world.alice, client).get(reverse("home"))
    groups = [
        (c.name, [k.objective.title for k in cards]) for c, cards in response.context["groups"]
    ]
    assert groups == [
        ("2027", ["Annual direction of Growth"]),
        ("2027-Q1", ["Quarter work of Growth"]),
    ]
    content = response.content.decode()
    assert "Last quarter's objective" not in content
    assert content.index("Annual direction of Growth") < content.index("Quarter work of Growth")


def test_an_admin_whose_team_owns_annual_company_objectives_sees_them(client, world):
    join_team(world.admin, world.company)
    for n in range(4):
        world.objective(team=world.company, title=f"Company objective {n}", cycle=world.annual)
    response = signed_in(world.admin, client).get(reverse("home"))
    assert len(titles(response)) == 4
    assert "<h2>No objectives for your teams" not in response.content.decode()


def test_objectives_shared_with_my_team_show_in_every_open_cycle(client, world):
    shared = world.objective(team=world.marketing, title="Shared annual", cycle=world.annual)
    add_contributor(shared, world.support)
    response = signed_in(world.bob, client).get(reverse("home"))
    assert titles(response) == ["Shared annual"]


@pytest.fixture
def mid_quarter(world, clock):  # noqa: F811 - the clock fixture, not the module
    """Move to the middle of the quarter: its key results have run longer than the window."""
    clock.move_to(at_ten(date(2027, 2, 15)), tick=True)


def test_due_key_results_come_first_never_checked_in_then_the_longest_waiting(
    client, world, mid_quarter
):
    annual = world.objective(title="Annual direction of Growth", cycle=world.annual)
    quarter = world.objective(title="Quarter work of Growth")
    long_ago = clock.now() - timedelta(days=30)
    waiting = quarter.key_results.get(position=0)
    record_check_in(waiting, 30000, 6, author=world.alice, at=long_ago)
    recent = annual.key_results.get(position=0)
    record_check_in(recent, 30000, 6, author=world.alice)
    response = signed_in(world.alice, client).get(reverse("home"))
    due = [(k.key_result.objective.title, k.key_result.position) for k in response.context["due"]]
    assert due == [
        ("Annual direction of Growth", 1),
        ("Quarter work of Growth", 1),
        ("Quarter work of Growth", 0),
    ]
    content = response.content.decode()
    assert content.index('id="due-title"') < content.index('class="cycle-group"')
    assert f'id="due-kr-{waiting.pk}"' in content and f'id="kr-{waiting.pk}"' in content


def test_the_picker_still_shows_a_past_cycle_alone_with_nothing_due(client, world, past):
    world.objective(title="Quarter work of Growth")
    response = signed_in(world.alice, client).get(reverse("home"), {"cycle": past.pk})
    assert titles(response) == ["Last quarter's objective"]
    assert response.context["due"] == []
    assert "inline-checkin" not in response.content.decode()


def test_empty_my_okrs_names_the_open_cycles_and_points_to_the_tree(client, world):
    content = signed_in(world.bob, client).get(reverse("home")).content.decode()
    assert "No objectives for your teams in 2027 or 2027-Q1" in content
    assert "organisation tree" in content and "pick a past cycle" in content


@pytest.fixture
def mine(world):
    """Give Growth an annual and a quarterly objective; return their four key results."""
    annual = world.objective(title="Annual direction of Growth", cycle=world.annual)
    quarter = world.objective(title="Quarter work of Growth")
    return [*annual.key_results.order_by("position"), *quarter.key_results.order_by("position")]


def row(key_result, value="", confidence="", note="") -> dict:
    """Return the fields of one row of the check in on all form."""
    prefix = f"kr-{key_result.pk}"
    return {
        f"{prefix}-value": value,
        f"{prefix}-confidence": confidence,
        f"{prefix}-progress_note": note,
    }


def test_check_in_on_all_lists_one_row_per_key_result_of_mine(client, world, mine):
    response = signed_in(world.alice, client).get(reverse("check-in-all"))
    assert [r.kr_card.key_result for r in response.context["rows"]] == mine
    assert f'name="kr-{mine[3].pk}-confidence"' in response.content.decode()


def test_check_in_on_all_records_the_filled_rows_and_skips_the_blank(client, world, mine):
    signed_in(world.alice, client)
    data = {
        **row(mine[0], "60000", "7", "Half way"),
        **row(mine[1]),
        **row(mine[2], "", "", ""),
        **row(mine[3], "6", "5"),
    }
    response = client.post(reverse("check-in-all"), data)
    assert response.status_code == 302 and response.url == reverse("home")
    recorded = {
        c.key_result_id: (c.value, c.confidence, c.progress_note) for c in CheckIn.objects.all()
    }
    assert recorded == {mine[0].pk: (60000, 7, "Half way"), mine[3].pk: (6, 5, "")}
    page = client.get(response.url).content.decode()
    assert "Recorded 2 check-ins." in page


def test_one_bad_row_writes_nothing_and_names_the_key_result_and_field(client, world, mine):
    signed_in(world.alice, client)
    data = {**row(mine[0], "60000", "7"), **row(mine[2], "5", "11", "typed")}
    response = client.post(reverse("check-in-all"), data)
    assert response.status_code == 422
    assert not CheckIn.objects.exists()
    content = response.content.decode()
    assert "Nothing was recorded" in content
    assert f"“{mine[2].title}”</a>: Confidence: " in content
    assert 'value="typed"' in content and 'value="60000"' in content
    assert [r.kr_card.key_result for r in response.context["invalid"]] == [mine[2]]


def test_a_row_with_only_a_note_asks_for_the_value_and_confidence(client, world, mine):
    signed_in(world.alice, client)
    response = client.post(reverse("check-in-all"), row(mine[1], note="Just a note"))
    assert response.status_code == 422
    errors = response.context["invalid"][0].errors
    assert ("Value", "Enter the key result's current value.") in errors
    assert not CheckIn.objects.exists()


def test_all_blank_records_nothing_and_says_so(client, world, mine):
    signed_in(world.alice, client)
    response = client.post(reverse("check-in-all"), row(mine[0]))
    assert response.status_code == 422
    assert "Nothing to record" in response.content.decode()


def test_key_results_of_other_teams_are_not_rows_and_are_ignored(client, world, mine):
    signed_in(world.bob, client)
    assert client.get(reverse("check-in-all")).context["rows"] == []
    response = client.post(reverse("check-in-all"), row(mine[0], "60000", "7"))
    assert response.status_code == 422
    assert not CheckIn.objects.exists()


def test_record_check_ins_is_all_or_nothing(world, mine):
    closed = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30), state="closed")
    frozen = world.objective(title="Frozen", cycle=closed).key_results.first()
    with pytest.raises(CheckInsRefused) as refused:
        record_check_ins(
            [(mine[0], {"value": 60000, "confidence": 7}), (frozen, {"value": 1, "confidence": 5})],
            author=world.alice,
        )
    assert list(refused.value.refused) == [frozen.pk]
    assert isinstance(refused.value, ValidationError)
    assert not CheckIn.objects.exists()
    mine[0].refresh_from_db()
    assert mine[0].current is None


def test_a_number_beyond_what_is_stored_is_a_row_error_not_a_crash(client, world, mine):
    signed_in(world.alice, client)
    data = {**row(mine[0], "1e999", "7"), **row(mine[1], "5", "5", "x" * (LONG_TEXT + 1))}
    response = client.post(reverse("check-in-all"), data)
    assert response.status_code == 422
    invalid = {
        r.kr_card.key_result: [label for label, _ in r.errors] for r in response.context["invalid"]
    }
    assert invalid == {mine[0]: ["Value"], mine[1]: ["Note"]}
    assert not CheckIn.objects.exists()


def test_check_in_on_all_in_a_picked_cycle_offers_only_its_key_results(client, world, mine):
    response = signed_in(world.alice, client).get(
        reverse("check-in-all"), {"cycle": world.quarter.pk}
    )
    assert [r.kr_card.key_result for r in response.context["rows"]] == mine[2:]
    response = client.post(
        f"{reverse('check-in-all')}?cycle={world.quarter.pk}", row(mine[2], "30000", "6")
    )
    assert response.url == f"{reverse('home')}?cycle={world.quarter.pk}"
    assert CheckIn.objects.get().key_result == mine[2]
