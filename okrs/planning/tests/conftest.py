"""Planning fixtures: Acme Water plans its second quarter of 2027."""

from datetime import date
from types import SimpleNamespace

import pytest

from conftest import PASSWORD
from okrs.cycles.actions import create_cycle
from okrs.objectives.actions import align
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role


@pytest.fixture
def plan(world):
    """Give Acme a company and a strategic objective for 2027, 2027-Q2 in planning, and Pat."""
    company = world.objective(
        team=world.company, title="Become the most trusted water charity", cycle=world.annual
    )
    strategic = world.objective(
        team=world.marketing, title="Make our cause known in every town", cycle=world.annual
    )
    align(strategic, company)
    q2 = create_cycle(
        world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), parent=world.annual
    )
    pat = add_person(
        world.org, "pat@acme.test", "Pat Practitioner", Role.OKR_PRACTITIONER, PASSWORD
    )
    return SimpleNamespace(q2=q2, company=company, strategic=strategic, pat=pat)
