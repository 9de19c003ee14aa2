"""Shared fixtures: one organisation with named people, as in a story."""

import os
from datetime import date

import pytest
from django.test import Client

from okrs.cycles.actions import add_cycle, create_cycle
from okrs.objectives.actions import add_key_result, create_objective
from okrs.organizations.actions import (
    add_person,
    company_team,
    create_organization,
    create_team,
    join_team,
)
from okrs.organizations.models import Membership, Role
from tests.calendar import DEFAULT_TODAY, WORLD_TODAY, at_ten

PASSWORD = "correct-horse-battery"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server beside Playwright's loop


class World:
    """Acme Water: a company, a strategic department, two tactical teams and their people."""

    def __init__(self):
        self.org = create_organization("Acme Water", slug="acme")
        self.company = company_team(self.org)
        self.marketing = create_team(self.org, "Marketing", "strategic", self.company)
        self.growth = create_team(self.org, "Growth", "tactical", self.marketing)
        self.support = create_team(self.org, "Support", "tactical", self.marketing)
        self.admin = add_person(self.org, "admin@acme.test", "Ada Admin", Role.ADMIN, PASSWORD)
        self.alice = add_person(self.org, "alice@acme.test", "Alice Doe", Role.MEMBER, PASSWORD)
        self.bob = add_person(self.org, "bob@acme.test", "Bob Roe", Role.MEMBER, PASSWORD)
        self.sam = add_person(
            self.org, "sam@acme.test", "Sam Stakeholder", Role.STAKEHOLDER, PASSWORD
        )
        join_team(self.alice, self.growth, Membership.TeamRole.LEAD)
        join_team(self.bob, self.support)
        self.annual = create_cycle(
            self.org, "2027", date(2027, 1, 1), date(2027, 12, 31), kind="annual", state="active"
        )
        self.quarter = create_cycle(
            self.org,
            "2027-Q1",
            date(2027, 1, 1),
            date(2027, 3, 31),
            parent=self.annual,
            state="active",
        )

    def objective(
        self,
        team=None,
        title="Make clean water a topic no household can ignore",
        cycle=None,
        **fields,
    ):
        """Create an active objective of the team (Growth by default) with two key results."""
        fields.setdefault("status", "active")
        objective = create_objective(
            cycle or self.quarter, title, team=team or self.growth, **fields
        )
        add_key_result(
            objective, "Grow petition signatures from 20,000 to 100,000", start=20000, target=100000
        )
        add_key_result(objective, "Reduce wait time from 9 to 3 days", start=9, target=3)
        return objective


def signed_in(person, client: Client | None = None) -> Client:
    """Return the client (a new one unless given) signed in as the person."""
    client = Client() if client is None else client
    assert client.login(username=person.email, password=PASSWORD)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Start the tests that run servers of their own first: the longest, spread over the cores."""
    items.sort(key=lambda item: item.get_closest_marker("server") is None)


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Set the test's calendar to the session's default date; `clock.move_to` travels."""
    time_machine.move_to(at_ten(DEFAULT_TODAY), tick=True)
    return time_machine


@pytest.fixture(scope="session", autouse=True)
def shared_static_files(tmp_path_factory):
    """Let every okrs process a test starts share one collection of static files (per worker)."""
    os.environ["OKRS_STATIC_ROOT"] = str(tmp_path_factory.mktemp("static"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash passwords cheaply: the tests check who may sign in, not the hash strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def outbound_allows_loopback(settings):
    """Let okrs send to the tests' receivers on 127.0.0.1, as OKRS_OUTBOUND_ALLOW=127.0.0.1 does."""
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]


@pytest.fixture
def q2(world):
    """Return 2027-Q2, the quarter to come inside the year, as an admin adds it."""
    return add_cycle(
        world.org,
        "2027-Q2",
        date(2027, 4, 1),
        date(2027, 6, 30),
        parent=world.annual,
        by=world.admin,
    )


@pytest.fixture
def world(db, clock):
    """Return the Acme Water organisation with its teams, people and cycles, on its own day."""
    clock.move_to(at_ten(WORLD_TODAY), tick=True)
    return World()


@pytest.fixture
def other_world(db, clock):
    """Return a second, unrelated organisation with one objective, on the story's day."""
    clock.move_to(at_ten(WORLD_TODAY), tick=True)
    org = create_organization("Globex", slug="globex")
    team = create_team(org, "Globex Ops", "tactical")
    person = add_person(org, "gina@globex.test", "Gina Globex", Role.ADMIN, PASSWORD)
    join_team(person, team)
    cycle = create_cycle(org, "G-Q1", date(2027, 1, 1), date(2027, 3, 31), state="active")
    objective = create_objective(cycle, "Globex secret objective", team=team, status="active")
    key_result = add_key_result(
        objective, "Globex secret key result from 1 to 5", start=1, target=5
    )
    return {
        "org": org,
        "team": team,
        "person": person,
        "cycle": cycle,
        "objective": objective,
        "kr": key_result,
    }


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium for the whole session (one per test process)."""
    from pathlib import Path

    from tests.browser.conftest import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: run `make test` as root once, or apt-get install chromium."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """Return a fresh 1280x800 page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
