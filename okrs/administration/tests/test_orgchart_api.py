"""POST /api/v1/people/import: a dry run or the import, multipart or raw body, admins only."""

import io
from pathlib import Path

from django.test import Client
from openpyxl import Workbook

from okrs.api.actions import create_token
from okrs.domain.peoplefile import MAX_FILE_BYTES
from okrs.organizations.models import Person, Role, Team

PEOPLE_30 = Path(__file__).parents[3] / "tests" / "data" / "people-30.csv"
HEADER = "email,name,team,parent team,level,role,team role\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client(person) -> Client:
    """Return a client carrying the person's token."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(person, 'import')[1]}")


def post(person, data: bytes, content_type: str = "text/csv", query: str = ""):
    """Post the file as the raw body."""
    return client(person).post(f"/api/v1/people/import{query}", data, content_type=content_type)


def test_a_dry_run_tells_what_would_change_and_changes_nothing(world):
    answer = post(world.admin, PEOPLE_30.read_bytes(), query="?dry_run=true")

    assert answer.status_code == 200
    body = answer.json()
    assert body["dry_run"] is True and body["nothing_to_change"] is False
    assert body["changes"]["people created"] == 30
    assert body["changes"]["teams created"] == 6
    assert body["teams_created"][0] == {
        "row": 3,
        "name": "Operations",
        "level": "strategic",
        "parent": "Acme Water",
        "changes": [],
    }
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()


def test_the_import_applies_then_changes_nothing_the_second_time(world):
    first = post(world.admin, PEOPLE_30.read_bytes())
    assert first.status_code == 200 and first.json()["dry_run"] is False
    assert Person.objects.filter(organization=world.org).count() == 34

    second = post(world.admin, PEOPLE_30.read_bytes())

    assert second.json()["nothing_to_change"] is True
    assert second.json()["changes"]["people unchanged"] == 30


def test_a_multipart_upload_is_read_from_the_file_field(world):
    answer = client(world.admin).post(
        "/api/v1/people/import", {"file": io.BytesIO(PEOPLE_30.read_bytes())}
    )
    assert answer.status_code == 200, answer.content
    assert Team.objects.filter(organization=world.org, name="Digital").exists()


def test_an_xlsx_body_is_read(world):
    book = Workbook()
    book.active.append(["email", "name", "team", "role"])
    book.active.append(["zoe@acme.test", "Zoe Stone", "Growth", "okr-leader"])
    out = io.BytesIO()
    book.save(out)

    answer = post(world.admin, out.getvalue(), XLSX)

    assert answer.status_code == 200, answer.content
    zoe = Person.objects.get(email="zoe@acme.test")
    assert (zoe.role, zoe.memberships.get().team) == (Role.OKR_LEADER, world.growth)


def test_problems_answer_422_one_error_per_row_and_column(world):
    text = HEADER + "dan@acme.test,Dan,Sales,Salse,,,\neve@acme.test,Eve,,,,boss,\n"

    answer = post(world.admin, text.encode())

    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"] == "2 problems in the file; nothing was imported."
    assert [e["field"] for e in body["errors"]] == [
        "row 2, column D (parent team)",
        "row 3, column F (role)",
    ]
    assert not Person.objects.filter(email="eve@acme.test").exists()


def test_unreadable_and_oversized_files_are_refused(world):
    latin = post(world.admin, (HEADER + "zoe@acme.test,Zoë,,,,,\n").encode("latin-1"))
    assert latin.status_code == 422
    assert latin.json()["detail"].startswith("The file is not UTF-8: byte 0xEB on line 2")
    missing = post(world.admin, b"name,team\nZoe,Growth\n")
    assert missing.status_code == 422 and "no 'e-mail' column" in missing.json()["detail"]
    many = HEADER + "".join(f"person{n}@acme.test,Person Number {n}\n" for n in range(150_000))
    assert 5 * 1024 * 1024 < len(many) < MAX_FILE_BYTES  # above Django's 5 MB for a request body
    rows = post(world.admin, many.encode())
    assert rows.status_code == 422
    assert rows.json()["detail"].startswith("The file has more than 100,000 rows")
    big = post(world.admin, b"x" * (MAX_FILE_BYTES + 1))
    assert big.status_code == 413
    assert "larger than 10,485,760 bytes" in big.json()["detail"]


def test_only_admins_may_import(world):
    leader = Person.objects.create_user("leo@acme.test", organization=world.org, role="okr-leader")
    for person in (world.alice, leader, world.sam):
        answer = post(person, PEOPLE_30.read_bytes())
        assert answer.status_code == 403
        assert answer.json()["detail"] == "Only the organisation's admins import people."
    assert Client().post("/api/v1/people/import", b"", content_type="text/csv").status_code == 401
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()


def test_an_import_goes_into_the_tokens_organisation_only(world, other_world):
    gina = other_world["person"]

    answer = post(
        gina, (HEADER + "alice@acme.test,Alice,,,,,\nnew@globex.test,New,,,,,\n").encode()
    )

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {
            "field": "row 2, column A (email)",
            "message": "alice@acme.test cannot be imported into this organisation.",
        }
    ]
    fine = post(gina, (HEADER + "new@globex.test,New Globexer,Globex Ops,,,,\n").encode())
    assert fine.status_code == 200
    assert Person.objects.get(email="new@globex.test").organization == other_world["org"]
    assert Person.objects.get(email="alice@acme.test").organization == world.org
