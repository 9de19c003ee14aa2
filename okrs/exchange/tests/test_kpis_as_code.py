"""KPIs in OKRs-as-code: exported with their readings, imported into an empty database the same."""

from datetime import UTC, datetime

import pytest
from django.utils.timezone import localdate

from okrs.domain.okrfile import read_document
from okrs.domain.reading import DocumentError
from okrs.domain.writing import dump_yaml
from okrs.exchange.export import export_document
from okrs.exchange.importer import ImportRefused, import_document
from okrs.kpis.actions import archive_kpi, create_kpi, record_measurement
from okrs.kpis.models import KPI, Measurement
from okrs.organizations.actions import archive_team, create_team
from okrs.organizations.models import Organization, Team

FILE = """\
organization: Acme Water
slug: acme
teams:
  - {id: acme, name: Acme Water, level: company}
  - {id: support, name: Support, parent: acme}
kpis:
  - team: support
    name: Water quality tests passed
    unit: "%"
    lower_bound: 98
    measurements:
      - {date: 2027-01-10, value: 99.1}
      - {date: 2027-01-17, value: 97.5, note: A lab was closed}
  - {team: support, name: Donor churn, upper_bound: 5, archived: true}
"""


def kpis_of(organization):
    """Return every KPI of the organisation with its readings, as plain values to compare."""
    return [
        (
            kpi.team.slug,
            kpi.name,
            kpi.unit,
            kpi.description,
            kpi.lower_bound,
            kpi.upper_bound,
            kpi.archived_at is not None,
            kpi.latest_value,
            [
                (localdate(m.measured_at), m.value, m.note)
                for m in kpi.measurements.order_by("measured_at", "pk")
            ],
        )
        for kpi in KPI.objects.of(organization)
        .select_related("team")
        .order_by("team__slug", "name")
    ]


def test_export_then_import_into_an_empty_database_gives_the_same_kpis(world, other_world):
    quality = create_kpi(
        world.support,
        "Water quality tests passed",
        lower_bound=98,
        unit="%",
        description="Share of samples within the norm",
    )
    record_measurement(quality, 99.1, at=datetime(2026, 11, 10, 9, tzinfo=UTC), note="Fine")
    record_measurement(quality, 97.5, at=datetime(2026, 11, 17, 15, tzinfo=UTC))
    churn = create_kpi(world.growth, "Donor churn", upper_bound=5, lower_bound=0)
    record_measurement(churn, 0, at=datetime(2026, 11, 1, 12, tzinfo=UTC))
    archive_kpi(churn)
    events = create_team(world.org, "Events", "tactical", world.marketing)
    create_kpi(events, "Visitors per fair", lower_bound=200)
    archive_team(events)
    create_kpi(other_world["team"], "Globex uptime", lower_bound=99)
    before = kpis_of(world.org)
    first = dump_yaml(export_document(world.org))

    Organization.objects.filter(pk=world.org.pk).delete()
    organization, counts = import_document(read_document(first))

    assert kpis_of(organization) == before
    assert counts["KPIs created"] == 3
    assert counts["KPI readings created"] == 3
    assert Team.objects.get(organization=organization, slug="events").is_archived()
    assert dump_yaml(export_document(organization)) == first


def test_importing_the_same_file_twice_changes_nothing(db):
    organization, _ = import_document(read_document(FILE))
    before = kpis_of(organization), Measurement.objects.count()

    _, counts = import_document(read_document(FILE))

    assert counts == {}
    assert (kpis_of(organization), Measurement.objects.count()) == before


def test_import_reads_the_healthy_range_readings_and_latest_value(db):
    organization, counts = import_document(read_document(FILE))

    quality = KPI.objects.get(organization=organization, name="Water quality tests passed")
    assert (quality.lower_bound, quality.upper_bound, quality.unit) == (98, None, "%")
    assert quality.latest_value == 97.5
    assert quality.is_healthy() is False
    assert KPI.objects.get(name="Donor churn").archived_at is not None
    assert counts["KPIs created"] == 2
    assert counts["KPIs archived"] == 1


def test_an_edited_file_updates_the_kpi_and_adds_the_new_reading(db):
    import_document(read_document(FILE))
    edited = FILE.replace("lower_bound: 98", "lower_bound: 97").replace(
        "note: A lab was closed}", "note: A lab was closed}\n      - {date: 2027-01-24, value: 99}"
    )

    _, counts = import_document(read_document(edited))

    quality = KPI.objects.get(name="Water quality tests passed")
    assert (quality.lower_bound, quality.latest_value) == (97, 99)
    assert counts == {"KPIs updated": 1, "KPI readings created": 1}


def test_a_kpi_without_a_bound_or_with_an_unknown_team_is_named_by_line(db):
    broken = FILE.replace("lower_bound: 98", "description: no bound").replace(
        "{team: support, name: Donor churn", "{team: sales, name: Donor churn"
    )

    with pytest.raises(DocumentError) as error:
        read_document(broken)

    messages = [str(p) for p in error.value.problems]
    assert "line 7, kpis[0]: a KPI needs a `lower_bound` or an `upper_bound`" in messages[0]
    assert any("kpis[1].team: unknown team 'sales'" in m for m in messages)


def test_a_kpi_listed_twice_and_a_bad_reading_are_refused(db):
    broken = FILE.replace("Donor churn", "Water quality tests passed").replace(
        "value: 99.1", "value: lots"
    )

    with pytest.raises(DocumentError) as error:
        read_document(broken)

    text = str(error.value)
    assert "kpis[0].measurements[0].value: expected a number, got 'lots'" in text
    assert "support has the KPI 'Water quality tests passed' twice" in text


def test_a_team_the_file_says_is_in_use_takes_its_new_kpis(db):
    organization, _ = import_document(read_document(FILE))
    archive_team(Team.objects.get(organization=organization, slug="support"))
    KPI.objects.filter(name="Donor churn").delete()

    _, counts = import_document(read_document(FILE))

    assert not Team.objects.get(organization=organization, slug="support").is_archived()
    assert KPI.objects.filter(name="Donor churn").exists()
    assert counts["KPIs created"] == 1


def test_a_new_kpi_for_a_team_archived_in_the_file_and_the_app_is_refused_whole(db):
    archived = FILE.replace("parent: acme}", "parent: acme, archived: true}")
    organization, _ = import_document(read_document(archived))
    assert Team.objects.get(organization=organization, slug="support").is_archived()
    KPI.objects.filter(name="Donor churn").delete()

    with pytest.raises(ImportRefused, match="Support is archived: it takes no new KPIs"):
        import_document(read_document(archived))

    assert not KPI.objects.filter(name="Donor churn").exists()
