"""An inline check-in refreshes, out of band, its objective and the objectives it supports."""

import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import add_key_result, align, link_key_result
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)


@pytest.fixture
def family(world, clock):
    """Growth's quarter objective feeds Growth's annual one, which aligns to the company's.

    It is mid-quarter: key results never checked in are due.
    """
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    quarter = world.objective(title="Quarter work of Growth")
    annual = world.objective(title="Annual direction of Growth", cycle=world.annual)
    align(quarter, annual)
    linked = add_key_result(annual, "Finish the quarter's work", start=0, target=100)
    link_key_result(linked, quarter)
    company = world.objective(team=world.company, title="Company direction", cycle=world.annual)
    align(annual, company)
    other = world.objective(title="Another Growth objective")
    return {
        "quarter": quarter,
        "annual": annual,
        "company": company,
        "other": other,
        "kr": quarter.key_results.get(position=0),
        "linked": linked,
    }


def page_vals(client, url) -> dict:
    """Return what the page sends along with each inline check-in (its hx-vals)."""
    response = client.get(url)
    return json.loads(response.context["live"])


def check_in_inline(client, key_result, vals: dict, **fields):
    """Check in on the key result as the inline form does, with htmx."""
    data = {"inline": "1", "value": "60000", "confidence": "7", **vals, **fields}
    response = client.post(reverse("check-in", args=[key_result.pk]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def oob_ids(content: str) -> set[str]:
    """Return the ids of the out-of-band parts of an answer."""
    return set(re.findall(r'id="([^"]+)"[^>]*hx-swap-oob="true"', content))


def scores(content: str) -> dict[int, str]:
    """Return the score each objective card's figures show, by objective id."""
    found = re.findall(
        r'id="objective-(\d+)-summary"[^>]*>\s*<span class="score big"[^>]*>([^<]*)<', content
    )
    return {int(pk): label for pk, label in found}


def test_inline_check_in_on_my_okrs_refreshes_its_objective_and_the_one_it_feeds(
    client, world, family
):
    signed_in(world.alice, client)
    before = scores(client.get(reverse("home")).content.decode())
    quarter, annual = family["quarter"].pk, family["annual"].pk
    assert (before[quarter], before[annual]) == ("0.0", "0.0")
    content = check_in_inline(client, family["kr"], page_vals(client, reverse("home")))
    assert oob_ids(content) == {
        f"objective-{quarter}-summary",
        f"objective-{quarter}-progress",
        f"objective-{annual}-summary",
        f"objective-{annual}-progress",
        f"kr-{family['linked'].pk}",  # the annual objective's linked key result moved too
        f"due-kr-{family['kr'].pk}",  # the same key result's row in the due panel
    }
    # Quarter: (0.5 + 0) / 2 = 0.25; annual: (0 + 0 + 0.25) / 3 = 0.083.
    assert scores(content) == {quarter: "2.5", annual: "0.8"}
    after = scores(client.get(reverse("home")).content.decode())
    assert (after[quarter], after[annual]) == ("2.5", "0.8")


def test_objectives_the_page_does_not_show_are_not_sent(client, world, family):
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("home"))
    content = check_in_inline(client, family["kr"], vals)
    assert f"objective-{family['company'].pk}-" not in content  # not one of Alice's teams'
    assert f"objective-{family['other'].pk}-" not in content  # shown, but not moved


def test_objectives_named_by_the_page_are_sent_only_when_the_person_may_see_them(
    client, world, family
):
    secret = world.objective(team=world.support, title="Support's draft", status="draft")
    link_key_result(
        add_key_result(secret, "Take Growth's progress", start=0, target=1), family["quarter"]
    )
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("home"))
    vals["live_shown"] += f",{secret.pk},not-a-number"
    content = check_in_inline(client, family["kr"], vals)
    assert f"objective-{secret.pk}-" not in content
    assert f"objective-{family['annual'].pk}-summary" in content


def test_checking_in_from_the_due_panel_refreshes_the_row_in_the_card(client, world, family):
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("home"))
    content = check_in_inline(client, family["kr"], vals, row="due-")
    kr = family["kr"].pk
    assert content.lstrip().startswith(f'<li class="kr saved" id="due-kr-{kr}">')
    assert f"kr-{kr}" in oob_ids(content) and f"due-kr-{kr}" not in oob_ids(content)


def test_inline_check_in_on_the_objective_page_refreshes_its_headline(client, world, family):
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("objective", args=[family["quarter"].pk]))
    content = check_in_inline(client, family["kr"], vals)
    quarter, kr = family["quarter"].pk, family["kr"].pk
    assert oob_ids(content) == {
        f"objective-{quarter}-summary",
        f"objective-{quarter}-progress",
        f"kr-{kr}-trend",
    }
    headline = re.search(
        rf'<div class="objective-summary" id="objective-{quarter}-summary".*?</div>\s*</div>',
        content,
        re.S,
    )
    assert '<span class="score big">2.5</span>' in headline.group(0)
    assert '<strong data-figure="progress">25%</strong>' in headline.group(0)


def test_inline_check_in_on_the_objective_page_redraws_the_chart_and_history(client, world, family):
    signed_in(world.alice, client)
    url = reverse("objective", args=[family["quarter"].pk])
    vals = page_vals(client, url)
    check_in_inline(client, family["kr"], vals, progress_note="First pilot region live")
    content = check_in_inline(client, family["kr"], vals, value="90000", confidence="8")
    kr = family["kr"].pk
    trend = re.search(rf'<div class="kr-trend" id="kr-{kr}-trend".*', content, re.S).group(0)
    assert trend.count('<g class="check-in">') == 2  # both check-ins are points on the chart
    assert "Check-in history (2)" in trend
    assert "First pilot region live" in trend
    assert 'aria-label="Confidence over the check-ins, from 7 to 8 out of 10"' in trend


def test_inline_check_in_on_the_team_page_refreshes_the_objective_card(client, world, family):
    signed_in(world.alice, client)
    url = f"{reverse('team', args=['growth'])}?cycle={world.annual.pk}"
    vals = page_vals(client, url)
    assert vals["live_shown"] == str(family["annual"].pk)
    content = check_in_inline(client, family["kr"], vals)
    assert scores(content) == {family["annual"].pk: "0.8"}  # its objective is not on the page


def test_inline_check_in_queries_do_not_grow_with_the_objectives_shown(client, world, family):
    signed_in(world.alice, client)

    def counted() -> int:
        vals = page_vals(client, reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            check_in_inline(client, family["kr"], vals)
        return len(queries)

    few = counted()
    for n in range(6):
        objective = world.objective(title=f"Growth objective number {n}")
        align(objective, family["annual"])
    assert counted() == few == 18  # with the status set by hand that the check-in cleared


def test_another_organisations_objectives_named_by_the_page_are_never_sent(
    client, world, family, other_world
):
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("home"))
    globex = other_world["objective"]
    vals["live_shown"] += f",{globex.pk}"
    content = check_in_inline(client, family["kr"], vals)
    assert "Globex" not in content
    assert f"objective-{globex.pk}-" not in content


def test_a_refused_inline_check_in_moves_nothing_else_and_keeps_its_row(client, world, family):
    signed_in(world.alice, client)
    vals = page_vals(client, reverse("home"))
    content = check_in_inline(client, family["kr"], vals, row="due-", confidence="11")
    assert oob_ids(content) == set()
    assert f'id="due-kr-{family["kr"].pk}"' in content and "Ensure this value" in content
