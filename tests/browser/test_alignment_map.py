"""A wide alignment map opens on what matters, and a team's neighbourhood is one pick away."""

import pytest

from okrs.objectives.actions import align
from okrs.organizations.actions import create_team
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wide(world):
    """Give Acme a company objective and twelve teams' objectives aligned under one strategic."""
    company = world.objective(team=world.company, title="Clean water for all", cycle=world.annual)
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    align(strategic, company)
    for n in range(12):
        team = create_team(world.org, f"Region {n:02}", "tactical", world.marketing)
        align(world.objective(team=team, title=f"Win the donors of region {n:02}"), strategic)
    return world


def box_in_view(page, title):
    """Return whether the map's box of the objective is inside the scrolled map's window."""
    return page.evaluate(
        """(title) => {
          const map = document.querySelector(".map-scroll").getBoundingClientRect();
          const box = [...document.querySelectorAll(".alignment-map g.node")]
            .find((node) => node.querySelector("title").textContent.startsWith(title))
            .getBoundingClientRect();
          return box.left >= map.left && box.right <= map.right;
        }""",
        title,
    )


def test_the_map_opens_on_its_top_row_and_on_a_picked_team(page, live_server, wide):
    sign_in(page, live_server, wide.alice.email)
    page.goto(f"{live_server.url}/map/?cycle={wide.quarter.pk}")
    assert page.evaluate("document.querySelector('.map-scroll').scrollLeft") > 0
    assert box_in_view(page, "Clean water for all")
    shoot(page, "map-wide")

    page.get_by_label("Team").select_option(label="Region 11")
    page.wait_for_url("**team=region-11**")
    note = page.get_by_text("Objectives of Region 11, what they support and what supports them")
    note.wait_for()
    assert "3 of 14." in note.text_content()
    assert page.locator(".alignment-map g.node").count() == 3
    assert box_in_view(page, "Win the donors of region 11")
    shoot(page, "map-team")
