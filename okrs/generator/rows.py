"""Fast writes for the generator: rows streamed in bulk."""

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, connections, models

from okrs import clock

SQLITE_BATCH = 20_000


def connection():
    """Return the connection every generator write goes through."""
    return connections[DEFAULT_DB_ALIAS]


def moments() -> Callable[[datetime], datetime | str]:
    """Return how raw inserts write an aware datetime: as it is, or as naive UTC text on SQLite."""
    if connection().vendor == "postgresql":
        return lambda value: value
    return lambda value: str(value.astimezone(UTC).replace(tzinfo=None))


def insert_rows(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """Insert the rows (values in the order of fields) without model instances; return the count.

    PostgreSQL streams them with COPY, SQLite takes them in large executemany batches.
    """
    db = connection()
    quote = db.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    count = 0
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        rows = iter(rows)
        while chunk := list(islice(rows, SQLITE_BATCH)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def reserve_ids(model, count: int) -> list[int]:
    """Return count new primary keys for the model, taken from its sequence (PostgreSQL) or above
    the highest key ever used (SQLite, whose write lock the transaction holds)."""
    db = connection()
    quote = db.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT MAX(n) FROM (SELECT MAX({quote(pk)}) AS n FROM {quote(table)} "
            "UNION ALL SELECT seq AS n FROM sqlite_sequence WHERE name = %s)",
            [table],
        )
        highest = cursor.fetchone()[0] or 0
    return list(range(highest + 1, highest + 1 + count))


def create_all(model, instances: list) -> None:
    """Insert unsaved instances like bulk_create, without its per-value work; set their keys.

    Every concrete field is written, so columns other code adds later get their model defaults.
    """
    if not instances:
        return
    now = clock.now()
    fields = model._meta.concrete_fields
    stamp = moments()
    postgresql = connection().vendor == "postgresql"
    converters = []
    for field in fields:
        if isinstance(field, models.DateTimeField):
            converters.append(lambda value: None if value is None else stamp(value))
        elif isinstance(field, models.DateField) and not postgresql:
            converters.append(lambda value: None if value is None else value.isoformat())
        elif isinstance(field, models.JSONField):  # stored as JSON text on both databases
            converters.append(lambda value: None if value is None else json.dumps(value))
        else:
            converters.append(None)
    automatic = ("auto_now", "auto_now_add")
    stamped = [f.attname for f in fields if any(getattr(f, a, False) for a in automatic)]
    for instance, pk in zip(instances, reserve_ids(model, len(instances)), strict=True):
        instance._prepare_related_fields_for_save(operation_name="create_all")
        instance.pk = pk
        for name in stamped:
            setattr(instance, name, now)
        instance._state.adding, instance._state.db = False, DEFAULT_DB_ALIAS
    attnames = [f.attname for f in fields]
    pairs = list(zip(attnames, converters, strict=True))
    rows = (
        tuple(
            convert(getattr(instance, name)) if convert else getattr(instance, name)
            for name, convert in pairs
        )
        for instance in instances
    )
    insert_rows(model, [f.name for f in fields], rows)
