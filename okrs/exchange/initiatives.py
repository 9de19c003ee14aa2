"""Import the action plans of a document's key results: an initiative is known by its title."""

from collections import Counter

from django.core.exceptions import ValidationError
from simple_history.utils import bulk_create_with_history

from okrs.domain import document as d
from okrs.objectives.models import Initiative, KeyResult
from okrs.organizations.models import Organization, Person


def _values(initiative: d.InitiativeDoc, people: dict[str, Person]) -> dict:
    return {
        "status": initiative.status,
        "owner": people.get(initiative.owner) if initiative.owner else None,
        "due": initiative.due,
        "link": initiative.link,
    }


def import_initiatives(
    organization: Organization,
    objectives: list[d.ObjectiveDoc],
    key_results: dict[str, KeyResult],
    people: dict[str, Person],
    counts: Counter,
) -> None:
    """Add the document's initiatives each key result lacks; change those whose fields differ.

    An initiative is matched by its title under its key result; one the document leaves out
    stays, as a check-in does.
    """
    wanted = [
        (key_results[kr.id], kr.initiatives)
        for objective in objectives
        for kr in objective.key_results
        if kr.initiatives
    ]
    if not wanted:
        return
    existing: dict[tuple[int, str], Initiative] = {}
    rows = Initiative.objects.filter(
        organization=organization, key_result_id__in=[kr.pk for kr, _ in wanted]
    )
    for row in rows:
        existing.setdefault((row.key_result_id, row.title), row)
    new, changed = [], 0
    for key_result, plan in wanted:
        for position, initiative in enumerate(plan):
            values = _values(initiative, people)
            row = existing.get((key_result.pk, initiative.title))
            if row is None:
                row = Initiative(
                    organization=organization,
                    key_result=key_result,
                    title=initiative.title,
                    position=position,
                    **values,
                )
                _validate(row, key_result)
                new.append(row)
                existing[(key_result.pk, initiative.title)] = row
                continue
            changes = {k: v for k, v in values.items() if getattr(row, k) != v}
            if changes:
                for name, value in changes.items():
                    setattr(row, name, value)
                _validate(row, key_result)
                row.save(update_fields=[*changes, "updated_at"])
                changed += 1
    if new:
        bulk_create_with_history(new, Initiative, batch_size=1000)
        counts["initiatives created"] += len(new)
    if changed:
        counts["initiatives updated"] += changed


def _validate(row: Initiative, key_result: KeyResult) -> None:
    """Check the initiative's own fields, naming its key result."""
    try:
        row.full_clean(exclude=["organization", "key_result", "owner"])
    except ValidationError as error:
        raise ValidationError(
            [
                f"initiative “{row}” of key result {key_result.ref}: {field}: {m}"
                for field, ms in error.message_dict.items()
                for m in ms
            ]
        ) from error
