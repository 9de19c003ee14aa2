"""An admin shapes teams and cycles in the browser; a team lead keeps the team's KPIs."""

from datetime import date

import pytest
from playwright.sync_api import expect

from okrs.cycles.models import Cycle
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.kpis.models import KPI
from okrs.organizations.models import Membership, Team
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_shapes_the_teams(page, live_server, world):
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/administration/")
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Teams").click()
    expect(page.get_by_role("heading", name="Teams")).to_be_visible()
    page.wait_for_load_state()
    shoot(page, "teams-hierarchy")

    page.get_by_role("link", name="New team").click()
    expect(page.get_by_role("heading", name="New team")).to_be_visible()
    page.get_by_label("Name").fill("Events")
    page.get_by_label("Level").select_option("tactical")
    page.get_by_label("Parent team").select_option(label="— Marketing (strategic)")
    page.get_by_label("Mission").fill("Bring people to the water wells")
    page.wait_for_load_state()
    shoot(page, "teams-new")
    page.get_by_role("button", name="Create team").click()
    expect(page.get_by_role("heading", name="Events")).to_be_visible()
    events = Team.objects.get(organization=world.org, name="Events")
    assert events.parent == world.marketing

    page.get_by_label("Person").select_option(label="Bob Roe <bob@acme.test>")
    page.locator("#id_role").select_option("lead")
    page.get_by_role("button", name="Add to team").click()
    expect(page.get_by_text("Bob Roe joined Events as lead.")).to_be_visible()
    assert Membership.objects.get(team=events, person=world.bob).role == "lead"

    page.get_by_label("Level *").select_option("strategic")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("A strategic team cannot sit below a strategic team.")).to_be_visible()
    page.wait_for_load_state()
    shoot(page, "teams-refused")

    page.get_by_text("Archive…").click()
    page.get_by_role("button", name="Archive Events").click()
    expect(page.get_by_text("Archived Events. Its OKRs stay readable.")).to_be_visible()
    assert Team.objects.get(pk=events.pk).is_archived()
    page.wait_for_load_state()
    shoot(page, "teams-archived")


def test_an_admin_runs_the_cycles(page, live_server, world):
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/administration/cycles/")
    page.get_by_role("button", name="Create next quarter: 2027-Q2").click()
    expect(page.get_by_text("Created 2027-Q2")).to_be_visible()
    assert Cycle.objects.filter(organization=world.org, name="2027-Q2").exists()
    page.wait_for_load_state()
    shoot(page, "cycles-list")

    page.get_by_role("link", name="New cycle").click()
    page.get_by_label("Name").fill("Strategy 2027-2029")
    page.get_by_label("Kind").select_option("multi-year")
    page.get_by_label("First day").fill("2027-01-01")
    page.get_by_label("Last day").fill("2026-12-31")
    page.get_by_role("button", name="Create cycle").click()
    expect(page.get_by_text("A cycle must end after it starts.")).to_be_visible()
    page.wait_for_load_state()
    shoot(page, "cycles-new-refused")
    page.get_by_label("Last day").fill("2029-12-31")
    page.get_by_role("button", name="Create cycle").click()
    expect(page.get_by_text("Created the cycle Strategy 2027-2029")).to_be_visible()
    assert Cycle.objects.get(name="Strategy 2027-2029").end == date(2029, 12, 31)

    page.get_by_role("link", name="2027-Q2", exact=True).click()
    page.get_by_label("First day").fill("2027-04-05")
    page.get_by_role("button", name="Save dates").click()
    expect(page.get_by_text("2027-Q2 now runs")).to_be_visible()
    assert Cycle.objects.get(name="2027-Q2").start == date(2027, 4, 5)

    page.goto(f"{live_server.url}/administration/cycles/{world.quarter.pk}/")
    expect(page.get_by_text("2027-Q1 is active: its dates can no longer change.")).to_be_visible()
    page.wait_for_load_state()
    shoot(page, "cycles-started")


def test_a_team_lead_keeps_the_teams_kpis(page, live_server, world):
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    for day, value in ((1, 4.1), (8, 4.6), (15, 5.4)):
        record_measurement(churn, value, at=world_day(day))
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/teams/growth/")
    page.get_by_role("link", name="Add a KPI").click()
    page.get_by_label("Name").fill("Newsletter open rate")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Healthy from").fill("25")
    page.get_by_role("button", name="Add KPI").click()
    expect(page.get_by_role("heading", name="Newsletter open rate")).to_be_visible()
    kpi = KPI.objects.get(name="Newsletter open rate")
    assert kpi.lower_bound == 25

    page.get_by_label("Value").fill("31.5")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded 31.5")).to_be_visible()
    assert KPI.objects.get(pk=kpi.pk).latest_value == 31.5
    page.wait_for_load_state()
    shoot(page, "teams-kpi")

    page.goto(f"{live_server.url}/teams/growth/")
    expect(page.get_by_role("link", name="Newsletter open rate")).to_be_visible()
    page.wait_for_load_state()
    shoot(page, "teams-page-kpis")


def world_day(day: int):
    """Return ten o'clock on a day of November 2026, before the world's day."""
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime(2026, 11, day, 10))
