"""Writes of OKR Planning: open and close planning, share and publish drafts, notes, backlog."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from okrs import clock
from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.cycles.models import Cycle
from okrs.domain.limits import DATE_MAX
from okrs.domain.progress import ProgressError
from okrs.domain.quarters import next_quarter
from okrs.domain.vocabulary import Direction, KeyResultType, Level
from okrs.objectives.actions import add_key_result, create_objective, update_objective
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.publishing import publish_objective
from okrs.objectives.tree import cycle_scope
from okrs.organizations.models import Organization, Person, Team
from okrs.planning.models import CandidateObjective, PlanningSession, TeamPlanningNote

STRATEGIC_LEVELS = (Level.COMPANY, Level.STRATEGIC)
FINISHED = (Objective.State.ABANDONED, Objective.State.CLOSED)
LONG_KINDS = (Cycle.Kind.ANNUAL, Cycle.Kind.MULTI_YEAR)


def _same_organization(organization_id: int, *rows) -> None:
    for row in rows:
        if row is not None and row.organization_id != organization_id:
            raise ValidationError(f"{row} belongs to another organisation.")


def _mark_shared(objectives: list[Objective], now) -> None:
    """Stamp shared_at on those not shared yet; the edit form's version is left alone."""
    unshared = [o for o in objectives if o.shared_at is None]
    Objective.objects.filter(pk__in=[o.pk for o in unshared]).update(shared_at=now)
    for objective in unshared:
        objective.shared_at = now


def strategic_filter(cycle: Cycle, cycles: list[Cycle]) -> Q:
    """Return the condition for the company and strategic objectives that guide the cycle."""
    # Those of the cycle and the cycles above it, and of any open annual or multi-year cycle: a
    # quarter planned before its year's cycle exists can still point at this year's direction.
    longer = Q(cycle__kind__in=LONG_KINDS) & ~Q(cycle__state=Cycle.State.CLOSED)
    return (Q(cycle_id__in=cycle_scope(cycle, cycles)) | longer) & Q(
        team__level__in=STRATEGIC_LEVELS
    )


def strategic_choices(cycle: Cycle):
    """Return the company and strategic objectives leadership may communicate for the cycle."""
    cycles = list(Cycle.objects.of(cycle.organization_id))
    return (
        Objective.objects.of(cycle.organization_id)
        .filter(strategic_filter(cycle, cycles))
        .exclude(status__in=FINISHED)
        .select_related("team", "cycle")
        .order_by("team__level", "team__name", "id")
    )


@transaction.atomic
def open_planning(
    cycle: Cycle, opened_by: Person, strategic_objectives: list[Objective], message: str = ""
) -> PlanningSession:
    """Publish the cycle's strategic objectives to the teams and open planning for the cycle."""
    _same_organization(cycle.organization_id, opened_by, *strategic_objectives)
    if cycle.state != Cycle.State.PLANNING:
        raise ValidationError(
            {"cycle": f"{cycle} is {cycle.get_state_display().lower()}: plan a cycle to come."}
        )
    allowed = set(strategic_choices(cycle).values_list("pk", flat=True))
    for objective in strategic_objectives:
        if objective.pk not in allowed:
            message = f"“{objective}” is not a company or strategic objective to plan {cycle} by."
            raise ValidationError({"strategic_objectives": message})
    now = clock.now()
    for objective in strategic_objectives:
        if objective.status == Objective.State.DRAFT:
            update_objective(objective, status=Objective.State.ACTIVE)
    _mark_shared(list(strategic_objectives), now)
    session, _ = PlanningSession.objects.update_or_create(
        cycle=cycle,
        defaults={
            "organization_id": cycle.organization_id,
            "opened_at": now,
            "opened_by": opened_by,
            "message": message,
            "closed_at": None,
            "closed_by": None,
        },
    )
    session.strategic_objectives.set(strategic_objectives)
    return session


