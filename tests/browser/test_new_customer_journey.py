"""A new customer, from an empty database to a first check-in and a team of invited colleagues.

Only the browser is used, as a person clicks: no command line, no fixtures that write rows.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from okrs.administration.models import Invitation
from okrs.cycles.models import Cycle
from okrs.objectives.models import CheckIn, Objective
from okrs.organizations.middleware import FirstRun
from okrs.organizations.models import Organization, Person, Role, Team
from tests.browser.conftest import shoot
from tests.calendar import at_ten
from tests.mailbox import Mailbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE_30 = Path(__file__).parents[1] / "data" / "people-30.csv"
MID_QUARTER = date(2027, 2, 15)
ADMIN_PASSWORD = "tide-charts-at-dawn"
NEW_PASSWORD = "river-delta-lantern-77"


@pytest.fixture
def empty(db, clock):
    """An install with no organisation yet, on a Monday in the middle of a quarter."""
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    assert not Organization.objects.exists()
    FirstRun.forget()
    yield
    FirstRun.forget()


@pytest.fixture
def mailbox(settings, live_server):
    """Run an SMTP receiver on 127.0.0.1 and let okrs send to it, with links to the live server."""
    box = Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = live_server.url
    settings.DEFAULT_FROM_EMAIL = "okrs@blue-harbour.test"
    yield box
    box.stop()


def step(page, number: int, name: str) -> None:
    """Let the page settle, then save the journey's screenshot of this step."""
    page.wait_for_load_state()
    page.evaluate("window.scrollTo(0, 0)")  # the sticky top bar stays at the top of the picture
    shoot(page, f"journey-{number:02d}-{name}")


