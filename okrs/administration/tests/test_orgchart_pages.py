"""The import page: upload, preview, apply; refused files; admins of the organisation only."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from conftest import signed_in
from okrs.administration.models import PeopleImport
from okrs.administration.orgchart import keep_upload
from okrs.domain.peoplefile import MAX_FILE_BYTES
from okrs.organizations.models import AdministrativeChange, Person, Team

PEOPLE_30 = Path(__file__).parents[3] / "tests" / "data" / "people-30.csv"
HEADER = "email,name,team,parent team,level,role,team role\n"


def upload(client, data: bytes, name: str = "people.csv", **fields):
    """Post the file to the import page."""
    return client.post(
        "/administration/import/", {"file": SimpleUploadedFile(name, data), **fields}
    )


def test_an_admin_previews_then_applies_a_file(world):
    admin = signed_in(world.admin)

    answer = upload(admin, PEOPLE_30.read_bytes(), "people-30.csv")

    kept = PeopleImport.objects.get()
    assert answer.status_code == 302 and answer.url == f"/administration/import/{kept.pk}/"
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()
    page = admin.get(answer.url).content.decode()
    assert "Preview of people-30.csv" in page
    assert "Field Service" in page and "Tomasz Kowalski" in page
    assert f'action="/administration/import/{kept.pk}/apply/"' in page

    applied = admin.post(f"/administration/import/{kept.pk}/apply/", follow=True)

    assert "Imported people-30.csv: 6 teams created, 30 people created" in (
        applied.content.decode()
    )
    assert Person.objects.filter(organization=world.org).count() == 34
    assert not PeopleImport.objects.exists()


def test_the_same_file_again_says_nothing_to_change(world):
    admin = signed_in(world.admin)
    kept = upload(admin, PEOPLE_30.read_bytes())
    admin.post(f"{kept.url}apply/")

    again = upload(admin, PEOPLE_30.read_bytes(), "people-30.csv")

    assert again.status_code == 200
    assert "Nothing to change in people-30.csv" in again.content.decode()
    assert not PeopleImport.objects.exists()


def test_a_file_with_problems_shows_them_by_row_and_keeps_nothing(world):
    text = HEADER + "dan@acme.test,Dan,Sales,Salse,,,\neve@acme.test,Eve,,,,boss,\n"
    answer = upload(signed_in(world.admin), text.encode())

    page = answer.content.decode()
    assert answer.status_code == 422
    assert "2 problems: nothing was imported." in page
    assert "unknown parent team &#x27;Salse&#x27;" in page
    assert "&#x27;boss&#x27; is not a role" in page
    assert "Apply the import" not in page
    assert not PeopleImport.objects.exists()
    assert not Team.objects.filter(name="Sales").exists()


def test_a_file_over_10_mb_is_refused(world):
    admin = signed_in(world.admin)
    for size, status in ((MAX_FILE_BYTES + 1, 422), (MAX_FILE_BYTES + 100_000, 413)):
        answer = upload(admin, b"x" * size)  # counted while stored; declared too large
        assert answer.status_code == status
        assert "larger than 10,485,760 bytes" in answer.content.decode()
    assert not PeopleImport.objects.exists()


def test_a_file_that_is_not_utf8_is_refused_with_the_reason(world):
    answer = upload(signed_in(world.admin), (HEADER + "zoe@acme.test,Zoë,,,,,\n").encode("cp1252"))
    assert answer.status_code == 422
    assert "The file is not UTF-8: byte 0xEB on line 2" in answer.content.decode()


def test_the_preview_is_applied_against_the_organisation_as_it_is_then(world):
    admin = signed_in(world.admin)
    kept = upload(admin, (HEADER + "dan@acme.test,Dan,Sales,Marketing,tactical,,\n").encode())
    world.marketing.level = "tactical"  # meanwhile someone makes Marketing tactical
    world.marketing.save()

    answer = admin.post(f"{kept.url}apply/")

    assert answer.status_code == 409
    assert "The organisation changed since this file was previewed" in answer.content.decode()
    assert not Person.objects.filter(email="dan@acme.test").exists()


def test_only_admins_may_import_or_export(world):
    member = signed_in(world.alice)
    kept = keep_upload(world.org, world.admin, "people.csv", PEOPLE_30.read_bytes(), False)
    assert member.get("/administration/import/").status_code == 403
    assert upload(member, PEOPLE_30.read_bytes()).status_code == 403
    assert member.get(f"/administration/import/{kept.pk}/").status_code == 403
    assert member.post(f"/administration/import/{kept.pk}/apply/").status_code == 403
    assert member.get("/administration/people.csv").status_code == 403
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()


def test_another_organisations_admin_can_neither_see_nor_apply_our_upload(world, other_world):
    kept = keep_upload(world.org, world.admin, "acme-people.csv", PEOPLE_30.read_bytes(), False)
    gina = signed_in(other_world["person"])

    assert gina.get(f"/administration/import/{kept.pk}/").status_code == 404
    assert gina.post(f"/administration/import/{kept.pk}/apply/").status_code == 404
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()

    # Her own upload imports into Globex, and Acme's people there are not revealed.
    answer = upload(gina, (HEADER + "alice@acme.test,Alice,,,,,\n").encode())
    page = answer.content.decode()
    assert "alice@acme.test cannot be imported into this organisation." in page
    assert "Acme" not in page.replace("acme.test", "")
    assert Person.objects.get(email="alice@acme.test").organization == world.org


def test_an_upload_older_than_a_day_is_gone(world, clock):
    kept = keep_upload(world.org, world.admin, "people.csv", PEOPLE_30.read_bytes(), False)
    clock.shift(60 * 60 * 25)
    assert signed_in(world.admin).get(f"/administration/import/{kept.pk}/").status_code == 404


def test_the_people_csv_download_is_neutralised(world):
    world.alice.name = '=HYPERLINK("http://evil.test","Alice")'
    world.alice.save()

    answer = signed_in(world.admin).get("/administration/people.csv")

    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"].startswith('attachment; filename="acme-people-')
    body = answer.content.decode()
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body


def test_the_history_keeps_who_imported_what(world):
    admin = signed_in(world.admin)
    kept = upload(admin, PEOPLE_30.read_bytes(), "people-30.csv")
    admin.post(f"{kept.url}apply/")
    change = AdministrativeChange.objects.get(action="people.imported")
    assert change.actor == world.admin
    assert change.summary in admin.get("/administration/history/").content.decode()


def test_an_xlsx_upload_imports_formulas_as_text(world):
    book = Workbook()
    book.active.append(["E-mail", "Name", "Team", "Team role"])
    book.active.append(["zoe@acme.test", "=1+2", "Support", "lead"])
    out = io.BytesIO()
    book.save(out)
    admin = signed_in(world.admin)

    kept = upload(admin, out.getvalue(), "people.xlsx")
    admin.post(f"{kept.url}apply/")

    zoe = Person.objects.get(email="zoe@acme.test")
    assert zoe.name == "=1+2"  # never computed to 3
    assert zoe.memberships.get().role == "lead"
    assert (
        "zoe@acme.test,'=1+2,member,Support"
        in admin.get("/administration/people.csv").content.decode()
    )
