"""The REST API: resources, computed fields, roles, tenant isolation, concurrency and errors."""

import pytest

from okrs.api.actions import revoke_token
from okrs.api.models import ApiToken
from okrs.api.tests.conftest import ApiClient
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.objectives.actions import add_key_result, align, record_check_in
from okrs.objectives.models import CheckIn, KeyResult, Objective


@pytest.fixture
def growth_objective(world):
    """Return Growth's objective, aligned to a Marketing objective, with one check-in."""
    parent = world.objective(team=world.marketing, title="Make our cause known", cycle=world.annual)
    objective = world.objective()
    align(objective, parent)
    record_check_in(objective.key_results.get(position=0), 60000, 8, author=world.alice)
    return objective


# Authentication


def test_no_token_is_401_with_the_error_shape(world):
    response = ApiClient().get("/objectives")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: send `Authorization: Bearer <token>`.",
        "errors": [],
    }


def test_revoked_and_unknown_tokens_are_401(world):
    client = ApiClient(world.alice)
    assert client.get("/teams").status_code == 200
    revoke_token(ApiToken.objects.get(person=world.alice))
    assert client.get("/teams").status_code == 401
    assert ApiClient(raw="okrs_not-a-token").get("/teams").status_code == 401


def test_tokens_are_stored_hashed(world):
    client = ApiClient(world.alice)
    raw = client.headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    token = ApiToken.objects.get(person=world.alice)
    assert raw not in token.key_hash and len(token.key_hash) == 64


def test_browser_session_works_for_reads(client, world):
    from conftest import PASSWORD

    client.login(username=world.alice.email, password=PASSWORD)
    assert client.get("/api/v1/teams").status_code == 200


# Reads and computed fields


def test_objective_carries_progress_pace_status_score_and_confidence(world, growth_objective):
    data = ApiClient(world.alice).get(f"/objectives/{growth_objective.pk}").json()
    assert data["title"] == growth_objective.title
    assert data["progress"] == pytest.approx(0.25)
    assert data["score"] == 2.5 and data["score_10"] == 2.5
    assert data["confidence"] == 8
    assert data["progress_status"] in {"on-track", "at-risk", "off-track"}
    assert data["aligned_to"] == [Objective.objects.get(title="Make our cause known").pk]
    kr = data["key_results"][0]
    assert (kr["progress"], kr["current"], kr["confidence"], kr["direction"]) == (
        0.5,
        60000,
        8,
        "increase",
    )


def test_scores_follow_the_organisation_scale(world, growth_objective):
    world.org.score_scale = "0-1"
    world.org.save()
    data = ApiClient(world.alice).get(f"/objectives/{growth_objective.pk}").json()
    assert (data["score"], data["score_10"]) == (0.25, 2.5)


def test_lists_are_paginated_and_filterable(world, growth_objective):
    client = ApiClient(world.alice)
    everything = client.get("/objectives").json()
    assert everything["count"] == 2
    first = client.get("/objectives", limit=1).json()
    assert first["count"] == 2 and len(first["items"]) == 1
    second = client.get("/objectives", limit=1, offset=1).json()
    assert first["items"][0]["id"] != second["items"][0]["id"]
    growth = client.get("/objectives", team_id=world.growth.pk).json()
    assert [o["id"] for o in growth["items"]] == [growth_objective.pk]
    assert client.get("/objectives", q="cause").json()["count"] == 1
    assert client.get("/key-results", objective_id=growth_objective.pk).json()["count"] == 2
    assert client.get("/teams", level="tactical").json()["count"] == 2
    assert (
        client.get("/people", team_id=world.growth.pk).json()["items"][0]["email"]
        == "alice@acme.test"
    )


def test_bad_paging_is_422_naming_the_field(world):
    response = ApiClient(world.alice).get("/objectives", limit=0)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_cycle_tree_nests_objectives_in_fixed_queries(
    world, growth_objective, django_assert_max_num_queries
):
    client = ApiClient(world.alice)
    with django_assert_max_num_queries(12):
        data = client.get(f"/cycles/{world.quarter.pk}/tree").json()
    assert data["objectives"] == 2
    (root,) = data["roots"]
    assert root["title"] == "Make our cause known"
    assert [c["id"] for c in root["children"]] == [growth_objective.pk]
    for n in range(5):
        world.objective(title=f"More {n}")
    with django_assert_max_num_queries(12):
        assert client.get(f"/cycles/{world.quarter.pk}/tree").json()["objectives"] == 7


