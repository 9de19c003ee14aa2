"""Action plans in OKRs-as-code: read, written, imported and exported, with clear errors."""

from datetime import date

import pytest

from okrs.domain.initiatives import INITIATIVES_PER_KEY_RESULT
from okrs.domain.okrfile import read_document
from okrs.domain.reading import DocumentError
from okrs.domain.writing import dump_yaml
from okrs.exchange.export import export_document
from okrs.exchange.importer import import_document
from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import Initiative
from okrs.organizations.models import Organization

FILE = """\
version: 1
organization: Acme Water
today: 2027-02-15
cycles:
  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}
teams:
  - {id: growth, name: Growth, level: tactical}
people:
  - {id: alice, name: Alice Doe, teams: [growth]}
objectives:
  - id: O1
    title: Make clean water a topic no household can ignore
    team: growth
    cycle: 2027-Q1
    key_results:
      - id: O1-KR1
        title: Grow petition signatures from 20,000 to 100,000
        start: 20000
        target: 100000
        initiatives:
          - title: Door-to-door petition weekends
            status: doing
            owner: alice
            due: 2027-02-28
            link: https://tracker.acme.test/PET-12
          - {title: Partner with schools}
      - {id: O1-KR2, title: Reduce wait time from 9 to 3 days, start: 9, target: 3}
"""


def test_a_file_reads_the_action_plan_of_each_key_result():
    plan = read_document(FILE).objectives[0].key_results[0].initiatives
    assert [(i.title, i.status, i.owner, i.due, i.link) for i in plan] == [
        ("Door-to-door petition weekends", "doing", "alice", date(2027, 2, 28),
         "https://tracker.acme.test/PET-12"),
        ("Partner with schools", "planned", None, None, ""),
    ]  # fmt: skip


def test_import_creates_the_initiatives_and_a_second_import_changes_nothing(db):
    organization, counts = import_document(read_document(FILE))
    assert counts["initiatives created"] == 2
    first = Initiative.objects.get(title="Door-to-door petition weekends")
    assert (first.status, first.owner.name, first.key_result.ref) == (
        "doing",
        "Alice Doe",
        "O1-KR1",
    )
    _, again = import_document(read_document(FILE))
    assert "initiatives created" not in again
    assert "initiatives updated" not in again
    assert Initiative.objects.count() == 2


def test_import_moves_an_initiative_known_by_its_title(db):
    import_document(read_document(FILE))
    _, counts = import_document(read_document(FILE.replace("status: doing", "status: done")))
    assert counts["initiatives updated"] == 1
    assert Initiative.objects.get(title="Door-to-door petition weekends").status == "done"


def test_export_import_export_keeps_the_action_plan(world):
    objective = world.objective()
    signatures, wait = objective.key_results.all()
    add_initiative(signatures, "Partner with schools", owner=world.alice, status="doing",
                   due=date(2027, 3, 1), link="https://tracker.acme.test/PET-12")  # fmt: skip
    add_initiative(signatures, "Radio spots", status="dropped")
    add_initiative(wait, "Hire a second clerk")
    first = dump_yaml(export_document(world.org))
    assert "initiatives:" in first
    Organization.objects.filter(pk=world.org.pk).delete()
    organization, _ = import_document(read_document(first))
    assert dump_yaml(export_document(organization)) == first
    assert Initiative.objects.filter(organization=organization).count() == 3


def test_an_initiative_without_a_title_is_named_with_its_line():
    broken = FILE.replace("          - {title: Partner with schools}", "          - {status: done}")
    with pytest.raises(DocumentError) as error:
        read_document(broken)
    assert [str(p) for p in error.value.problems] == [
        "line 26, objectives[0].key_results[0].initiatives[1]: missing required field 'title'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("status: doing", "status: started",
         "line 22, objectives[0].key_results[0].initiatives[0].status: expected one of planned, "
         "doing, done, dropped, got 'started'"),
        ("link: https://tracker.acme.test/PET-12", "link: javascript:alert(1)",
         "line 25, objectives[0].key_results[0].initiatives[0].link: a link is a web address "
         "starting with http:// or https://, got 'javascript:alert(1)'"),
        ("owner: alice", "owner: zoe",
         "line 23, objectives[0].key_results[0].initiatives[0].owner: unknown person 'zoe'"),
        ("due: 2027-02-28", "due: soon",
         "line 24, objectives[0].key_results[0].initiatives[0].due: expected a date like "
         "2027-01-31, got 'soon'"),
        ("status: doing", "weight: 2",
         "line 22, objectives[0].key_results[0].initiatives[0].weight: unknown field 'weight'; "
         "known fields: due, link, owner, status, title"),
    ],
)  # fmt: skip
def test_bad_initiatives_are_named_by_line_and_field(old, new, message):
    with pytest.raises(DocumentError) as error:
        read_document(FILE.replace(old, new))
    problems = [str(p) for p in error.value.problems]
    assert any(p.startswith(message) for p in problems), problems


def test_an_action_plan_past_its_limit_is_refused():
    many = "\n".join(
        f"          - {{title: Initiative {n}}}" for n in range(INITIATIVES_PER_KEY_RESULT + 1)
    )
    text = FILE.replace("          - {title: Partner with schools}", many).replace(
        """          - title: Door-to-door petition weekends
            status: doing
            owner: alice
            due: 2027-02-28
            link: https://tracker.acme.test/PET-12
""",
        "",
    )
    with pytest.raises(DocumentError) as error:
        read_document(text)
    assert [p.message for p in error.value.problems] == [
        f"a key result holds {INITIATIVES_PER_KEY_RESULT} initiatives at most, "
        f"got {INITIATIVES_PER_KEY_RESULT + 1}"
    ]
