"""OKRs as code: export, import into an empty database, export again gives the same document."""

import json

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from okrs.domain.okrfile import read_document
from okrs.domain.writing import document_to_data, dump_yaml
from okrs.exchange.export import export_document
from okrs.exchange.importer import ImportRefused, import_document
from okrs.objectives.actions import (
    add_contributor,
    add_key_result,
    align,
    link_key_result,
    record_check_in,
)
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.organizations.models import Organization, Person, Team

FILE = """\
version: 1
organization: Acme Water
profile: okr-institute
today: 2027-02-15
cycles:
  - {id: 2027, start: 2027-01-01, end: 2027-12-31, kind: annual}
  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, parent: 2027}
teams:
  - {id: acme, name: Acme Water, level: company}
  - {id: growth, name: Growth, level: tactical, parent: acme}
people:
  - {id: alice, name: Alice Doe, teams: [growth]}
objectives:
  - id: O0
    title: Be the water charity people trust
    team: acme
    cycle: 2027
    key_results:
      - {title: Raise trust from 40% to 70%, start: 40, target: 70, unit: "%"}
      - {title: Clean water law passed, type: binary}
  - id: O1
    title: Make clean water a topic no household can ignore
    team: growth
    cycle: 2027-Q1
    ambition: moonshot
    aligned_to: [O0]
    hypothesis: We believe that by growing signatures we will make water a topic.
    key_results:
      - id: O1-KR1
        title: Grow petition signatures from 20,000 to 100,000
        start: 20000
        target: 100000
        current: 45000
        unit: signatures
        indicator: leading
        check_ins:
          - {date: 2027-01-20, value: 31000, confidence: 7, note: Good start}
      - {title: Reduce the average reply time from 9 to 3 days, start: 9, target: 3, score: 6}
"""


def fingerprint():
    """Return a fingerprint of every OKR row, to see that nothing changed."""
    return (
        list(Objective.objects.order_by("pk").values_list("pk", "version", "title", "status")),
        list(
            KeyResult.objects.order_by("pk").values_list("pk", "version", "current", "confidence")
        ),
        CheckIn.objects.count(),
        Person.objects.count(),
        Team.objects.count(),
    )


def test_import_builds_the_organisation(db):
    organization, counts = import_document(read_document(FILE))
    assert (organization.name, organization.profile, organization.score_scale) == (
        "Acme Water",
        "okr-institute",
        "0-1",
    )
    moonshot = Objective.objects.get(ref="O1")
    assert moonshot.ambition == "moonshot" and moonshot.team.slug == "growth"
    assert list(moonshot.aligned_to.values_list("ref", flat=True)) == ["O0"]
    kr = KeyResult.objects.get(ref="O1-KR1")
    assert (kr.current, kr.confidence, kr.unit) == (45000, 7, "signatures")
    assert KeyResult.objects.get(ref="O1-KR2").grade == 6
    assert KeyResult.objects.get(ref="O0-KR2").type == "binary"
    assert counts["check-ins created"] == 1
    assert Team.objects.filter(organization=organization).count() == 2


def test_second_import_of_the_same_file_changes_nothing(db):
    document = read_document(FILE)
    import_document(document)
    before = fingerprint()
    _, counts = import_document(document)
    assert counts == {}
    assert fingerprint() == before


def test_round_trip_export_import_export_is_lossless(world, other_world):
    parent = world.objective(
        team=world.company, title="Become the most trusted water charity", cycle=world.annual
    )
    child = world.objective(title="Win young donors", ambition="moonshot", hypothesis="We believe")
    align(child, parent)
    add_contributor(child, world.support)
    link_key_result(parent.key_results.first(), child)
    add_key_result(child, "Water law passed", type="binary", start=0, target=1, balancing=True)
    kr = child.key_results.get(position=0)
    record_check_in(
        kr,
        31000,
        7,
        author=world.alice,
        progress_note="Up",
        problems_note="Rain",
        plans_note="Doors",
    )
    record_check_in(kr, 45000, 3, author=world.bob)
    first = dump_yaml(export_document(world.org))

    Organization.objects.filter(pk=world.org.pk).delete()
    assert not Objective.objects.filter(organization_id=world.org.pk).exists()
    organization, _ = import_document(read_document(first))
    assert dump_yaml(export_document(organization)) == first
    assert Objective.objects.filter(organization=other_world["org"]).count() == 1


def test_broken_file_that_reads_well_changes_nothing(db):
    loop = FILE.replace(
        "    title: Be the water charity people trust\n",
        "    title: Be the water charity people trust\n    aligned_to: [O1]\n",
    )
    with pytest.raises(ImportRefused, match="loop"):
        import_document(read_document(loop))
    assert Organization.objects.count() == 0
    assert Person.objects.count() == 0


def test_json_documents_import_too(db):
    text = json.dumps(yaml.safe_load(FILE), default=str)
    organization, _ = import_document(read_document(text))
    assert document_to_data(export_document(organization))["objectives"][1]["id"] == "O1"


def test_import_command_reports_problems_with_line_and_field(db, tmp_path):
    path = tmp_path / "okrs.yaml"
    broken = FILE.replace("target: 100000", "target: lots").replace(
        "cycle: 2027-Q1", "cycle: 2027-Q9"
    )
    path.write_text(broken)
    with pytest.raises(CommandError) as error:
        call_command("import", str(path))
    message = str(error.value)
    assert (
        f"{path}:32: objectives[1].key_results[0].target: expected a number, got 'lots'" in message
    )
    assert "objectives[1].cycle: unknown cycle '2027-Q9'" in message
    assert error.value.returncode == 2
    assert "Nothing was imported" in message
    assert Organization.objects.count() == 0


def test_import_command_then_export_command(db, tmp_path, capsys):
    path = tmp_path / "okrs.yaml"
    path.write_text(FILE)
    call_command("import", str(path))
    assert "Imported" in capsys.readouterr().out
    call_command("import", str(path))
    assert "nothing changed" in capsys.readouterr().out
    call_command("export")
    exported = capsys.readouterr().out
    assert read_document(exported).objective("O1").key_results[0].current == 45000
    out = tmp_path / "out.yaml"
    call_command("export", str(out), organization="acme-water")
    assert out.read_text() == exported


def test_export_needs_an_organisation_when_there_are_several(world, other_world):
    with pytest.raises(CommandError, match="Several organisations"):
        call_command("export")
    with pytest.raises(CommandError, match="No organisation with the slug 'nope'"):
        call_command("export", organization="nope")


def test_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", "/nonexistent/okrs.yaml")


def test_demo_organisation_round_trips_losslessly(db):
    from datetime import date

    from okrs.demo.loader import load_demo

    organization = load_demo(today=date(2026, 11, 23))
    first = dump_yaml(export_document(organization))
    Organization.objects.filter(pk=organization.pk).delete()
    Person.objects.filter(organization__isnull=True).delete()
    imported, counts = import_document(read_document(first))
    assert counts["check-ins created"] == first.count("confidence:")
    assert dump_yaml(export_document(imported)) == first
