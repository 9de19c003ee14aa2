"""An objective's change log: who changed what, when, from what to what, read from its history."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lag

from okrs.cycles.models import Cycle
from okrs.domain.publishing import validation_summary
from okrs.domain.states import look
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.models import CheckIn, Initiative, KeyResult, Objective, StatusOverride
from okrs.organizations.models import Person, Team

RECENT = 50
PAGE = 100
SHOWN_FIELDS = {
    Objective: {
        "title": "title",
        "description": "description",
        "hypothesis": "hypothesis",
        "status": "status",
        "ambition": "ambition",
        "grade": "score",
        "ref": "id",
        "team": "team",
        "owner": "owner",
        "cycle": "cycle",
        "validation": "validation test",
        "publish_reason": "reason to publish despite errors",
        "accepted_at": "acceptance by the team",
    },
    KeyResult: {
        **KEY_RESULT_EDITABLE,
        "team": "team",
        "linked_objective": "linked objective",
        "grade": "score",
        "ref": "id",
        "position": "position",
    },
    CheckIn: {
        "value": "value",
        "confidence": "confidence",
        "progress_note": "progress note",
        "problems_note": "problems note",
        "plans_note": "plans note",
        "checked_in_at": "date",
    },
    Initiative: {
        "title": "title",
        "status": "status",
        "owner": "owner",
        "due": "due date",
        "link": "link",
    },
}
SUBJECTS = {
    Objective: "objective",
    KeyResult: "key result",
    CheckIn: "check-in",
    Initiative: "initiative",
}
# Models whose rows are deleted for good, not moved to the trash: no deletion date to read.
NOT_TRASHED = (CheckIn, Initiative)


@dataclass
class Change:
    """One field's value before and after a change."""

    field: str
    label: str
    before: object
    after: object


@dataclass
class Entry:
    """One recorded change to an objective, one of its key results or check-ins."""

    at: datetime
    person: Person | None
    subject: str
    subject_id: int
    title: str
    action: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""
    note: str = ""  # what a change kept outside the fields did, e.g. shared it with Support
    source: str = ""  # the data source a check-in came from, when no person made it

    def who(self) -> str:
        """Return who made the change: the person, the data source of a reading, or the system."""
        if self.person:
            return self.person.get_full_name()
        return f"The source “{self.source}”" if self.source else "The system"

    def summary(self) -> str:
        """Return the change as a sentence without its author, e.g. changed the title from …."""
        if self.subject == "check-in":
            return self._check_in_summary()
        if self.subject == STATUS_SET:
            return _override_summary(self)
        name = f"the {self.subject}" if self.subject == "objective" else f"“{self.title}”"
        if self.subject == "initiative":
            name = f"the initiative “{self.title}”"
        if self.action == "created":
            return "created the objective" if self.subject == "objective" else f"added {name}"
        if self.action in ("deleted", "restored", "removed"):
            return f"{self.action} {name}"
        if self.action == "noted":
            return self.note
        if [(c.field, c.before) for c in self.changes] == [("accepted_at", None)]:
            return "accepted the draft written for the team as the team's own"
        parts = [_phrase(change) for change in self.changes] or ["saved without changes"]
        where = "" if self.subject == "objective" else f" of {name}"
        return "; ".join(parts) + where

    def _check_in_summary(self) -> str:
        values = {c.field: c.after for c in self.changes}
        if self.action == "created":
            return (
                f"checked in {_value(values.get('value'))} on “{self.title}”"
                f" (confidence {values.get('confidence')}/10)"
            )
        if self.action == "removed":
            return f"removed a check-in on “{self.title}”"
        return f"edited a check-in on “{self.title}”: " + "; ".join(map(_phrase, self.changes))


def _value(value) -> str:
    if value is None or value == "":
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        if value == int(value):
            return f"{int(value):,}"
        return f"{value:,.4f}".rstrip("0")
    if isinstance(value, datetime):
        return f"{value:%d %b %Y}"
    return str(value)


