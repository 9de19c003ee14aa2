"""Backups: a consistent snapshot of organisations, every row kept, restorable into an empty one.

A backup file is one JSON object (gzip-compressed when its name ends in .gz): a header (format,
okrs version, when, which organisations, the schema's migrations, how many rows of each model),
each organisation's OKRs-as-code document for people to read, and then `rows`, one Django-serialised
row per line with its primary key, in dependency order. See docs/backup.md.
"""

import gzip
import importlib.metadata
import json
import os
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from itertools import islice
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils.duration import duration_iso_string

from okrs import clock
from okrs.domain.writing import document_to_data
from okrs.exchange.export import export_document
from okrs.organizations.models import Organization

FORMAT = "okrs-backup"
FORMAT_VERSION = 1
CHUNK = 1000

# Models that point at an organisation's rows but are left out on purpose.
EXCLUDED = {
    "admin.logentry": "Django admin's own log; it names rows by content-type ids of one database",
}


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


def okrs_version() -> str:
    """Return the installed okrs version."""
    try:
        return importlib.metadata.version("okrs")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@cache
def _scope_paths() -> dict[type[Model], str]:
    """Return, for every model owned by an organisation, the lookup from it to its organisation."""
    paths: dict[type[Model], str] = {Organization: "pk"}
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in EXCLUDED and m is not Organization
    ]
    while True:
        found = {}
        for model in candidates:
            if model in paths:
                continue
            lookups = [
                f.name if paths[f.related_model] == "pk" else f"{f.name}__{paths[f.related_model]}"
                for f in model._meta.concrete_fields
                if f.many_to_one or f.one_to_one
                if f.related_model in paths and f.related_model is not model
            ]
            if lookups:
                found[model] = min(lookups, key=lambda lookup: (lookup.count("__"), lookup))
        if not found:
            return paths
        paths.update(found)


def _dependency_order(models: Iterable[type[Model]]) -> list[type[Model]]:
    """Return the models so that each comes after the models its foreign keys point at."""
    models = sorted(models, key=lambda m: m._meta.label_lower)
    needs = {
        m: {
            f.related_model
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model in models and f.related_model is not m
        }
        for m in models
    }
    ordered: list[type[Model]] = []
    ready = deque(m for m in models if not needs[m])
    while ready:
        model = ready.popleft()
        ordered.append(model)
        for other in models:
            if model in needs[other]:
                needs[other].discard(model)
                if not needs[other] and other not in ordered and other not in ready:
                    ready.append(other)
    # Cycles of foreign keys, if any, are fine: constraints are checked at the end of a restore.
    return ordered + [m for m in models if m not in ordered]


def backed_up_models() -> list[type[Model]]:
    """Return every model a backup holds, in dependency order: the organisation and all it owns."""
    return _dependency_order(_scope_paths())


def organization_rows(
    model: type[Model], organization: Organization | None, using: str = DEFAULT_DB_ALIAS
):
    """Return the model's rows of the organisation (of all organisations when None), by key."""
    rows = model._base_manager.using(using).order_by("pk")
    if organization is None:
        return rows
    return rows.filter(**{_scope_paths()[model]: organization.pk})


def _json_default(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()  # full microseconds, unlike DjangoJSONEncoder
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"Cannot write {type(value).__name__} to a backup.")


def _dumps(value) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=False)


def _outside_references(model: type[Model], included: set[type[Model]]) -> list:
    """Return the model's foreign keys to rows outside the backup, written as natural keys."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.many_to_one and f.related_model not in included
        if hasattr(f.related_model, "natural_key")
    ]


def _serialized(model, rows, included: set[type[Model]]) -> Iterator[dict]:
    """Yield the rows as Django's python serializer writes them, many-to-many links apart."""
    serializer = serializers.get_serializer("python")()
    fields = [f.name for f in model._meta.local_fields]
    outside = _outside_references(model, included)
    natural: dict[tuple, list] = {}
    iterator = rows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        for row in serializer.serialize(chunk, fields=fields):
            for field in outside:
                pk = row["fields"][field.name]
                if pk is not None:
                    key = (field.related_model, pk)
                    if key not in natural:
                        natural[key] = list(
                            field.related_model._base_manager.using(rows.db)
                            .get(pk=pk)
                            .natural_key()
                        )
                    row["fields"][field.name] = natural[key]
            yield row


@contextmanager
def read_snapshot(using: str = DEFAULT_DB_ALIAS):
    """Read inside one transaction that sees one moment of the database.

    PostgreSQL: REPEATABLE READ and READ ONLY. SQLite: a deferred (read) transaction, which in WAL
    mode reads one snapshot without blocking writers.
    """
    connection = connections[using]
    outermost = not connection.in_atomic_block
    connection.ensure_connection()
    mode = getattr(connection, "transaction_mode", None)
    if outermost and connection.vendor == "sqlite":
        connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = mode


