"""KPIs that prompt OKRs in the web app: drafting from an unhealthy KPI, and the links read back."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.kpis.models import KPIResponse
from okrs.kpis.responses import link_kpi
from okrs.objectives.actions import add_key_result, create_objective
from okrs.objectives.models import Objective
from okrs.web.tests.test_drafting import draft


def unhealthy_churn(world):
    """Return Growth's donor churn KPI, out of its healthy range (at most 5%) at 6.2%."""
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    record_measurement(churn, 6.2)
    return churn


def test_an_unhealthy_kpi_offers_to_draft_an_objective_for_it(world):
    churn = unhealthy_churn(world)

    page = signed_in(world.alice).get(reverse("kpi", args=[churn.pk])).content.decode()
    team = signed_in(world.alice).get(reverse("team", args=["growth"])).content.decode()

    link = f"{reverse('objective-new')}?kpi={churn.pk}"
    assert "Draft an objective for this" in page and link in page
    assert link in team


def test_a_healthy_kpi_and_a_stakeholder_get_no_such_offer(world):
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    record_measurement(churn, 4.1)
    sick = unhealthy_churn(world)

    healthy = signed_in(world.alice).get(reverse("kpi", args=[churn.pk])).content.decode()
    stakeholder = signed_in(world.sam).get(reverse("kpi", args=[sick.pk])).content.decode()

    assert "Draft an objective for this" not in healthy
    assert "Draft an objective for this" not in stakeholder


def test_the_form_opens_prefilled_for_the_kpi_and_the_person_s_team(world):
    churn = unhealthy_churn(world)

    response = signed_in(world.alice).get(reverse("objective-new"), {"kpi": churn.pk})

    form, responses = response.context["form"], response.context["responses"]
    assert form.initial["title"] == "Bring donor churn back within its healthy range"
    assert form.initial["description"] == (
        "Responds to the KPI Donor churn of Growth: latest 6.2%, healthy at most 5%."
    )
    assert form.initial["team"] == world.growth
    assert list(responses["responds_to"].value()) == [churn.pk]


def test_someone_outside_the_kpi_s_team_drafts_for_a_team_of_their_own(world):
    churn = unhealthy_churn(world)

    response = signed_in(world.bob).get(reverse("objective-new"), {"kpi": churn.pk})

    assert response.context["form"].initial["team"] == world.support


def test_a_kpi_of_another_organisation_prefills_nothing(world, other_world):
    foreign = create_kpi(other_world["team"], "Globex churn", upper_bound=5)

    response = signed_in(world.alice).get(reverse("objective-new"), {"kpi": foreign.pk})

    assert "title" not in response.context["form"].initial
    assert "Globex churn" not in response.content.decode()


def test_saving_the_draft_links_it_to_the_kpi(world):
    churn = unhealthy_churn(world)
    data = draft(world, title="Bring donor churn back within its healthy range")

    response = signed_in(world.alice).post(
        reverse("objective-new"), data | {"responds_to": [churn.pk]}
    )

    objective = Objective.objects.get(title="Bring donor churn back within its healthy range")
    assert response.status_code == 302
    assert list(KPIResponse.objects.values_list("kpi_id", "objective_id")) == [
        (churn.pk, objective.pk)
    ]


def test_editing_without_the_kpi_unlinks_it(world):
    churn = unhealthy_churn(world)
    goal = world.objective()
    link_kpi(churn, goal)
    data = draft(world, title=goal.title, version=goal.version)
    data.update({"kr-TOTAL_FORMS": "0", "kr-INITIAL_FORMS": "0"})

    response = signed_in(world.alice).post(reverse("objective-edit", args=[goal.pk]), data)

    assert response.status_code == 302
    assert not KPIResponse.objects.exists()


def test_a_kpi_of_another_organisation_cannot_be_linked(world, other_world):
    foreign = create_kpi(other_world["team"], "Globex churn", upper_bound=5)

    response = signed_in(world.alice).post(
        reverse("objective-new"), draft(world) | {"responds_to": [foreign.pk]}
    )

    assert response.status_code == 422
    assert "responds_to" in response.context["responses"].errors
    assert not Objective.objects.of(world.org).exists()


def test_the_objective_page_shows_the_kpi_it_responds_to_with_its_health(world):
    churn = unhealthy_churn(world)
    goal = world.objective()
    link_kpi(churn, goal)

    page = signed_in(world.bob).get(reverse("objective", args=[goal.pk])).content.decode()

    assert "Responds to" in page
    assert reverse("kpi", args=[churn.pk]) in page
    assert "6.2%" in page and "outside the range" in page


def test_the_kpi_page_lists_the_objectives_responding_but_no_one_else_s_draft(world):
    churn = unhealthy_churn(world)
    published = world.objective(title="Donors stay with us")
    secret = create_objective(world.quarter, "Win back lapsed donors", team=world.growth)
    add_key_result(secret, "Win back 200 lapsed donors", start=0, target=200)
    link_kpi(churn, published)
    link_kpi(churn, secret)

    outsider = signed_in(world.bob).get(reverse("kpi", args=[churn.pk])).content.decode()
    member = signed_in(world.alice).get(reverse("kpi", args=[churn.pk])).content.decode()

    assert "Donors stay with us" in outsider and "Win back lapsed donors" not in outsider
    assert "Donors stay with us" in member and "Win back lapsed donors" in member


def test_the_kpi_page_reads_its_responses_in_one_query_however_many(world):
    churn = unhealthy_churn(world)
    client = signed_in(world.alice)
    url = reverse("kpi", args=[churn.pk])
    link_kpi(churn, world.objective())
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        link_kpi(churn, world.objective(title=f"Donors stay with us {n}"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(few) == len(many)


def test_leading_and_lagging_badges_and_counts_on_the_objective_page_and_the_tree(world):
    goal = world.objective()
    goal.key_results.filter(title__startswith="Grow").update(indicator="leading")
    goal.key_results.filter(title__startswith="Reduce").update(indicator="lagging")
    client = signed_in(world.alice)

    page = client.get(reverse("objective", args=[goal.pk])).content.decode()
    tree = client.get(reverse("tree"), {"cycle": world.quarter.pk}).content.decode()

    assert '<span class="tag indicator-leading"' in page
    assert '<span class="tag indicator-lagging"' in page
    assert "1 leading · 1 lagging" in page
    assert "(1 leading · 1 lagging)" in tree
