"""The coach's reading of wording: numbers and their kinds, verb forms, stems and similarity."""

import pytest

from okrs.domain.coach.language import (
    lead_verb,
    listing,
    quote,
    similarity,
    stem,
    verb_forms,
    words,
)
from okrs.domain.coach.numbers import measures, mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Grow revenue 25% by 2030", [("25%", "percent"), ("2030", "year")], id="pct"),
        pytest.param("Reach $2M ARR", [("$2M", "money")], id="dollar-millions"),
        pytest.param("worth EUR 500,000 or above", [("EUR 500,000", "money")], id="currency-code"),
        pytest.param("10k users", [("10k", "count")], id="k-suffix"),
        pytest.param("ten thousand members", [("ten thousand", "count")], id="spelled-out"),
        pytest.param("a million euros", [("a million", "money")], id="spelled-money"),
        pytest.param("twelve percent more", [("twelve percent", "percent")], id="spelled-percent"),
        pytest.param("Double weekly users", [("Double", "multiplier")], id="double"),
        pytest.param("Cut onboarding time in half", [("half", "multiplier")], id="in-half"),
        pytest.param("coverage to 4x target", [("4x", "multiplier")], id="4x"),
        pytest.param("a score of 4.7/5.0", [("4.7/5.0", "ratio")], id="ratio"),
        pytest.param("the 30-day check-in", [("30-day", "qualifier")], id="qualifier"),
        pytest.param("three-day delivery", [("three-day", "qualifier")], id="spelled-qualifier"),
        pytest.param("within three months", [("three", "timebox")], id="timebox-months"),
        pytest.param("over the next six months", [("six", "timebox")], id="timebox-next"),
        pytest.param("by day 30", [("30", "timebox")], id="timebox-day-n"),
        pytest.param("respond within 2 hours", [("2", "count")], id="service-level"),
        pytest.param("Sign one new partner", [("one", "one")], id="lone-one"),
        pytest.param("Sign up 2000 customers", [("2000", "count")], id="count-not-year"),
        pytest.param("Increase signups to 2000", [("2000", "count")], id="to-count-not-year"),
        pytest.param("Our 2027 strategy", [("2027", "year")], id="year-before-noun"),
        pytest.param("Win 3-5 markets", [("3", "count"), ("5", "count")], id="range"),
        pytest.param("zero downtime", [("zero", "count")], id="zero"),
        pytest.param("Cut waits by a third", [("a third", "percent")], id="fraction-a-third"),
        pytest.param("two thirds of mothers", [("two thirds", "percent")], id="fraction-of"),
        pytest.param("one in five homes", [("one in five", "percent")], id="share-in-words"),
        pytest.param("2 in 3 patients", [("2 in 3", "percent")], id="share-in-digits"),
        pytest.param("Become a top-3 bank", [("3", "count")], id="hyphenated-rank"),
        pytest.param("load under 2s", [("2s", "count")], id="glued-seconds"),
        pytest.param("p95 under 200ms", [("200ms", "count")], id="glued-milliseconds"),
    ],
)
def test_mentions_find_numbers_and_their_kind(text, expected):
    assert [(m.text, m.kind) for m in mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Offer 24/7 support",
        "B2B buyers in 5G markets",
        "Win Q3 and H1, FY27",
        "Achieve ISO 27001 and SOC 2",
        "Secure placements in Tier 1 publications",
        "Web 3.0 payments",
        "Be the #1 bakery, the No. 1 in town",
        "one of the best, no one else",
        "a two-sided marketplace and a one-stop shop",
        "double down on enterprise",
        "the first half of the year",
        "millions of households",
        "Open a third library branch",
        "Report within a quarter",
        "in the 1990s",
        "COVID-19 wards",
    ],
)
def test_names_idioms_and_rhetoric_carry_no_number(text):
    assert mentions(text) == []


def test_fraction_and_share_values_are_percentages():
    values = [round(m.value, 1) for m in mentions("by a third, three quarters of, 1 in 4")]
    assert values == [33.3, 75.0, 25.0]


def test_a_quarter_after_a_number_is_a_period():
    assert [m.text for m in mentions("from 300 to 150 a quarter")] == ["300", "150"]


def test_mention_values_are_read():
    values = [m.value for m in mentions("$2.5M, 10k, 4,200, ten thousand, halve, 2 hundred")]
    assert values == [2_500_000, 10_000, 4_200, 10_000, 0.5, 200]


def test_measures_leave_out_years_time_boxes_and_qualifiers():
    text = "Improve 7-day retention in 2027 within three months"
    assert measures(text) == []


def test_verb_forms_cover_regular_irregular_and_doubled_forms():
    assert {"launch", "launches", "launched", "launching"} <= verb_forms("launch")
    assert {"built", "building"} <= verb_forms("build")
    assert {"shipped", "shipping"} <= verb_forms("ship")
    assert {"migrates", "migrated", "migrating"} <= verb_forms("migrate")


def test_lead_verb_skips_fillers_and_adverbs():
    assert lead_verb(words("Successfully roll out the pricing page"), {"roll out"}) == "roll out"
    assert lead_verb(words("We will quickly launch it"), {"launch"}) == "launch"
    assert lead_verb(words("Increase revenue"), {"launch"}) is None


def test_stems_match_across_forms_and_synonyms():
    assert stem("features") == stem("feature")
    assert stem("adoption") == stem("adopt")
    assert stem("clients") == stem("customers")
    assert stem("faster") == stem("speed")


def test_similarity_ignores_numbers_verbs_and_stop_words():
    score, shared = similarity("Cut monthly churn", "Reduce monthly churn rate from 4.2% to 1.8%")
    assert (score, shared) == (1.0, 2)
    assert similarity("Make our app a joy", "Reduce monthly churn rate from 4.2% to 1.8%") == (0, 0)


def test_quote_shortens_long_texts():
    assert quote("Reduce costs by 25%.") == "'Reduce costs by 25%'"
    long = quote("word " * 30, 30)
    assert long.endswith("...'") and len(long) <= 32


def test_listing_joins_for_a_sentence():
    assert listing(["a"]) == "a"
    assert listing(["a", "b"]) == "a and b"
    assert listing(["a", "b", "c"], "or") == "a, b or c"