@transaction.atomic
def close_planning(cycle: Cycle, closed_by: Person) -> Cycle:
    """End planning and start the cycle; drafts not published stay drafts."""
    _same_organization(cycle.organization_id, closed_by)
    if cycle.state != Cycle.State.PLANNING:
        raise ValidationError({"cycle": f"{cycle} is not being planned."})
    PlanningSession.objects.filter(cycle=cycle).update(closed_at=clock.now(), closed_by=closed_by)
    return set_cycle_state(cycle, Cycle.State.ACTIVE)


@transaction.atomic
def plan_next_quarter(organization: Organization) -> Cycle:
    """Create the quarter after the latest one (or after today's), in planning, under its year."""
    quarters = Cycle.objects.of(organization).filter(kind=Cycle.Kind.QUARTER, end__lte=DATE_MAX)
    latest = quarters.order_by("-end").first()
    after = latest.end if latest else clock.today()
    name, start, end = next_quarter(after)
    year = (
        Cycle.objects.of(organization)
        .filter(kind=Cycle.Kind.ANNUAL, start__lte=start, end__gte=end)
        .exclude(state=Cycle.State.CLOSED)
        .first()
    )
    if Cycle.objects.of(organization).filter(name=name).exists():
        raise ValidationError({"name": f"A cycle named {name} already exists."})
    return create_cycle(organization, name, start, end, parent=year)


def _require_draft(objective: Objective) -> None:
    if objective.status != Objective.State.DRAFT:
        raise ValidationError(f"“{objective}” is {objective.get_status_display().lower()}.")
    if objective.cycle.state == Cycle.State.CLOSED:
        raise ValidationError(f"{objective.cycle} is closed; its drafts stay as they are.")


@transaction.atomic
def share_draft(objective: Objective) -> Objective:
    """Share the team's draft so that every team sees it on the planning board."""
    _require_draft(objective)
    _mark_shared([objective], clock.now())
    return objective


@transaction.atomic
def withdraw_draft(objective: Objective) -> Objective:
    """Take a shared draft back into the team."""
    _require_draft(objective)
    Objective.objects.filter(pk=objective.pk).update(shared_at=None)
    objective.shared_at = None
    return objective


@transaction.atomic
def publish_draft(
    objective: Objective, validation: Mapping | None = None, despite: str | None = ""
) -> Objective:
    """Move the draft to active, shared with everyone, once the coach's errors are dealt with.

    The coach's errors must be fixed, or `despite` must say why; `validation` keeps the team's
    answers to the OKR Institute's validation test.
    """
    _require_draft(objective)
    publish_objective(objective, validation, despite)
    _mark_shared([objective], clock.now())
    return objective


@transaction.atomic
def add_planning_note(
    cycle: Cycle,
    team: Team,
    kind: str,
    text: str,
    other_team: Team | None = None,
    author: Person | None = None,
) -> TeamPlanningNote:
    """Record a team's need, provision or dependency for the cycle."""
    _same_organization(cycle.organization_id, team, other_team, author)
    note = TeamPlanningNote(
        organization_id=cycle.organization_id,
        cycle=cycle,
        team=team,
        kind=kind,
        text=text.strip(),
        other_team=other_team,
        author=author,
    )
    note.full_clean(exclude=["organization", "author"])
    note.save()
    return note


@transaction.atomic
def remove_planning_note(note: TeamPlanningNote) -> None:
    """Delete a team's planning note."""
    note.delete()


@dataclass
class CarryOver:
    """A carried-over objective and the key results left behind because they were reached."""

    objective: Objective
    left_behind: list[KeyResult] = field(default_factory=list)


def _reached(key_result: KeyResult) -> bool:
    """Return whether a key result is done; bounds to keep (stay above/below) never are."""
    if key_result.effective_direction() in (Direction.STAY_ABOVE, Direction.STAY_BELOW):
        return False
    try:
        return key_result.own_progress() >= 1.0
    except ProgressError:
        return False


