"""KPIs that prompt OKRs in the API: linking, unlinking, an objective's `responds_to` read back."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.api.tests.conftest import ApiClient
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.kpis.models import KPIResponse
from okrs.kpis.responses import link_kpi
from okrs.objectives.actions import create_objective
from okrs.organizations.models import AdministrativeChange


def churn_of(world):
    """Return Growth's donor churn KPI at 6.2%, above its healthy ceiling of 5%."""
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    record_measurement(churn, 6.2)
    return churn


def test_link_then_read_responds_to_then_unlink(world):
    churn, goal = churn_of(world), world.objective()
    alice = ApiClient(world.alice)

    linked = alice.call("put", f"/kpis/{churn.pk}/objectives/{goal.pk}")
    read = alice.get(f"/objectives/{goal.pk}").json()
    unlinked = alice.delete(f"/kpis/{churn.pk}/objectives/{goal.pk}")

    assert linked.status_code == 200
    assert linked.json() == {"kpi_id": churn.pk, "objective_id": goal.pk, "linked": True}
    assert read["responds_to"] == [
        {
            "id": churn.pk,
            "name": "Donor churn",
            "team_id": world.growth.pk,
            "unit": "%",
            "latest_value": 6.2,
            "healthy": False,
        }
    ]
    assert unlinked.json()["linked"] is False
    assert not KPIResponse.objects.exists()
    actions = AdministrativeChange.objects.order_by("pk").values_list("action", flat=True)
    assert [a for a in actions if a.startswith("kpi.") and "link" in a] == [
        "kpi.linked",
        "kpi.unlinked",
    ]


def test_only_the_objective_s_writers_link_it(world):
    churn, goal = churn_of(world), world.objective()

    bob = ApiClient(world.bob).call("put", f"/kpis/{churn.pk}/objectives/{goal.pk}")
    sam = ApiClient(world.sam).call("put", f"/kpis/{churn.pk}/objectives/{goal.pk}")

    assert (bob.status_code, sam.status_code) == (403, 403)
    assert not KPIResponse.objects.exists()


def test_another_organisation_s_kpi_or_objective_is_not_found(world, other_world):
    churn, goal = churn_of(world), world.objective()
    foreign_kpi = create_kpi(other_world["team"], "Globex churn", upper_bound=5)
    alice = ApiClient(world.alice)

    wrong_kpi = alice.call("put", f"/kpis/{foreign_kpi.pk}/objectives/{goal.pk}")
    wrong_goal = alice.call("put", f"/kpis/{churn.pk}/objectives/{other_world['objective'].pk}")

    assert (wrong_kpi.status_code, wrong_goal.status_code) == (404, 404)
    assert not KPIResponse.objects.exists()


def test_the_kpi_lists_only_the_responding_objectives_the_reader_may_see(world):
    churn, goal = churn_of(world), world.objective()
    secret = create_objective(world.quarter, "Win back lapsed donors", team=world.growth)
    link_kpi(churn, goal)
    link_kpi(churn, secret)

    bob = ApiClient(world.bob).get(f"/kpis/{churn.pk}/objectives").json()
    alice = ApiClient(world.alice).get(f"/kpis/{churn.pk}/objectives").json()

    assert bob == [goal.pk]
    assert alice == sorted([goal.pk, secret.pk])


def test_objectives_count_their_leading_and_lagging_key_results(world):
    goal = world.objective()
    goal.key_results.filter(title__startswith="Grow").update(indicator="leading")

    data = ApiClient(world.alice).get(f"/objectives/{goal.pk}").json()

    assert data["indicators"] == {"leading": 1, "lagging": 0, "unmarked": 1}


def test_the_objective_list_reads_responses_in_one_query_however_many(world):
    churn = churn_of(world)
    alice = ApiClient(world.alice)
    link_kpi(churn, world.objective())
    alice.get("/objectives")

    with CaptureQueriesContext(connection) as few:
        alice.get("/objectives")
    for n in range(4):
        link_kpi(churn, world.objective(title=f"Donors stay with us {n}"))
    with CaptureQueriesContext(connection) as many:
        data = alice.get("/objectives").json()

    assert len(few) == len(many)
    assert all(o["responds_to"][0]["id"] == churn.pk for o in data["items"])
