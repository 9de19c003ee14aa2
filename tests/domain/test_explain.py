"""Explaining an objective's figures: each formula with its values, the pace and the state rule."""

from datetime import date

from okrs.domain.explain import KeyResultFacts, ObjectiveFacts, explain_objective, formula, pace
from okrs.domain.explain_text import formula_sentence, reading
from okrs.domain.rollup import KeyResultInput
from okrs.domain.states import State

Q1_START, Q1_END = date(2027, 1, 1), date(2027, 3, 31)
MID = date(2027, 2, 15)  # day 45 of 89


def metric(title="Signatures", start=2.0, target=12.0, current=6.0, **fields):
    fields.setdefault("checked_in", current is not None)
    return KeyResultFacts(title, "metric", "increase", start, target, current, **fields)


def objective(*key_results, lifecycle="active", ambition="roofshot", cycle="active", grade=None):
    return ObjectiveFacts(1, lifecycle, ambition, cycle, Q1_START, Q1_END, grade, key_results)


def explain(facts, children=None, titles=None, scale="0-10", on=MID):
    return explain_objective(facts, children or {}, titles or {}, scale, on)


def test_metric_formula_keeps_the_values_and_the_ratio():
    f = formula(metric(start=2, target=12, current=6))
    assert (f.rule, f.ratio, f.progress) == ("metric", 0.4, 0.4)
    assert formula_sentence(f) == (
        "(current − start) / (target − start) = (6 − 2) / (12 − 2) = 40%"
    )


def test_a_decrease_beyond_its_target_is_capped_at_100_percent():
    f = formula(KeyResultFacts("Wait", "metric", "decrease", 9, 3, 2, checked_in=True))
    assert f.progress == 1.0
    assert formula_sentence(f).endswith("= (2 − 9) / (3 − 9) = 116.7%, capped at 100%")


def test_a_value_moving_away_from_the_target_counts_as_zero():
    f = formula(metric(start=10, target=20, current=5))
    assert f.progress == 0.0
    assert "= -50%, counted as 0%" in formula_sentence(f)


def test_binary_and_bounds_name_their_rule():
    done = formula(KeyResultFacts("Launch", "binary", "increase", None, 1, 1))
    kept = formula(KeyResultFacts("Uptime", "metric", "stay-above", None, 99, 99.5, unit="%"))
    missed = formula(KeyResultFacts("Cost", "metric", "stay-below", None, 10, 12, unit="EUR"))
    assert (done.rule, done.progress) == ("binary", 1.0)
    assert "it is done, so 100%" in formula_sentence(done)
    assert formula_sentence(kept) == (
        "keep at least 99: the latest value 99.5 keeps the bound, so 100%"
    )
    assert formula_sentence(missed, "EUR") == (
        "keep at most 10 EUR: the latest value 12 EUR misses the bound, so 0%"
    )


def test_no_value_yet_explains_the_zero():
    f = formula(metric(current=None))
    assert (f.rule, f.progress) == ("no-value", 0.0)
    assert formula_sentence(f) == "no value yet (no check-in), so 0%"


def test_weights_give_each_key_result_its_share():
    why = explain(objective(metric(current=6, weight=1), metric(current=7, weight=3)))
    first, second = why.key_results
    assert (first.share, second.share) == (0.25, 0.75)
    assert why.progress == 0.25 * 0.4 + 0.75 * 0.5
    assert sum(kr.contribution for kr in why.key_results) == why.progress
    text = reading(why)
    assert text.progress == (
        "Progress 48%: the key results' progress weighted by their weights, "
        "(40% × 1 + 50% × 3) / 4 = 47.5%."
    )
    assert text.key_results[1].progress.endswith(
        "Weight 3 of 4, a 75% share, so it adds 50% × 75% = 37.5% to the objective."
    )


def test_a_linked_child_gives_its_progress_and_share():
    linked = metric(title="Child", start=0, target=1, current=None, linked_objective=2)
    own = metric(current=12)
    children = {2: [KeyResultInput(0.2, 1.0, None, True), KeyResultInput(0.4, 1.0, None, True)]}
    why = explain(objective(linked, own), children, {2: "Win the region"})
    child = why.key_results[0].child
    assert (child.key, child.title, child.checked_in) == (2, "Win the region", True)
    assert abs(child.progress - 0.3) < 1e-12
    assert why.key_results[0].share == 0.5
    assert abs(why.progress - 0.65) < 1e-12
    assert "linked child objective “Win the region”: 30%" in reading(why).key_results[0].progress


