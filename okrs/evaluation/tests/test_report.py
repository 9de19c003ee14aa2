"""The quarter report: a PDF of the tree, teams, decisions and learnings the reader may see."""

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.actions import create_cycle
from okrs.evaluation.actions import create_review, decide, save_evaluation, share_evaluation
from okrs.evaluation.tests.conftest import check_in
from okrs.evaluation.views.report import _local_only, _static_root
from okrs.objectives.actions import align
from okrs.organizations.actions import create_organization
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)


@pytest.fixture
def quarter_of_work(world, clock):
    """Company, Marketing and Growth objectives aligned, checked in, reviewed and evaluated."""
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    company = world.objective(team=world.company, title="Clean water in every home")
    marketing = world.objective(team=world.marketing, title="Make clean water a household topic")
    growth = world.objective(title="Win the petition in the capital")
    align(marketing, company)
    align(growth, marketing)
    signatures = company.key_results.get(position=0)
    check_in(signatures, 60000, 7, date(2027, 2, 1))
    check_in(signatures, 68000, 6, date(2027, 2, 10))
    review = create_review(world.marketing, world.quarter, date(2027, 2, 12))
    decide(review, marketing, "adjust", note="Move the budget from ads to door-to-door drives")
    scores = {(growth.pk, None): 6.0} | {(growth.pk, kr.pk): 6.0 for kr in growth.key_results.all()}
    evaluation = save_evaluation(
        world.growth, world.quarter, scores, worked="Neighbours signing for neighbours"
    )
    evaluation.improvement_plan = "Ask the mayors to co-sign by April"
    evaluation.save()
    share_evaluation(evaluation, by=world.alice, confirmed_early=True)
    save_evaluation(world.support, world.quarter, {}, worked="A secret draft reflection")
    draft = world.objective(team=world.support, title="A draft only Support may read")
    draft.status = "draft"
    draft.save()
    return {"company": company, "marketing": marketing, "growth": growth}


def pdf_text(response) -> str:
    """Return the text of every page of the PDF answer."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def report_url(world, **query) -> str:
    url = reverse("evaluation:report", args=[world.quarter.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_board_report_shows_the_tree_charts_decisions_and_shared_learnings(
    client, world, quarter_of_work
):
    signed_in(world.admin, client)
    response = client.get(report_url(world))
    assert 'filename="acme-2027-Q1-report.pdf"' in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Acme Water" in text and "2027-Q1" in text
    assert "Clean water in every home" in text
    assert "Make clean water a household topic" in text
    assert "Win the petition in the capital" not in text  # tactical: in Growth's own report
    assert "Move the budget from ads to door-to-door drives" in text
    assert "Neighbours signing for neighbours" in text
    assert "Ask the mayors to co-sign by April" in text
    assert "A secret draft reflection" not in text  # Support never shared it
    assert "60%" in text  # signatures 20,000 -> 68,000 of 100,000 on the company objective


def test_a_team_report_holds_the_team_and_the_teams_below_it(client, world, quarter_of_work):
    signed_in(world.alice, client)
    text = pdf_text(client.get(report_url(world, team="marketing")))
    assert "Make clean water a household topic" in text
    assert "Win the petition in the capital" in text
    assert "Clean water in every home" not in text  # above Marketing
    assert "Neighbours signing for neighbours" in text  # Growth is below Marketing


def test_a_draft_stays_with_its_team_in_the_report(client, world, quarter_of_work):
    signed_in(world.alice, client)
    assert "A draft only Support may read" not in pdf_text(
        client.get(report_url(world, team="support"))
    )
    signed_in(world.bob, client)  # Bob is in Support
    assert "A draft only Support may read" in pdf_text(
        client.get(report_url(world, team="support"))
    )


def test_unknown_teams_and_other_organisations_cycles_are_not_found(client, world):
    signed_in(world.admin, client)
    assert client.get(report_url(world, team="no-such-team")).status_code == 404
    other = create_organization("Other Org", slug="other")
    theirs = create_cycle(other, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    assert client.get(reverse("evaluation:report", args=[theirs.pk])).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, world):
    response = client.get(report_url(world))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/secret", "https://example.com/font.ttf", "file:///etc/passwd"],
)
def test_the_printer_reads_no_file_but_its_own(url):
    with pytest.raises(ValueError, match="reads only its own files"):
        _local_only(_static_root()).fetch(url)


def test_the_printer_reads_its_own_fonts():
    root = _static_root()
    font = (root / "fonts" / "DejaVuSans.ttf").as_uri()
    assert _local_only(root).fetch(font) is not None
    assert Path(root / "report.css").read_text().count("@font-face") == 2
