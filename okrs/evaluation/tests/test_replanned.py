"""The evaluation shows a re-planned key result's original target beside the re-planned one."""

from datetime import date

from django.urls import reverse

from conftest import signed_in
from okrs.evaluation.actions import save_evaluation, share_evaluation
from okrs.evaluation.tests.conftest import check_in
from okrs.objectives.actions import update_key_result
from tests.calendar import at_ten

REASON = "The vendor we counted on left"


def test_the_team_scores_and_everyone_reads_the_original_and_the_replanned_target(
    world, clock, growth_objective, signatures, wait_time
):
    clock.move_to(at_ten(date(2027, 2, 15)), tick=True)
    update_key_result(signatures, target=60000, reason=REASON, by=world.alice)
    clock.move_to(at_ten(date(2027, 3, 27)), tick=True)  # the quarter's last week
    check_in(signatures, 52000, 7, date(2027, 3, 27))
    alice = signed_in(world.alice)
    team_url = reverse("evaluation:team", args=[world.quarter.pk, "growth"])

    form = alice.get(team_url).content.decode()

    assert "original target <strong>100,000</strong>" in form
    assert "re-planned target <strong>60,000</strong>" in form
    assert f"by Alice Doe: “{REASON}”" in form
    assert "40% of the original plan reached" in form  # (52,000 - 20,000) / 80,000
    assert form.count("re-planned target") == 1  # the wait time kept its plan

    scores = {(growth_objective.pk, None): 7.0} | {
        (growth_objective.pk, kr.pk): 7.0 for kr in (signatures, wait_time)
    }
    share_evaluation(save_evaluation(world.growth, world.quarter, scores), by=world.alice)
    shared = signed_in(world.bob).get(reverse("evaluation:cycle", args=[world.quarter.pk]))

    content = shared.content.decode()
    assert "original target <strong>100,000</strong>" in content
    assert "re-planned target <strong>60,000</strong>" in content
