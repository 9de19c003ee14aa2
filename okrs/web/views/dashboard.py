"""The cycle dashboard: progress, status, check-in rhythm, confidence and what needs attention."""

from collections import Counter
from dataclasses import dataclass

from django.shortcuts import render

from okrs import clock
from okrs.cadence.attention import radar as attention_radar
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.coverage import check_in_coverage, quiet_teams
from okrs.domain.progress import expected_progress, whole_confidence
from okrs.domain.states import PACE, State, look, objective_state
from okrs.gc_pause import collector_paused
from okrs.objectives.aggregates import confidence_by_week, objective_progress_rows, window_start
from okrs.objectives.attention import running_cycles
from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.routers import reads_from_replica

BUCKETS = 10
ATTENTION_SHOWN = 10


def _objectives(cycle: Cycle, on, fresh_since) -> list[dict]:
    """Return the cycle's objectives with progress, expected progress, the state shown and gap.

    A row's `state` is the objective's lifecycle (draft, active...); its `status` is the state
    people see (okrs.domain.states), as on every other page.
    """
    rows = objective_progress_rows(cycle, fresh_since)
    expected = {}  # the same for every objective of an ambition
    for row in rows:
        ambition = row["ambition"]
        if ambition not in expected:
            expected[ambition] = expected_progress(cycle.start, cycle.end, on, ambition)
        row["expected"] = expected[ambition]
        confidence = whole_confidence(row["confidence"])
        row["confidence"] = confidence
        row["status"] = objective_state(
            row["state"],
            cycle.state,
            checked_in=row["checked_in"],
            progress=row["progress"],
            expected=row["expected"],
            confidence=confidence,
        )
        row["gap"] = row["progress"] - row["expected"]
    return rows


def _confidence_points(weeks: list[dict], width: int = 560, height: int = 120) -> str:
    """Return SVG polyline points of the weekly mean confidence (0-10, top is 10)."""
    if not weeks:
        return ""
    step = (width - 20) / max(1, len(weeks) - 1)
    return " ".join(
        f"{10 + i * step:.1f},{height - 10 - (w['confidence'] / 10) * (height - 20):.1f}"
        for i, w in enumerate(weeks)
    )


@dataclass
class CycleFigures:
    """The dashboard's tables of a cycle: state counts, progress distribution, quiet teams."""

    rows: list[dict]
    active: list[dict]
    statuses: dict[str, int]
    buckets: list[int]
    quiet_teams: list[dict]


def cycle_figures(cycle: Cycle, on, now, window: int) -> CycleFigures:
    """Return the cycle's dashboard tables; `window` is the check-in rhythm in days."""
    rows = _objectives(cycle, on, window_start(now, 7))
    active = [r for r in rows if r["state"] != Objective.State.DRAFT]
    counted = Counter(r["status"] for r in active)
    # The pace states always show; the others only when some objective is in them.
    statuses = {s.value: counted[s] for s in State if s in PACE or counted[s]}
    buckets = [0] * BUCKETS
    for row in active:
        buckets[min(BUCKETS - 1, int(row["progress"] * BUCKETS))] += 1
    quiet = quiet_teams(rows, window_start(now, window))
    return CycleFigures(rows, active, statuses, buckets, quiet)


@organization_required
@reads_from_replica
@collector_paused()  # a row per objective, all alive until the page is written
def dashboard(request):
    """Show how the cycle is going across the organisation."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    context: dict[str, object] = {"cycles": cycles, "cycle": cycle}
    if cycle is None:
        return render(request, "web/dashboard.html", context)
    on, now = clock.today(), clock.now()
    window = organization.practice().check_in_days
    figures = cycle_figures(cycle, on, now, window)
    rows, active = figures.rows, figures.active
    statuses, buckets = figures.statuses, figures.buckets
    fresh, total = check_in_coverage(rows)
    weeks = confidence_by_week(cycle)
    context |= {
        "objectives": len(active),
        "drafts": sum(1 for r in rows if r["state"] == Objective.State.DRAFT),
        "without_key_results": sum(1 for r in rows if not r["key_results"]),
        "average": sum(r["progress"] for r in active) / len(active) if active else 0,
        "expected": expected_progress(cycle.start, cycle.end, on),
        "statuses": statuses,
        "statuses_said": ", ".join(f"{n} {look(s).label.lower()}" for s, n in statuses.items()),
        "status_shares": {s: (n * 100 / len(active) if active else 0) for s, n in statuses.items()},
        "buckets": [
            {
                "label": f"{i * 10}%",
                "range": f"{i * 10}–{i * 10 + 10}%",
                "count": n,
                "height": n * 100 / max(buckets) if max(buckets) else 0,
            }
            for i, n in enumerate(buckets)
        ],
        "coverage": {"fresh": fresh, "total": total, "share": fresh * 100 / total if total else 0},
        "quiet_teams": figures.quiet_teams,
        "window": window,
        "weeks": weeks,
        "confidence_points": _confidence_points(weeks),
    }
    return render(request, "web/dashboard.html", context)


@organization_required
@reads_from_replica
@collector_paused()  # a row per key result of every open cycle, all alive until it is written
def attention(request):
    """Show what needs attention across the open cycles: the dashboard's panel, or a page alone.

    The dashboard loads it after its own figures, so a large organisation's radar never holds
    up the rest of the page.
    """
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    radar = attention_radar(organization, running_cycles(cycles, clock.today()), clock.now())
    context = {
        "radar": radar,
        "attention": radar.items[:ATTENTION_SHOWN],
        "attention_objectives": len(radar.objective_ids()),
        "attention_more": max(0, len(radar.items) - ATTENTION_SHOWN),
    }
    template = "web/_attention.html" if request.htmx else "web/attention.html"
    return render(request, template, context)
