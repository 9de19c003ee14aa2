"""The team hierarchy: levels stay in order and a parent never loops back."""

from okrs.domain.hierarchy import level_problem, parent_problem, teams_below

# company 1 > marketing 2 > growth 3, support 4; finance 5 below company
PARENTS = {1: None, 2: 1, 3: 2, 4: 2, 5: 1}


def test_teams_below_reaches_every_depth():
    assert teams_below(PARENTS, 1) == {2, 3, 4, 5}
    assert teams_below(PARENTS, 2) == {3, 4}
    assert teams_below(PARENTS, 3) == set()


def test_a_team_cannot_be_its_own_parent():
    assert parent_problem(PARENTS, 2, 2) == "A team cannot be its own parent."


def test_a_parent_below_the_team_would_loop():
    assert "loop" in parent_problem(PARENTS, 2, 3)


def test_a_parent_beside_or_above_is_fine():
    assert parent_problem(PARENTS, 3, 5) is None
    assert parent_problem(PARENTS, 3, 1) is None


def test_levels_run_from_company_to_tactical():
    assert level_problem("strategic", "company") is None
    assert level_problem("tactical", "strategic") is None
    assert level_problem("tactical", "company") is None
    refused = "A tactical team cannot sit below a tactical team."
    assert level_problem("tactical", "tactical") == refused
    assert level_problem("strategic", "tactical") is not None
    assert level_problem("strategic", None) == "A strategic team needs a parent team above it."
    assert level_problem("company", None) is None
