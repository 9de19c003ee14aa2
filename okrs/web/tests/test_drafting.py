"""Drafting objectives and key results in the app, with the coach's findings live."""

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.models import KeyResult, Objective


def draft(world, **overrides):
    """Return the POST data of a new objective with two key results for Growth."""
    data = {
        "title": "Make clean water a topic no household can ignore",
        "team": world.growth.pk,
        "cycle": world.quarter.pk,
        "status": "active",
        "ambition": "roofshot",
        "description": "",
        "hypothesis": "We believe that by growing signatures we will make water a topic.",
        "kr-TOTAL_FORMS": "3",
        "kr-INITIAL_FORMS": "0",
        "kr-MIN_NUM_FORMS": "0",
        "kr-MAX_NUM_FORMS": "10",
        "kr-0-title": "Grow petition signatures from 20,000 to 100,000",
        "kr-0-type": "metric",
        "kr-0-start": "20000",
        "kr-0-target": "100000",
        "kr-0-unit": "signatures",
        "kr-0-kind": "outcome",
        "kr-0-weight": "1",
        "kr-1-title": "Clean water law passed",
        "kr-1-type": "binary",
        "kr-1-kind": "outcome",
        "kr-1-weight": "1",
        "kr-2-title": "",
        "kr-2-type": "metric",
        "kr-2-kind": "outcome",
        "kr-2-weight": "1",
    }
    data.update(overrides)
    return data


def test_member_drafts_an_objective_with_two_key_results(client, world):
    parent = world.objective(team=world.marketing, title="Make our cause known", cycle=world.annual)
    signed_in(world.alice, client)
    response = client.post(reverse("objective-new"), draft(world, aligned_to=[parent.pk]))
    objective = Objective.objects.get(title="Make clean water a topic no household can ignore")
    assert response.status_code == 302 and response.url == reverse("objective", args=[objective.pk])
    assert objective.team == world.growth and objective.status == "active"
    assert list(objective.aligned_to.all()) == [parent]
    krs = list(objective.key_results.order_by("position"))
    assert [(kr.title, kr.start, kr.target, kr.type) for kr in krs] == [
        ("Grow petition signatures from 20,000 to 100,000", 20000, 100000, "metric"),
        ("Clean water law passed", 0, 1, "binary"),
    ]


def test_new_form_offers_only_teams_the_member_may_write(client, world):
    response = signed_in(world.alice, client).get(reverse("objective-new"))
    assert list(response.context["form"].fields["team"].queryset) == [world.growth]
    assert response.context["form"].initial["cycle"] == world.quarter


def test_bad_input_keeps_everything_typed_and_says_where(client, world):
    signed_in(world.alice, client)
    data = draft(world, **{"kr-0-target": "", "kr-0-start": "20000"})
    response = client.post(reverse("objective-new"), data)
    assert response.status_code == 422
    formset = response.context["formset"]
    assert "target" in formset.forms[0].errors
    content = response.content.decode()
    assert 'value="Make clean water a topic no household can ignore"' in content
    assert 'value="Grow petition signatures from 20,000 to 100,000"' in content
    assert not Objective.objects.exists()


def test_equal_start_and_target_is_refused_next_to_the_field(client, world):
    signed_in(world.alice, client)
    response = client.post(reverse("objective-new"), draft(world, **{"kr-0-target": "20000"}))
    assert response.status_code == 422
    assert "Start and target are equal" in str(response.context["formset"].forms[0].errors)


