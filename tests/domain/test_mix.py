"""The mix of an OKR set: leading and lagging key results counted, placeholder hypotheses found."""

import pytest

from okrs.domain.mix import has_hypothesis, indicator_mix, is_placeholder


def test_indicators_are_counted_with_the_unmarked_apart():
    mix = indicator_mix(["leading", "lagging", None, "lagging", ""])

    assert (mix.leading, mix.lagging, mix.unmarked) == (1, 2, 2)
    assert mix.label() == "1 leading · 2 lagging"
    assert not mix.all_lagging()


def test_all_lagging_needs_every_key_result_marked_lagging():
    assert indicator_mix(["lagging", "lagging"]).all_lagging()
    assert not indicator_mix(["lagging", None]).all_lagging()
    assert not indicator_mix([]).all_lagging()
    assert indicator_mix([]).label() == ""
    assert indicator_mix(["leading"]).label() == "1 leading"


@pytest.mark.parametrize(
    "text",
    ["", "  ", "TBD", "tbd.", "T.B.D.", "n/a", "N/A", "na", "-", "—", "?", "...", "todo", "To do",
     "TODO", "[TBD]", "none", "to be defined", "to be decided", "pending", "later"],
)  # fmt: skip
def test_placeholders_count_as_no_hypothesis(text):
    assert is_placeholder(text)
    assert not has_hypothesis(text)


@pytest.mark.parametrize(
    "text",
    [
        "We believe that faster replies keep donors giving.",
        "If we answer within a day, churn falls",
        "Later donors stay longer when welcomed",
        "TBD: we think the welcome series matters",
    ],
)
def test_a_sentence_is_a_hypothesis_even_when_it_starts_like_a_placeholder(text):
    assert has_hypothesis(text)
