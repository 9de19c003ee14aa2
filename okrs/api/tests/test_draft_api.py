"""Another team's unshared draft stays out of every API answer; its own team reads it."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import record_check_in
from okrs.planning.actions import share_draft


def test_check_ins_of_another_teams_unshared_draft_are_not_found(world):
    draft = world.objective(status="draft")
    kr = draft.key_results.first()
    record_check_in(kr, 31337, 4, author=world.alice, progress_note="Draft progress secret")
    hidden = ApiClient(world.bob).get(f"/key-results/{kr.pk}/check-ins")
    assert hidden.status_code == 404
    assert "Draft progress secret" not in hidden.content.decode()
    assert "31337" not in hidden.content.decode()
    own = ApiClient(world.alice).get(f"/key-results/{kr.pk}/check-ins")
    assert [c["progress_note"] for c in own.json()["items"]] == ["Draft progress secret"]


def test_check_ins_of_a_shared_draft_are_read_by_every_team(world):
    draft = world.objective(status="draft")
    kr = draft.key_results.first()
    record_check_in(kr, 31337, 4, author=world.alice, progress_note="Shared progress")
    share_draft(draft)
    shown = ApiClient(world.bob).get(f"/key-results/{kr.pk}/check-ins")
    assert [c["value"] for c in shown.json()["items"]] == [31337]
