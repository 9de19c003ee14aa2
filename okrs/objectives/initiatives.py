"""Writes to action plans: the initiatives under key results, each in one transaction.

Initiatives never touch a key result's numbers: adding, finishing or dropping one leaves its
progress and score as they were.
"""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.domain.initiatives import (
    INITIATIVES_PER_KEY_RESULT,
    action_plan_target,
    link_problem,
)
from okrs.domain.vocabulary import KeyResultType
from okrs.objectives import signals
from okrs.objectives.actions import record_check_in, remove_key_result
from okrs.objectives.changes import changed_fields, stored_values
from okrs.objectives.models import CheckIn, Initiative, KeyResult
from okrs.organizations.models import Person

INITIATIVE_FIELDS = {"title", "owner", "status", "due", "link"}


def _refuse_closed(key_result: KeyResult) -> None:
    """Refuse a change to the action plan of a key result whose cycle is closed."""
    if key_result.objective.cycle.state == "closed":
        raise ValidationError("This key result's cycle is closed: its action plan is frozen.")


def _check(initiative: Initiative) -> None:
    """Check the initiative's fields, naming each wrong one; the link must be http or https."""
    problem = link_problem(initiative.link or "")
    errors: dict[str, list[str]] = {}
    if problem:
        errors["link"] = [f"Enter a web address: {problem}."]
    try:
        initiative.full_clean(exclude=["organization", "key_result", "owner", "link"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (initiative.title or "").strip() and "title" not in errors:
        errors["title"] = ["Give the initiative a title."]
    owner = initiative.owner
    if owner is not None and owner.organization_id != initiative.organization_id:
        errors["owner"] = [f"{owner} belongs to another organisation."]
    if errors:
        raise ValidationError(errors)


def _stamp(row, by: Person | None) -> None:
    if by is not None:
        row._history_user = by


@transaction.atomic
def add_initiative(
    key_result: KeyResult,
    title: str,
    owner: Person | None = None,
    status: str = Initiative.Status.PLANNED,
    due: date | None = None,
    link: str = "",
    by: Person | None = None,
) -> Initiative:
    """Add an initiative to the key result's action plan."""
    _refuse_closed(key_result)
    count = Initiative.objects.filter(key_result=key_result).count()
    if count >= INITIATIVES_PER_KEY_RESULT:
        raise ValidationError(
            f"A key result holds {INITIATIVES_PER_KEY_RESULT} initiatives at most: "
            "finish or remove some first."
        )
    initiative = Initiative(
        organization_id=key_result.organization_id,
        key_result=key_result,
        title=(title or "").strip(),
        owner=owner,
        status=status,
        due=due,
        link=(link or "").strip(),
        position=count,
    )
    _check(initiative)
    _stamp(initiative, by)
    initiative.save()
    initiative.__dict__.pop("_history_user", None)
    signals.initiative_created.send(sender=Initiative, initiative=initiative)
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, by: Person | None = None, **fields) -> Initiative:
    """Change the initiative's title, owner, status, due date or link."""
    unknown = set(fields) - INITIATIVE_FIELDS
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    _refuse_closed(initiative.key_result)
    for name, value in fields.items():
        if name in ("title", "link"):
            value = (value or "").strip()
        setattr(initiative, name, value)
    _check(initiative)
    before = stored_values(initiative, fields)
    changed = changed_fields(initiative, before)
    if not changed:
        return initiative
    _stamp(initiative, by)
    try:
        initiative.save(update_fields=[*fields, "updated_at"])
    finally:
        initiative.__dict__.pop("_history_user", None)
    signals.initiative_updated.send(sender=Initiative, initiative=initiative, changed=changed)
    return initiative


@transaction.atomic
def remove_initiative(initiative: Initiative, by: Person | None = None) -> None:
    """Remove the initiative from the action plan; the change log keeps that it was there."""
    _refuse_closed(initiative.key_result)
    pk = initiative.pk
    _stamp(initiative, by)
    initiative.delete()
    initiative.pk = pk
    signals.initiative_deleted.send(sender=Initiative, initiative=initiative)


@transaction.atomic
def check_in_with_initiatives(
    key_result: KeyResult,
    statuses: Mapping[int, str],
    author: Person | None = None,
    **check_in,
) -> CheckIn:
    """Record a check-in and move the key result's initiatives to their new statuses, together.

    `statuses` maps initiatives of this key result to their new status; an initiative of another
    key result is refused, and then nothing is recorded.
    """
    recorded = record_check_in(key_result, author=author, **check_in)
    rows = Initiative.objects.filter(pk__in=list(statuses)).select_related(
        "key_result__objective__cycle"
    )
    found = {row.pk: row for row in rows if row.key_result_id == key_result.pk}
    missing = set(statuses) - set(found)
    if missing:
        raise ValidationError(
            {"initiatives": f"No initiative {sorted(missing)} under “{key_result}”."}
        )
    for pk, status in statuses.items():
        update_initiative(found[pk], by=author, status=status)
    return recorded


def is_measurable(key_result: KeyResult) -> bool:
    """Return whether the key result measures something: a metric with a target, or binary."""
    return key_result.type == KeyResultType.BINARY or key_result.start is not None


@transaction.atomic
def move_to_action_plan(
    activity: KeyResult, under: KeyResult | None = None, by: Person | None = None
) -> Initiative:
    """Turn an activity written as a key result into an initiative under another key result.

    `under` is a key result of the same objective; by default the first measurable one. The
    activity leaves the key results (to the trash, restorable), and both changes are recorded.
    """
    siblings = list(KeyResult.objects.filter(objective_id=activity.objective_id))
    if under is None:
        pk = action_plan_target([(kr.pk, is_measurable(kr)) for kr in siblings], activity.pk)
        under = next((kr for kr in siblings if kr.pk == pk), None)
        if under is None:
            raise ValidationError(
                "The objective has no other key result to hold this activity: "
                "add the outcome it should move first."
            )
    if under.pk == activity.pk or under.objective_id != activity.objective_id:
        raise ValidationError(
            {"under": "Pick another key result of the same objective to hold the activity."}
        )
    initiative = add_initiative(under, activity.title, by=by)
    remove_key_result(activity, by=by)
    return initiative
