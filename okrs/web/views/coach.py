"""The organisation's OKR quality page and the coach's rules."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from okrs import clock
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.coach import RULES, lint
from okrs.domain.document import Document
from okrs.exchange.export import cycle_document, file_id
from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team

PER_PAGE = 100  # findings shown at once; the counts cover them all


@dataclass(frozen=True)
class Flagged:
    """An objective a finding is about, as the page links to it."""

    pk: int | None
    title: str


def _rows(document: Document, findings: list, teams: dict, team: str, rule: str) -> list[dict]:
    """Return each finding that passes the filters with its objective, key result and team."""
    objectives = {o.id: o for o in document.objectives}
    owners = {kr.id: (o, kr) for o in document.objectives for kr in o.key_results}
    rows = []
    for finding in findings:
        objective, key_result = owners.get(finding.target, (None, None))
        objective = objective or objectives.get(finding.target)
        slug = objective.team if objective else finding.target
        if (team and slug != team) or (rule and finding.rule != rule):
            continue
        row = {"finding": finding, "objective": objective, "key_result": key_result}
        rows.append(row | {"team": teams.get(slug)})
    return rows


def _link(rows: list[dict], organization, cycle, team: str) -> None:
    """Give the shown rows' objectives their numbers, for links, in one query."""
    objectives = Objective.objects.of(organization).filter(cycle=cycle)
    if team:
        objectives = objectives.filter(team__slug=team)
    pks = {file_id(pk, ref): pk for pk, ref in objectives.values_list("pk", "ref")}
    for row in rows:
        if row["objective"] is not None:
            row["objective"] = Flagged(pks.get(row["objective"].id), row["objective"].title)


@organization_required
def quality(request):
    """List the coach's findings across a cycle, filterable by team and rule."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    teams = list(Team.objects.of(organization).order_by("name"))
    team_filter, rule_filter = request.GET.get("team", ""), request.GET.get("rule", "")
    rows = []
    if cycle is not None:
        document = cycle_document(organization, cycle, clock.today(), team_filter or None)
        findings = lint(document, team=team_filter or None, cycle=cycle.name)
        by_slug = {t.slug: t for t in teams}
        rows = _rows(document, findings, by_slug, team_filter, rule_filter)
    counts = {
        s: sum(1 for r in rows if r["finding"].severity == s) for s in ("error", "warning", "info")
    }
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    if cycle is not None:
        _link(page.object_list, organization, cycle, team_filter)
    filters = {"cycle": cycle.pk if cycle else "", "team": team_filter, "rule": rule_filter}
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "rows": page.object_list,
        "page": page,
        "page_query": urlencode({k: v for k, v in filters.items() if v}),
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
