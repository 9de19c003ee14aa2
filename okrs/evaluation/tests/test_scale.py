"""Scores typed on 0.0-1.0 are stored on 0-10 and shown back the way they were typed."""

from decimal import Decimal

import pytest

from okrs.evaluation.scale import decimals, from_ten, label, to_ten, top


@pytest.mark.parametrize(
    ("typed", "stored"),
    [(Decimal("0.75"), 7.5), (Decimal("0.7"), 7.0), (Decimal("0.01"), 0.1), (Decimal("1"), 10.0)],
)
def test_a_score_on_0_to_1_is_stored_ten_times_larger(typed, stored):
    assert to_ten(typed, "0-1") == stored
    assert from_ten(stored, "0-1") == float(typed)


def test_a_score_on_0_to_10_is_stored_as_typed():
    assert to_ten(Decimal("7.5"), "0-10") == 7.5
    assert from_ten(7.5, "0-10") == 7.5


def test_a_stored_score_reads_the_way_its_scale_does():
    assert label(7.5, "0-1") == "0.75"
    assert label(7.5, "0-10") == "7.5"
    assert label(None, "0-10") == "–"


def test_each_scale_knows_its_top_and_decimals():
    assert (top("0-1"), decimals("0-1")) == (1, 2)
    assert (top("0-10"), decimals("0-10")) == (10, 1)
