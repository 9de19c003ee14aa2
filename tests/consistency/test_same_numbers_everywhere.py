"""Every surface shows an objective's progress, score, state and confidence as its scorecard does.

For the demo organisation and a small generated one, each at a fixed date, the figures of every
objective are read off My OKRs, the tree, the map, the team pages, the objective pages, the
dashboard, health, quality, the API (cycle tree and objective) and the OKRs-as-code export, and
compared with the scorecard read model (okrs/objectives/scorecards.py) that every page reads.
"""

import io
from collections import Counter
from datetime import date

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings

from okrs.administration.organization_settings import (
    own_check_in_weekday,
    update_organization_settings,
)
from okrs.api.actions import create_token
from okrs.cycles.models import Cycle
from okrs.demo.loader import load_demo
from okrs.domain.numbers import percent
from okrs.domain.okrfile import read_document
from okrs.domain.states import State, look
from okrs.exchange.export import objective_id
from okrs.exchange.stream import export_yaml
from okrs.generator.build import Plan, generate
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    record_check_in,
    update_key_result,
    update_objective,
)
from okrs.objectives.models import DraftCoach, Objective
from okrs.objectives.overrides import override_status
from okrs.objectives.scorecards import scorecards_for
from okrs.organizations.models import Membership, Person, Role, Team
from tests.calendar import at_ten
from tests.consistency import figures as read

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

DEMO_DAY = date(2026, 5, 20)  # seven weeks into the demo's second quarter
GENERATED_DAY = date(2027, 2, 10)  # six weeks into the generated organisation's 2027-Q1
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _demo():
    return load_demo(DEMO_DAY)


def _generated():
    plan = Plan(teams=8, cycles=2, people_per_team=3, today=GENERATED_DAY, progress=False)
    organization = generate(plan).organization
    _add_the_rare_cases(organization)
    update_organization_settings(  # scores written 0.0-1.0, where the demo writes them 0-10
        organization,
        None,
        name=organization.name,
        profile=organization.profile,
        score_scale="0-1",
        time_zone=organization.time_zone,
        check_in_weekday=own_check_in_weekday(organization),
    )
    return organization


def _add_the_rare_cases(organization) -> None:
    """Add what a generated quarter lacks: not started, abandoned, graded early, set by hand."""
    quarter = Cycle.objects.of(organization).get(name="2027-Q1")
    team = Team.objects.of(organization).filter(level="tactical").order_by("pk").first()
    lead = Membership.objects.of(organization).get(team=team, role="lead").person
    waiting = create_objective(quarter, "Open the second depot", team=team, status="active")
    add_key_result(waiting, "Lease a site from 0 to 1 sites", start=0, target=1)
    add_key_result(waiting, "Ship the first order", type="binary")
    dropped = create_objective(quarter, "Enter the northern market", team=team, status="active")
    record_check_in(add_key_result(dropped, "Win 0 to 10 clients", start=0, target=10), 3, 4)
    update_objective(dropped, status="abandoned")
    imported = create_objective(
        quarter, "Cut returns", team=team, status="active", ambition="moonshot"
    )
    add_key_result(imported, "Returns from 9% to 3%", current=7, start=9, target=3)
    bounded = add_key_result(imported, "Keep uptime above 99%", start=95, target=99)
    update_key_result(bounded, direction="stay-above")
    record_check_in(bounded, 99.5, 2)
    update_objective(imported, grade=6.0)
    mine = create_objective(quarter, "Learn the new tooling", owner=lead, status="active")
    record_check_in(add_key_result(mine, "Courses from 0 to 4", start=0, target=4), 1, 6)
    override_status(mine, "off-track", "blocked by the vendor", lead)
    planned = create_objective(quarter, "Plan the next year", team=team, status="draft")
    add_key_result(planned, "Budget from 0 to 1 plans", start=0, target=1)


BUILDERS = {"demo": (_demo, DEMO_DAY), "generated": (_generated, GENERATED_DAY)}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def organisation(request, django_db_setup, django_db_blocker):
    """Build one organisation for the module's read-only tests at its day; roll it back after."""
    build, day = BUILDERS[request.param]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        time_machine.travel(at_ten(day)),
        transaction.atomic(),
    ):
        yield build(), day
        transaction.set_rollback(True)


