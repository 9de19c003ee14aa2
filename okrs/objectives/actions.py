"""Writes to objectives, key results, check-ins and alignment; each in one transaction."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.objectives import signals
from okrs.objectives.changes import changed_fields, stored_values
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.models import (
    RETENTION,
    Alignment,
    CheckIn,
    Contribution,
    KeyResult,
    Objective,
)
from okrs.objectives.overrides import clear_on_check_in, overridden
from okrs.objectives.plans import replan
from okrs.organizations.models import Person, Team

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
    "validation",
    "publish_reason",
    "drafted_by",
}
# What a person edits, and what imports, evaluations and ordering set besides.
KEY_RESULT_FIELDS = {*KEY_RESULT_EDITABLE, "team", "grade", "position", "ref"}


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
    aligned_to: Sequence[Objective] = (),
    contributing_teams: Sequence[Team] = (),
    **fields,
) -> Objective:
    """Create an objective in the cycle, owned by a team (or a person), with its links."""
    unknown = set(fields) - OBJECTIVE_FIELDS
    if unknown:
        raise TypeError(f"Unknown objective fields: {sorted(unknown)}")
    _same_organization(cycle.organization_id, team, owner, *aligned_to, *contributing_teams)
    if team is not None and team.archived_at is not None:
        raise ValidationError({"team": f"{team} is archived: it takes no new objectives."})
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
    signals.objective_created.send(sender=Objective, objective=objective)
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
    if changed:
        signals.objective_updated.send(sender=Objective, objective=objective, changed=changed)
    if "status" in changed:
        signals.objective_status_changed.send(
            sender=Objective, objective=objective, old_status=before["status"]
        )
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
def update_key_result(
    key_result: KeyResult,
    version: int | None = None,
    reason: str = "",
    by: Person | None = None,
    **fields,
) -> KeyResult:
    """Change the key result's fields; refused with StaleVersion when version is not the latest.

    Changing the start or target of a published key result once its cycle has started re-plans
    it: the reason is required, and the earlier plan is kept (see `replan`).
    """
    unknown = set(fields) - KEY_RESULT_FIELDS
    if unknown:
        raise TypeError(f"Unknown key result fields: {sorted(unknown)}")
    _same_organization(key_result.organization_id, fields.get("team"), by)
    for name, value in fields.items():
        setattr(key_result, name, value)
    key_result.full_clean(exclude=["organization", "objective"])
    _claim_version(KeyResult, key_result.pk, version)
    before = stored_values(key_result, fields)
    key_result.version = KeyResult.objects.values_list("version", flat=True).get(pk=key_result.pk)
    changed = changed_fields(key_result, before)
    replanned = replan(key_result, set(changed), reason, by)
    stamps = {"_change_reason": replanned.reason if replanned else "", "_history_user": by}
    for name, value in stamps.items():
        if value:
            setattr(key_result, name, value)  # read by the history record this save writes
    try:
        _save_unless_unchanged(key_result, [*fields, "updated_at"], changed)
    finally:
        for name in HISTORY_STAMPS:
            key_result.__dict__.pop(name, None)
    if changed:
        signals.key_result_updated.send(sender=KeyResult, key_result=key_result, changed=changed)
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


LOCK_READS = ("checked_in_at", "version", "cycle_state", "heard", "overridden")


def locked_for_check_in(key_results):
    """Return the key results locked for a check-in, each with what recording it reads.

    The lock makes concurrent check-ins on one key result land one after another, so the latest
    sets its current value; the row also brings its cycle's state, its version, whether anyone
    hears its check-ins (a webhook endpoint, say) and whether its objective's status is set by
    hand (which the check-in clears). Use it inside a transaction, and pass
    `lock_read(key_result)` to `record_check_in` as `locked`.
    """
    return key_results.select_for_update(of=("self",)).annotate(
        cycle_state=F("objective__cycle__state"),
        heard=signals.check_ins_heard(),
        overridden=overridden(),
    )


def lock_read(key_result: KeyResult) -> dict:
    """Return what `locked_for_check_in` read with the key result's row, for `record_check_in`."""
    return {name: getattr(key_result, name) for name in LOCK_READS}


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
    locked: dict | None = None,
    source: str = "",
) -> CheckIn:
    """Record a check-in; the latest one sets the key result's current value and confidence.

    A closed cycle's OKRs are frozen: only `history=True` (imports, restores) records into one.
    `locked` is `lock_read(key_result)` of a key result read through `locked_for_check_in` in the
    caller's transaction, good for one check-in: the row is not locked and read again, and that
    transaction is the check-in's (no savepoint, an error rolls the whole of it back). Without
    it the row is locked and read here. A reading from a data source names it as `source`: it
    sets the current value but, once a person has checked in, not the time of the last check-in,
    so the owner is still asked at the cadence.
    """
    _same_organization(key_result.organization_id, author)
    with transaction.atomic(savepoint=locked is None):
        if locked is None:
            locked = _lock(key_result)
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
            source=source,
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
            if source and latest is not None:
                del changes["checked_in_at"]  # a reading does not answer the cadence's question
            KeyResult.objects.filter(pk=key_result.pk).update(**changes)
            for name, changed in changes.items():
                setattr(key_result, name, changed)
        if locked["overridden"]:
            clear_on_check_in(check_in, key_result.objective_id)
        if locked["heard"]:
            signals.checked_in.send(sender=CheckIn, check_in=check_in, key_result=key_result)
    return check_in


class CheckInsRefused(ValidationError):
    """Some check-ins of a batch were refused, each under its key result's id; none was recorded."""

    def __init__(self, refused: dict[int, ValidationError]):
        super().__init__(f"{len(refused)} of the check-ins were refused: none was recorded.")
        self.refused = refused


@transaction.atomic
def record_check_ins(
    check_ins: Sequence[tuple[KeyResult, dict]], author: Person | None = None
) -> list[CheckIn]:
    """Record several check-ins, each a key result and its fields: all of them, or none."""
    recorded, refused = [], {}
    for key_result, fields in check_ins:
        try:
            recorded.append(record_check_in(key_result, author=author, **fields))
        except ValidationError as error:  # its savepoint is rolled back; the others go on
            refused[key_result.pk] = error
    if refused:
        raise CheckInsRefused(refused)  # leaving the transaction rolls back the ones recorded
    return recorded


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


def record_on_objective(
    objective: Objective, by: Person | None, what: str = "", fields: Sequence[str] = ()
) -> None:
    """Save the fields set on the objective, or just a line (`what`) in its history, as by."""
    _save_recorded(objective, list(fields), clock.now(), by, what)


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
