"""Spreadsheets people share: a cycle's OKRs, a team's check-in history, the dashboard's tables.

Each is a CSV (streamed, so a large cycle never sits in memory as one text) or an XLSX workbook,
and holds exactly what the person may see on the page it comes from.
"""

from django.http import Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from okrs import clock
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.spreadsheet import Sheet, csv_lines, csv_sections, xlsx_bytes
from okrs.gc_pause import collector_paused
from okrs.objectives.models import CheckIn, KeyResult
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team
from okrs.organizations.visibility import member_team_ids, visibility_filter
from okrs.routers import reads_from_replica
from okrs.web.exports import (
    CHECK_IN_HEADER,
    CYCLE_HEADER,
    check_in_rows,
    cycle_rows,
    dashboard_sheets,
    exported_cards,
)
from okrs.web.views.dashboard import cycle_figures
from okrs.web.views.pages import filtered_tree

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(kind: str, sheets: list[Sheet], name: str, sections: bool = False) -> HttpResponseBase:
    """Return the tables as a CSV download (streamed) or an XLSX one, named `name`."""
    response: HttpResponseBase
    if kind == "xlsx":
        response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX)
    else:
        sheet = sheets[0]
        lines = csv_sections(sheets) if sections else csv_lines(sheet.header, sheet.rows)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _cycle_of(request) -> tuple[Cycle, list[Cycle]]:
    """Return the chosen cycle and all cycles, or raise 404 when the organisation has none."""
    cycles = list(Cycle.objects.of(request.organization))
    cycle = chosen_cycle(request, cycles)
    if cycle is None:
        raise Http404("The organisation has no cycle yet.")
    return cycle, cycles


@organization_required
@reads_from_replica
@collector_paused()  # every card lives until the file is written
def tree_export(request, kind: str):
    """Download the cycle's objectives and key results as the tree shows them, filters applied."""
    cycle, cycles = _cycle_of(request)
    found, _filters, _matched = filtered_tree(request, cycle, cycles)
    rows = cycle_rows(exported_cards(found))
    name = f"{request.organization.slug}-{slugify(cycle.name)}-okrs"
    return _file(kind, [Sheet("OKRs", CYCLE_HEADER, rows)], name)


@organization_required
def team_check_ins_export(request, slug: str, kind: str):
    """Download every check-in on the team's key results the person may see, newest first."""
    organization = request.organization
    team = get_object_or_404(Team.objects.of(organization), slug=slug)
    team_ids = member_team_ids(request.user)
    # The same check-ins the team page lists, all of them rather than the latest twelve.
    key_results = KeyResult.all_objects.filter(objective__team=team).filter(
        visibility_filter(request.user, "objective__", team_ids)
    )
    check_ins = (
        CheckIn.objects.of(organization)
        .filter(key_result__in=key_results.values("pk"))
        .select_related("key_result__objective__cycle", "author")
        .iterator(chunk_size=2000)
    )
    sheet = Sheet("Check-ins", CHECK_IN_HEADER, check_in_rows(check_ins))
    return _file(kind, [sheet], f"{organization.slug}-{team.slug}-check-ins")


@organization_required
@reads_from_replica
@collector_paused()  # a row per objective, all alive until the file is written
def dashboard_export(request, kind: str):
    """Download the dashboard's tables: a CSV with a section each, or a sheet each in XLSX."""
    organization = request.organization
    cycle, _cycles = _cycle_of(request)
    window = organization.practice().check_in_days
    figures = cycle_figures(cycle, clock.today(), clock.now(), window)
    name = f"{organization.slug}-{slugify(cycle.name)}-dashboard"
    return _file(kind, dashboard_sheets(figures, window), name, sections=True)