class Scorecards:
    """The scorecard of every objective of the organisation, as the figures a surface shows."""

    def __init__(self, organization, day: date):
        self.scale = organization.score_scale
        objectives = list(Objective.objects.of(organization).select_related("cycle", "team"))
        self.cards = scorecards_for(objectives, self.scale, day)
        self.mismatches: list[str] = []
        self.seen: dict[str, set[int]] = {}

    def figures(self, pk: int) -> dict:
        """Return the scorecard's figures of the objective."""
        card = self.cards[pk]
        return {
            "progress": card.percent(),
            "score": card.score_label,
            "state": str(card.state),
            "confidence": card.confidence,
        }

    def compare(self, pk: int, shown: read.Figures) -> None:
        """Note where a surface shows the objective otherwise than its scorecard."""
        self.seen.setdefault(shown.surface, set()).add(pk)
        said = shown.shown()
        expected = {name: value for name, value in self.figures(pk).items() if name in said}
        if said != expected:
            title = self.cards[pk].objective.title
            said_otherwise = f"{shown.surface}, objective {pk} {title!r}: {said} != {expected}"
            self.mismatches.append(said_otherwise)

    def compare_all(self, found: dict) -> None:
        """Compare every objective a surface shows, however many times it shows it."""
        for pk, shown in found.items():
            for one in shown:
                self.compare(pk, one)

    def of_cycle(self, cycle: Cycle) -> list:
        """Return the cards of the cycle's objectives."""
        return [c for c in self.cards.values() if c.objective.cycle_id == cycle.pk]


@pytest.fixture
def world_of(organisation, clock):
    """Return the organisation, its cycles, its scorecards and an admin's browser at its day."""
    organization, day = organisation
    clock.move_to(at_ten(day), tick=False)
    admin = Person.objects.filter(organization=organization, role=Role.ADMIN).first()
    # Teams' unshared drafts are theirs alone: the teams invite the admin to coach them all.
    private = Objective.objects.of(organization).filter(status="draft", shared_at__isnull=True)
    DraftCoach.objects.bulk_create(
        DraftCoach(organization=organization, objective=draft, person=admin) for draft in private
    )
    browser = Client()
    browser.force_login(admin)
    cycles = list(Cycle.objects.of(organization).order_by("start", "pk"))
    return organization, cycles, Scorecards(organization, day), browser, admin


def _page(browser: Client, url: str) -> str:
    """Return the page's HTML, streamed or not."""
    response = browser.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _assert_agree(cards: Scorecards) -> None:
    """Fail with every place a surface disagreed with the scorecards, if any did."""
    assert not cards.mismatches, "\n".join(cards.mismatches[:40])


def test_pages_show_each_objectives_scorecard(db, world_of):
    organization, cycles, cards, browser, _ = world_of
    for cycle in cycles:
        cards.compare_all(read.tree_nodes(_page(browser, f"/tree/?cycle={cycle.pk}")))
        cards.compare_all(read.map_boxes(_page(browser, f"/map/?cycle={cycle.pk}")))
        for team in Team.objects.of(organization):
            html = _page(browser, f"/teams/{team.slug}/?cycle={cycle.pk}")
            cards.compare_all(read.objective_cards(html, "team page"))
    for pk in cards.cards:
        cards.compare(pk, read.objective_page(_page(browser, f"/objectives/{pk}/"), pk))
    leads = Membership.objects.of(organization).filter(role="lead").select_related("person")
    for membership in leads:
        browser.force_login(membership.person)
        cards.compare_all(read.objective_cards(_page(browser, "/"), "My OKRs"))
    _assert_agree(cards)
    assert cards.seen["objective page"] == set(cards.cards)
    for surface in ("tree", "map", "team page", "My OKRs"):
        assert cards.seen.get(surface), f"{surface} showed no objective"
    _assert_covers_every_level_and_state(cards, cards.seen["tree"] | cards.seen["team page"])
    if organization.slug == "scale":  # the generated organisation, with its rare cases added
        assert {c.state for c in cards.cards.values()} == set(State)