# Writes


def test_member_creates_an_objective_and_key_results_for_their_team(world):
    client = ApiClient(world.alice)
    response = client.post(
        "/objectives",
        {"title": "Win young donors", "cycle_id": world.quarter.pk, "team_id": world.growth.pk},
    )
    assert response.status_code == 201, response.json()
    objective_id = response.json()["id"]
    kr = client.post(
        "/key-results",
        {
            "objective_id": objective_id,
            "title": "Grow donors from 100 to 400",
            "start": 100,
            "target": 400,
        },
    )
    assert kr.status_code == 201
    milestone = client.post(
        "/key-results", {"objective_id": objective_id, "title": "Law passed", "type": "binary"}
    )
    assert (milestone.json()["start"], milestone.json()["target"]) == (0, 1)
    assert Objective.objects.get(pk=objective_id).key_results.count() == 2


def test_check_in_through_the_api_updates_the_key_result(world, growth_objective):
    kr = growth_objective.key_results.get(position=1)
    response = ApiClient(world.alice).post(
        f"/key-results/{kr.pk}/check-ins", {"value": 5, "confidence": 6, "problems_note": "Backlog"}
    )
    assert response.status_code == 201
    assert response.json()["author_id"] == world.alice.pk
    kr.refresh_from_db()
    assert (kr.current, kr.confidence) == (5, 6)
    listed = ApiClient(world.alice).get(f"/key-results/{kr.pk}/check-ins").json()
    assert listed["count"] == 1 and listed["items"][0]["problems_note"] == "Backlog"


def test_invalid_check_in_is_422_and_stores_nothing(world, growth_objective):
    kr = growth_objective.key_results.get(position=1)
    response = ApiClient(world.alice).post(
        f"/key-results/{kr.pk}/check-ins", {"value": "lots", "confidence": 11}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"value", "confidence"}
    assert not CheckIn.objects.filter(key_result=kr).exists()