def _phrase(change: Change) -> str:
    """Return e.g. changed the title from “A” to “B”."""
    return f"changed the {change.label} from “{_value(change.before)}” to “{_value(change.after)}”"


def _attnames(model) -> list[str]:
    """Return the columns a change is read from: the shown fields and the deletion date."""
    fields = [model._meta.get_field(name).attname for name in SHOWN_FIELDS[model]]
    return fields if model in NOT_TRASHED else [*fields, "deleted_at"]


def _records(model, query: Q, limit: int) -> list:
    """Return the newest history records matching the query, each with the one before it.

    One query: the previous record's values come along through window functions.
    """
    history = model.history.model
    attnames = _attnames(model)

    def before(expression):
        return Window(
            Lag(expression),
            partition_by=[F("id")],
            order_by=[F("history_date").asc(), F("history_id").asc()],
        )

    records = list(
        model.history.filter(query)
        .annotate(
            previous_history_id=before("history_id"),
            **{f"previous_{name}": before(name) for name in attnames},
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    for record in records:
        record.previous = None
        if record.previous_history_id is not None:
            values = {name: getattr(record, f"previous_{name}") for name in attnames}
            record.previous = history(history_id=record.previous_history_id, **values)
    return records


def _entry(model, record, titles: dict, names: dict) -> Entry:
    """Return the change a history record made, compared with the record before it."""
    shown = SHOWN_FIELDS[model]
    previous = record.previous
    base = {
        "at": record.history_date,
        "person": record.history_user,
        "subject": SUBJECTS[model],
        "subject_id": record.id,
        "title": getattr(record, "title", "") or titles.get(record.key_result_id, "a key result"),
        "reason": record.history_change_reason or "",
        "source": (record.source or "") if model is CheckIn else "",
    }
    if record.history_type == "-":
        return Entry(action="removed", **base)
    if previous is None or record.history_type == "+":
        after = [
            Change(f, label, None, _readable(f, getattr(record, model._meta.get_field(f).attname)))
            for f, label in shown.items()
        ]
        return Entry(action="created", changes=after, **base)
    was, now = getattr(previous, "deleted_at", None), getattr(record, "deleted_at", None)
    if was is None and now is not None:
        return Entry(action="deleted", **base)
    if was is not None and now is None:
        return Entry(action="restored", **base)
    delta = record.diff_against(previous, included_fields=list(shown))
    changes = [
        Change(
            c.field, shown[c.field], _named(names, c.field, c.old), _named(names, c.field, c.new)
        )
        for c in delta.changes
    ]  # fmt: skip
    if not changes and model is Objective and base["reason"]:
        return Entry(action="noted", note=base.pop("reason"), **base)
    return Entry(action="changed", changes=changes, **base)


def _readable(field_name: str, value):
    """Return the value as the change log shows it: the validation answers as a sentence."""
    if field_name == "validation":
        return validation_summary(value) if value else None
    return value


def _named(names: dict, field_name: str, value):
    """Return the readable name of a choice or linked row, else the value as shown."""
    value = _readable(field_name, value)
    return names.get((field_name, value), value)


CHOICE_FIELDS = ("status", "ambition", "type", "direction", "indicator", "kind")
LINKED: dict[str, Any] = {
    "team_id": Team,
    "cycle_id": Cycle,
    "owner_id": Person,
    "linked_objective_id": Objective,
}


NOT_SHARED = "an objective not shared with you"


def _names(records: list, seen: Q | None = None) -> dict:
    """Return readable names of the choices and the teams, cycles, people and objectives changed.

    Only changes of a team, cycle, owner or link cost a query, one per kind of row. An objective
    outside `seen` (another team's unshared draft) is not named.
    """
    names = {}
    for kind in (Objective, KeyResult, Initiative):
        for field_name in CHOICE_FIELDS:
            if any(f.name == field_name for f in kind._meta.fields):
                choices = kind._meta.get_field(field_name).choices or []
                names.update({(field_name, value): label for value, label in choices})
    for attname, model in LINKED.items():
        ids = set()
        for record in records:
            old = getattr(record.previous, attname, None) if record.previous else None
            new = getattr(record, attname, None)
            if record.previous is not None and old != new:
                ids |= {old, new} - {None}
        manager: Any = model.all_objects if model is Objective else model.objects
        rows = manager.in_bulk(ids) if ids else {}
        if model is Objective and seen is not None and rows:
            shown = set(manager.filter(seen, pk__in=rows).values_list("pk", flat=True))
            rows = {pk: row if pk in shown else NOT_SHARED for pk, row in rows.items()}
        names.update({(attname.removesuffix("_id"), pk): str(row) for pk, row in rows.items()})
    return names


STATUS_SET = "status set by hand"
# How a status set by hand ends, as its entry's action; one set again is told by the new one's.
ENDINGS: dict[str, str] = {
    StatusOverride.Ending.CHECK_IN: "cleared",
    StatusOverride.Ending.REMOVED: "removed",
}


def _override_summary(entry: Entry) -> str:
    """Return e.g. set the status to At risk by hand."""
    change = entry.changes[0]
    label = look(str(change.after or change.before)).label
    if entry.action == "set":
        return f"set the status to {label} by hand"
    if entry.action == "cleared":
        return f"checked in, which cleared the status set by hand ({label})"
    return f"removed the status set by hand ({label})"


def _override_entries(objective: Objective, limit: int) -> list[Entry]:
    """Return the statuses set by hand on the objective and their ends, in one query.

    One status is set at a time, so the newest `limit` rows hold the newest `limit` entries.
    """
    rows = (
        StatusOverride.objects.filter(objective=objective)
        .select_related("set_by", "cleared_by")
        .order_by("-set_at", "-id")[:limit]
    )
    entries = []
    for row in rows:
        entries.append(
            Entry(row.set_at, row.set_by, STATUS_SET, row.pk, objective.title, "set",
                  [Change("state", "status", None, row.state)], row.reason)
        )  # fmt: skip
        if row.ending in ENDINGS:
            entries.append(
                Entry(row.cleared_at or row.set_at, row.cleared_by, STATUS_SET, row.pk,
                      objective.title, ENDINGS[row.ending],
                      [Change("state", "status", row.state, None)])
            )  # fmt: skip
    return entries


def override_entry_count(objective: Objective) -> int:
    """Return how many change log entries the objective's statuses set by hand make."""
    counts = StatusOverride.objects.filter(objective=objective).aggregate(
        rows=Count("pk"), ended=Count("pk", filter=Q(ending__in=list(ENDINGS)))
    )
    return counts["rows"] + counts["ended"]


def objective_history(
    objective: Objective, limit: int = RECENT, offset: int = 0, seen: Q | None = None
) -> list[Entry]:
    """Return the changes to an objective, its key results, check-ins and initiatives, newest first.

    Statuses set by hand come along. A constant number of queries: the key results' titles, then
    one query per kind of record.
    `seen` is the reader's visibility condition: linked objectives outside it go unnamed.
    """
    wanted = limit + offset
    titles = dict(
        KeyResult.all_objects.filter(objective_id=objective.pk)
        .order_by()
        .values_list("pk", "title")
    )
    sources = [
        (Objective, _records(Objective, Q(id=objective.pk), wanted)),
        (KeyResult, _records(KeyResult, Q(objective_id=objective.pk), wanted)),
        (CheckIn, _records(CheckIn, Q(key_result_id__in=list(titles)), wanted)),
        (Initiative, _records(Initiative, Q(key_result_id__in=list(titles)), wanted)),
    ]
    names = _names([r for _, records in sources for r in records], seen)
    entries = [_entry(model, r, titles, names) for model, records in sources for r in records]
    entries += _override_entries(objective, wanted)
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[offset:wanted]
