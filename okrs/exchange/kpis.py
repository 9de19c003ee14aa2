"""KPIs in OKRs-as-code: exported with their readings; imported so that twice changes nothing."""

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from django.utils import timezone

from okrs import clock
from okrs.domain import document as d
from okrs.kpis.actions import create_kpi
from okrs.kpis.models import KPI, Measurement
from okrs.organizations.models import Organization, Team


def export_kpis(organization: Organization) -> list[d.KPIDoc]:
    """Return the organisation's KPIs by team and name, each with its readings oldest first."""
    kpis = list(
        KPI.objects.of(organization).select_related("team").order_by("team__slug", "name", "pk")
    )
    readings: dict[int, list[d.MeasurementDoc]] = {}
    rows = (
        Measurement.objects.of(organization)
        .order_by("measured_at", "pk")
        .values_list("kpi_id", "measured_at", "value", "note")
    )
    for kpi, at, value, note in rows:
        readings.setdefault(kpi, []).append(
            d.MeasurementDoc(date=timezone.localdate(at), value=value, note=note)
        )
    return [
        d.KPIDoc(
            team=k.team.slug,
            name=k.name,
            unit=k.unit,
            description=k.description,
            lower_bound=k.lower_bound,
            upper_bound=k.upper_bound,
            archived=k.archived_at is not None,
            measurements=readings.get(k.pk, []),
        )
        for k in kpis
    ]


def import_kpis(
    organization: Organization,
    kpis: list[d.KPIDoc],
    teams: dict[str, Team],
    noon: Callable[[date], datetime],
    counts: Counter,
) -> None:
    """Create or update the document's KPIs and add the readings they do not have yet.

    KPIs match by team and name; readings by day and value, so a second import adds none.
    `noon` gives the moment a reading's day stands for.
    """
    if not kpis:
        return
    existing: dict[tuple[int, str], KPI] = {}
    for row in KPI.objects.of(organization).order_by("-pk"):
        existing[(row.team_id, row.name)] = row  # of two KPIs with one name, the older matches
    known = _recorded(organization)
    new: list[Measurement] = []
    for kpi in kpis:
        row = _kpi(existing, teams[kpi.team], kpi, counts)
        adding = _readings(row, kpi.measurements, known.get(row.pk, Counter()), noon)
        _latest(row, adding)
        new.extend(adding)
    Measurement.objects.bulk_create(new, batch_size=1000)
    if new:
        counts["KPI readings created"] += len(new)


def _kpi(existing: dict, team: Team, kpi: d.KPIDoc, counts: Counter) -> KPI:
    """Return the KPI's row, created or brought to the document's values and archived state."""
    values: dict[str, object] = {
        "unit": kpi.unit,
        "description": kpi.description,
        "lower_bound": kpi.lower_bound,
        "upper_bound": kpi.upper_bound,
    }
    row = existing.get((team.pk, kpi.name))
    if row is None:
        row = create_kpi(
            team, kpi.name, kpi.lower_bound, kpi.upper_bound, kpi.unit, kpi.description
        )
        counts["KPIs created"] += 1
    else:
        changes = {k: v for k, v in values.items() if getattr(row, k) != v}
        if changes:
            KPI.objects.filter(pk=row.pk).update(**changes)
            counts["KPIs updated"] += 1
    if (row.archived_at is not None) != kpi.archived:
        row.archived_at = clock.now() if kpi.archived else None
        KPI.objects.filter(pk=row.pk).update(archived_at=row.archived_at)
        counts["KPIs archived" if kpi.archived else "KPIs unarchived"] += 1
    return row


def _recorded(organization: Organization) -> dict[int, Counter]:
    """Return, per KPI id, how many readings it has on each (day, value)."""
    found: dict[int, Counter] = {}
    rows = Measurement.objects.of(organization).values_list("kpi_id", "measured_at", "value")
    for kpi, at, value in rows.iterator(chunk_size=10000):
        found.setdefault(kpi, Counter())[(timezone.localdate(at), value)] += 1
    return found


def _readings(
    row: KPI, readings: list[d.MeasurementDoc], known: Counter, noon: Callable[[date], datetime]
) -> list[Measurement]:
    """Return the document's readings the KPI does not have yet, as unsaved rows."""
    adding = []
    for reading in readings:
        key = (reading.date, reading.value)
        if known[key]:
            known[key] -= 1
            continue
        adding.append(
            Measurement(
                organization_id=row.organization_id,
                kpi=row,
                value=reading.value,
                measured_at=noon(reading.date),
                note=reading.note,
            )
        )
    return adding


def _latest(row: KPI, adding: list[Measurement]) -> None:
    """Make the newest reading the KPI's latest value; a later line wins a tie, as when recorded."""
    at, value = row.latest_measured_at, row.latest_value
    for reading in adding:
        if at is None or reading.measured_at >= at:
            at, value = reading.measured_at, reading.value
    if (at, value) != (row.latest_measured_at, row.latest_value):
        KPI.objects.filter(pk=row.pk).update(latest_value=value, latest_measured_at=at)
        row.latest_measured_at, row.latest_value = at, value
