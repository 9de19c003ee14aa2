"""One objective per team whatever the cadence (P-OKR): the drafting page's warning."""

from okrs.cycles.models import Cycle
from okrs.domain.coach.findings import Finding
from okrs.domain.coach.focus_rules import OPEN_STATUSES, open_across_cadences
from okrs.domain.coach.rules import Context
from okrs.domain.document import CycleDoc, Document, ObjectiveDoc, TeamDoc
from okrs.objectives.models import Objective
from okrs.organizations.models import Organization, Team


def _cycle_doc(cycle: Cycle) -> CycleDoc:
    return CycleDoc(cycle.name, cycle.start, cycle.end, kind=cycle.kind)


def cadence_findings(
    team: Team | None, cycle: Cycle | None, objective: Objective | None, organization: Organization
) -> list[Finding]:
    """Return the warning for a draft whose team holds an open objective in an overlapping cycle.

    Only the team's own objectives are read, and named by id: nothing of another team shows.
    """
    profile = organization.practice()
    if not profile.one_objective_across_cadences or team is None or cycle is None:
        return []
    others = (
        Objective.objects.of(organization)
        .filter(team=team, status__in=OPEN_STATUSES)
        .filter(cycle__start__lte=cycle.end, cycle__end__gte=cycle.start)
        .exclude(cycle=cycle)
        .select_related("cycle")
    )
    if objective is not None and objective.pk:
        others = others.exclude(pk=objective.pk)
    held = list(others)
    if not held:
        return []
    cycles = {cycle.pk: cycle, **{o.cycle_id: o.cycle for o in held}}
    drafted = ObjectiveDoc("this draft", "", cycle.name, team=team.slug, status="draft")
    document = Document(
        organization=organization.name,
        profile=profile.slug,
        teams=[TeamDoc(team.slug, team.name, team.level)],
        cycles=[_cycle_doc(c) for c in cycles.values()],
        objectives=[
            drafted,
            *(
                ObjectiveDoc(f"O{o.pk}", "", o.cycle.name, team=team.slug, status=o.status)
                for o in held
            ),
        ],
    )
    return open_across_cadences(document, Context(profile=profile, document=document))