def test_a_new_customer_gets_from_nothing_to_a_first_check_in_and_a_team(
    page, browser, live_server, empty, mailbox
):
    # 1. The site opens on the setup page.
    page.goto(f"{live_server.url}/")
    page.get_by_role("heading", name="Set up okrs").wait_for()
    assert page.url == f"{live_server.url}/setup/"
    page.get_by_label("Organisation name").fill("Blue Harbour")
    page.get_by_label("Time zone").fill("Europe/Lisbon")
    page.get_by_label("Your name").fill("Hana Harbour")
    page.get_by_label("Your e-mail").fill("hana@blue-harbour.test")
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_label("Password, again").fill(ADMIN_PASSWORD)
    step(page, 1, "setup")
    page.get_by_role("button", name="Set up and sign in").click()

    # 2. Signed in, home lists the first steps.
    page.get_by_role("heading", name="My OKRs").wait_for()
    org = Organization.objects.get()
    hana = Person.objects.get(email="hana@blue-harbour.test")
    assert (org.name, hana.role) == ("Blue Harbour", Role.ADMIN)
    checklist = page.locator("section.getting-started")
    expect(checklist).to_contain_text("0 of 5 done")
    step(page, 2, "getting-started")

    # 3. Import the org chart: preview, then apply.
    checklist.get_by_role("link", name="Or import your org chart from a CSV or Excel file").click()
    page.get_by_role("heading", name="Import people").wait_for()
    page.get_by_label("CSV (UTF-8) or Excel workbook").set_input_files(str(PEOPLE_30))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("heading", name="Preview of people-30.csv").wait_for()
    expect(page.locator(".import-counts")).to_contain_text("30")
    assert Person.objects.count() == 1  # a preview writes nothing
    step(page, 3, "import-preview")
    page.get_by_role("button", name="Apply the import").click()
    page.get_by_text("Imported people-30.csv: 6 teams created, 30 people created.").wait_for()
    assert Person.objects.filter(organization=org).count() == 31
    assert Team.objects.get(name="Field Service").parent.name == "Operations"
    step(page, 4, "import-applied")

    # 4. The imported people have no password yet: the import invited them all (its box is ticked
    # by default), each with the role and teams the file gave them.
    page.get_by_text("30 invitations sent.").wait_for()
    assert Invitation.objects.filter(organization=org).count() == 30
    assert len(mailbox.messages) == 30
    tomasz = Invitation.objects.get(email="tomasz.kowalski@example.com")
    assert [team.name for team in tomasz.teams.all()] == ["Field Service"]
    step(page, 5, "imported-invited")

    # 5. Invite one more person; the invitation goes out by SMTP.
    page.locator(".subnav").get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("E-mail").fill("joao.pires@blue-harbour.test")
    page.get_by_label("Name").fill("João Pires")
    page.get_by_label("Role").select_option(label="OKR Practitioner")
    page.get_by_label("Digital").check()
    step(page, 6, "invite")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to joao.pires@blue-harbour.test.").wait_for()
    assert Invitation.objects.filter(email="joao.pires@blue-harbour.test").exists()
    assert mailbox.envelopes[-1] == ("okrs@blue-harbour.test", ["joao.pires@blue-harbour.test"])
    step(page, 7, "invitation-sent")

    # 6. João reads the e-mail and opens its link in a browser of his own.
    letter = mailbox.messages[-1].get_body(preferencelist=("html",)).get_content()
    joao_context = browser.new_context(viewport={"width": 1280, "height": 800})
    joao = joao_context.new_page()
    joao.set_content(letter)
    step(joao, 8, "invitation-email")
    assert re.search(rf"{live_server.url}/invitations/[\w-]+/", mailbox.text())
    joao.get_by_role("link", name="Accept the invitation").click()
    joao.get_by_role("heading", name="Join Blue Harbour").wait_for()
    assert joao.get_by_label("Your name").input_value() == "João Pires"
    joao.locator("#id_password1").fill(NEW_PASSWORD)
    joao.locator("#id_password2").fill(NEW_PASSWORD)
    step(joao, 9, "accept")
    joao.get_by_role("button", name="Join Blue Harbour").click()
    joao.get_by_text("Welcome to Blue Harbour, João.").wait_for()
    person = Person.objects.get(email="joao.pires@blue-harbour.test")
    assert person.role == Role.OKR_PRACTITIONER
    assert [m.team.name for m in person.memberships.all()] == ["Digital"]
    assert joao.locator(".topbar .avatar").inner_text() == "JP"
    step(joao, 10, "joined")
    joao_context.close()

    # 7. Tomasz, imported as the lead of Field Service, joins by his e-mail's link and stays lead.
    letter = next(m for m in mailbox.messages if m["To"] == "tomasz.kowalski@example.com")
    tomasz_context = browser.new_context(viewport={"width": 1280, "height": 800})
    tomasz = tomasz_context.new_page()
    tomasz.set_content(letter.get_body(preferencelist=("html",)).get_content())
    tomasz.get_by_role("link", name="Accept the invitation").click()
    tomasz.get_by_role("heading", name="Join Blue Harbour").wait_for()
    assert tomasz.get_by_label("Your name").input_value() == "Tomasz Kowalski"
    tomasz.locator("#id_password1").fill(NEW_PASSWORD)
    tomasz.locator("#id_password2").fill(NEW_PASSWORD)
    tomasz.get_by_role("button", name="Join Blue Harbour").click()
    tomasz.get_by_text("Welcome to Blue Harbour, Tomasz.").wait_for()
    lead = Person.objects.get(email="tomasz.kowalski@example.com")
    assert lead.has_usable_password() and lead.last_login is not None
    assert [(m.team.name, m.role) for m in lead.memberships.all()] == [("Field Service", "lead")]
    assert Person.objects.filter(organization=org).count() == 32
    tomasz_context.close()

    # 8. Back as Hana: the quarter setup made is running; she creates the next one to plan ahead.
    page.get_by_role("link", name="Administration").click()
    page.locator(".subnav").get_by_role("link", name="Cycles").click()
    page.get_by_role("button", name="Create next quarter: 2027-Q2").click()
    page.get_by_text("Created 2027-Q2").wait_for()
    cycles = {cycle.name: cycle.state for cycle in Cycle.objects.filter(organization=org)}
    assert cycles == {"2027": "active", "2027-Q1": "active", "2027-Q2": "planning"}
    step(page, 11, "cycles")

    # 9. Draft the company objective from the getting-started list, with two key results.
    page.get_by_role("link", name="My OKRs").click()
    expect(page.locator("section.getting-started")).to_contain_text("2 of 5 done")
    step(page, 12, "getting-started-2-of-5")
    page.get_by_role("link", name="Draft the company objective").click()
    page.get_by_role("heading", name="Draft an objective").wait_for()
    page.get_by_label("Title").first.fill("Every household trusts the water from its tap")
    page.locator("#id_cycle").select_option(label="2027-Q1")
    rows = page.locator("fieldset.kr-fieldset")
    rows.nth(0).get_by_label("Title").fill(
        "Raise the share of households rating us 8+ from 40% to 70%"
    )
    rows.nth(0).get_by_label("Start").fill("40")
    rows.nth(0).get_by_label("Target").fill("70")
    rows.nth(0).get_by_label("Unit").fill("%")
    rows.nth(1).get_by_label("Title").fill("Cut days to fix a reported leak from 9 to 3")
    rows.nth(1).get_by_label("Start").fill("9")
    rows.nth(1).get_by_label("Target").fill("3")
    rows.nth(1).get_by_label("Unit").fill("days")
    page.get_by_label("Hypothesis").fill(
        "We believe that by fixing leaks faster we will win households' trust, because a leak "
        "left for days is what they remember. This will be validated by the survey."
    )
    page.locator("#coach").get_by_text("Nothing to flag").wait_for()
    step(page, 13, "draft")
    page.get_by_role("button", name="Save objective").click()
    page.get_by_role("heading", name="Every household trusts the water from its tap").wait_for()
    objective = Objective.objects.get()
    assert (objective.status, objective.team.name, objective.cycle.name) == (
        "draft",
        "Blue Harbour",
        "2027-Q1",
    )
    assert objective.key_results.count() == 2
    step(page, 14, "drafted")

    # 10. Share the draft with every team, then publish it for the quarter.
    page.get_by_role("link", name="My OKRs").click()
    expect(page.locator("section.getting-started")).to_contain_text("3 of 5 done")
    page.get_by_role("link", name="Share it").click()
    card = page.locator(f"#plan-objective-{objective.pk}")
    expect(card).to_contain_text("Draft · not shared")
    card.get_by_role("button", name="Share with all teams").click()
    expect(card).to_contain_text("Shared draft")
    assert Objective.objects.get().shared_at is not None
    step(page, 15, "shared")
    card.get_by_role("link", name="Publish…").click()
    page.get_by_role("group", name="The validation test").wait_for()
    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text("Published: “Every household trusts the water from its tap”.")
    ).to_be_visible()
    assert Objective.objects.get().status == "active"
    step(page, 16, "published")

    # 11. The first check-in, in My OKRs' due list: the objective moves without a reload.
    page.get_by_role("link", name="My OKRs").click()
    expect(page.locator("section.getting-started")).to_contain_text("4 of 5 done")
    survey = objective.key_results.get(position=0)
    row = page.locator(f"#due-kr-{survey.pk}")
    row.get_by_label("Value").fill("55")
    row.get_by_label("Confidence").fill("7")
    row.get_by_label("Note").fill("The February survey: 55% rate us 8 or more")
    step(page, 17, "check-in")
    row.get_by_role("button", name="Check in").click()
    expect(row.locator(".saved-note")).to_have_text("Saved")
    check_in = CheckIn.objects.get()
    assert (check_in.key_result, check_in.value, check_in.confidence) == (survey, 55, 7)
    assert check_in.author == hana
    headline = page.locator(f"#objective-{objective.pk}-summary")
    expect(headline.locator(".score")).to_have_text("2.5")
    expect(page.locator(f"#kr-{survey.pk} .kr-current strong")).to_have_text("55%")
    expect(page.locator("section.getting-started")).to_have_count(0)  # all five steps done
    step(page, 18, "checked-in")

    # 12. The objective page shows the progress and the check-in's note.
    page.get_by_role("link", name="Every household trusts the water from its tap").first.click()
    expect(page.locator(f"#objective-{objective.pk}-summary")).to_contain_text("25%")
    page.get_by_text("Check-in history (1)").click()
    expect(page.locator("p.note", has_text="The February survey")).to_be_visible()
    step(page, 19, "progress")
