"""Importing an org chart: what it creates and updates, its problems by row and column."""

from pathlib import Path

import pytest

from okrs.administration.orgchart import ImportProblems, export_csv, import_people, preview
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import AdministrativeChange, Membership, Person, Role, Team

PEOPLE_30 = Path(__file__).parents[3] / "tests" / "data" / "people-30.csv"
HEADER = "email,name,team,parent team,level,role,team role\n"


def rows_of(world) -> dict:
    """Return what an import may touch: people, teams, memberships and the history."""
    return {
        "people": sorted(Person.objects.values_list("email", "name", "role", "is_active")),
        "teams": sorted(Team.objects.values_list("name", "level", "parent__name")),
        "memberships": sorted(
            Membership.objects.values_list("person__email", "team__name", "role")
        ),
        "changes": AdministrativeChange.objects.count(),
    }


def problems(world, text: str, **options) -> list[str]:
    """Return the problems importing the text finds, checking it wrote nothing."""
    before = rows_of(world)
    with pytest.raises(ImportProblems) as refused:
        import_people(world.org, text.encode(), world.admin, **options)
    assert rows_of(world) == before
    return [str(problem) for problem in refused.value.plan.problems]


def test_the_30_people_file_creates_its_teams_and_people(world):
    plan = import_people(world.org, PEOPLE_30.read_bytes(), world.admin, file_name="people-30.csv")

    assert plan.counts()["people created"] == 30
    assert plan.counts()["teams created"] == 6
    teams = {t.name: t for t in Team.objects.of(world.org).select_related("parent")}
    assert (teams["Operations"].level, teams["Operations"].parent) == ("strategic", world.company)
    assert (teams["Field Service"].level, teams["Field Service"].parent.name) == (
        "tactical",
        "Operations",
    )
    tomasz = Person.objects.get(email="tomasz.kowalski@example.com")
    assert tomasz.organization == world.org and tomasz.name == "Tomasz Kowalski"
    assert not tomasz.has_usable_password()  # invited later: no password yet
    assert list(tomasz.memberships.values_list("team__name", "role")) == [("Field Service", "lead")]
    assert Person.objects.get(email="margaret.okafor@example.com").role == Role.OKR_LEADER
    imported = AdministrativeChange.objects.get(action="people.imported")
    assert imported.actor == world.admin
    assert imported.summary == ("Imported people-30.csv: 6 teams created, 30 people created")
    assert imported.details["counts"]["people created"] == 30
    assert AdministrativeChange.objects.filter(action="person.imported").count() == 30


def test_importing_the_same_file_again_changes_nothing(world):
    data = PEOPLE_30.read_bytes()
    import_people(world.org, data, world.admin)
    before = rows_of(world)

    plan = import_people(world.org, data, world.admin)

    assert plan.nothing_to_change()
    assert plan.counts()["people unchanged"] == 30
    assert rows_of(world) == before


def test_an_edited_file_updates_names_roles_teams_and_adds_teams(world):
    import_people(world.org, PEOPLE_30.read_bytes(), world.admin)
    omar = "omar.haddad@example.com,Omar Haddad,Water Quality,Operations,tactical"
    ben = "ben.cohen@example.com,Ben Cohen,"
    edited = (
        PEOPLE_30.read_text()
        .replace("Lena Fischer,", "Lena Fischer-Berg,")
        .replace(f"{omar},member,member", f"{omar},okr-practitioner,lead")
        .replace(f"{ben}Digital,", f"{ben}Data,")
    )

    plan = import_people(world.org, edited.encode(), world.admin)

    assert plan.counts() == {
        "teams created": 1,
        "teams moved": 0,
        "people created": 0,
        "people updated": 3,
        "people unchanged": 27,
        "people deactivated": 0,
    }
    assert Person.objects.get(email="lena.fischer@example.com").name == "Lena Fischer-Berg"
    omar = Person.objects.get(email="omar.haddad@example.com")
    assert omar.role == Role.OKR_PRACTITIONER
    assert list(omar.memberships.values_list("team__name", "role")) == [("Water Quality", "lead")]
    ben = Person.objects.get(email="ben.cohen@example.com")
    assert list(ben.memberships.values_list("team__name", flat=True)) == ["Data"]
    assert Team.objects.get(name="Data").parent.name == "Customer"
    changes = dict(AdministrativeChange.objects.filter(action="person.updated").values_list(
        "person__email", "summary"))  # fmt: skip
    assert "moves to Data as member (leaves Digital)" in changes["ben.cohen@example.com"]
    assert AdministrativeChange.objects.filter(action="person.role_changed").count() == 1


def test_a_team_moves_and_changes_level_when_the_file_says_so(world):
    text = HEADER + ",,Support,Acme Water,strategic,,\n,,Growth,Support,tactical,,\n"
    plan = import_people(world.org, text.encode(), world.admin)

    assert [t.changes for t in plan.moved_teams] == [
        ("moves below Acme Water (was below Marketing)", "becomes strategic (was tactical)"),
        ("moves below Support (was below Marketing)",),
    ]
    world.growth.refresh_from_db()
    world.support.refresh_from_db()
    assert world.growth.parent == world.support
    assert (world.support.level, world.support.parent) == ("strategic", world.company)
    assert AdministrativeChange.objects.filter(action="team.moved").count() == 2


