"""An import offers to invite the people it creates: page, command and API; never twice."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, load_command_class
from django.test import Client

from conftest import signed_in
from okrs.administration.import_invitations import invite_imported
from okrs.administration.models import Invitation, PeopleImport
from okrs.api.actions import create_token
from okrs.organizations.models import AdministrativeChange, Person
from tests.mailbox import Mailbox

PASSWORD = "river-delta-lantern-77"
CHART = (
    b"email,name,team,parent team,level,role,team role\n"
    b"erin@acme.test,Erin Ode,Growth,,,member,lead\n"
    b"frank@acme.test,Frank Ito,,,,okr-practitioner,\n"
    b"alice@acme.test,Alice,Growth,,,member,lead\n"
)


@pytest.fixture
def mailbox(settings):
    """Run an SMTP receiver on 127.0.0.1 and point Django's SMTP backend at it."""
    box = Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = "http://testserver"
    yield box
    box.stop()


def apply_on_page(admin, data: bytes = CHART, offered: bool = True, **fields):
    """Upload the file, check the preview offers invitations, apply it; return the result page."""
    answer = admin.post("/administration/import/", {"file": SimpleUploadedFile("chart.csv", data)})
    kept = PeopleImport.objects.get()
    preview = admin.get(answer.url).content.decode()
    box = 'type="checkbox" name="invite" checked> Send each new person an invitation'
    assert (box in preview) is offered
    return admin.post(f"/administration/import/{kept.pk}/apply/", fields, follow=True)