def _migrations(using: str, app_labels: set[str]) -> dict[str, list[str]]:
    """Return the migrations applied to the database, per app."""
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        if app_label in app_labels:
            applied.setdefault(app_label, []).append(name)
    return {label: sorted(names) for label, names in sorted(applied.items())}


def write_backup(
    path: Path, organization: Organization | None = None, using: str = DEFAULT_DB_ALIAS
) -> Counter:
    """Write a backup of one organisation (all when None) to the path; return rows per model."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(temporary, "wt", encoding="utf-8") as out, read_snapshot(using):
            counts = _write(out, organization, using)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"Cannot write {path}: {error.strerror or error}.") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return counts


def _write(out, organization: Organization | None, using: str) -> Counter:
    """Write the header, the documents and the rows; return the rows per model."""
    models = backed_up_models()
    included = set(models)
    organizations = (
        [organization] if organization else list(Organization.objects.using(using).order_by("pk"))
    )
    counts = Counter(
        {m._meta.label_lower: organization_rows(m, organization, using).count() for m in models}
    )
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "okrs_version": okrs_version(),
        "created_at": clock.now().isoformat(),
        "database": connections[using].vendor,
        "scope": organization.slug if organization else "all",
        "organizations": [{"pk": o.pk, "slug": o.slug, "name": o.name} for o in organizations],
        "migrations": _migrations(using, {m._meta.app_label for m in models}),
        "counts": dict(counts),
        "documents": {o.slug: document_to_data(export_document(o)) for o in organizations},
    }
    out.write("{\n")
    for key, value in header.items():
        out.write(f"{_dumps(key)}: {_dumps(value)},\n")
    out.write('"rows": [')
    first = True
    for model in models:
        for row in _serialized(model, organization_rows(model, organization, using), included):
            out.write("\n" if first else ",\n")
            out.write(_dumps(row))
            first = False
    out.write("\n]\n}\n")
    return counts


def read_backup(path: Path) -> dict:
    """Return the backup in the file, checked to be whole; BackupError when it is not."""
    path = Path(path)
    try:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        with opener(path, "rt", encoding="utf-8") as source:
            backup = json.load(source)
    except FileNotFoundError as error:
        raise BackupError(f"There is no file {path}.") from error
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is damaged or cut short: {error}.") from error
    except json.JSONDecodeError as error:
        raise BackupError(
            f"{path} is not a whole okrs backup: {error.msg} at line {error.lineno}."
        ) from error
    except RecursionError:
        raise BackupError(
            f"{path} is not an okrs backup: its lists and mappings nest too deep to read."
        ) from None
    _check_whole(path, backup)
    return backup


def _check_whole(path: Path, backup) -> None:
    """Refuse a file that is not an okrs backup of a known format, or that lacks rows."""
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise BackupError(f"{path} is not an okrs backup (no 'format: {FORMAT}' header).")
    version = backup.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format version {version!r}; this okrs ({okrs_version()}) reads "
            f"versions up to {FORMAT_VERSION}. Restore it with a newer okrs."
        )
    rows, counts = backup.get("rows"), backup.get("counts")
    if not isinstance(rows, list) or not isinstance(counts, dict):
        raise BackupError(f"{path} lacks its rows or their counts.")
    found: Counter = Counter()
    for number, row in enumerate(rows, 1):
        if not (
            isinstance(row, dict)
            and isinstance(row.get("model"), str)
            and isinstance(row.get("fields"), dict)
            and "pk" in row
        ):
            raise BackupError(f"Row {number} of {path} is not a row (model, pk, fields).")
        found[row["model"]] += 1
    missing = {m: (n, found[m]) for m, n in counts.items() if found[m] != n}
    missing.update({m: (0, n) for m, n in found.items() if m not in counts})
    if missing:
        details = "; ".join(f"{m}: {n} expected, {f} found" for m, (n, f) in missing.items())
        raise BackupError(f"{path} is incomplete: {details}.")


def restore_backup(backup: dict, using: str = DEFAULT_DB_ALIAS) -> Counter:
    """Restore the backup's rows, all or nothing; refuse when any of them already exists."""
    connection = connections[using]
    try:
        with transaction.atomic(using=using):
            _check_schema(backup, using)
            models = _models_of(backup)
            _refuse_collisions(backup["rows"], models, using)
            _ensure_groups(backup["rows"], models, using)
            with connection.constraint_checks_disabled():
                for model, objects in _batches(_deserialized(backup["rows"], using), using):
                    _insert(model, objects, using)
            tables = [m._meta.db_table for m in models.values()]
            try:
                connection.check_constraints(table_names=tables)
            except IntegrityError as error:
                raise BackupError(f"The restored rows do not hold together: {error}") from error
            statements = connection.ops.sequence_reset_sql(no_style(), list(models.values()))
            if statements:
                with connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
    except IntegrityError as error:
        raise BackupError(f"The rows clash with the database: {error}") from error
    return Counter(row["model"] for row in backup["rows"])


