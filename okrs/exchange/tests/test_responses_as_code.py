"""An objective's `responds_to` in OKRs-as-code: the KPIs it answers, by name or id."""

import pytest

from okrs.domain.okrfile import read_document
from okrs.domain.reading import DocumentError
from okrs.domain.writing import dump_yaml
from okrs.exchange.export import export_document
from okrs.exchange.importer import ImportRefused, import_document
from okrs.kpis.actions import create_kpi
from okrs.kpis.models import KPI, KPIResponse
from okrs.kpis.responses import link_kpi
from okrs.objectives.models import Objective

FILE = """\
organization: Acme Water
slug: acme
cycles:
  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}
teams:
  - {id: acme, name: Acme Water, level: company}
  - {id: support, name: Support, parent: acme}
kpis:
  - {team: support, name: Donor churn, unit: "%", upper_bound: 5}
  - {team: support, name: Reply time, unit: days, upper_bound: 3}
objectives:
  - id: O1
    title: Donors stay with us
    team: support
    cycle: 2027-Q1
    responds_to: [Donor churn]
    key_results:
      - {id: KR1, title: Raise donor retention from 70% to 80%, start: 70, target: 80}
      - {id: KR2, title: Answer donors within a day from 40% to 90%, start: 40, target: 90}
"""


def responses(organization):
    """Return each objective's ref with the names of the KPIs it responds to."""
    rows = KPIResponse.objects.of(organization).order_by("objective__ref", "kpi__name")
    return list(rows.values_list("objective__ref", "kpi__name"))


def test_import_links_the_objective_to_the_kpi_it_names(db):
    organization, counts = import_document(read_document(FILE))

    assert responses(organization) == [("O1", "Donor churn")]
    assert counts["KPI responses created"] == 1


def test_importing_twice_changes_nothing_and_an_edit_moves_the_link(db):
    organization, _ = import_document(read_document(FILE))
    _, again = import_document(read_document(FILE))

    _, edited = import_document(read_document(FILE.replace("[Donor churn]", "[Reply time]")))

    assert "KPI responses created" not in again
    assert edited["KPI responses created"] == 1
    assert responses(organization) == [("O1", "Reply time")]


def test_an_unknown_kpi_in_the_file_is_named_with_its_place(db):
    with pytest.raises(DocumentError) as error:
        read_document(FILE.replace("[Donor churn]", "[Donor chrun]"))

    assert "objectives[0].responds_to: unknown KPI 'Donor chrun'" in str(error.value)


def test_a_file_without_kpis_names_the_organisation_s_and_an_unknown_one_is_refused(db):
    import_document(read_document(FILE))
    without_kpis = FILE.split("kpis:")[0] + "objectives:" + FILE.split("objectives:")[1]

    with pytest.raises(ImportRefused, match=r"objective O1: responds_to names no KPI 'Churn'"):
        import_document(read_document(without_kpis.replace("[Donor churn]", "[Churn]")))
    organization, _ = import_document(read_document(without_kpis))

    assert responses(organization) == [("O1", "Donor churn")]


def test_a_kpi_named_by_its_id_is_linked(db):
    organization, _ = import_document(read_document(FILE))
    reply = KPI.objects.get(name="Reply time")

    import_document(read_document(FILE.replace("[Donor churn]", f"[{reply.pk}]")))

    assert responses(organization) == [("O1", "Reply time")]


def test_export_writes_responds_to_and_reads_back_the_same(world, other_world):
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    goal = world.objective()
    link_kpi(churn, goal)

    text = dump_yaml(export_document(world.org))
    document = read_document(text)

    objective = next(o for o in document.objectives if o.title == goal.title)
    assert objective.responds_to == ["Donor churn"]
    assert Objective.objects.filter(pk=goal.pk).exists()


def test_a_name_two_teams_share_is_exported_as_the_kpi_s_id(world):
    growth = create_kpi(world.growth, "Donor churn", upper_bound=5)
    create_kpi(world.support, "Donor churn", upper_bound=4)
    goal = world.objective()
    link_kpi(growth, goal)

    document = read_document(dump_yaml(export_document(world.org)))

    objective = next(o for o in document.objectives if o.title == goal.title)
    assert objective.responds_to == [str(growth.pk)]
