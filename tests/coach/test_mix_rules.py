"""The coach asks for a leading key result where all of an objective's key results are lagging."""

from okrs.domain.coach import RULES, lint_objective
from okrs.domain.document import KeyResultDoc, ObjectiveDoc


def objective(*indicators):
    """Return an objective on donors with one key result per indicator given."""
    titles = [
        "Raise 12-month donor retention from 70% to 80%",
        "Raise revenue from repeat donors from 1.2M to 1.5M",
        "Raise the share of new donors who open the welcome series from 30% to 60%",
    ]
    return ObjectiveDoc(
        id="O1",
        title="Donors stay with us",
        cycle="2027-Q1",
        team="growth",
        hypothesis="We believe a warm welcome keeps donors giving.",
        key_results=[
            KeyResultDoc(id=f"KR{n}", title=title, start=1, target=2, indicator=indicator)
            for n, (title, indicator) in enumerate(zip(titles, indicators, strict=False), 1)
        ],
    )


def rules_of(found):
    return [f.rule for f in found]


def test_all_lagging_key_results_get_a_suggestion_for_a_leading_one():
    found = [f for f in lint_objective(objective("lagging", "lagging")) if f.rule == "all-lagging"]

    assert len(found) == 1
    finding = found[0]
    assert (finding.severity, finding.target) == ("info", "O1")
    assert (
        finding.message
        == "O1: all 2 key results are lagging; nothing shows early whether it is on its way."
    )
    assert "Raise 12-month donor retention" in finding.suggestion
    assert "`indicator: leading`" in finding.suggestion
    assert finding.reason == RULES["all-lagging"].reason


def test_one_leading_key_result_is_enough():
    assert "all-lagging" not in rules_of(lint_objective(objective("lagging", "lagging", "leading")))


def test_unmarked_key_results_are_not_guessed():
    assert "all-lagging" not in rules_of(lint_objective(objective("lagging", None)))
    assert "all-lagging" not in rules_of(lint_objective(objective(None, None)))


def test_a_single_lagging_key_result_is_told_in_the_singular():
    found = [f for f in lint_objective(objective("lagging")) if f.rule == "all-lagging"]

    assert found[0].message.startswith("O1: its key result is lagging")