def _deserialized(rows: list[dict], using: str):
    """Yield the rows as unsaved objects; BackupError names the row that cannot be read."""
    iterator = serializers.deserialize("python", rows, using=using)
    number = 0
    while True:
        number += 1
        try:
            yield next(iterator)
        except StopIteration:
            return
        except (DeserializationError, FieldDoesNotExist, ValidationError) as error:
            raise BackupError(f"Row {number} cannot be read: {error}") from error


def _batches(restored: Iterator, using: str) -> Iterator[tuple[type[Model], list[Model]]]:
    """Yield the objects in runs of one model, each small enough for one INSERT statement."""
    model, objects, size = None, [], CHUNK
    for item in restored:
        if item.object.__class__ is not model or len(objects) >= size:
            if objects:
                yield model, objects
            model, objects = item.object.__class__, []
            fields = model._meta.local_concrete_fields
            size = max(1, min(CHUNK, connections[using].ops.bulk_batch_size(fields, [item])))
        objects.append(item.object)
    if objects:
        yield model, objects


def _insert(model: type[Model], objects: list[Model], using: str) -> None:
    """Insert the rows as they are, keys and timestamps kept, like loaddata's raw saves."""
    try:
        model._base_manager.using(using)._insert(
            objects, fields=model._meta.local_concrete_fields, using=using, raw=True
        )
    except (DatabaseError, ValueError, TypeError) as error:
        raise BackupError(
            f"Rows of {model._meta.label_lower} with ids {objects[0].pk} to {objects[-1].pk} "
            f"cannot be restored: {error}"
        ) from error


def _models_of(backup: dict) -> dict[str, type[Model]]:
    """Return the models the backup's rows belong to, by label."""
    models = {}
    for label in backup["counts"]:
        try:
            models[label] = apps.get_model(label)
        except (LookupError, ValueError) as error:
            raise BackupError(
                f"The backup holds rows of {label}, which this okrs ({okrs_version()}) "
                "does not know."
            ) from error
    return models


def _check_schema(backup: dict, using: str) -> None:
    """Refuse a backup made with migrations this database has not applied."""
    here = {(app, name) for app, name in MigrationRecorder(connections[using]).applied_migrations()}
    ahead = [
        f"{app} {name}"
        for app, names in (backup.get("migrations") or {}).items()
        for name in names
        if (app, name) not in here
    ]
    if ahead:
        raise BackupError(
            f"The backup was made with a newer database schema (okrs "
            f"{backup.get('okrs_version')}): this database lacks the migrations "
            f"{', '.join(ahead[:5])}{' ...' if len(ahead) > 5 else ''}. "
            "Upgrade okrs and run `okrs migrate` first."
        )


def _refuse_collisions(rows: list[dict], models: dict[str, type[Model]], using: str) -> None:
    """Refuse when any key or unique value of the backup's rows is already in the database."""
    by_model: dict[str, list[dict]] = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row)
    clashes = []
    for label, model_rows in by_model.items():
        model = models[label]
        checks = [(model._meta.pk, [row["pk"] for row in model_rows])]
        checks += [
            (field, [row["fields"].get(field.name) for row in model_rows])
            for field in model._meta.local_fields
            if field.unique and not field.primary_key
        ]
        for field, values in checks:
            taken = _taken(model, field, values, using)
            if taken:
                shown = ", ".join(map(str, taken[:5])) + (" ..." if len(taken) > 5 else "")
                name = "ids" if field.primary_key else field.name
                clashes.append(f"{label} {name} {shown}")
    if clashes:
        raise BackupError(
            "The database already holds rows of this backup; restore into an empty database "
            "(or one without these organisations). Already there: " + "; ".join(clashes) + "."
        )


def _taken(model: type[Model], field, values: list, using: str) -> list:
    """Return which of the values the field already holds in the database."""
    try:
        values = sorted({field.to_python(v) for v in values if v is not None}, key=str)
    except Exception as error:  # a value of the wrong type: the file was altered
        raise BackupError(f"A {model._meta.label_lower} row has a bad {field.name}.") from error
    taken = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        taken += (
            model._base_manager.using(using)
            .filter(**{f"{field.attname}__in": chunk})
            .values_list(field.attname, flat=True)
        )
    return sorted(taken, key=str)


def _ensure_groups(rows: list[dict], models: dict[str, type[Model]], using: str) -> None:
    """Create, empty, the Django groups the backup's people belong to and this database lacks."""
    names = set()
    for row in rows:
        model = models[row["model"]]
        for field in model._meta.concrete_fields:
            value = row["fields"].get(field.name)
            if field.many_to_one and field.related_model is Group and isinstance(value, list):
                names.add(value[0])
    for name in sorted(names):
        Group.objects.using(using).get_or_create(name=name)
