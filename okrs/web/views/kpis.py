"""A team's KPIs, created, changed, archived and read by those who write the team's OKRs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.administration.form_errors import add_action_error
from okrs.kpis import actions
from okrs.kpis.forms import KPIForm, MeasurementForm
from okrs.kpis.models import KPI
from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.organizations.models import Person, Team
from okrs.organizations.permissions import can_write_team
from okrs.organizations.visibility import member_team_ids, visibility_filter

READINGS_SHOWN = 50


def _require_writer(request, team: Team) -> None:
    """Refuse someone who may not write the team's OKRs."""
    if not can_write_team(request.user, team):
        raise PermissionDenied(f"Only the people of {team} and admins keep its KPIs.")


def drafts_responses(person: Person, member_of: set[int]) -> bool:
    """Return whether the person may draft an objective answering a KPI, for a team of theirs."""
    return not person.is_read_only() and (person.writes_everything() or bool(member_of))


def _kpi(request, kpi_id: int) -> KPI:
    """Return the organisation's KPI, or answer 404."""
    kpis = KPI.objects.of(request.organization).select_related("team", "team__organization")
    return get_object_or_404(kpis, pk=kpi_id)


@organization_required
def kpi_new(request, slug):
    """Create a KPI of the team with its healthy range."""
    team = get_object_or_404(
        Team.objects.of(request.organization).select_related("organization"), slug=slug
    )
    _require_writer(request, team)
    form = KPIForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            kpi = actions.add_kpi(team, by=request.user, **form.values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, f"Added the KPI {kpi} to {team}.")
            return redirect("kpi", kpi.pk)
    status = 422 if form.errors else 200
    return render(request, "web/kpi_form.html", {"form": form, "team": team}, status=status)


@organization_required
def kpi_detail(request, kpi_id):
    """Show a KPI, its healthy range and its readings, newest first."""
    kpi = _kpi(request, kpi_id)
    return _detail(request, kpi)


def _detail(request, kpi: KPI, form: MeasurementForm | None = None, status: int = 200):
    """Render the KPI's page with the reading form given, else an empty one for today."""
    team_ids = member_team_ids(request.user)
    seen = visibility_filter(request.user, team_ids=team_ids)
    responses = (
        Objective.objects.of(kpi.organization_id)
        .filter(kpi_responses__kpi=kpi)
        .filter(seen)
        .select_related("team", "owner", "cycle")
        .order_by("-cycle__start", "title")
    )
    context = {
        "kpi": kpi,
        "team": kpi.team,
        "healthy_range": actions.healthy_range(kpi),
        "responses": list(responses),
        "drafts_responses": drafts_responses(request.user, team_ids),
        "readings": [
            (reading, kpi.is_healthy(reading.value))
            for reading in kpi.measurements.order_by("-measured_at", "-pk")[:READINGS_SHOWN]
        ],
        "can_write": can_write_team(request.user, kpi.team),
        "form": form or MeasurementForm(initial={"day": clock.today()}),
    }
    return render(request, "web/kpi.html", context, status=status)


@organization_required
def kpi_edit(request, kpi_id):
    """Change a KPI's name, unit, description or healthy range."""
    kpi = _kpi(request, kpi_id)
    _require_writer(request, kpi.team)
    form = KPIForm(request.POST if request.method == "POST" else None, instance=kpi)
    if form.is_valid():
        try:
            actions.update_kpi(KPI.objects.get(pk=kpi.pk), by=request.user, **form.values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, f"Saved the KPI {form.cleaned_data['name']}.")
            return redirect("kpi", kpi.pk)
    status = 422 if form.errors else 200
    context = {"form": form, "team": kpi.team, "kpi": kpi}
    return render(request, "web/kpi_form.html", context, status=status)


@require_POST
@organization_required
def kpi_measure(request, kpi_id):
    """Record a reading of the KPI for a day."""
    kpi = _kpi(request, kpi_id)
    _require_writer(request, kpi.team)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_measurement(
                kpi, data["value"], at=actions.measurement_time(data["day"]), note=data["note"]
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            day = date_format(data["day"], "j M Y")
            messages.success(request, f"Recorded {data['value']:g} for {kpi} on {day}.")
            return redirect("kpi", kpi.pk)
    return _detail(request, kpi, form, status=422)


@require_POST
@organization_required
def kpi_archive(request, kpi_id):
    """Stop watching the KPI; its readings stay."""
    kpi = _kpi(request, kpi_id)
    _require_writer(request, kpi.team)
    actions.archive_kpi(kpi, by=request.user)
    messages.success(request, f"Archived the KPI {kpi}; its readings stay.")
    return redirect("kpi", kpi.pk)


@require_POST
@organization_required
def kpi_unarchive(request, kpi_id):
    """Watch an archived KPI again."""
    kpi = _kpi(request, kpi_id)
    _require_writer(request, kpi.team)
    actions.unarchive_kpi(kpi, by=request.user)
    messages.success(request, f"{kpi} takes readings again.")
    return redirect("kpi", kpi.pk)
