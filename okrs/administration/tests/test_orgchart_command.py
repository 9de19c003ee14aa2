"""`okrs import-people FILE --organization SLUG`: exit 0, 1 on row problems, 2 on a bad file."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from okrs.organizations.models import AdministrativeChange, Person

PEOPLE_30 = Path(__file__).parents[3] / "tests" / "data" / "people-30.csv"
HEADER = "email,name,team,parent team,level,role,team role\n"


def run(*args) -> str:
    """Run the command; return what it printed."""
    from io import StringIO

    out = StringIO()
    call_command("import-people", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_the_command_imports_then_finds_nothing_to_change(world):
    said = run(str(PEOPLE_30), "--organization", "acme")

    assert said == (
        f"Imported {PEOPLE_30} into Acme Water (acme): 6 teams created, 30 people created.\n"
    )
    change = AdministrativeChange.objects.get(action="people.imported")
    assert change.actor is None
    assert change.summary.startswith("Imported people-30.csv with okrs import-people: 6 teams")
    assert run(str(PEOPLE_30), "--organization", "acme").endswith(": nothing to change.\n")


def test_a_dry_run_changes_nothing(world):
    said = run(str(PEOPLE_30), "--organization", "acme", "--dry-run")
    assert said.startswith(f"Would import {PEOPLE_30} into Acme Water (acme): 6 teams created")
    assert not Person.objects.filter(email="tomasz.kowalski@example.com").exists()


def test_row_problems_print_one_line_each_and_exit_1(world, tmp_path):
    file = tmp_path / "people.csv"
    file.write_text(HEADER + "dan@acme.test,Dan,Sales,Salse,,,\neve@acme.test,Eve,,,,boss,\n")
    for dry_run in ((), ("--dry-run",)):
        with pytest.raises(CommandError) as stopped:
            run(str(file), "--organization", "acme", *dry_run)
        assert stopped.value.returncode == 1
        assert str(stopped.value) == f"{file}: 2 problems; nothing was imported."
    assert not Person.objects.filter(email="dan@acme.test").exists()


def test_the_problems_go_to_standard_error_with_file_row_and_column(world, tmp_path):
    from io import StringIO

    file = tmp_path / "people.csv"
    file.write_text(HEADER + "eve@acme.test,Eve,,,,boss,\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import-people", str(file), "--organization", "acme", stderr=err)
    assert err.getvalue().splitlines() == [
        f"{file}: row 2, column F (role): 'boss' is not a role; use one of admin, okr-leader, "
        "okr-practitioner, okr-professional, member, stakeholder."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,team\nZoe,Growth\n", "The header row has no 'e-mail' column"),
        ("email,name\nzoe@acme.test,Zoë\n".encode("latin-1"), "The file is not UTF-8"),
        (b"", "The file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_exits_2(world, tmp_path, content, message):
    file = tmp_path / "people.csv"
    file.write_bytes(content)
    with pytest.raises(CommandError) as stopped:
        run(str(file), "--organization", "acme")
    assert stopped.value.returncode == 2
    assert message in str(stopped.value) and str(stopped.value).endswith("Nothing was imported.")


def test_a_missing_file_a_large_file_or_an_unknown_organisation_exit_2(world, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (10 * 1024 * 1024 + 1))
    cases = [
        ((str(tmp_path / "none.csv"), "--organization", "acme"), "No such file"),
        ((str(big), "--organization", "acme"), "at most 10,485,760 (10 MB)"),
        ((str(PEOPLE_30), "--organization", "nope"), "No organisation with the slug 'nope'"),
    ]
    for args, message in cases:
        with pytest.raises(CommandError) as stopped:
            run(*args)
        assert stopped.value.returncode == 2 and message in str(stopped.value)