def _still_runs(parent: Objective, cycle: Cycle) -> bool:
    """Return whether the parent is pursued when the cycle starts: open, in a cycle not over."""
    return (
        parent.status not in FINISHED
        and parent.cycle.state != Cycle.State.CLOSED
        and parent.cycle.end >= cycle.start
    )


def _kept_parents(objective: Objective, cycle: Cycle) -> list[Objective]:
    """Return the parents the copy can align to: their carried copies, or parents still running."""
    parents = list(objective.aligned_to.select_related("cycle"))
    copies = {
        o.carried_from_id: o
        for o in Objective.objects.filter(carried_from__in=parents, cycle=cycle)
    }
    return [
        copies.get(parent.pk, parent)
        for parent in parents
        if parent.pk in copies or _still_runs(parent, cycle)
    ]


@transaction.atomic
def carry_over(objective: Objective, cycle: Cycle) -> CarryOver:
    """Continue the objective in a later cycle as a draft, from its latest values; close the old."""
    _same_organization(objective.organization_id, cycle)
    if cycle.state == Cycle.State.CLOSED or cycle.start <= objective.cycle.start:
        raise ValidationError({"cycle": f"Carry over into an open cycle after {objective.cycle}."})
    if objective.carried_into.filter(cycle=cycle).exists():
        raise ValidationError({"cycle": f"“{objective}” was already carried over into {cycle}."})
    copy = create_objective(
        cycle,
        objective.title,
        team=objective.team,
        owner=objective.owner,
        aligned_to=_kept_parents(objective, cycle),
        contributing_teams=list(objective.contributing_teams.all()),
        description=objective.description,
        hypothesis=objective.hypothesis,
        ambition=objective.ambition,
        status=Objective.State.DRAFT,
    )
    Objective.objects.filter(pk=copy.pk).update(carried_from=objective)
    copy.carried_from = objective
    result = CarryOver(copy)
    for key_result in objective.key_results.all():
        if _reached(key_result):
            result.left_behind.append(key_result)
            continue
        latest = key_result.current if key_result.current is not None else key_result.start
        binary = key_result.type == KeyResultType.BINARY
        fields = {name: getattr(key_result, name) for name in KEY_RESULT_EDITABLE}
        fields["start"] = key_result.start if binary else latest
        add_key_result(copy, current=latest, team=key_result.team, **fields)
    if objective.status in (Objective.State.ACTIVE, Objective.State.DRAFT):
        update_objective(objective, status=Objective.State.CLOSED)
    return result


@transaction.atomic
def add_candidate(team: Team, title: str, added_by: Person | None = None, **fields):
    """Put a candidate objective in the team's backlog."""
    _same_organization(team.organization_id, added_by)
    candidate = CandidateObjective(
        organization_id=team.organization_id, team=team, title=title, added_by=added_by, **fields
    )
    candidate.full_clean(exclude=["organization", "added_by", "promoted_to"])
    candidate.save()
    return candidate


@transaction.atomic
def drop_candidate(candidate: CandidateObjective) -> None:
    """Remove a candidate that waits in the backlog."""
    if not candidate.is_waiting():
        raise ValidationError("A promoted candidate stays as the objective's history.")
    candidate.delete()


@transaction.atomic
def promote_candidate(candidate: CandidateObjective, cycle: Cycle) -> Objective:
    """Move a backlog candidate into the cycle as the team's draft."""
    _same_organization(candidate.organization_id, cycle)
    locked = CandidateObjective.objects.select_for_update().get(pk=candidate.pk)
    if not locked.is_waiting():
        raise ValidationError(f"“{candidate}” was already promoted.")
    if cycle.state == Cycle.State.CLOSED:
        raise ValidationError({"cycle": f"{cycle} is closed."})
    objective = create_objective(
        cycle,
        candidate.title,
        team=candidate.team,
        description=candidate.description,
        hypothesis=candidate.hypothesis,
        ambition=candidate.ambition,
        status=Objective.State.DRAFT,
    )
    candidate.promoted_to = objective
    candidate.promoted_at = clock.now()
    candidate.save(update_fields=["promoted_to", "promoted_at"])
    return objective
