"""Publishing with the validation test, and a review testing a hypothesis, in a real browser."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.evaluation.actions import create_review
from okrs.evaluation.models import HypothesisVerdict
from okrs.objectives.actions import add_key_result, create_objective
from okrs.objectives.models import Objective
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)
HYPOTHESIS = (
    "We believe that by growing petition signatures and cutting the wait for a reply we will "
    "make clean water a topic no household can ignore, because MPs count signatures."
)


def sign_in(page, live_server, person):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()


def test_the_lead_publishes_answering_the_validation_test(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    draft = create_objective(world.quarter, "Win the hearts of young donors", team=world.growth)
    add_key_result(draft, "Grow monthly donors from 400 to 900", start=400, target=900)

    sign_in(page, live_server, world.alice)
    page.goto(f"{live_server.url}/planning/objectives/{draft.pk}/publish/")
    page.get_by_role("heading", name="Fix the coach's errors first").wait_for()
    page.get_by_role("radiogroup", name="If we achieve every key result").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("radiogroup", name="Are the key results ambitious?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("radiogroup", name="Is every key result measurable").get_by_label(
        "Yes"
    ).check()
    influence = page.get_by_role("radiogroup", name="Is every key result within")
    influence.get_by_label("No").check()
    page.get_by_label("Note on: Is every key result within").fill(
        "Donor retention also depends on the fundraising team."
    )
    page.get_by_role("button", name="Publish").click()
    assert "or say here why the team publishes" in page.locator(".publish-errors").inner_text()
    shoot(page, "publish-asks-to-fix-errors")

    page.get_by_label("Why publish despite the coach's errors?").fill(
        "The second key result waits for the donor survey in March."
    )
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("heading", name="Validation test").wait_for()
    panel = page.locator(".validation-panel")
    assert "No · to work on" in panel.inner_text()
    assert "The second key result waits for the donor survey in March." in panel.inner_text()
    shoot(page, "publish-objective-page-validation")
    stored = Objective.objects.get(pk=draft.pk)
    assert stored.status == "active" and stored.validation["influence"]["answer"] == "no"


def test_the_review_records_whether_the_hypothesis_held(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(hypothesis=HYPOTHESIS)
    review = create_review(world.growth, world.quarter, MID_QUARTER)

    sign_in(page, live_server, world.alice)
    page.goto(f"{live_server.url}/evaluation/reviews/{review.pk}/")
    assert "No stakeholders at this review." in page.locator(".no-stakeholders").inner_text()
    block = page.locator(f"#objective-{objective.pk}")
    assert HYPOTHESIS in block.locator(".hypothesis-text").inner_text()
    block.get_by_label("Did the hypothesis hold?").select_option("refuted")
    block.get_by_role("button", name="Save verdict").click()
    page.locator(f"#objective-{objective.pk} .verdict-form .errors").wait_for()
    assert (
        "a refuted hypothesis is the learning" in page.locator(".verdict-form .errors").inner_text()
    )

    block = page.locator(f"#objective-{objective.pk}")
    block.get_by_label("What we saw").fill("MPs answered the letters, not the petition.")
    block.get_by_role("button", name="Save verdict").click()
    page.locator(f"#objective-{objective.pk} .verdict-form .saved-note").wait_for()
    shoot(page, "review-hypothesis-verdict")
    verdict = HypothesisVerdict.objects.get()
    assert (verdict.verdict, verdict.note) == (
        "refuted",
        "MPs answered the letters, not the petition.",
    )

    page.goto(f"{live_server.url}/evaluation/{world.quarter.pk}/teams/growth/")
    tested = page.locator("#tested-title").locator("..")
    assert "Refuted" in tested.inner_text()
    # The form's actions stick to the window's foot: a window as tall as the page shows them
    # below the form rather than over it.
    page.set_viewport_size({"width": 1280, "height": 1400})
    shoot(page, "evaluation-hypotheses-tested")
