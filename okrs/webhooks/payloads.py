"""The `data` part of each event's payload: plain JSON built from the rows the actions hold."""

from datetime import date


def _iso(moment: date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def objective_data(objective) -> dict:
    """Return the objective's fields as plain JSON."""
    return {
        "id": objective.pk,
        "ref": objective.ref,
        "title": objective.title,
        "description": objective.description,
        "status": objective.status,
        "ambition": objective.ambition,
        "cycle_id": objective.cycle_id,
        "team_id": objective.team_id,
        "owner_id": objective.owner_id,
        "grade": objective.grade,
        "version": objective.version,
        "created_at": _iso(objective.created_at),
        "updated_at": _iso(objective.updated_at),
    }


def key_result_data(key_result) -> dict:
    """Return the key result's fields, with its latest value and confidence, as plain JSON."""
    return {
        "id": key_result.pk,
        "ref": key_result.ref,
        "objective_id": key_result.objective_id,
        "title": key_result.title,
        "type": key_result.type,
        "unit": key_result.unit,
        "start": key_result.start,
        "target": key_result.target,
        "current": key_result.current,
        "confidence": key_result.confidence,
        "direction": key_result.direction,
        "kind": key_result.kind,
        "weight": key_result.weight,
        "team_id": key_result.team_id,
        "linked_objective_id": key_result.linked_objective_id,
        "grade": key_result.grade,
        "version": key_result.version,
        "checked_in_at": _iso(key_result.checked_in_at),
        "updated_at": _iso(key_result.updated_at),
    }


def check_in_data(check_in, key_result) -> dict:
    """Return a check-in and its key result as plain JSON."""
    author = check_in.author
    return {
        "check_in": {
            "id": check_in.pk,
            "key_result_id": key_result.pk,
            "objective_id": key_result.objective_id,
            "value": check_in.value,
            "confidence": check_in.confidence,
            "progress_note": check_in.progress_note,
            "problems_note": check_in.problems_note,
            "plans_note": check_in.plans_note,
            "author_email": author.email if author is not None else None,
            "checked_in_at": _iso(check_in.checked_in_at),
        },
        "key_result": key_result_data(key_result),
    }


def initiative_data(initiative) -> dict:
    """Return the initiative's fields as plain JSON."""
    return {
        "id": initiative.pk,
        "key_result_id": initiative.key_result_id,
        "objective_id": initiative.key_result.objective_id,
        "title": initiative.title,
        "owner_id": initiative.owner_id,
        "status": initiative.status,
        "due": _iso(initiative.due),
        "link": initiative.link,
        "updated_at": _iso(initiative.updated_at),
    }


def cycle_data(cycle) -> dict:
    """Return the cycle's fields as plain JSON."""
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "kind": cycle.kind,
        "start": _iso(cycle.start),
        "end": _iso(cycle.end),
        "state": cycle.state,
        "parent_id": cycle.parent_id,
    }


def status_change_data(objective, old_status: str) -> dict:
    """Return the objective with its previous and new status as plain JSON."""
    return {
        "objective": objective_data(objective),
        "old_status": old_status,
        "new_status": objective.status,
    }


def override_data(objective, override) -> dict:
    """Return the objective and its status set by hand (or the one just ended) as plain JSON."""
    person, ender = override.set_by, override.cleared_by
    return {
        "objective": objective_data(objective),
        "override": {
            "state": override.state,
            "reason": override.reason,
            "set_by_email": person.email if person is not None else None,
            "set_at": _iso(override.set_at),
            "cleared_at": _iso(override.cleared_at),
            "cleared_by_email": ender.email if ender is not None else None,
            "ending": override.ending or None,
        },
    }
