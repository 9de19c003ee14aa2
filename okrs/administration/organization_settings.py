"""The organisation's settings: name, practice profile, score scale, time zone, check-in day."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.cadence.actions import reschedule_open_cycles, update_organization_cadence
from okrs.cadence.queries import Cadences
from okrs.domain.cadence import WEEKDAY_NAMES
from okrs.domain.profiles import PROFILES
from okrs.domain.vocabulary import ScoreScale
from okrs.organizations.actions import company_team, update_team
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person, validate_time_zone

NAME_LENGTH: int = Organization._meta.get_field("name").max_length or 200
LABELS = {
    "name": "name",
    "profile": "practice profile",
    "score_scale": "score scale",
    "time_zone": "time zone",
    "check_in_weekday": "check-in day",
}


@dataclass(frozen=True)
class Change:
    """One setting changed: which, from what, to what (as people read them)."""

    setting: str
    before: str
    after: str


def own_check_in_weekday(organization: Organization) -> int | None:
    """Return the organisation's own check-in day (0 Monday), None when it follows the default."""
    row = Cadences.load(organization).row()
    return row.check_in_weekday if row is not None else None


def _shown(setting: str, value) -> str:
    """Return a setting's value as people read it."""
    if setting == "profile":
        return PROFILES[value].name
    if setting == "check_in_weekday":
        return "the cadence's default" if value is None else WEEKDAY_NAMES[value]
    return str(value) if value not in (None, "") else "the server's"


def _check(name: str, profile: str, score_scale: str, time_zone: str, weekday) -> None:
    """Raise a ValidationError naming each setting that cannot be stored."""
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Give the organisation a name."]
    elif len(name) > NAME_LENGTH:
        errors["name"] = [f"Name: at most {NAME_LENGTH} characters, got {len(name)}."]
    if profile not in PROFILES:
        errors["profile"] = [f"Unknown practice profile {profile!r}."]
    if score_scale not in {s.value for s in ScoreScale}:
        errors["score_scale"] = [f"Unknown score scale {score_scale!r}; choose 0-10 or 0-1."]
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages
    if weekday is not None and weekday not in range(7):
        errors["check_in_weekday"] = ["The check-in day runs from 0 (Monday) to 6 (Sunday)."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_organization_settings(
    organization: Organization,
    actor: Person | None,
    *,
    name: str,
    profile: str,
    score_scale: str,
    time_zone: str,
    check_in_weekday: int | None,
) -> list[Change]:
    """Store the organisation's settings, keep each change in its history, reschedule if needed."""
    name = name.strip()
    _check(name, profile, score_scale, time_zone, check_in_weekday)
    stored = Organization.objects.select_for_update().get(pk=organization.pk)
    wanted = {"name": name, "profile": profile, "score_scale": score_scale, "time_zone": time_zone}
    changed = [field for field, value in wanted.items() if getattr(stored, field) != value]
    changes = [
        Change(field, _shown(field, getattr(stored, field)), _shown(field, wanted[field]))
        for field in changed
    ]
    if "name" in changed:
        company = company_team(stored)
        if company is not None and company.name == stored.name:
            update_team(company, name=name, by=actor)
    for field in changed:
        setattr(stored, field, wanted[field])
        setattr(organization, field, wanted[field])
    if changed:
        stored.save(update_fields=changed)
    weekday_before = own_check_in_weekday(stored)
    if weekday_before != check_in_weekday:
        changes.append(
            Change(
                "check_in_weekday",
                _shown("check_in_weekday", weekday_before),
                _shown("check_in_weekday", check_in_weekday),
            )
        )
        update_organization_cadence(stored, {"check_in_weekday": check_in_weekday})
    elif {"profile", "time_zone"} & set(changed):
        # The cadence's defaults follow the profile and the time zone: the open cycles move too.
        reschedule_open_cycles(stored)
    for change in changes:
        record_change(
            stored,
            actor,
            "organization.settings_changed",
            f"The {LABELS[change.setting]} changed from {change.before} to {change.after}",
            setting=change.setting,
            before=change.before,
            after=change.after,
        )
    return changes