def test_edit_changes_and_removes_key_results(client, world):
    objective = world.objective()
    first, second = objective.key_results.order_by("position")
    signed_in(world.alice, client)
    data = draft(
        world,
        title="Make clean water impossible to ignore",
        version=objective.version,
        **{
            "kr-TOTAL_FORMS": "2",
            "kr-INITIAL_FORMS": "2",
            "kr-0-id": first.pk,
            "kr-0-title": first.title,
            "kr-0-start": "20000",
            "kr-0-target": "150000",
            "kr-1-id": second.pk,
            "kr-1-title": second.title,
            "kr-1-type": "metric",
            "kr-1-start": "9",
            "kr-1-target": "3",
            "kr-1-DELETE": "on",
        },
    )
    response = client.post(reverse("objective-edit", args=[objective.pk]), data)
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.title == "Make clean water impossible to ignore"
    assert list(objective.key_results.values_list("title", "target")) == [(first.title, 150000)]


def test_stale_edit_is_refused_and_keeps_the_text(client, world):
    objective = world.objective()
    signed_in(world.alice, client)
    stale_version = objective.version
    from okrs.objectives.actions import update_objective

    update_objective(objective, version=stale_version, title="Changed by Bob meanwhile")
    data = draft(world, title="My edit", version=stale_version, **{"kr-TOTAL_FORMS": "0"})
    response = client.post(reverse("objective-edit", args=[objective.pk]), data)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert 'value="My edit"' in response.content.decode()
    objective.refresh_from_db()
    assert objective.title == "Changed by Bob meanwhile"


@pytest.mark.parametrize("persona", ["bob", "sam"])
def test_people_outside_the_team_cannot_edit(client, world, persona):
    objective = world.objective()
    response = signed_in(getattr(world, persona), client).get(
        reverse("objective-edit", args=[objective.pk])
    )
    assert response.status_code == 403


def test_stakeholder_cannot_draft(client, world):
    assert signed_in(world.sam, client).get(reverse("objective-new")).status_code == 403


def test_coach_comments_on_the_draft_as_it_is_typed(client, world):
    signed_in(world.alice, client)
    data = draft(
        world,
        title="Increase sales by 20% by launching a referral program",
        **{
            "kr-1-title": "",
            "kr-0-title": "Launch the onboarding module",
            "kr-0-start": "",
            "kr-0-target": "",
        },
    )
    response = client.post(reverse("coach-draft"), data, HTTP_HX_REQUEST="true")
    rules = {f.rule for f in response.context["findings"]}
    assert {
        "objective-has-number",
        "objective-prescribes-how",
        "too-few-key-results",
        "kr-is-activity",
    } <= rules
    assert "Saving is never blocked" in response.content.decode()


def test_coach_is_quiet_on_a_good_draft(client, world):
    parent = world.objective(team=world.marketing, title="Make our cause known", cycle=world.annual)
    signed_in(world.alice, client)
    data = draft(
        world,
        aligned_to=[parent.pk],
        **{"kr-1-title": "Grow newsletter readers from 2,000 to 8,000"},
    )
    data.update({"kr-1-type": "metric", "kr-1-start": "2000", "kr-1-target": "8000"})
    response = client.post(reverse("coach-draft"), data)
    assert response.context["findings"] == []
    assert "Nothing to flag" in response.content.decode()


def test_quality_page_lists_and_filters_findings(client, world):
    world.objective(title="Win 50% more donors")
    world.objective(team=world.support, title="Answer every supporter within a day")
    signed_in(world.admin, client)
    url = reverse("quality")
    response = client.get(url, {"cycle": world.quarter.pk})
    rules = [r["finding"].rule for r in response.context["rows"]]
    assert "objective-has-number" in rules and "unaligned-objective" in rules
    growth_only = client.get(url, {"cycle": world.quarter.pk, "team": "growth"}).context["rows"]
    assert {r["team"] for r in growth_only} == {world.growth}
    numbers = client.get(url, {"cycle": world.quarter.pk, "rule": "objective-has-number"}).context[
        "rows"
    ]
    assert [r["objective"].title for r in numbers] == ["Win 50% more donors"]


def test_rules_page_explains_every_rule(client, world):
    from okrs.domain.coach import RULES

    content = signed_in(world.alice, client).get(reverse("coach-rules")).content.decode()
    for rule_id in RULES:
        assert f'id="{rule_id}"' in content