def test_existing_people_join_by_email_in_any_case_and_keep_what_the_file_leaves_empty(world):
    text = HEADER + "ALICE@acme.test,,Growth,,,,\n"
    plan = import_people(world.org, text.encode(), world.admin)
    assert plan.nothing_to_change()
    world.alice.refresh_from_db()
    assert (world.alice.name, world.alice.role) == ("Alice Doe", Role.MEMBER)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("dan@acme.test,Dan,Sales,Salse,,,\n",
         "row 2, column D (parent team): unknown parent team 'Salse': no team of the "
         "organisation has that name and no row of the file names it in the team column."),
        ("dan@acme.test,Dan,,,,,\nDAN@acme.test,Dan Two,,,,,\n",
         "row 3, column A (email): dan@acme.test is also on row 2: give each person one row."),
        ("dan@acme.test,Dan,,,,boss,\n",
         "row 2, column F (role): 'boss' is not a role; use one of admin, okr-leader, "
         "okr-practitioner, okr-professional, member, stakeholder."),
        ("dan@acme.test,Dan,Sales,,middle,,\n",
         "row 2, column E (level): 'middle' is not a level; use company, strategic, tactical."),
        ("dan@acme.test,Dan,Sales,,,,chief\n",
         "row 2, column G (team role): 'chief' is not a team role; use member or lead."),
        ("dan@acme.test,Dan,Sales,Ops,,,\neve@acme.test,Eve,Ops,Sales,,,\n",
         "row 2, column D (parent team): Sales → Ops → Sales is a loop in the team hierarchy: "
         "a team cannot sit below itself."),
        ("dan@acme.test,Dan,Growth,Growth,,,\n",
         "row 2, column D (parent team): Growth → Growth is a loop in the team hierarchy: "
         "a team cannot sit below itself."),
        ("dan@acme.test,Dan,Sales,Growth,,,\n",
         "row 2, column D (parent team): Sales cannot sit below Growth, a tactical team: "
         "tactical is the lowest level."),
        ("dan@acme.test,Dan,Sales,Marketing,strategic,,\n",
         "row 2, column D (parent team): Sales, a strategic team, cannot sit below Marketing, "
         "a strategic team: company is above strategic, strategic above tactical."),
        ("dan@acme.test,Dan,Sales,,company,,\n",
         "row 2, column E (level): only the organisation itself is at company level; "
         "use strategic or tactical."),
        ("dan@,Dan,,,,,\n", "row 2, column A (email): 'dan@' is not an e-mail address."),
        (",Dan,,,,,\n", "row 2, column A (email): the e-mail is empty."),
        ("dan@acme.test," + "D" * 201 + ",,,,,\n",
         "row 2, column B (name): at most 200 characters, got 201."),
        ("admin@acme.test,,,,,member,\n",
         "row 2, column F (role): the organisation would have no active admin left: "
         "keep at least one admin."),
        ("dan@acme.test,Dan,Sales,Marketing,,,\neve@acme.test,Eve,Sales,Support,,,\n",
         "row 3, column D (parent team): row 2 gives Sales another parent team; a team has one."),
    ],
)  # fmt: skip
def test_each_problem_names_its_row_and_column_and_nothing_is_written(world, rows, expected):
    assert expected in problems(world, HEADER + rows)


def test_every_problem_of_a_file_is_listed_in_row_order(world):
    found = problems(world, HEADER + "dan@acme.test,Dan,,,,boss,\n,Eve,,,,,\nfay@,Fay,,,,,\n")
    assert [p.split(",")[0] for p in found] == ["row 2", "row 3", "row 4"]


def test_someone_of_another_organisation_cannot_be_imported_and_is_not_revealed(world, other_world):
    found = problems(world, HEADER + "gina@globex.test,Gina,,,,,\n")
    assert found == [
        "row 2, column A (email): gina@globex.test cannot be imported into this organisation."
    ]
    assert "Globex" not in " ".join(found)
    assert Person.objects.get(email="gina@globex.test").organization == other_world["org"]


def test_people_not_in_the_file_stay_active_unless_asked(world):
    text = HEADER + "alice@acme.test,Alice Doe,,,,,\n"
    assert import_people(world.org, text.encode(), world.admin).nothing_to_change()
    assert Person.objects.filter(organization=world.org, is_active=False).count() == 0

    plan = import_people(world.org, text.encode(), world.admin, deactivate_missing=True)

    deactivated = sorted(p.email for p in plan.deactivated)
    assert deactivated == ["bob@acme.test", "sam@acme.test"]  # never the admin importing
    assert set(Person.objects.filter(is_active=False).values_list("email", flat=True)) == set(
        deactivated
    )


def test_a_deactivated_person_in_the_file_is_left_deactivated(world):
    world.bob.is_active = False
    world.bob.save()
    plan = preview(world.org, (HEADER + "bob@acme.test,Bob Roe,Support,,,,\n").encode())
    assert plan.unchanged_people[0].note.startswith("deactivated")


def test_the_export_imports_back_without_a_change(world):
    add_person(world.org, "eve@acme.test", '=HYPERLINK("http://evil.test")', Role.MEMBER)
    join_team(world.bob, world.growth)  # two teams: the export leaves his team empty
    exported = export_csv(world.org)

    assert "'=HYPERLINK" in exported
    assert import_people(world.org, exported.encode(), world.admin).nothing_to_change()


def test_the_export_lists_people_and_every_team(world):
    lines = export_csv(world.org).splitlines()
    assert lines[0] == "email,name,role,team,parent team,level,team role"
    assert "alice@acme.test,Alice Doe,member,Growth,Marketing,tactical,lead" in lines
    assert "sam@acme.test,Sam Stakeholder,stakeholder,,,,," not in lines
    assert "sam@acme.test,Sam Stakeholder,stakeholder,,,," in lines
    assert ",,,Marketing,Acme Water,strategic," in lines  # a team no one's row names