def test_equal_start_and_target_is_422_on_target(world, growth_objective):
    response = ApiClient(world.alice).post(
        "/key-results",
        {"objective_id": growth_objective.pk, "title": "Flat", "start": 5, "target": 5},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "target"


def test_patch_with_stale_version_is_409_and_changes_nothing(world, growth_objective):
    client = ApiClient(world.alice)
    version = client.get(f"/objectives/{growth_objective.pk}").json()["version"]
    ok = client.patch(
        f"/objectives/{growth_objective.pk}", {"version": version, "title": "First edit"}
    )
    assert ok.status_code == 200 and ok.json()["version"] == version + 1
    stale = client.patch(
        f"/objectives/{growth_objective.pk}", {"version": version, "title": "Second edit"}
    )
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    growth_objective.refresh_from_db()
    assert growth_objective.title == "First edit"


def test_key_result_patch_with_stale_version_is_409(world, growth_objective):
    kr = growth_objective.key_results.first()
    client = ApiClient(world.alice)
    assert (
        client.patch(f"/key-results/{kr.pk}", {"version": kr.version, "target": 120000}).status_code
        == 200
    )
    assert (
        client.patch(f"/key-results/{kr.pk}", {"version": kr.version, "target": 1}).status_code
        == 409
    )
    assert KeyResult.objects.get(pk=kr.pk).target == 120000


def test_delete_objective_and_key_result(world, growth_objective):
    client = ApiClient(world.alice)
    kr = growth_objective.key_results.first()
    assert client.delete(f"/key-results/{kr.pk}").json() == {"deleted": kr.pk}
    assert client.delete(f"/objectives/{growth_objective.pk}").status_code == 200
    assert not Objective.objects.filter(pk=growth_objective.pk).exists()


def test_admin_manages_teams_and_cycles(world):
    client = ApiClient(world.admin)
    team = client.post(
        "/teams", {"name": "Data", "level": "tactical", "parent_id": world.marketing.pk}
    )
    assert team.status_code == 201 and team.json()["slug"] == "data"
    assert (
        client.patch(f"/teams/{team.json()['id']}", {"mission": "Numbers"}).json()["mission"]
        == "Numbers"
    )
    cycle = client.post("/cycles", {"name": "2027-Q2", "start": "2027-04-01", "end": "2027-06-30"})
    assert cycle.status_code == 201
    early = client.patch(f"/cycles/{cycle.json()['id']}", {"state": "closed"})
    assert early.status_code == 422
    assert [e["field"] for e in early.json()["errors"]] == ["confirm"]
    closed = client.patch(f"/cycles/{cycle.json()['id']}", {"state": "closed", "confirm": True})
    assert closed.json()["state"] == "closed"
    assert client.delete(f"/teams/{team.json()['id']}").status_code == 200
    wrong = client.post(
        "/teams", {"name": "Deep", "level": "strategic", "parent_id": world.growth.pk}
    )
    assert wrong.status_code == 422


def test_cycle_that_ends_before_it_starts_is_422(world):
    response = ApiClient(world.admin).post(
        "/cycles", {"name": "Odd", "start": "2027-04-01", "end": "2027-03-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end"


def test_kpis_and_measurements(world):
    client = ApiClient(world.bob)
    kpi = client.post(
        "/kpis", {"name": "Donor churn", "team_id": world.support.pk, "upper_bound": 5, "unit": "%"}
    )
    assert kpi.status_code == 201
    kpi_id = kpi.json()["id"]
    assert client.post(f"/kpis/{kpi_id}/measurements", {"value": 7}).status_code == 201
    data = client.get(f"/kpis/{kpi_id}").json()
    assert (data["latest_value"], data["healthy"]) == (7, False)
    assert client.get(f"/kpis/{kpi_id}/measurements").json()["count"] == 1
    assert client.post("/kpis", {"name": "Mood", "team_id": world.support.pk}).status_code == 422


# Roles


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 201), ("alice", 201), ("bob", 403), ("sam", 403)],
)
def test_who_may_check_in_on_growths_key_result(world, growth_objective, persona, status):
    kr = growth_objective.key_results.first()
    response = ApiClient(getattr(world, persona)).post(
        f"/key-results/{kr.pk}/check-ins", {"value": 1, "confidence": 5}
    )
    assert response.status_code == status


def test_a_key_results_own_team_checks_in_on_it_and_on_no_other(world, growth_objective):
    letters = add_key_result(
        growth_objective, "Answer 500 letters from households", start=0, target=500,
        team=world.support,
    )  # fmt: skip
    bob = ApiClient(world.bob)  # in Support, not in Growth
    body = {"value": 10, "confidence": 5}
    assert bob.post(f"/key-results/{letters.pk}/check-ins", body).status_code == 201
    signatures = growth_objective.key_results.get(position=0)
    refused = bob.post(f"/key-results/{signatures.pk}/check-ins", body)
    assert refused.status_code == 403
    assert "Only the owning team" in refused.json()["detail"]
    assert not CheckIn.objects.filter(key_result=signatures, author=world.bob).exists()


def test_another_teams_unshared_draft_is_not_found_to_check_in_on(world):
    draft = world.objective(status="draft")
    assert draft.shared_at is None
    kr = draft.key_results.first()
    body = {"value": 30000, "confidence": 5}
    assert ApiClient(world.bob).post(f"/key-results/{kr.pk}/check-ins", body).status_code == 404
    assert ApiClient(world.alice).post(f"/key-results/{kr.pk}/check-ins", body).status_code == 201
    assert list(CheckIn.objects.filter(key_result=kr).values_list("author", flat=True)) == [
        world.alice.pk
    ]


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_only_admins_and_leaders_create_teams_and_cycles(world, persona):
    client = ApiClient(getattr(world, persona))
    assert client.post("/teams", {"name": "Data"}).status_code == 403
    assert (
        client.post(
            "/cycles", {"name": "X", "start": "2027-04-01", "end": "2027-06-30"}
        ).status_code
        == 403
    )


