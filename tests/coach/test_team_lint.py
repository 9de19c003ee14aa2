"""Linting one team's objectives finds exactly what linting the whole document finds for them."""

from datetime import date

from okrs.domain.coach import lint
from tests.coach.test_rules import GOOD_KRS, document, kr, objective

TEAM_TARGETS = {"growth", "web", "product", "acme"}


def mixed():
    """Return a document where every team has something to fix, across alignments."""
    return document(
        objective("G1", "Grow signups by 50%", [kr("Launch the new landing page")]),
        objective(
            "G2",
            "Grow petition signatures from 20,000 to 100,000",  # restates the company's KR
            [kr(GOOD_KRS[0]), kr("Hold 3 workshops")],
        ),
        objective(
            "W1", "Ship the redesign", [kr("Migrate the website to the new stack")], team="web"
        ),
        objective("P1", "Win 30% more members", [kr(GOOD_KRS[1])], team="product", aligned_to=[]),
        today=date(2027, 2, 20),  # long after the cycle started: no recent check-ins
    )


def owner_of(doc, target):
    """Return the team whose objective or key result the finding is about, or None."""
    for o in doc.objectives:
        if target == o.id or target in {k.id for k in o.key_results}:
            return o.team
    return None


def test_a_team_scope_finds_what_the_whole_document_finds_for_that_team():
    doc = mixed()
    whole = lint(doc)
    assert {owner_of(doc, f.target) for f in whole} >= {"growth", "web", "product"}
    assert "cascade-kr-as-objective" in {f.rule for f in whole}
    assert "no-recent-check-in" in {f.rule for f in whole}
    for team in ("growth", "web", "product", "acme"):
        scoped = lint(doc, team=team)
        expected = [f for f in whole if owner_of(doc, f.target) in (team, None)]
        assert scoped == expected, team


def test_team_findings_stay_whatever_the_scope():
    doc = mixed()
    about_teams = [f for f in lint(doc) if f.target in TEAM_TARGETS]
    assert [f for f in lint(doc, team="web") if f.target in TEAM_TARGETS] == about_teams
