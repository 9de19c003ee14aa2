"""The demo passes its own coach: only the practice team keeps mistakes, on purpose."""

from datetime import date

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings

from okrs.demo.content import PRACTICE_TEAM
from okrs.demo.loader import load_demo
from okrs.domain.coach import lint
from okrs.exchange.export import export_document
from okrs.organizations.models import Team
from tests.calendar import at_ten

TODAY = date(2026, 5, 20)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def coached(django_db_setup, django_db_blocker):
    """Build the demo once, run the coach over every team; return findings and their teams."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        time_machine.travel(at_ten(TODAY)),
        transaction.atomic(),
    ):
        organization = load_demo(TODAY)
        document = export_document(organization)
        team_of = {t.id: t.id for t in document.teams}
        for objective in document.objectives:
            team_of[objective.id] = objective.team
            team_of.update({kr.id: objective.team for kr in objective.key_results})
        practice = Team.objects.of(organization).get(name=PRACTICE_TEAM)
        yield lint(document, today=TODAY), team_of, practice
        transaction.set_rollback(True)


def test_the_demo_has_no_error_anywhere(db, coached):
    findings, _, _ = coached
    assert [f for f in findings if f.severity == "error"] == []


def test_only_the_practice_team_draws_warnings(db, coached):
    findings, team_of, practice = coached
    warned = {team_of[f.target] for f in findings if f.severity == "warning"}
    assert warned == {practice.slug}


def test_the_practice_team_keeps_one_mistake_per_rule_and_says_so(db, coached):
    findings, team_of, practice = coached
    theirs = [f.rule for f in findings if team_of[f.target] == practice.slug]
    assert sorted(theirs) == ["kr-is-activity", "no-recent-check-in"]
    assert practice.mission.startswith("Practice only")