def test_a_child_the_reader_cannot_see_stays_unnamed():
    linked = metric(title="Child", current=None, linked_objective=2)
    why = explain(objective(linked), {2: []})
    assert why.key_results[0].child.title == "an objective you cannot see"
    assert why.state.state == State.NOT_STARTED


def test_pace_counts_the_day_of_the_cycle_and_a_moonshot_expects_less():
    roof = pace(Q1_START, Q1_END, MID, "roofshot")
    moon = pace(Q1_START, Q1_END, MID, "moonshot")
    assert (roof.day, roof.days, roof.expected) == (45, 89, 45 / 89)
    assert moon.expected == 0.7 * 45 / 89
    text = reading(explain(objective(metric(), ambition="moonshot"))).pace
    assert text == (
        "Expected 35% today (15 Feb 2027): day 45 of 89 of the cycle (1 Jan 2027 – 31 Mar 2027), "
        "50.6% elapsed; a moonshot is expected to reach 70% of that: 50.6% × 0.7 = 35.4%."
    )


def test_before_the_cycle_nothing_is_expected():
    why = explain(objective(metric()), on=date(2026, 12, 7))
    assert (why.pace.day, why.pace.expected, why.state.rule) == (0, 0.0, "nothing-expected")
    assert "has not begun, so nothing is expected yet" in reading(why).pace


def test_pace_state_names_its_thresholds():
    why = explain(objective(metric(current=5.5, confidence=7)))  # 35% against 50.6%
    assert why.state.state == State.AT_RISK
    assert why.state.rule == "pace"
    assert why.state.on_track_from == 0.9 * 45 / 89
    assert reading(why).state == (
        "At risk: progress 35% against 50.6% expected; on track needs at least 45.5% "
        "(0.9 × 50.6%), at risk at least 30.3% (0.6 × 50.6%): it misses the on-track line "
        "but reaches the at-risk one."
    )


def test_low_confidence_turns_on_track_to_at_risk():
    why = explain(objective(metric(current=12, confidence=2), metric(current=12, confidence=3)))
    assert why.confidence == 3 and why.confidences == (2, 3)
    assert (why.state.state, why.state.pace) == ("at-risk", "on-track")
    assert why.state.rule == "confidence"
    assert "but the key results' mean confidence is 3, 3 or less." in reading(why).state
    assert reading(why).confidence == (
        "Confidence 3/10: the mean of the key results' latest confidences (2, 3), "
        "halves rounded up."
    )


def test_state_rules_win_in_order():
    assert explain(objective(metric(), lifecycle="draft")).state.rule == "draft"
    assert explain(objective(metric(), lifecycle="abandoned")).state.rule == "abandoned"
    assert explain(objective(metric(), lifecycle="achieved")).state.rule == "achieved"
    closed = explain(objective(metric(), cycle="closed"))
    assert (closed.state.rule, closed.key_results[0].state.rule) == ("closed-cycle",) * 2
    fresh = explain(objective(metric(current=None)))
    assert (fresh.state.state, fresh.progress) == ("not-started", 0.0)
    assert reading(fresh).state.startswith("Not started: no key result has a check-in yet")
    reached = explain(objective(metric(current=12)))
    assert reached.key_results[0].state.rule == "target-reached"


def test_the_grade_replaces_the_score_only_once_final():
    live = explain(objective(metric(), grade=7.0))
    final = explain(objective(metric(), grade=7.0, cycle="closed"))
    assert (live.score.value, live.score.graded) == (4.0, False)
    assert (final.score.value, final.score.graded) == (7.0, True)
    assert reading(live).score == (
        "Score 4.0: progress 40% × 10 = 4, to one decimal. "
        "The grade 7.0 given at evaluation shows beside the state until scores are final."
    )
    assert reading(final).score.startswith("Score 7.0: the grade given at evaluation")


def test_the_one_scale_reads_progress_as_a_share():
    why = explain(objective(metric(current=6.55)), scale="0-1")
    assert why.score.label == "0.46"
    assert reading(why).score == "Score 0.46: progress 45.5% as a share of 1, to two decimals."


def test_no_key_results_and_zero_weights_explain_a_zero():
    assert reading(explain(objective())).progress == (
        "Progress 0%: the objective has no key results yet."
    )
    weightless = explain(objective(metric(weight=0)))
    assert reading(weightless).progress == (
        "Progress 0%: every key result weighs 0, so nothing counts yet."
    )
