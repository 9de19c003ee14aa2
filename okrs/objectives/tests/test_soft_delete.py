"""Deleted objectives and key results go to the trash: gone everywhere, restorable for 30 days."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from okrs.api.tests.conftest import ApiClient
from okrs.domain.coverage import check_in_coverage
from okrs.exchange.export import export_document
from okrs.objectives.actions import (
    add_key_result,
    align,
    create_objective,
    delete_objective,
    link_key_result,
    purge_deleted,
    record_check_in,
    remove_key_result,
    restore_key_result,
    restore_objective,
)
from okrs.objectives.aggregates import (
    confidence_by_week,
    objective_progress_rows,
)
from okrs.objectives.models import Alignment, CheckIn, KeyResult, Objective
from okrs.objectives.tree import alignment_tree
from okrs.reminders.due import due_key_results


def progress_shown(cycle):
    """Return each objective's rolled-up progress as the pages read it."""
    return {row["id"]: row["progress"] for row in objective_progress_rows(cycle)}


@pytest.fixture
def okrs(world):
    """A strategic objective fed by a tactical one, with check-ins on both."""
    parent = world.objective(team=world.marketing, title="Make our cause known")
    child = world.objective(title="Win the hearts of young donors", ref="O7")
    align(child, parent)
    link_key_result(parent.key_results.first(), child)
    for kr in child.key_results.all():
        record_check_in(kr, kr.target, 3, author=world.alice)
    return {"parent": parent, "child": child}


def visible_titles(world) -> set[str]:
    """Return the titles of the objectives the tree, the API and the export show."""
    tree = alignment_tree(world.org, world.quarter, [world.annual, world.quarter], date(2027, 2, 1))
    in_tree = set()

    def walk(nodes):
        for node in nodes:
            in_tree.add(node.objective.title)
            walk(node.children)

    walk(tree.roots)
    listed = ApiClient(world.admin).get("/objectives").json()["items"]
    exported = export_document(world.org).objectives
    in_api = {o["title"] for o in listed}
    in_export = {o.title for o in exported}
    assert in_tree == in_api == in_export
    return in_tree


def test_a_deleted_objective_vanishes_with_its_key_results_and_check_ins(world, okrs):
    child = okrs["child"]
    assert "Win the hearts of young donors" in visible_titles(world)
    delete_objective(child, by=world.alice)
    assert visible_titles(world) == {"Make our cause known"}
    assert not KeyResult.objects.filter(objective=child).exists()
    assert not CheckIn.objects.filter(key_result__objective=child).exists()
    assert not Alignment.objects.filter(child=child).exists()
    assert not okrs["parent"].aligned_children.exists()
    assert CheckIn.all_objects.filter(key_result__objective=child).count() == 2
    rows = objective_progress_rows(world.quarter)
    assert [r["title"] for r in rows] == ["Make our cause known"]
    assert rows[0]["confidence"] is None
    assert check_in_coverage(rows) == (0, 2)
    assert confidence_by_week(world.quarter) == []
    assert {d.key_result.objective_id for d in due_key_results(world.org, timezone.now())} <= {
        okrs["parent"].pk
    }
    assert ApiClient(world.admin).get(f"/objectives/{child.pk}").status_code == 404


def test_deleting_unlinks_feeding_key_results_and_restoring_links_them_again(world, okrs):
    parent, child = okrs["parent"], okrs["child"]
    feeding = parent.key_results.first()
    delete_objective(child, by=world.alice)
    feeding.refresh_from_db()
    assert feeding.linked_objective_id is None
    assert progress_shown(parent.cycle)[parent.pk] == 0.0
    restore_objective(child, by=world.admin)
    feeding.refresh_from_db()
    assert feeding.linked_objective_id == child.pk
    assert progress_shown(parent.cycle)[parent.pk] == pytest.approx(0.5)