def test_stakeholder_reads_everything_and_writes_nothing(world, growth_objective):
    client = ApiClient(world.sam)
    assert client.get(f"/objectives/{growth_objective.pk}").status_code == 200
    patch = client.patch(f"/objectives/{growth_objective.pk}", {"title": "Mine now"})
    assert patch.status_code == 403
    assert patch.json()["detail"].startswith("Stakeholders read OKRs")
    kpi = create_kpi(world.growth, "Quality", lower_bound=90)
    assert client.post(f"/kpis/{kpi.pk}/measurements", {"value": 95}).status_code == 403


# Tenant isolation


def test_other_organisations_rows_answer_404_never_403(world, other_world, growth_objective):
    client = ApiClient(world.admin)
    theirs = other_world
    kpi = create_kpi(theirs["team"], "Their KPI", lower_bound=1)
    record_measurement(kpi, 3)
    for path in [
        f"/objectives/{theirs['objective'].pk}",
        f"/key-results/{theirs['kr'].pk}",
        f"/key-results/{theirs['kr'].pk}/check-ins",
        f"/teams/{theirs['team'].pk}",
        f"/cycles/{theirs['cycle'].pk}",
        f"/cycles/{theirs['cycle'].pk}/tree",
        f"/people/{theirs['person'].pk}",
        f"/kpis/{kpi.pk}",
        f"/kpis/{kpi.pk}/measurements",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Globex" not in response.content.decode()
    assert client.patch(f"/objectives/{theirs['objective'].pk}", {"title": "x"}).status_code == 404
    assert client.delete(f"/objectives/{theirs['objective'].pk}").status_code == 404
    post = client.post(f"/key-results/{theirs['kr'].pk}/check-ins", {"value": 1, "confidence": 5})
    assert post.status_code == 404
    assert not CheckIn.objects.filter(key_result=theirs["kr"]).exists()
    create = client.post(
        "/objectives", {"title": "x", "cycle_id": theirs["cycle"].pk, "team_id": world.growth.pk}
    )
    assert create.status_code == 404


def test_lists_hold_only_the_organisations_rows(world, other_world, growth_objective):
    client = ApiClient(world.admin)
    for path in ["/objectives", "/key-results", "/teams", "/cycles", "/people", "/kpis"]:
        assert "Globex" not in client.get(path, limit=500).content.decode(), path


# OKRs as code


def test_lint_returns_the_coachs_findings(world):
    document = {
        "organization": "Acme",
        "cycles": [{"id": "Q1", "start": "2027-01-01", "end": "2027-03-31"}],
        "teams": [{"id": "acme", "level": "company"}],
        "objectives": [
            {"id": "O1", "title": "Increase sales by 20%", "team": "acme", "cycle": "Q1",
             "key_results": [{"title": "Launch the onboarding module", "type": "binary"}]},
        ],
    }  # fmt: skip
    response = ApiClient(world.alice).post("/lint", document)
    assert response.status_code == 200
    rules = {f["rule"] for f in response.json()["findings"]}
    assert {"objective-has-number", "too-few-key-results", "kr-is-activity"} <= rules
    assert response.json()["errors"] >= 1


def test_lint_of_a_broken_document_is_422_naming_the_field(world):
    response = ApiClient(world.alice).post(
        "/lint", {"organization": "Acme", "cycles": [{"id": "Q1"}]}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "cycles[0]" in fields


def test_export_then_import_changes_nothing(world, growth_objective):
    client = ApiClient(world.admin)
    document = client.get("/export").json()
    assert document["organization"] == "Acme Water"
    response = client.post("/import", document)
    assert response.status_code == 200, response.json()
    assert response.json()["changes"] == {"people updated": 4}  # handles are set on first import


def test_import_needs_an_admin_or_okr_leader(world):
    assert ApiClient(world.alice).post("/import", {"organization": "x"}).status_code == 403


def test_openapi_document_declares_the_error_statuses(world):
    spec = ApiClient(world.alice).get("/openapi.json").json()
    check_in = spec["paths"]["/api/v1/key-results/{key_result_id}/check-ins"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(check_in)
