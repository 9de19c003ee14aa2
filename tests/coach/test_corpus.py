"""The coach on the labelled corpus: the guides' examples and our own drafts, rule by rule."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from okrs.domain.coach import RULES, lint, lint_key_result, lint_objective
from okrs.domain.document import CycleDoc, Document, KeyResultDoc, ObjectiveDoc, TeamDoc

CORPUS = Path(__file__).parent / "corpus"
OBJECTIVE_RULES = ("objective-has-number", "objective-prescribes-how")
KEY_RESULT_RULES = (
    "kr-not-measurable",
    "kr-binary-by-nature",
    "kr-is-activity",
    "kr-missing-baseline",
    "kr-looks-like-kpi",
    "kr-numbers-disagree",
)
LANGUAGE_RULES = (*OBJECTIVE_RULES, *KEY_RESULT_RULES, "unbalanced-kr", "cascade-kr-as-objective")
FIELDS = ("type", "start", "target", "unit", "direction", "balancing")


def load_cases() -> list[dict]:
    """Return every case of every corpus file, in file order."""
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text()):
            cases.append(case | {"file": path.name})
    return cases


CASES = load_cases()


def default_checks(case: dict) -> tuple[str, ...]:
    """Return the rules a case speaks about when it does not list them."""
    if "parent_key_result" in case:
        return ("cascade-kr-as-objective",)
    if "key_results" in case:
        return ("unbalanced-kr",)
    if "objective" in case:
        return OBJECTIVE_RULES
    return KEY_RESULT_RULES


def key_result(spec, kr_id: str) -> KeyResultDoc:
    """Return a key result from a corpus title or mapping."""
    if isinstance(spec, str):
        return KeyResultDoc(kr_id, spec)
    return KeyResultDoc(kr_id, spec["title"], **{k: spec[k] for k in FIELDS if k in spec})


def fired(case: dict) -> set[str]:
    """Return the rule ids the coach reports for the case."""
    if "parent_key_result" in case:
        document = Document(
            organization="Acme",
            cycles=[CycleDoc("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))],
            teams=[TeamDoc("acme", "Acme", "company"), TeamDoc("web", "Web", "tactical", "acme")],
            objectives=[
                ObjectiveDoc(
                    "P",
                    "Parent",
                    "2027-Q1",
                    team="acme",
                    key_results=[KeyResultDoc("P-KR1", case["parent_key_result"])],
                ),
                ObjectiveDoc("C", case["objective"], "2027-Q1", team="web", aligned_to=["P"]),
            ],
        )
        return {f.rule for f in lint(document, profile=case.get("profile")) if f.target == "C"}
    if "objective" in case:
        specs = case.get("key_results", [])
        objective = ObjectiveDoc(
            "O",
            case["objective"],
            "2027-Q1",
            team="web",
            hypothesis=case.get("hypothesis", ""),
            key_results=[key_result(spec, f"O-KR{n}") for n, spec in enumerate(specs, 1)],
        )
        return {f.rule for f in lint_objective(objective, profile=case.get("profile", "p-okr"))}
    spec = {"title": case["key_result"], **case.get("fields", {})}
    return {f.rule for f in lint_key_result(key_result(spec, "KR"))}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_case(case):
    checks = set(case.get("checks") or default_checks(case))
    assert set(case["fires"]) <= checks, "a case may only expect rules it checks"
    assert fired(case) & checks == set(case["fires"]), case.get("note", "")


def test_corpus_has_at_least_150_cases():
    assert len(CASES) >= 150


def test_corpus_ids_are_unique():
    repeated = [name for name, count in Counter(c["id"] for c in CASES).items() if count > 1]
    assert repeated == []


def test_corpus_cases_name_a_seed_or_the_rule_they_were_written_for():
    for case in CASES:
        if "source" in case:
            assert case["source"]["seed"].endswith(".txt") and case["source"]["quote"]
        else:
            assert case["about"] in RULES, case["id"]


@pytest.mark.parametrize("rule", LANGUAGE_RULES)
def test_each_language_rule_has_8_positive_and_8_negative_cases_of_our_own(rule):
    own = [c for c in CASES if c.get("about") == rule]
    positive = [c for c in own if rule in c["fires"]]
    negative = [c for c in own if rule not in c["fires"]]
    assert len(positive) >= 8 and len(negative) >= 8


EDGE_DOMAINS = ("public", "health", "retail", "banking")


def test_the_edges_come_from_every_domain_the_guides_skip_and_several_profiles():
    edges = [c for c in CASES if c["file"] == "edges.yaml"]
    for domain in EDGE_DOMAINS:
        assert any(c["id"].endswith(f"-{domain}") for c in edges), domain
    assert {c.get("profile", "p-okr") for c in edges} == {"p-okr", "okr-institute", "scaled-okrs"}


def test_every_seed_file_is_in_the_corpus():
    seeds = {c["source"]["seed"] for c in CASES if "source" in c}
    assert seeds == {
        "000_e0e1229dbd8e8b79.txt",
        "001_220c84b9851b6344.txt",
        "002_e96b39598670430b.txt",
    }
