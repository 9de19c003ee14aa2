"""Writes to objectives, key results, check-ins and alignment; each in one transaction."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.objectives.models import (
    RETENTION,
    Alignment,
    CheckIn,
    Contribution,
    KeyResult,
    Objective,
)
from okrs.organizations.models import Person, Team
from okrs.webhooks.events import emit, endpoints_exist
from okrs.webhooks.payloads import (
    changed_fields,
    check_in_data,
    key_result_data,
    objective_data,
    status_change_data,
    stored_values,
)

OBJECTIVE_FIELDS = {
    "title",
    "description",
    "team",
    "owner",
    "ambition",
    "hypothesis",
    "status",
    "grade",
    "cycle",
    "ref",
}
KEY_RESULT_FIELDS = {
    "title", "type", "unit", "start", "target", "direction", "indicator", "kind",
    "weight", "balancing", "team", "grade", "position", "ref",
}  # fmt: skip


class StaleVersion(Exception):
    """Someone else changed the row since it was read."""

    def __init__(self, current_version: int):
        super().__init__(f"This was changed by someone else (now at version {current_version}).")
        self.current_version = current_version


def _same_organization(organization_id: int, *rows) -> None:
    for row in rows:
        if row is not None and row.organization_id != organization_id:
            raise ValidationError(f"{row} belongs to another organisation.")


def _claim_version(model, pk: int, version: int | None) -> None:
    """Bump the row's version, refusing when the caller read an older one."""
    rows = model.objects.filter(pk=pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(version=F("version") + 1) == 0:
        raise StaleVersion(
            model.objects.filter(pk=pk).values_list("version", flat=True).first() or 0
        )


@transaction.atomic
def create_objective(
    cycle: Cycle,
    title: str,
    team: Team | None = None,
    owner: Person | None = None,
    aligned_to: list[Objective] = (),
    contributing_teams: list[Team] = (),
    **fields,
) -> Objective:
    """Create an objective in the cycle, owned by a team (or a person), with its links."""
    unknown = set(fields) - OBJECTIVE_FIELDS
    if unknown:
        raise TypeError(f"Unknown objective fields: {sorted(unknown)}")
    _same_organization(cycle.organization_id, team, owner, *aligned_to, *contributing_teams)
    objective = Objective(
        organization_id=cycle.organization_id,
        cycle=cycle,
        title=title,
        team=team,
        owner=owner,
        **fields,
    )
    objective.full_clean(exclude=["organization"])
    objective.save()
    for parent in aligned_to:
        align(objective, parent)
    for shared in contributing_teams:
        add_contributor(objective, shared)
    if objective.is_shared():
        data = {"objective": objective_data(objective)}
        emit(objective.organization_id, "objective.created", data)
    return objective


@transaction.atomic
def update_objective(objective: Objective, version: int | None = None, **fields) -> Objective:
    """Change the objective's fields; refused with StaleVersion when version is not the latest."""
    unknown = set(fields) - OBJECTIVE_FIELDS
    if unknown:
        raise TypeError(f"Unknown objective fields: {sorted(unknown)}")
    _same_organization(
        objective.organization_id, fields.get("team"), fields.get("owner"), fields.get("cycle")
    )
    for name, value in fields.items():
        setattr(objective, name, value)
    objective.full_clean(exclude=["organization", "cycle"])
    _claim_version(Objective, objective.pk, version)
    before = stored_values(objective, fields)
    objective.version = Objective.objects.values_list("version", flat=True).get(pk=objective.pk)
    changed = changed_fields(objective, before)
    _save_unless_unchanged(objective, [*fields, "updated_at"], changed)
    if changed and objective.is_shared():  # a draft's team alone sees it until it is shared
        data = {"objective": objective_data(objective), "changed": changed}
        emit(objective.organization_id, "objective.updated", data)
    if "status" in changed and objective.is_shared():
        data = status_change_data(objective, before["status"])
        emit(objective.organization_id, "objective.status_changed", data)
    return objective


def _save_unless_unchanged(row, fields: list[str], changed) -> None:
    """Save the fields; a save that changes nothing writes no history record."""
    if not changed:
        row.skip_history_when_saving = True
    try:
        row.save(update_fields=fields)
    finally:
        row.__dict__.pop("skip_history_when_saving", None)


def _reaches(start_ids: set[int], goal: int, step) -> bool:
    """Return whether goal is reachable from start_ids by repeated steps."""
    seen, frontier = set(start_ids), set(start_ids)
    while frontier:
        if goal in frontier:
            return True
        frontier = set(step(frontier)) - seen
        seen |= frontier
    return False


@transaction.atomic
def align(child: Objective, parent: Objective) -> Alignment:
    """Align the child objective to a parent objective it supports; loops are refused."""
    _same_organization(child.organization_id, parent)
    if child.pk == parent.pk:
        raise ValidationError("An objective cannot align to itself.")

    def parents_of(ids):
        return Alignment.objects.filter(child_id__in=ids).values_list("parent_id", flat=True)

    if _reaches({parent.pk}, child.pk, parents_of):
        raise ValidationError(
            f"Aligning to “{parent}” would make a loop: it already supports “{child}”."
        )
    link, _ = Alignment.objects.get_or_create(
        organization_id=child.organization_id, child=child, parent=parent
    )
    return link


@transaction.atomic
def unalign(child: Objective, parent: Objective) -> None:
    """Remove the child's alignment to the parent."""
    Alignment.objects.filter(child=child, parent=parent).delete()


@transaction.atomic
def add_contributor(objective: Objective, team: Team) -> Contribution:
    """Share the objective with another team (horizontal alignment)."""
    _same_organization(objective.organization_id, team)
    if team.pk == objective.team_id:
        raise ValidationError(f"{team} already owns this objective.")
    link, _ = Contribution.objects.get_or_create(
        organization_id=objective.organization_id, objective=objective, team=team
    )
    return link


@transaction.atomic
def add_key_result(
    objective: Objective, title: str, current: float | None = None, **fields
) -> KeyResult:
    """Add a key result to the objective; `current` records a starting value without a check-in."""
    unknown = set(fields) - KEY_RESULT_FIELDS
    if unknown:
        raise TypeError(f"Unknown key result fields: {sorted(unknown)}")
    _same_organization(objective.organization_id, fields.get("team"))
    fields.setdefault("position", objective.key_results.count())
    key_result = KeyResult(
        organization_id=objective.organization_id,
        objective=objective,
        title=title,
        current=current,
        **fields,
    )
    key_result.full_clean(exclude=["organization"])
    key_result.save()
    return key_result


@transaction.atomic
def update_key_result(key_result: KeyResult, version: int | None = None, **fields) -> KeyResult:
    """Change the key result's fields; refused with StaleVersion when version is not the latest."""
    unknown = set(fields) - KEY_RESULT_FIELDS
    if unknown:
        raise TypeError(f"Unknown key result fields: {sorted(unknown)}")
    _same_organization(key_result.organization_id, fields.get("team"))
    for name, value in fields.items():
        setattr(key_result, name, value)
    key_result.full_clean(exclude=["organization", "objective"])
    _claim_version(KeyResult, key_result.pk, version)
    before = stored_values(key_result, fields)
    key_result.version = KeyResult.objects.values_list("version", flat=True).get(pk=key_result.pk)
    changed = changed_fields(key_result, before)
    _save_unless_unchanged(key_result, [*fields, "updated_at"], changed)
    if changed and key_result.objective.is_shared():
        data = {"key_result": key_result_data(key_result), "changed": changed}
        emit(key_result.organization_id, "key_result.updated", data)
    return key_result


def _makes_link_loop(key_result: KeyResult, child: Objective) -> bool:
    """Return whether taking progress from child would make the objective depend on itself."""

    def linked_from(ids):
        return KeyResult.objects.filter(
            objective_id__in=ids, linked_objective__isnull=False
        ).values_list("linked_objective_id", flat=True)

    return _reaches({child.pk}, key_result.objective_id, linked_from)


@transaction.atomic
def link_key_result(key_result: KeyResult, child: Objective | None) -> KeyResult:
    """Let the key result take its progress from a child objective; loops are refused."""
    if child is not None:
        _same_organization(key_result.organization_id, child)
        if _makes_link_loop(key_result, child):
            raise ValidationError(f"Linking to “{child}” would make its progress depend on itself.")
    key_result.linked_objective = child
    key_result.save(update_fields=["linked_objective", "updated_at"])
    return key_result


LOCK_READS = ("checked_in_at", "version", "cycle_state", "webhooks")


def locked_for_check_in(key_results):
    """Return the key results locked for a check-in, each with what recording it reads.

    The lock makes concurrent check-ins on one key result land one after another, so the latest
    sets its current value; the row also brings its cycle's state, its version and whether any
    webhook endpoint could want the event. Use it inside a transaction.
    """
    private = Q(objective__status=Objective.State.DRAFT, objective__shared_at__isnull=True)
    return key_results.select_for_update(of=("self",)).annotate(
        cycle_state=F("objective__cycle__state"),
        webhooks=endpoints_exist() & ~private,  # an unshared draft's check-ins stay in its team
    )


def _read_locked(key_result: KeyResult) -> dict | None:
    """Return, once, what `locked_for_check_in` read with the row; None if it was not read so."""
    if "cycle_state" not in key_result.__dict__:
        return None
    read = {name: getattr(key_result, name) for name in LOCK_READS}
    del key_result.cycle_state, key_result.webhooks  # recording again locks again
    return read


def _lock(key_result: KeyResult) -> dict:
    """Lock the key result's row and return what recording a check-in reads."""
    query = locked_for_check_in(KeyResult.objects.filter(pk=key_result.pk))
    return query.values(*LOCK_READS).get()


def record_check_in(
    key_result: KeyResult,
    value: float,
    confidence: int,
    author: Person | None = None,
    progress_note: str = "",
    problems_note: str = "",
    plans_note: str = "",
    at: datetime | None = None,
    history: bool = False,
) -> CheckIn:
    """Record a check-in; the latest one sets the key result's current value and confidence.

    A closed cycle's OKRs are frozen: only `history=True` (imports, restores) records into one.
    A key result read through `locked_for_check_in` in the same transaction is not read again,
    and that transaction is the check-in's: no savepoint, an error rolls the whole of it back.
    """
    _same_organization(key_result.organization_id, author)
    read = _read_locked(key_result)
    with transaction.atomic(savepoint=read is None):
        locked = read or _lock(key_result)
        if not history and locked["cycle_state"] == "closed":
            raise ValidationError(
                {"value": "This key result's cycle is closed: its OKRs are frozen."}
            )
        check_in = CheckIn(
            organization_id=key_result.organization_id,
            key_result=key_result,
            value=value,
            confidence=confidence,
            author=author,
            progress_note=progress_note,
            problems_note=problems_note,
            plans_note=plans_note,
            checked_in_at=at or clock.now(),
        )
        # The confidence constraint is checked by the field's validators; the database too.
        check_in.full_clean(
            exclude=["organization", "key_result", "author"], validate_constraints=False
        )
        check_in.save()
        latest = locked["checked_in_at"]
        if latest is None or check_in.checked_in_at >= latest:
            changes = {
                "current": check_in.value,
                "confidence": check_in.confidence,
                "checked_in_at": check_in.checked_in_at,
                "version": locked["version"] + 1,  # the row is locked: nobody changes it now
            }
            KeyResult.objects.filter(pk=key_result.pk).update(**changes)
            for name, changed in changes.items():
                setattr(key_result, name, changed)
        if locked["webhooks"]:
            emit(key_result.organization_id, "checkin.created", check_in_data(check_in, key_result))
    return check_in


@transaction.atomic
def remove_key_result(key_result: KeyResult, by: Person | None = None) -> None:
    """Move a key result, with its check-ins, to the trash; restorable for 30 days."""
    _trash(key_result, clock.now(), by)


@transaction.atomic
def set_alignment(child: Objective, parents: list[Objective]) -> None:
    """Make the child align to exactly these parents."""
    wanted = {p.pk for p in parents}
    Alignment.objects.filter(child=child).exclude(parent_id__in=wanted).delete()
    existing = set(Alignment.objects.filter(child=child).values_list("parent_id", flat=True))
    for parent in parents:
        if parent.pk not in existing:
            align(child, parent)


def _unlinked_reason(objective: Objective) -> str:
    return f"Unlinked: objective {objective.pk} was deleted."


HISTORY_STAMPS = ("_history_date", "_history_user", "_change_reason")


def _save_recorded(row, fields: list[str], now: datetime, by: Person | None, reason: str = ""):
    """Save the fields, writing the history record with this time, person and reason."""
    row._history_date = now
    if by is not None:
        row._history_user = by
    if reason:
        row._change_reason = reason
    try:
        row.save(update_fields=[*fields, "updated_at"])
    finally:
        for name in HISTORY_STAMPS:
            row.__dict__.pop(name, None)


def _trash(row: Objective | KeyResult, now: datetime, by: Person | None, reason: str = "") -> None:
    """Mark the row deleted at `now` by `by`."""
    row.deleted_at, row.deleted_by = now, by
    _save_recorded(row, ["deleted_at", "deleted_by"], now, by, reason)


def _untrash(row: Objective | KeyResult, now: datetime, by: Person | None, reason: str = ""):
    """Take the row out of the trash."""
    row.deleted_at = row.deleted_by = None
    _save_recorded(row, ["deleted_at", "deleted_by"], now, by, reason)


@transaction.atomic
def delete_objective(objective: Objective, by: Person | None = None) -> None:
    """Move an objective with its key results and check-ins to the trash, for 30 days.

    Key results elsewhere that took their progress from it are unlinked (each change in
    their history); restoring the objective links them again.
    """
    now = clock.now()
    for feeding in KeyResult.objects.filter(linked_objective=objective):
        feeding.linked_objective = None
        _save_recorded(feeding, ["linked_objective"], now, by, _unlinked_reason(objective))
    for key_result in objective.key_results.all():
        _trash(key_result, now, by, f"Deleted with objective {objective.pk}.")
    _trash(objective, now, by)


def _refuse_taken_refs(organization_id: int, rows: list) -> None:
    """Refuse a restore when a live objective or key result now has a restored row's id."""
    for row in rows:
        if not row.ref:
            continue
        taken = type(row).objects.filter(organization_id=organization_id, ref=row.ref).first()
        if taken is not None:
            raise ValidationError(
                f"“{taken}” now has the id {row.ref}, which “{row}” had: "
                "change that id first, then restore."
            )


@transaction.atomic
def restore_objective(objective: Objective, by: Person | None = None) -> Objective:
    """Bring an objective back from the trash with the key results and links deleted with it.

    A closed cycle's objective is restored too: restoring undoes a deletion, it edits nothing.
    """
    objective = Objective.all_objects.select_for_update().get(pk=objective.pk)
    if objective.deleted_at is None:
        raise ValidationError(f"“{objective}” is not in the trash.")
    deleted_at = objective.deleted_at
    key_results = list(KeyResult.all_objects.filter(objective=objective, deleted_at=deleted_at))
    _refuse_taken_refs(objective.organization_id, [objective, *key_results])
    now = clock.now()
    _untrash(objective, now, by)
    for key_result in key_results:
        _untrash(key_result, now, by, f"Restored with objective {objective.pk}.")
    unlinked = KeyResult.history.filter(
        history_date=deleted_at, history_change_reason=_unlinked_reason(objective)
    ).values_list("id", flat=True)
    for feeding in KeyResult.objects.filter(pk__in=list(unlinked), linked_objective__isnull=True):
        if not _makes_link_loop(feeding, objective):
            feeding.linked_objective = objective
            reason = f"Linked again: objective {objective.pk} was restored."
            _save_recorded(feeding, ["linked_objective"], now, by, reason)
    return objective


@transaction.atomic
def restore_key_result(key_result: KeyResult, by: Person | None = None) -> KeyResult:
    """Bring a key result deleted on its own back from the trash, with its check-ins."""
    key_result = KeyResult.all_objects.select_for_update().get(pk=key_result.pk)
    if key_result.deleted_at is None:
        raise ValidationError(f"“{key_result}” is not in the trash.")
    if Objective.all_objects.filter(pk=key_result.objective_id, deleted_at__isnull=False).exists():
        raise ValidationError(f"The objective of “{key_result}” is in the trash: restore it first.")
    _refuse_taken_refs(key_result.organization_id, [key_result])
    _untrash(key_result, clock.now(), by)
    return key_result


@transaction.atomic
def purge_deleted(now: datetime | None = None) -> dict[str, int]:
    """Delete for good what has been in the trash longer than RETENTION; return the counts."""
    cutoff = (now or clock.now()) - RETENTION
    objectives = Objective.all_objects.filter(deleted_at__lt=cutoff)
    key_results = KeyResult.all_objects.filter(deleted_at__lt=cutoff)
    counts = {"objectives": objectives.count(), "key results": key_results.count()}
    key_results.delete()
    objectives.delete()
    return counts
