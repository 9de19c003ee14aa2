"""Who should be at a check-in or review: the cross-team dependencies and the stakeholders invited.

The cadence owns the events; planning knows the dependencies and evaluation the reviews' guests,
so the event page asks here (planning sits above both).
"""

from dataclasses import dataclass, field

from django.db.models import Q

from okrs.cadence.models import CadenceEvent
from okrs.domain.cadence import EventKind
from okrs.evaluation.models import Review
from okrs.organizations.models import Person, Team
from okrs.planning.models import TeamPlanningNote


@dataclass
class EventPeople:
    """The dependencies an event should look at and the outsiders invited to the team's reviews."""

    dependencies: list[TeamPlanningNote] = field(default_factory=list)
    invited: list[Person] = field(default_factory=list)
    review: Review | None = None
    reviews_held: int = 0
    teams_without_stakeholders: list[Team] = field(default_factory=list)

    def lacks_stakeholders(self) -> bool:
        """Return whether the review event has no stakeholder invited to it."""
        return not self.invited


def _dependencies(event: CadenceEvent) -> list[TeamPlanningNote]:
    """Return the cycle's dependencies from planning that involve the event's team, either way."""
    cycles = [pk for pk in (event.cycle_id, event.cycle.parent_id) if pk is not None]
    notes = TeamPlanningNote.objects.filter(
        organization_id=event.organization_id,
        cycle_id__in=cycles,
        kind=TeamPlanningNote.Kind.DEPENDENCY,
    )
    if event.team_id is not None:
        notes = notes.filter(Q(team_id=event.team_id) | Q(other_team_id=event.team_id))
    return list(notes.select_related("team", "other_team").order_by("team__name", "id"))


def _reviews(event: CadenceEvent):
    reviews = Review.objects.filter(organization_id=event.organization_id, cycle_id=event.cycle_id)
    return reviews.filter(team_id=event.team_id) if event.team_id is not None else reviews


def _invited(reviews) -> list[Person]:
    return list(
        Person.objects.filter(review_invitations__in=reviews).distinct().order_by("name", "pk")
    )


def event_people(event: CadenceEvent) -> EventPeople:
    """Return who should be at the event: dependencies for a check-in, stakeholders for a review.

    A review event held as a review names that review's guests; before it is held, those invited
    to the team's earlier reviews in the cycle.
    """
    people = EventPeople()
    if event.kind not in (EventKind.CHECK_IN, EventKind.REVIEW):
        return people
    reviews = _reviews(event)
    if event.kind == EventKind.CHECK_IN:
        people.dependencies = _dependencies(event)
        people.invited = _invited(reviews)
        return people
    people.reviews_held = reviews.count()
    if event.team_id is not None:
        people.review = reviews.filter(held_on=event.first_day()).first()
    people.invited = _invited([people.review] if people.review else reviews)
    if event.team_id is None:
        lacking = reviews.filter(invited__isnull=True).values_list("team_id", flat=True)
        people.teams_without_stakeholders = list(Team.objects.filter(pk__in=lacking))
    return people
