"""A person's place in the organisation: role, activation; an organisation keeps an admin."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person, Role


def _organization(person: Person) -> Organization:
    """Return the person's organisation (administration acts only on people of one)."""
    if person.organization is None:
        raise ValidationError({"person": f"{person} belongs to no organisation."})
    return person.organization


def _other_active_admins(person: Person) -> bool:
    """Tell whether the organisation has an active admin besides the person."""
    return (
        Person.objects.filter(organization=_organization(person), role=Role.ADMIN)
        .filter(is_active=True)
        .exclude(pk=person.pk)
        .exists()
    )


def _keep_an_admin(person: Person, what: str) -> None:
    """Refuse a change that would leave the organisation without an active admin."""
    if person.role == Role.ADMIN and person.is_active and not _other_active_admins(person):
        raise ValidationError(
            {"role": f"{person} is the organisation's last admin: {what} would leave none."}
        )


@transaction.atomic
def change_role(person: Person, role: str, by: Person | None) -> Person:
    """Give the person another organisation role; the last active admin keeps theirs."""
    if role not in Role.values:
        raise ValidationError({"role": f"{role!r} is not a role; choose one of {Role.values}."})
    if role == person.role:
        return person
    if role != Role.ADMIN:
        _keep_an_admin(person, "taking their admin role")
    was = person.role
    person.role = role
    person.save(update_fields=["role"])
    record_change(
        _organization(person),
        by,
        "person.role_changed",
        f"{person} is now {Role(role).label} (was {Role(was).label})",
        person=person,
        role=role,
        was=was,
    )
    return person


@transaction.atomic
def deactivate_person(person: Person, by: Person | None, via: str = "") -> Person:
    """Stop the person signing in anywhere (pages, API tokens, links); their history stays."""
    if not person.is_active:
        return person
    _keep_an_admin(person, "deactivating them")
    person.is_active = False
    person.session_salt = secrets.token_hex(16)  # every open session ends now
    person.save(update_fields=["is_active", "session_salt"])
    summary = f"{person} was deactivated" + (f" via {via}" if via else "")
    record_change(_organization(person), by, "person.deactivated", summary, person=person)
    return person


@transaction.atomic
def reactivate_person(person: Person, by: Person | None, via: str = "") -> Person:
    """Let a deactivated person sign in again, with the role and teams they had."""
    if person.is_active:
        return person
    person.is_active = True
    person.save(update_fields=["is_active"])
    summary = f"{person} was reactivated" + (f" via {via}" if via else "")
    record_change(_organization(person), by, "person.reactivated", summary, person=person)
    return person
