"""Getting started: the first steps of a new organisation, ticked off from its own rows."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse

from okrs.domain.vocabulary import Level
from okrs.objectives.models import CheckIn, Objective
from okrs.organizations.models import Organization, Person, Role, Team

# The administration's own pages for teams, people and the org chart import.
TEAMS_PAGE = "/administration/teams/"
PEOPLE_PAGE = "/administration/people/"
IMPORT_PAGE = "/administration/import/"


@dataclass(frozen=True)
class Step:
    """One first step: what to do, why, where, whether it is done, and another way to do it."""

    title: str
    why: str
    url: str
    done: bool
    shortcut: tuple[str, str] | None = None


@dataclass(frozen=True)
class Checklist:
    """The first steps, in the order a new organisation takes them."""

    steps: list[Step]

    def done_count(self) -> int:
        """Return how many steps are done."""
        return sum(step.done for step in self.steps)


def _company(organization_ref) -> Q:
    return Q(organization=organization_ref, team__level=Level.COMPANY, team__parent=None)


def _progress(organization: Organization, person: Person) -> Mapping[str, Any]:
    """Return what the organisation has done so far, read in one query."""
    org = OuterRef("pk")
    company_objectives = Objective.objects.filter(_company(org)).order_by("id")
    shared = Objective.objects.filter(organization=org).filter(
        ~Q(status=Objective.State.DRAFT) | Q(shared_at__isnull=False)
    )
    return (
        Organization.objects.filter(pk=organization.pk)
        .values("slug")
        .annotate(
            teams=Exists(Team.objects.filter(organization=org).exclude(level=Level.COMPANY)),
            colleagues=Exists(Person.objects.filter(organization=org).exclude(pk=person.pk)),
            drafted=Exists(company_objectives),
            shared=Exists(shared),
            checked_in=Exists(CheckIn.objects.filter(organization=org)),
            company_slug=Subquery(
                Team.objects.filter(organization=org, level=Level.COMPANY, parent=None)
                .order_by("id")
                .values("slug")[:1]
            ),
            objective_id=Subquery(company_objectives.values("pk")[:1]),
            cycle_id=Subquery(company_objectives.values("cycle_id")[:1]),
            shared_id=Subquery(shared.order_by("id").values("pk")[:1]),
        )
        .get()
    )


def getting_started(organization: Organization, person: Person) -> Checklist | None:
    """Return the first steps for an admin while one is left to do; None for others."""
    if person.role != Role.ADMIN:
        return None
    seen = _progress(organization, person)
    if all(seen[key] for key in ("teams", "colleagues", "drafted", "shared", "checked_in")):
        return None
    company = seen["company_slug"] or ""
    draft_url = f"{reverse('objective-new')}?team={company}"
    if seen["objective_id"]:
        share_url = reverse("planning-team", args=[seen["cycle_id"], company])
    else:
        share_url = reverse("planning")
    check_in_id = seen["shared_id"] or seen["objective_id"]
    check_in_url = reverse("objective", args=[check_in_id]) if check_in_id else reverse("home")
    steps = [
        Step(
            "Add your teams",
            "The departments and teams below the company, each with its own OKRs.",
            TEAMS_PAGE,
            seen["teams"],
            ("Or import your org chart from a CSV or Excel file", IMPORT_PAGE),
        ),
        Step(
            "Invite people",
            "Your colleagues get an e-mail with a link to choose their password.",
            PEOPLE_PAGE,
            seen["colleagues"],
        ),
        Step(
            "Draft the company objective",
            "One qualitative outcome for the quarter, with two to five key results.",
            draft_url,
            seen["drafted"],
        ),
        Step(
            "Share it",
            "Share the draft so every team sees it and aligns its own objectives to it.",
            share_url,
            seen["shared"],
        ),
        Step(
            "Make the first check-in",
            "Enter a key result's current value and how confident you are.",
            check_in_url,
            seen["checked_in"],
        ),
    ]
    return Checklist(steps)