def test_restore_brings_back_everything_deleted_with_the_objective(world, okrs):
    child = okrs["child"]
    kept_apart = child.key_results.last()
    remove_key_result(kept_apart, by=world.alice)
    delete_objective(child, by=world.alice)
    stored = Objective.all_objects.get(pk=child.pk)
    assert (stored.deleted_by, stored.purge_after()) == (
        world.alice,
        stored.deleted_at + timedelta(days=30),
    )
    restore_objective(child, by=world.admin)
    assert "Win the hearts of young donors" in visible_titles(world)
    assert list(KeyResult.objects.filter(objective=child)) == [child.key_results.first()]
    assert CheckIn.objects.filter(key_result__objective=child).count() == 1
    assert Alignment.objects.filter(child=child).count() == 1
    restore_key_result(kept_apart, by=world.admin)
    assert CheckIn.objects.filter(key_result__objective=child).count() == 2
    record = child.history.first()
    assert (record.history_user, record.deleted_at) == (world.admin, None)


def test_a_key_result_of_a_deleted_objective_is_restored_through_its_objective(world, okrs):
    kr = okrs["child"].key_results.first()
    delete_objective(okrs["child"])
    with pytest.raises(ValidationError, match="restore it first"):
        restore_key_result(kr)


def test_a_deleted_objective_frees_its_id_and_restore_refuses_while_it_is_taken(world, okrs):
    delete_objective(okrs["child"])
    again = create_objective(world.quarter, "Reach young donors anew", team=world.growth, ref="O7")
    with pytest.raises(ValidationError, match="now has the id O7"):
        restore_objective(okrs["child"])
    delete_objective(again)
    restore_objective(okrs["child"])
    assert Objective.objects.get(ref="O7") == okrs["child"]


def test_a_deleted_key_result_leaves_the_scores_and_the_list(world, okrs):
    child = okrs["child"]
    kr = child.key_results.first()
    remove_key_result(kr)
    assert ApiClient(world.admin).get(f"/key-results/{kr.pk}").status_code == 404
    titles = [
        k["title"]
        for k in ApiClient(world.admin).get(f"/objectives/{child.pk}").json()["key_results"]
    ]
    assert titles == ["Reduce wait time from 9 to 3 days"]
    assert add_key_result(child, "Another result from 0 to 1", start=0, target=1).position == 1


def test_purge_deletes_for_good_after_30_days_and_not_before(world, okrs):
    child = okrs["child"]
    delete_objective(child)
    deleted_at = Objective.all_objects.get(pk=child.pk).deleted_at
    assert purge_deleted(deleted_at + timedelta(days=29, hours=23)) == {
        "objectives": 0,
        "key results": 0,
    }
    assert Objective.all_objects.filter(pk=child.pk).exists()
    assert purge_deleted(deleted_at + timedelta(days=30, seconds=1)) == {
        "objectives": 1,
        "key results": 2,
    }
    assert not Objective.all_objects.filter(pk=child.pk).exists()
    assert not KeyResult.all_objects.filter(objective_id=child.pk).exists()
    assert not CheckIn.all_objects.filter(key_result__objective_id=child.pk).exists()
    assert Objective.history.filter(id=child.pk, history_type="-").exists()


def test_the_purge_command_leaves_recent_deletions(world, okrs, capsys):
    delete_objective(okrs["child"])
    call_command("purge-deleted")
    assert "Purged 0 objectives, 0 key results." in capsys.readouterr().out
    assert Objective.all_objects.filter(pk=okrs["child"].pk).exists()


def test_a_cycle_or_team_with_deleted_objectives_is_not_deleted(world, okrs):
    from okrs.cycles.actions import delete_cycle
    from okrs.organizations.actions import delete_team

    delete_objective(okrs["child"])
    with pytest.raises(ValidationError):
        delete_team(world.growth)
    cycle = world.quarter
    delete_objective(okrs["parent"])
    with pytest.raises(ValidationError):
        delete_cycle(cycle)
    assert isinstance(Objective.all_objects.get(pk=okrs["child"].pk).deleted_at, datetime)
