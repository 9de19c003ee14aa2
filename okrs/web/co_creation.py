"""What an objective's page shows of co-creation: who drafted it, acceptance, invited coaches."""

from dataclasses import dataclass, field

from okrs.objectives.models import DraftCoach, Objective
from okrs.organizations.models import Membership, Person, Role

ROLE_NAMES: dict[str, str] = {Role.ADMIN.value: "an admin", Role.OKR_LEADER.value: "the OKR leader"}


@dataclass
class CoCreationPanel:
    """The co-creation facts of one objective, as one person may act on them."""

    drafted_by: Person | None
    drafter_role: str
    awaits_acceptance: bool
    member: bool
    coaches: list[DraftCoach] = field(default_factory=list)
    invitable: list[Person] = field(default_factory=list)

    def shows(self) -> bool:
        """Return whether the page has anything to say about co-creation."""
        return self.drafted_by is not None or bool(self.coaches) or bool(self.invitable)


def drafter_role(person: Person | None) -> str:
    """Return how the page names someone who drafted for a team: "the OKR leader", "someone"."""
    if person is None:
        return "someone"
    return ROLE_NAMES.get(person.role, "someone outside the team")


def co_creation_panel(objective: Objective, person: Person, team_ids: set[int]) -> CoCreationPanel:
    """Return the co-creation panel of the objective's page for the person."""
    member = objective.team_id in team_ids and not person.is_read_only()
    private = objective.status == Objective.State.DRAFT and objective.shared_at is None
    coaches = []
    invitable = []
    if objective.team_id is not None and private:
        coaches = list(
            DraftCoach.objects.filter(objective=objective).select_related("person", "invited_by")
        )
        if member:
            excluded = {c.person_id for c in coaches}
            insiders = Membership.objects.filter(team_id=objective.team_id).values("person_id")
            invitable = list(
                Person.objects.filter(organization_id=objective.organization_id, is_active=True)
                .exclude(pk__in=insiders)
                .exclude(pk__in=excluded)
                .exclude(role=Role.STAKEHOLDER)
            )
    return CoCreationPanel(
        drafted_by=objective.drafted_by,
        drafter_role=drafter_role(objective.drafted_by),
        awaits_acceptance=objective.awaits_acceptance(),
        member=member,
        coaches=coaches,
        invitable=invitable,
    )
