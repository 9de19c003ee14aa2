"""An unhealthy KPI prompts an objective: drafted from its page, linked, shown on both pages."""

import pytest

from okrs.kpis.actions import create_kpi, record_measurement
from okrs.kpis.models import KPIResponse
from okrs.objectives.models import Objective
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Bring donor churn back within its healthy range"


def test_draft_an_objective_for_an_unhealthy_kpi(page, live_server, world):
    churn = create_kpi(
        world.growth,
        "Donor churn",
        upper_bound=5,
        unit="%",
        description="Share of monthly donors who stopped giving in the last 30 days.",
    )
    for value, note in ((4.4, ""), (5.6, "Card expiry wave"), (6.2, "Third week above range")):
        record_measurement(churn, value, note=note)
    sign_in(page, live_server, "alice@acme.test")

    page.goto(f"{live_server.url}/kpis/{churn.pk}/")
    page.get_by_text("No objective responds to it yet").wait_for()
    shoot(page, "kpi-unhealthy")
    page.get_by_role("link", name="Draft an objective for this").click()

    page.get_by_role("heading", name="Draft an objective").wait_for()
    assert page.get_by_label("Title").first.input_value() == TITLE
    assert page.get_by_label("Team").input_value() == str(world.growth.pk)
    assert page.get_by_label("Responds to KPIs").evaluate(
        "select => [...select.selectedOptions].map(o => o.text)"
    ) == ["Growth: Donor churn"]
    page.get_by_label("Hypothesis").fill(
        "We believe that by answering lapsing donors within a day we will keep them giving."
    )
    rows = page.locator("fieldset.kr-fieldset")
    rows.nth(0).get_by_label("Title").fill("Lower monthly donor churn from 6.2% to 4%")
    rows.nth(0).get_by_label("Start").fill("6.2")
    rows.nth(0).get_by_label("Target").fill("4")
    rows.nth(0).locator("summary").click()
    rows.nth(0).get_by_label("Indicator").select_option("lagging")
    rows.nth(1).get_by_label("Title").fill(
        "Raise the share of lapsing donors called within a day from 10% to 80%"
    )
    rows.nth(1).get_by_label("Start").fill("10")
    rows.nth(1).get_by_label("Target").fill("80")
    rows.nth(1).locator("summary").click()
    rows.nth(1).get_by_label("Indicator").select_option("leading")
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-screenshot
    shoot(page, "kpi-draft-form")
    page.get_by_role("button", name="Save objective").click()

    page.get_by_role("heading", name=TITLE).wait_for()
    responds = page.locator("section[aria-labelledby='kpi-responds-title']")
    assert "Donor churn" in responds.inner_text()
    assert "outside the range" in responds.inner_text()
    assert "1 leading · 1 lagging" in page.locator("#kr-title").inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "kpi-objective-responds")
    objective = Objective.objects.get(title=TITLE)
    assert list(KPIResponse.objects.values_list("kpi_id", "objective_id")) == [
        (churn.pk, objective.pk)
    ]

    page.goto(f"{live_server.url}/kpis/{churn.pk}/")
    page.get_by_role("link", name=TITLE).wait_for()
    shoot(page, "kpi-with-response")
