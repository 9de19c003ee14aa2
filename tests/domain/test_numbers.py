"""OKR numbers read without needless decimals, with thousands separators and their units."""

from types import SimpleNamespace

from okrs.domain.numbers import kr_range, kr_value, num, percent, plain_number


def key_result(**fields):
    """Return a key result's numbers as the formatting reads them."""
    defaults = {"type": "metric", "unit": "", "start": 0, "target": 100, "current": None}
    return SimpleNamespace(**{**defaults, "direction": "increase", **fields})


def test_a_number_drops_needless_decimals_and_groups_thousands():
    assert (num(32000.0), num(1234.5), num(0.125), num(None)) == ("32,000", "1,234.5", "0.12", "–")


def test_an_input_number_has_no_separators():
    assert (plain_number(32000.0), plain_number(2.5), plain_number("")) == ("32000", "2.5", "")


def test_a_share_reads_as_a_whole_percentage():
    assert (percent(0.456), percent(None)) == ("46%", "0%")


def test_a_key_results_value_carries_its_unit():
    assert kr_value(key_result(current=45, unit="%")) == "45%"
    assert kr_value(key_result(current=32000, unit="signatures")) == "32,000 signatures"
    assert kr_value(key_result(type="binary", current=1)) == "Done"


def test_a_key_results_range_names_its_direction():
    assert kr_range(key_result(start=10, target=40, unit="%")) == "10 → 40%"
    assert kr_range(key_result(target=95, direction="stay-above")) == "Keep at least 95"
    assert kr_range(key_result(type="binary")) == "Milestone"
