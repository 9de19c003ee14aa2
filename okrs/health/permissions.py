"""Who sees the programme's health and who answers the F.A.C.T.S. pulse."""

from okrs.organizations.models import Membership, Person, Role

PROGRAMME_ROLES = {Role.ADMIN, Role.OKR_LEADER, Role.OKR_PRACTITIONER, Role.OKR_PROFESSIONAL}


def sees_health(person: Person) -> bool:
    """Return whether the person may open the health page (everyone but stakeholders)."""
    return person.is_authenticated and not person.is_read_only()


def sees_every_team(person: Person) -> bool:
    """Return whether the person sees every team's rows: those who run the OKR programme."""
    return person.role in PROGRAMME_ROLES


def visible_team_ids(person: Person) -> set[int] | None:
    """Return the ids of the teams whose rows the person sees, or None for every team."""
    if sees_every_team(person):
        return None
    return set(Membership.objects.filter(person=person).values_list("team_id", flat=True))


def answers_pulse(person: Person) -> bool:
    """Return whether the person may answer pulses of their teams (everyone but stakeholders)."""
    return person.is_authenticated and not person.is_read_only()
