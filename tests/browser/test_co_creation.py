"""In the browser: Growth accepts a draft its OKR leader wrote for it, and shares an objective."""

import pytest

from conftest import PASSWORD
from okrs.objectives.actions import add_key_result, create_objective
from okrs.objectives.models import Contribution, Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_accepts_a_draft_the_okr_leader_wrote_for_it(page, live_server, world):
    leo = add_person(world.org, "leo@acme.test", "Leo Leader", Role.OKR_LEADER, PASSWORD)
    written = create_objective(
        world.quarter, "Win the hearts of young donors", team=world.growth, drafted_by=leo
    )
    add_key_result(written, "Grow monthly donors under 30 from 150 to 400", start=150, target=400)
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/objectives/{written.pk}/")
    page.get_by_text("Drafted by the OKR leader for this team (Leo Leader)").wait_for()
    shoot(page, "co-creation-drafted-by-the-okr-leader")

    page.get_by_role("button", name="Accept as Growth's draft").click()
    page.get_by_text("Growth accepted it (Alice Doe").wait_for()
    shoot(page, "co-creation-accepted-by-the-team")
    stored = Objective.objects.get(pk=written.pk)
    assert (stored.drafted_by, stored.accepted_by) == (leo, world.alice)


def test_the_team_adds_a_contributing_team_on_the_drafting_form(page, live_server, world):
    objective = world.objective(title="Answer every household within a day")
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/objectives/{objective.pk}/edit/")
    page.get_by_label("Shared with").select_option(label="Support")
    rows = page.locator("fieldset.kr-fieldset")
    rows.nth(1).locator("summary").click()
    rows.nth(1).get_by_label("Owned by").select_option(label="Support")
    shoot(page, "sharing-on-the-drafting-form")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("heading", name="Answer every household within a day").wait_for()
    page.get_by_text("shared it with Support").wait_for()
    shoot(page, "sharing-shown-on-the-objective")
    assert list(
        Contribution.objects.filter(objective=objective).values_list("team", flat=True)
    ) == [world.support.pk]
    teams = objective.key_results.order_by("position").values_list("team", flat=True)
    assert list(teams) == [None, world.support.pk]
