"""Setting up an organisation: the organisation, its first admin and its first cycles, at once."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.domain.profiles import PROFILES
from okrs.domain.quarters import Span, this_year_and_quarter
from okrs.domain.vocabulary import ScoreScale
from okrs.organizations.actions import (
    add_person,
    check_password_rules,
    company_team,
    create_organization,
    join_team,
)
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person, Role, validate_time_zone

NAME_LENGTH: int = Person._meta.get_field("name").max_length or 200


@dataclass
class SetUp:
    """What setting up made: the organisation, its admin, and the year and quarter."""

    organization: Organization
    admin: Person
    year: Cycle
    quarter: Cycle


class AlreadySetUp(Exception):
    """okrs already has an organisation; the first-run setup is over."""


def first_cycles(today: date) -> tuple[Span, Span]:
    """Return the year and the quarter a new organisation starts in."""
    return this_year_and_quarter(today)


def check_setup(
    name: str,
    profile: str,
    score_scale: str,
    time_zone: str,
    email: str,
    password: str,
    admin_name: str = "",
) -> None:
    """Raise a ValidationError naming each field that cannot set up an organisation."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["Give the organisation a name."]
    if len(admin_name) > NAME_LENGTH:
        errors["admin_name"] = [f"Your name: at most {NAME_LENGTH} characters."]
    if profile not in PROFILES:
        known = ", ".join(PROFILES)
        errors["profile"] = [f"Unknown practice profile {profile!r}; choose one of {known}."]
    if score_scale and score_scale not in {s.value for s in ScoreScale}:
        errors["score_scale"] = [f"Unknown score scale {score_scale!r}; choose 0-10 or 0-1."]
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [f"{email!r} is not an e-mail address."]
    else:
        if Person.objects.filter(email__iexact=email.strip()).exists():
            errors["email"] = [f"Someone already signs in as {email.strip().lower()}."]
    try:
        check_password_rules(password, Person(email=email, name=admin_name))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_up_organization(
    *,
    name: str,
    email: str,
    password: str,
    today: date,
    admin_name: str = "",
    profile: str = "p-okr",
    score_scale: str = "",
    time_zone: str = "",
    first: bool = False,
    by_command: bool = False,
) -> SetUp:
    """Create an organisation, its first admin (in the company team), its year and quarter."""
    if first and Organization.objects.exists():
        raise AlreadySetUp("okrs already has an organisation.")
    name, email, admin_name = name.strip(), email.strip().lower(), admin_name.strip()
    check_setup(name, profile, score_scale, time_zone, email, password, admin_name)
    organization = create_organization(
        name, profile=profile, score_scale=score_scale, time_zone=time_zone
    )
    admin = add_person(organization, email, admin_name, Role.ADMIN, password)
    # In the company team, the admin finds the company's objectives on their home page.
    join_team(admin, company_team(organization))
    year_span, quarter_span = first_cycles(today)
    active = Cycle.State.ACTIVE
    year = create_cycle(
        organization, year_span.name, year_span.start, year_span.end, Cycle.Kind.ANNUAL,
        state=active,
    )  # fmt: skip
    quarter = create_cycle(
        organization, quarter_span.name, quarter_span.start, quarter_span.end,
        Cycle.Kind.QUARTER, parent=year, state=active,
    )  # fmt: skip
    how = " with the okrs setup command" if by_command else ""
    record_change(
        organization,
        None if by_command else admin,
        "organization.set_up",
        f"{organization.name} was set up{how}, with {admin} as its first admin",
        person=admin,
        profile=profile,
        cycles=[year.name, quarter.name],
    )
    return SetUp(organization, admin, year, quarter)