def test_key_results_are_not_created_from_blank_rows(client, world):
    signed_in(world.alice, client)
    client.post(reverse("objective-new"), draft(world))
    assert KeyResult.objects.count() == 2


def test_quality_page_queries_do_not_grow_with_objectives(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(world.admin, client)
    url = f"{reverse('quality')}?cycle={world.quarter.pk}"
    world.objective(title="Win 50% more donors")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        world.objective(title=f"Objective {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many) == 9


def test_coach_names_the_team_not_its_number(client, world):
    signed_in(world.alice, client)
    response = client.post(reverse("coach-draft"), draft(world))
    unaligned = next(f for f in response.context["findings"] if f.rule == "unaligned-objective")
    assert "Growth" in unaligned.message
    assert str(world.growth.pk) not in unaligned.message.replace("Growth", "")


def test_quality_page_shows_findings_a_page_at_a_time(client, world, monkeypatch):
    from okrs.web.views import coach

    monkeypatch.setattr(coach, "PER_PAGE", 2)
    for n in range(3):
        world.objective(title=f"Win {n + 2}0% more donors")
    signed_in(world.admin, client)
    query = {"cycle": world.quarter.pk, "rule": "objective-has-number"}
    first = client.get(reverse("quality"), query)
    assert [r["objective"].title for r in first.context["rows"]] == [
        "Win 20% more donors",
        "Win 30% more donors",
    ]
    assert first.context["counts"]["warning"] + first.context["counts"]["error"] == 3
    content = first.content.decode()
    assert "Findings 1–2 of 3 · page 1 of 2" in content
    next_link = f"?cycle={world.quarter.pk}&amp;rule=objective-has-number&amp;page=2"
    assert f'href="{next_link}" rel="next"' in content
    second = client.get(reverse("quality"), {**query, "page": 2})
    assert [r["objective"].title for r in second.context["rows"]] == ["Win 40% more donors"]
    objective = second.context["rows"][0]["objective"]
    assert f'href="{reverse("objective", args=[objective.pk])}"' in second.content.decode()


def test_quality_page_for_a_team_lists_what_the_whole_cycle_lists_for_it(client, world):
    from okrs.objectives.actions import align

    company = world.objective(team=world.company, title="Win 40% more donors this year")
    strategic = world.objective(team=world.marketing, title="Make our cause known")
    align(strategic, company)
    for team in (world.growth, world.support):
        child = world.objective(team=team, title=f"Grow {team.name} donors by 50%")
        align(child, strategic)
        world.objective(team=team, title="Hold 3 donor workshops")
    signed_in(world.admin, client)
    url = reverse("quality")

    def listed(**filters):
        rows = client.get(url, {"cycle": world.quarter.pk, **filters}).context["rows"]
        return [(r["finding"], r["objective"], r["team"]) for r in rows]

    whole = listed()
    assert {team for _, _, team in whole} >= {world.growth, world.support, world.marketing}
    for team in (world.company, world.marketing, world.growth, world.support):
        expected = [row for row in whole if row[2] == team]
        assert expected
        assert listed(team=team.slug) == expected, team.slug


def test_quality_page_finds_an_annual_key_result_reused_as_a_quarterly_objective(client, world):
    from okrs.objectives.actions import align

    annual = world.objective(team=world.company, cycle=world.annual, title="Make water a topic")
    child = world.objective(title="Grow petition signatures")
    align(child, annual)
    signed_in(world.admin, client)
    for filters in ({}, {"team": "growth"}):
        rows = client.get(reverse("quality"), {"cycle": world.quarter.pk, **filters}).context[
            "rows"
        ]
        cascades = [r for r in rows if r["finding"].rule == "cascade-kr-as-objective"]
        assert [r["objective"].pk for r in cascades] == [child.pk], filters
        assert all(r["objective"].title != "Make water a topic" for r in rows), filters
