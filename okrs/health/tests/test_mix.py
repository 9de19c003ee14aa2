"""The mix on the health page: roofshots and moonshots, leading and lagging, hypothesis coverage."""

from django.urls import reverse

from conftest import signed_in
from okrs.health.report import cycle_health
from okrs.health.structure import hypothesis_counts
from okrs.health.tests.conftest import NOW
from okrs.objectives.models import KeyResult, Objective


def shape(world, built):
    """Give the built objectives hypotheses (some placeholders), a moonshot and indicators."""
    hypotheses = {
        "C1": "We believe that water points people can trust make water a right in practice.",
        "M1": "TBD",
        "G1": "We believe more signatures move councils to act.",
        "G2": "n/a",
        "S1": " - ",
        "solo": "todo",
    }
    for name, text in hypotheses.items():
        Objective.objects.filter(pk=built[name].pk).update(hypothesis=text)
    Objective.objects.filter(pk=built["G2"].pk).update(ambition="moonshot")
    growth = KeyResult.objects.filter(objective=built["G1"])
    growth.filter(title__startswith="Grow").update(indicator="leading")
    growth.filter(title__startswith="Reduce").update(indicator="lagging")


def test_placeholders_count_as_missing_hypotheses(world, built):
    shape(world, built)

    assert dict(hypothesis_counts(world.quarter)) == {world.company.pk: 1, world.growth.pk: 1}


def test_organisation_and_team_figures_of_the_mix(world, built):
    shape(world, built)

    report = cycle_health(world.org, world.quarter, [world.quarter, world.annual], NOW)

    hypotheses, moonshots = report.measures["hypotheses"], report.measures["moonshots"]
    assert (hypotheses.part, hypotheses.whole, hypotheses.band()) == (2, 6, "red")
    assert (moonshots.part, moonshots.whole, moonshots.band()) == (1, 6, "green")
    assert (report.total["roofshots"], report.total["moonshots"]) == (5, 1)
    assert (report.total["leading"], report.total["lagging"]) == (1, 1)
    assert report.total["unmarked_indicators"] == 14
    growth = next(row for row in report.teams if row.name == "Growth")
    assert (growth.measures["moonshots"].part, growth.measures["moonshots"].whole) == (1, 2)
    assert growth.measures["hypotheses"].shown() == "50%"


def test_the_health_page_shows_the_mix_and_the_coverage(client, world, built):
    shape(world, built)

    page = signed_in(world.admin, client).get(reverse("health"), {"cycle": world.quarter.pk})

    text = page.content.decode()
    assert "Hypothesis coverage" in text
    assert "Roofshot 5" in text and "Moonshot 1" in text
    assert "Leading 1" in text and "Lagging 1" in text
    assert '<th scope="col" class="num">Moonshots</th>' in text
