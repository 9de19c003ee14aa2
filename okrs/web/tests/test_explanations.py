"""The "Why?" of an objective's figures: on the objective page, in place, and on its own page."""

from datetime import date

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import record_check_in
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)  # day 45 of 89 of 2027-Q1


def going(world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Going")
    signatures, wait = objective.key_results.order_by("position")
    record_check_in(signatures, 52000, 7, author=world.alice)
    record_check_in(wait, 6, 5, author=world.alice)
    return objective


def test_objective_page_offers_why_without_computing_it(world, clock):
    objective = going(world, clock)
    page = signed_in(world.alice).get(reverse("objective", args=[objective.pk])).content.decode()
    assert 'id="why"' in page
    assert f'hx-get="/objectives/{objective.pk}/why/"' in page
    assert f'href="/objectives/{objective.pk}/why/"' in page  # without JavaScript, a link
    assert "(current − start)" not in page


def test_why_page_writes_each_figure_with_its_values(world, clock):
    objective = going(world, clock)
    page = signed_in(world.alice).get(reverse("objective-why", args=[objective.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Why these numbers?</h1>" in text
    assert (
        "Progress 45%: the key results&#x27; progress weighted by their weights, "
        "(40% × 1 + 50% × 1) / 2 = 45%." in text
    )
    assert (
        "Progress 40%: (current − start) / (target − start) = "
        "(52,000 − 20,000) / (100,000 − 20,000) = 40%. "
        "Weight 1 of 2, a 50% share, so it adds 40% × 50% = 20% to the objective." in text
    )
    assert "(6 − 9) / (3 − 9) = 50%" in text
    assert "day 45 of 89 of the cycle (1 Jan 2027 – 31 Mar 2027), 50.6% elapsed." in text
    assert (
        "At risk: progress 45% against 50.6% expected; "
        "on track needs at least 45.5% (0.9 × 50.6%)" in text
    )
    assert "Score 4.5: progress 45% × 10 = 4.5, to one decimal." in text
    assert "Confidence 6/10: the mean of the key results&#x27; latest confidences (7, 5)" in text


def test_why_panel_comes_alone_for_htmx(world, clock):
    objective = going(world, clock)
    panel = signed_in(world.alice).get(
        reverse("objective-why", args=[objective.pk]), HTTP_HX_REQUEST="true"
    )
    text = panel.content.decode()
    assert text.lstrip().startswith('<div class="why-body">')
    assert "<html" not in text
    assert "Open this explanation on its own page" in text


def test_a_draft_explains_itself_only_to_its_team(world, clock):
    draft = world.objective(title="Quiet draft", status="draft")
    url = reverse("objective-why", args=[draft.pk])
    assert signed_in(world.bob).get(url).status_code == 404
    text = signed_in(world.alice).get(url).content.decode()
    assert "Draft: the objective is a draft, not committed to yet" in text


def test_another_organisations_objective_is_unknown(world, other_world):
    url = reverse("objective-why", args=[other_world["objective"].pk])
    assert signed_in(world.admin).get(url).status_code == 404