def _assert_covers_every_level_and_state(cards: Scorecards, checked: set[int]) -> None:
    """Check that the objectives compared span every team level and every state present."""
    levels = {c.objective.team.level for c in cards.cards.values() if c.objective.team}
    states = {c.state for c in cards.cards.values()}
    checked_cards = [cards.cards[pk] for pk in checked]
    assert {c.objective.team.level for c in checked_cards if c.objective.team} == levels
    assert {c.state for c in checked_cards} >= states - {"abandoned", "draft"}


def test_api_tree_and_objective_show_each_objectives_scorecard(db, world_of):
    organization, cycles, cards, browser, admin = world_of
    token = create_token(admin, "consistency")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    for cycle in cycles:
        response = api.get(f"/api/v1/cycles/{cycle.pk}/tree")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        cards.compare_all(read.api_tree(body, cards.scale))
    for pk in cards.cards:
        response = api.get(f"/api/v1/objectives/{pk}")
        assert response.status_code == 200, pk
        cards.compare(pk, read.api_node(response.json(), "API objective", cards.scale))
    _assert_agree(cards)
    assert cards.seen["API objective"] == set(cards.cards)
    assert cards.seen["API tree"]


def test_export_reproduces_each_objectives_scorecard(db, world_of):
    organization, _, cards, _, _ = world_of
    stream = io.StringIO()
    export_yaml(organization, stream)
    exported = read.export_figures(read_document(stream.getvalue()), cards.scale)
    for pk, card in cards.cards.items():
        shown = exported[objective_id(card.objective)]
        if not _score_is_the_grade(card):
            shown.score = None  # the export carries grades, not live scores
        cards.compare(pk, shown)
    _assert_agree(cards)
    assert cards.seen["export"] == set(cards.cards)


def _score_is_the_grade(card) -> bool:
    """Return whether the card's score is its evaluation grade (scores final and graded)."""
    final = card.objective.status in ("achieved", "closed", "abandoned") or (
        card.objective.cycle.state == "closed"
    )
    return final and card.objective.grade is not None


def test_dashboard_counts_and_attention_agree_with_the_scorecards(db, world_of):
    organization, cycles, cards, browser, _ = world_of
    for cycle in cycles:
        shown = read.dashboard_figures(_page(browser, f"/dashboard/?cycle={cycle.pk}"))
        counted = [
            c for c in cards.of_cycle(cycle) if c.objective.status not in ("draft", "abandoned")
        ]
        tenths = [0] * 10
        for card in counted:
            tenths[min(9, int(card.progress * 10))] += 1
        average = sum(c.progress for c in counted) / len(counted) if counted else None
        assert shown == {
            "states": dict(Counter(str(c.state) for c in counted)),
            "average": None if average is None else percent(average),
            "tenths": tenths,
        }, cycle.name
    listed = read.attention_reasons(_page(browser, "/dashboard/attention/"))
    assert listed
    for pk, reasons in listed.items():
        card = cards.cards[pk]
        pace = {look(card.state).label} & {"Off track", "At risk"}
        low = card.confidence is not None and card.confidence <= 3
        shown = (reasons & {"Off track", "At risk"}, "Low confidence" in reasons)
        assert shown == (pace, low), (card.objective.title, reasons, card.state, card.confidence)


def test_health_and_quality_name_objectives_of_their_cycle(db, world_of):
    organization, cycles, cards, browser, _ = world_of
    for cycle in cycles:
        in_cycle = {c.objective.pk for c in cards.of_cycle(cycle)}
        health = _page(browser, f"/health/?cycle={cycle.pk}")
        published = Counter(
            c.objective.team.slug
            for c in cards.of_cycle(cycle)
            if c.objective.team and c.objective.status not in ("draft", "abandoned")
        )
        shown = read.health_objectives_by_team(health)
        assert shown == {slug: published[slug] for slug in shown}, cycle.name
        assert set(published) <= set(shown), cycle.name
        assert read.linked_objectives(health, "section", "panel") <= in_cycle, cycle.name
        quality = _page(browser, f"/quality/?cycle={cycle.pk}")
        assert read.linked_objectives(quality, "li", "finding") <= in_cycle, cycle.name