def run(*args) -> tuple[str, str]:
    """Run okrs import-people; return what it printed and what it complained of."""
    out, err = StringIO(), StringIO()
    call_command("import-people", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def api_import(person, data: bytes = CHART, query: str = "?invite=true"):
    """Post the file to the API's import as the raw body."""
    token = create_token(person, "import")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.post(f"/api/v1/people/import{query}", data, content_type="text/csv")


def invited() -> list[str]:
    """Return the e-mails with an invitation, in order."""
    return sorted(Invitation.objects.values_list("email", flat=True))


def test_the_page_invites_each_new_person_when_the_box_is_ticked(world, mailoutbox):
    page = apply_on_page(signed_in(world.admin), invite="on").content.decode()

    assert "2 invitations sent." in page
    assert invited() == ["erin@acme.test", "frank@acme.test"]
    assert sorted(m.to[0] for m in mailoutbox) == ["erin@acme.test", "frank@acme.test"]
    erin = Invitation.objects.get(email="erin@acme.test")
    assert erin.person == Person.objects.get(email="erin@acme.test")
    assert erin.invited_by == world.admin and [t.name for t in erin.teams.all()] == ["Growth"]
    change = AdministrativeChange.objects.get(action="person.invited", details__email=erin.email)
    assert change.actor == world.admin and change.person == erin.person
    assert change.summary == "erin@acme.test was invited as Member in Growth after an import"


def test_the_page_invites_no_one_when_the_box_is_cleared(world, mailoutbox):
    page = apply_on_page(signed_in(world.admin)).content.decode()

    assert "Imported chart.csv: 2 people created" in page and "invitations sent" not in page
    assert "Invite the 2 people yet to join" in page  # they can still be invited later
    assert invited() == [] and mailoutbox == []


def test_the_command_invites_only_when_asked(world, mailoutbox, tmp_path):
    path = chart_file(tmp_path)
    said, _ = run(str(path), "--organization", "acme", "--no-invite")
    assert "2 people created" in said and invited() == []

    more = path.with_name("more.csv")
    more.write_bytes(CHART + b"gil@acme.test,Gil,,,,member,\n")
    said, complained = run(str(more), "--organization", "acme", "--invite")

    assert said.endswith("Invitations sent: 1.\n") and complained == ""
    assert invited() == ["gil@acme.test"] and [m.to for m in mailoutbox] == [["gil@acme.test"]]


def chart_file(folder: Path) -> Path:
    """Write the chart where the command reads it."""
    path = folder / "chart.csv"
    path.write_bytes(CHART)
    return path


def test_the_command_says_the_default_in_its_help():
    parser = load_command_class("okrs.administration", "import-people").create_parser(
        "okrs", "import-people"
    )
    text = " ".join(parser.format_help().split())
    assert "--invite, --no-invite" in text and "(default: --no-invite;" in text


def test_the_api_invites_when_asked_and_says_which_were_sent(world, mailoutbox):
    answer = api_import(world.admin)

    assert answer.status_code == 200
    assert answer.json()["invitations"] == [
        {"email": "erin@acme.test", "sent": True, "problem": ""},
        {"email": "frank@acme.test", "sent": True, "problem": ""},
    ]
    assert len(mailoutbox) == 2


def test_the_api_invites_no_one_by_default(world, mailoutbox):
    answer = api_import(world.admin, query="")

    assert answer.status_code == 200 and answer.json()["invitations"] == []
    assert invited() == [] and mailoutbox == []


def test_a_failing_mail_server_keeps_the_import_and_names_the_unsent(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False

    page = apply_on_page(signed_in(world.admin), invite="on").content.decode()

    assert "Imported chart.csv: 2 people created" in page
    assert "The import is applied and 2 invitations are saved, but their e-mails could not" in page
    assert "erin@acme.test, frank@acme.test" in page
    assert invited() == ["erin@acme.test", "frank@acme.test"]
    assert Person.objects.filter(email="frank@acme.test").exists()


def test_the_command_names_each_unsent_invitation_and_keeps_the_import(world, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False

    said, complained = run(str(chart_file(tmp_path)), "--organization", "acme", "--invite")

    assert "2 people created" in said and "Invitations sent: 0." in said
    assert "The invitation of erin@acme.test is saved but not sent" in complained
    assert complained.endswith("Invitation e-mails not sent: 2.\n")


def test_mailed_invitations_let_imported_people_in_and_a_reimport_sends_none(
    world, mailbox, tmp_path
):
    admin = signed_in(world.admin)
    apply_on_page(admin, invite="on")

    assert sorted(to for _, (to,) in mailbox.envelopes) == ["erin@acme.test", "frank@acme.test"]
    erin_mail = next(i for i, (_, to) in enumerate(mailbox.envelopes) if to == ["erin@acme.test"])
    link = re.search(r"http://testserver(/invitations/[\w-]+/)", mailbox.text(erin_mail)).group(1)
    browser = Client()
    joined = browser.post(link, {"name": "Erin O.", "password1": PASSWORD, "password2": PASSWORD})
    assert joined.status_code == 302 and joined.url == "/"
    erin = Person.objects.get(email="erin@acme.test")
    assert erin.name == "Erin O." and erin.check_password(PASSWORD)
    assert erin.memberships.get().role == "lead"  # the import's team role is kept
    assert browser.session["_auth_user_id"] == str(erin.pk)

    PeopleImport.objects.all().delete()
    again = apply_on_page(admin, offered=False, invite="on").content.decode()  # Erin's name
    assert "Imported chart.csv: 1 people updated" in again and "sent" not in again
    extra = api_import(world.admin)
    said, _ = run(str(chart_file(tmp_path)), "--organization", "acme", "--invite")

    assert extra.json()["invitations"] == [] and "Invitations sent: 0." in said
    assert len(mailbox.messages) == 2
    assert Invitation.objects.count() == 2


def test_no_one_invited_already_or_able_to_sign_in_is_invited(world, mailoutbox):
    api_import(world.admin, query="")
    Person.objects.filter(email="frank@acme.test").update(is_active=False)
    api_import(world.admin, CHART + b"gil@acme.test,Gil,,,,member,\n")
    emails = ["frank@acme.test", "gil@acme.test", world.alice.email]

    assert [m.to for m in mailoutbox] == [["gil@acme.test"]]
    assert invite_imported(world.org, emails, world.admin) == []  # gone, invited, signs in
    invitations = invite_imported(world.org, ["erin@acme.test"], world.admin)
    assert [invitation.email for invitation, _ in invitations] == ["erin@acme.test"]


def test_a_person_imported_without_an_invitation_is_invited_from_their_page(world, mailoutbox):
    api_import(world.admin, query="")
    erin = Person.objects.get(email="erin@acme.test")
    admin = signed_in(world.admin)
    page = admin.get(f"/administration/people/{erin.pk}/").content.decode()
    assert "Send an invitation" in page

    sent = admin.post(f"/administration/people/{erin.pk}/invite/", follow=True).content.decode()

    assert "Invitation sent to erin@acme.test." in sent and "Send an invitation" not in sent
    assert [m.to for m in mailoutbox] == [["erin@acme.test"]]
    change = AdministrativeChange.objects.get(action="person.invited", person=erin)
    assert change.summary == "erin@acme.test was invited as Member in Growth"
    again = admin.post(f"/administration/people/{erin.pk}/invite/", follow=True)
    assert "needs no invitation" in again.content.decode() and len(mailoutbox) == 1
    alice = admin.get(f"/administration/people/{world.alice.pk}/").content.decode()
    assert "Send an invitation" not in alice
