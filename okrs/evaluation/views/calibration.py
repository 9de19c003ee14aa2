"""Confidence calibration pages: how well mid-cycle confidence predicted the final scores."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from okrs.domain.calibration import Forecast, calibrate, midpoint, scatter
from okrs.domain.vocabulary import ScoreScale
from okrs.evaluation.calibrating import closed_cycles, team_calibrations
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team

TEAMS_PER_PAGE = 100  # rows of the by-team table at once; the chart holds every key result


def _chosen_closed(request, cycles):
    """Return the closed cycle named by ?cycle=, else the latest one; 404 for any other id."""
    wanted = request.GET.get("cycle", "")
    if not wanted:
        return cycles[0] if cycles else None
    for cycle in cycles:
        if str(cycle.pk) == wanted:
            return cycle
    raise Http404("No such closed cycle.")


def chart_context(forecasts: list[Forecast], score_scale: str) -> dict:
    """Return the scatter chart and its axis labels, the score axis on the organisation's scale."""
    chart = scatter(forecasts)
    one = score_scale == ScoreScale.ONE
    axis = [
        (value, x, y, f"{value / 10:.1f}" if one else str(value)) for value, x, y in chart.ticks
    ]
    return {"chart": chart, "axis": axis, "score_top": "1.0" if one else "10"}


@organization_required
def calibration(request):
    """Show, for a closed cycle, each team's calibration and every key result on one chart."""
    cycles = closed_cycles(request.organization)
    cycle = _chosen_closed(request, cycles)
    context = {"cycles": cycles, "cycle": cycle}
    if cycle is not None:
        entries = team_calibrations([cycle])
        forecasts = [
            Forecast(f.confidence, f.score, f"{entry.team.name}: {f.label}")
            for entry in entries
            for f in entry.forecasts()
        ]
        page = Paginator(entries, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
        context |= {
            "entries": page.object_list,
            "page": page,
            "page_query": urlencode({"cycle": cycle.pk}),
            "overall": calibrate(forecasts),
            "midpoint": midpoint(cycle.start, cycle.end),
            **chart_context(forecasts, request.organization.score_scale),
        }
    return render(request, "evaluation/calibration.html", context)


@organization_required
def team_calibration(request, slug):
    """Show one team's calibration in every closed cycle and its key results in one of them."""
    team = get_object_or_404(Team.objects.of(request.organization), slug=slug)
    cycles = closed_cycles(request.organization)
    cycle = _chosen_closed(request, cycles)
    history = team_calibrations(cycles, team)
    entry = next((e for e in history if cycle and e.cycle.pk == cycle.pk), None)
    context = {"team": team, "cycles": cycles, "cycle": cycle, "history": history, "entry": entry}
    if entry is not None:
        context |= {
            "midpoint": midpoint(cycle.start, cycle.end),
            **chart_context(entry.forecasts(), request.organization.score_scale),
        }
    return render(request, "evaluation/calibration_team.html", context)
