"""Focus across cadences (P-OKR) and the company level's three to five objectives (Scaled OKRs)."""

from datetime import date

import pytest

from okrs.domain.coach import lint
from okrs.domain.document import CycleDoc
from tests.coach.test_rules import Q1, Q2, document, found, objective, only

YEAR = CycleDoc("2027", date(2027, 1, 1), date(2027, 12, 31), kind="year")


def test_p_okr_warns_a_team_with_an_open_annual_and_an_open_quarterly_objective():
    annual = objective("O1", cycle="2027")
    quarterly = objective("O2")
    findings = lint(document(annual, quarterly, cycles=[YEAR, Q1, Q2]))
    finding = only(findings, "objectives-across-cadences")
    assert (finding.severity, finding.target) == ("warning", "growth")
    assert "Growth holds open objectives in 2027 and in 2027-Q1 at the same time" in finding.message
    assert "O1" in finding.message and "O2" in finding.message
    assert "Fulfil or abandon one" in finding.suggestion


@pytest.mark.parametrize("status", ["achieved", "abandoned", "closed"])
def test_a_fulfilled_or_abandoned_annual_objective_frees_the_team(status):
    annual = objective("O1", cycle="2027", status=status)
    findings = lint(document(annual, objective("O2"), cycles=[YEAR, Q1, Q2]))
    assert found(findings, "objectives-across-cadences") == []


def test_quarters_that_do_not_overlap_are_no_conflict():
    findings = lint(document(objective("O1"), objective("O2", cycle="2027-Q2")))
    assert found(findings, "objectives-across-cadences") == []


@pytest.mark.parametrize("profile", ["okr-institute", "scaled-okrs"])
def test_other_schools_allow_annual_and_quarterly_objectives_side_by_side(profile):
    annual = objective("O1", cycle="2027")
    findings = lint(document(annual, objective("O2"), cycles=[YEAR, Q1, Q2]), profile=profile)
    assert found(findings, "objectives-across-cadences") == []


def _company(n: int, team: str = "acme"):
    return [objective(f"C{k}", team=team) for k in range(2, n + 1)]


@pytest.mark.parametrize("count", [3, 4, 5])
def test_scaled_okrs_accepts_three_to_five_for_the_organisation(count):
    findings = lint(document(*_company(count), profile="scaled-okrs"))
    assert found(findings, "company-objectives-count") == []


@pytest.mark.parametrize(("count", "word"), [(1, "fewer"), (2, "fewer"), (6, "more")])
def test_scaled_okrs_flags_fewer_than_three_or_more_than_five(count, word):
    findings = lint(document(*_company(count), profile="scaled-okrs"))
    finding = only(findings, "company-objectives-count")
    assert f"The company level holds {count} open objective" in finding.message
    assert "3 to 5 for the organisation" in finding.message
    assert ("Add" in finding.suggestion) == (word == "fewer")


def test_the_company_level_counts_as_a_whole_across_company_teams():
    teams = document().teams
    board = type(teams[0])("board", "Board", "company", line=9)
    six = [*_company(3), *[objective(f"B{k}", team="board") for k in range(1, 4)]]
    findings = lint(document(*six, profile="scaled-okrs", teams=[board, *teams]))
    assert "holds 6 open objectives" in only(findings, "company-objectives-count").message


def test_p_okr_does_not_count_the_company_level():
    assert found(lint(document()), "company-objectives-count") == []
