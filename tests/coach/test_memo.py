"""The coach keeps an objective's findings by everything they were computed from, never stale."""

from dataclasses import fields, replace
from datetime import date

import pytest

from okrs.domain.coach import lint, lint_objective, memo
from okrs.domain.document import (
    CheckInDoc,
    CycleDoc,
    Document,
    KeyResultDoc,
    ObjectiveDoc,
    TeamDoc,
)


def _objective(title: str = "Delight first-time customers") -> ObjectiveDoc:
    return ObjectiveDoc(
        id="O1",
        title=title,
        cycle="2027-Q1",
        team="web",
        hypothesis="Faster answers bring customers back.",
        key_results=[
            KeyResultDoc(id="KR1", title="Raise NPS from 20 to 45", start=20, target=45),
            KeyResultDoc(
                id="KR2",
                title="Cut the first answer time from 30 to 5 minutes",
                start=30,
                target=5,
                check_ins=[CheckInDoc(date=date(2027, 1, 10), value=20)],
            ),
        ],
    )


def _document(objective: ObjectiveDoc) -> Document:
    return Document(
        organization="Acme",
        profile="p-okr",
        today=date(2027, 2, 15),
        cycles=[CycleDoc(id="2027-Q1", start=date(2027, 1, 1), end=date(2027, 3, 31))],
        teams=[TeamDoc(id="web", name="Web", level="tactical")],
        objectives=[objective],
    )


@pytest.fixture(autouse=True)
def fresh_memory():
    memo.forget()
    yield
    memo.forget()


def _changed(value):
    """Return a different value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 7
    if isinstance(value, str):
        return value + " changed"
    if isinstance(value, date):
        return date(2027, 1, 11)
    if isinstance(value, list):
        return [*value, "extra"]
    return "set"


@pytest.mark.parametrize(
    "part",
    [
        lambda o: o,
        lambda o: o.key_results[1],
        lambda o: o.key_results[1].check_ins[0],
    ],
    ids=["objective", "key result", "check-in"],
)
def test_a_change_to_any_field_changes_what_the_findings_are_kept_by(part):
    objective = _objective()
    kept = memo.snapshot(objective)
    target = part(objective)
    for field in fields(target):
        if field.name == "key_results" or field.name == "check_ins":
            continue  # the parts themselves are changed field by field
        before = getattr(target, field.name)
        setattr(target, field.name, _changed(before))
        assert memo.snapshot(objective) != kept, field.name
        setattr(target, field.name, before)
    assert memo.snapshot(objective) == kept


def test_findings_follow_an_edit_of_a_key_result_between_two_lints():
    objective = _objective()
    first = lint(_document(objective))
    assert "kr-is-activity" not in {f.rule for f in first}
    again = lint(_document(objective))
    assert again == first
    objective.key_results[0] = replace(objective.key_results[0], title="Publish 12 blog posts")
    edited = lint(_document(objective))
    assert "kr-is-activity" in {f.rule for f in edited}
    assert edited != first


def test_kept_findings_equal_findings_computed_afresh():
    objective = _objective("Grow revenue by 20%")
    kept = lint_objective(objective)
    kept_again = lint_objective(objective)
    memo.forget()
    assert kept == kept_again == lint_objective(objective)
    assert "objective-has-number" in {f.rule for f in kept}


def test_the_profile_is_part_of_what_findings_are_kept_by():
    objective = _objective()
    lint_objective(objective, profile="p-okr")
    lint_objective(objective, profile="okr-institute")
    lint_objective(objective, profile="p-okr")
    assert len(memo._kept) == 2  # one entry per profile, the second p-okr lint reads the first


def test_a_personal_objective_is_linted_afresh_each_time():
    objective = replace(_objective(), team=None, owner="ana")
    first = lint_objective(objective, profile="p-okr")
    assert "individual-okr" in {f.rule for f in first}
    assert not memo._kept


def test_the_memory_starts_afresh_past_its_limit(monkeypatch):
    monkeypatch.setattr(memo, "LIMIT", 2)
    for n in range(5):
        lint_objective(_objective(f"Delight customers of region {n}"))
    assert len(memo._kept) <= 2
