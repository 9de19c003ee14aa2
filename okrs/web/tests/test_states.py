"""One state per objective, the same words and colour on every page and in the API."""

import re
from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from okrs.api.tests.conftest import ApiClient
from okrs.cycles.actions import create_cycle
from okrs.evaluation.actions import close_cycle
from okrs.objectives.actions import (
    add_key_result,
    link_key_result,
    record_check_in,
    update_objective,
)
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)  # 45 of the quarter's 89 days: half of the way is expected
PILL = re.compile(r'<span class="pill ([a-z-]+)">([^<]+)</span>(?: <span class="grade">([^<]+))?')


def check_in_both(objective, signatures: float, wait_days: float, confidence: int = 7):
    """Check in on the objective's two key results (petition signatures, wait time)."""
    first, second = objective.key_results.order_by("position")
    record_check_in(first, signatures, confidence)
    record_check_in(second, wait_days, confidence)


def new(world):
    """Return an objective created today: nobody has checked in yet."""
    return world.objective(title="A brand-new objective")


def draft(world):
    """Return a draft of Growth's."""
    return world.objective(title="Still a draft", status="draft")


def on_track(world):
    """Return an objective at half of its way, half of the quarter gone."""
    objective = world.objective(title="Going well")
    check_in_both(objective, 60000, 6)
    return objective


def off_track(world):
    """Return an objective that has barely moved by mid-quarter."""
    objective = world.objective(title="Going badly")
    check_in_both(objective, 25000, 8.5)
    return objective


def done(world):
    """Return an objective the team marked achieved."""
    objective = world.objective(title="Reached early")
    check_in_both(objective, 100000, 3, confidence=10)
    return update_objective(objective, status="achieved")


def closed(world):
    """Return an objective of last quarter, closed with a grade of 5.0."""
    quarter = create_cycle(
        world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), state="active"
    )
    objective = world.objective(title="Last quarter's", cycle=quarter)
    check_in_both(objective, 60000, 6)
    close_cycle(quarter, confirmed_early=True)
    objective.refresh_from_db()
    return objective


# name: (how the objective is made, the state, its label, the grade shown beside it)
STORIES = {
    "new": (new, "not-started", "Not started", None),
    "draft": (draft, "draft", "Draft", None),
    "on-track": (on_track, "on-track", "On track", None),
    "off-track": (off_track, "off-track", "Off track", None),
    "done": (done, "done", "Done", None),
    "closed": (closed, "closed", "Closed", "grade 5.0"),
}


@pytest.fixture
def story(request, world, clock, client):
    """Return the story's objective, mid-quarter, with Alice of Growth signed in."""
    clock.move_to(at_ten(MID_QUARTER), tick=False)
    make, state, label, grade = STORIES[request.param]
    objective = make(world)
    assert client.login(username=world.alice.email, password=PASSWORD)
    return objective, (state, label, grade)


def pill_after(html: str, marker: str) -> tuple:
    """Return the colour, label and grade of the first state pill after the marker."""
    start = html.index(marker)
    found = PILL.search(html, start)
    assert found, f"no state pill after {marker}"
    return found.group(1), found.group(2), found.group(3)


def page(client, name, *args, **query) -> str:
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("story", list(STORIES), indirect=True)
def test_every_page_and_the_api_show_the_same_state(client, world, story):
    objective, (state, label, grade) = story
    shown = (state, label, grade)
    cycle = objective.cycle_id
    card = f'id="objective-{objective.pk}"'
    link = f'href="/objectives/{objective.pk}/"'
    assert pill_after(page(client, "objective", objective.pk), "headline-state") == shown
    assert pill_after(page(client, "home", cycle=cycle), card) == shown
    assert pill_after(page(client, "team", "growth", cycle=cycle), card) == shown
    assert pill_after(page(client, "tree", cycle=cycle), link) == shown
    api = ApiClient(world.alice)
    assert api.get(f"/objectives/{objective.pk}").json()["state"] == state
    tree = api.get(f"/cycles/{cycle}/tree").json()
    assert [node["state"] for node in tree["roots"] if node["id"] == objective.pk] == [state]


