"""The organisation's OKR quality page and the coach's rules."""

from django.db.models import Prefetch
from django.shortcuts import render

from okrs.cycles.models import Cycle
from okrs.domain.coach import RULES, lint
from okrs.exchange.export import cycle_document, objective_id
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Team
from okrs.web.views.common import chosen_cycle, organization_required, today


@organization_required
def quality(request):
    """List the coach's findings across a cycle, filterable by team and rule."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    findings, teams = [], list(Team.objects.of(organization).order_by("name"))
    if cycle is not None:
        findings = lint(cycle_document(organization, cycle, today()))
    team_filter, rule_filter = request.GET.get("team", ""), request.GET.get("rule", "")
    rows_by_id = list(
        Objective.objects.of(organization)
        .filter(cycle=cycle)
        .select_related("team")
        .prefetch_related(Prefetch("key_results", KeyResult.objects.order_by("position", "pk")))
    )
    objectives = {objective_id(o): o for o in rows_by_id}
    by_pk = {o.pk: o for o in rows_by_id}
    key_results = {
        kr.ref or f"{objective_id(o)}-KR{n}": kr
        for o in rows_by_id
        for n, kr in enumerate(o.key_results.all(), start=1)
    }
    teams_by_slug = {t.slug: t for t in teams}
    rows = []
    for finding in findings:
        key_result = key_results.get(finding.target)
        objective = objectives.get(finding.target)
        if key_result is not None:
            objective = by_pk[key_result.objective_id]
        team = objective.team if objective else teams_by_slug.get(finding.target)
        if team_filter and (team is None or team.slug != team_filter):
            continue
        if rule_filter and finding.rule != rule_filter:
            continue
        rows.append(
            {"finding": finding, "objective": objective, "key_result": key_result, "team": team}
        )
    counts = {
        s: sum(1 for r in rows if r["finding"].severity == s) for s in ("error", "warning", "info")
    }
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "rows": rows,
        "counts": counts,
        "teams": teams,
        "rules": RULES,
        "team_filter": team_filter,
        "rule_filter": rule_filter,
    }
    return render(request, "web/quality.html", context)


@organization_required
def rules(request):
    """Explain every rule of the coach with the guide's reason."""
    profile = request.organization.practice()
    return render(request, "web/coach_rules.html", {"rules": RULES.values(), "profile": profile})