@pytest.mark.parametrize("story", ["new"], indirect=True)
def test_a_new_objective_shows_no_red_anywhere_on_my_okrs(client, story):
    objective, _ = story
    html = page(client, "home", cycle=objective.cycle_id)
    assert "off-track" not in html and "Off track" not in html
    states = {colour for colour, _, _ in (m.groups() for m in PILL.finditer(html))}
    assert states == {"not-started"}  # the objective and both of its key results


@pytest.mark.parametrize("story", ["closed"], indirect=True)
def test_a_closed_cycle_shows_its_grade_as_the_score_and_key_results_closed(client, story):
    objective, _ = story
    html = page(client, "objective", objective.pk)
    assert '<span class="score big">5.0</span>' in html
    key_results = [m.group(1) for m in PILL.finditer(html, html.index("kr-title"))]
    assert key_results == ["closed", "closed"]


@pytest.mark.parametrize("story", ["on-track"], indirect=True)
def test_a_grade_shared_before_the_close_stands_beside_the_live_score(client, world, story):
    objective, _ = story
    update_objective(objective, grade=9.0)
    record_check_in(objective.key_results.get(position=0), 20000, 2)  # progress falls back
    html = page(client, "objective", objective.pk)
    assert '<span class="score big">2.5</span>' in html  # live: (0 + 0.5) / 2
    assert pill_after(html, "headline-state") == ("off-track", "Off track", "grade 9.0")
    data = ApiClient(world.alice).get(f"/objectives/{objective.pk}").json()
    assert (data["score"], data["grade"], data["state"]) == (2.5, 9.0, "off-track")


@pytest.mark.parametrize("story", ["on-track"], indirect=True)
def test_a_reached_key_result_is_done_while_its_objective_runs_on(client, world, story):
    objective, _ = story
    record_check_in(objective.key_results.get(position=0), 100000, 9)
    html = page(client, "objective", objective.pk)
    assert pill_after(html, "headline-state")[0] == "on-track"
    key_results = [m.group(1) for m in PILL.finditer(html, html.index("kr-title"))]
    assert key_results == ["done", "on-track"]


def test_a_parent_starts_with_the_check_in_of_a_child_its_key_result_links(client, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=False)
    child = world.objective(title="The child")
    parent = world.objective(team=world.marketing, title="The parent")
    link_key_result(add_key_result(parent, "Linked to the child", type="binary"), child)
    assert client.login(username=world.admin.email, password=PASSWORD)
    tree = f'href="/objectives/{parent.pk}/"'
    assert pill_after(page(client, "tree", cycle=world.quarter.pk), tree)[0] == "not-started"
    record_check_in(child.key_results.get(position=0), 20000, 5)  # at the start: progress 0
    assert pill_after(page(client, "tree", cycle=world.quarter.pk), tree)[0] == "off-track"
    card = f'id="objective-{parent.pk}"'
    assert pill_after(page(client, "team", "marketing", cycle=world.quarter.pk), card)[0] == (
        "off-track"
    )
    rows = client.get(reverse("dashboard"), {"cycle": world.quarter.pk}).context["statuses"]
    assert rows == {"on-track": 0, "at-risk": 0, "off-track": 2}


@pytest.mark.parametrize("story", ["new"], indirect=True)
def test_the_dashboard_counts_states_as_the_pages_show_them(client, world, story):
    on_track(world)
    off_track(world)
    done(world)
    draft(world)
    context = client.get(reverse("dashboard"), {"cycle": world.quarter.pk}).context
    assert context["statuses"] == {
        "not-started": 1,
        "on-track": 1,
        "at-risk": 0,
        "off-track": 1,
        "done": 1,
    }
    radar = client.get(reverse("dashboard-attention"), HTTP_HX_REQUEST="true").context
    objectives = [i.title for i in radar["attention"] if not i.is_key_result()]
    assert objectives[0] == "Going badly"  # the worst first; the stale new one after it
    assert context["drafts"] == 1
