"""Read a source's current number: fetch its URL through the outbound guard, or run its query."""

import sqlite3
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import connections

from okrs import outbound
from okrs.domain.readings import ReadingError, number, read_csv, read_json
from okrs.sources.models import Format, Kind, Source
from okrs.sources.sealing import unseal

HTTP_TIMEOUT = 10
HTTP_MAX_BYTES = 1024 * 1024
HTTP_REDIRECTS = 3
SQL_TIMEOUT_MS = 5000
SQL_MAX_QUERY = 5000


class FetchError(Exception):
    """A source gave no number; the message says why, for the key result's owner."""


def read(source: Source) -> float:
    """Return the number the source holds now; FetchError says why there is none."""
    if source.kind == Kind.HTTP:
        return read_http(source)
    if source.kind == Kind.SQL:
        return read_sql(source.database, source.query)
    raise FetchError("A push source is sent its readings; okrs does not fetch it.")


def read_http(source: Source) -> float:
    """Fetch the source's URL and read its number by JSONPath or by CSV column and row."""
    headers = {"Accept": "text/csv" if source.format == Format.CSV else "application/json"}
    if source.auth_header_name:
        try:
            headers[source.auth_header_name] = unseal(source.auth_header_sealed)
        except ValueError as error:
            raise FetchError(str(error).capitalize() + ".") from None
    try:
        answer = outbound.send(
            "GET",
            source.url,
            headers=headers,
            timeout=HTTP_TIMEOUT,
            max_bytes=HTTP_MAX_BYTES,
            redirects=HTTP_REDIRECTS,
        )
    except outbound.OutboundError as error:
        raise FetchError(f"Could not fetch {source.url}: {error}.") from None
    if answer.status != 200:
        raise FetchError(f"{source.url} answered HTTP {answer.status} {answer.reason}.")
    if not answer.complete:
        raise FetchError(
            f"The answer is larger than {HTTP_MAX_BYTES // 1024} KB; okrs stops there."
        )
    try:
        if source.format == Format.CSV:
            return read_csv(answer.body, source.column, source.row)
        return read_json(answer.body, source.path)
    except ReadingError as error:
        raise FetchError(str(error)) from None


def source_databases() -> dict[str, str]:
    """Return the databases an SQL source may read, by name, from OKRS_SOURCE_DATABASES."""
    named = {}
    for entry in settings.SOURCE_DATABASES.split(","):
        name, _, url = entry.strip().partition("=")
        if name.strip() and url.strip():
            named[name.strip()] = url.strip()
    return named


def read_sql(database: str, query: str) -> float:
    """Run the read-only query on the named database and return the one number it answers."""
    url = source_databases().get(database)
    if url is None:
        known = ", ".join(sorted(source_databases())) or "none is set in OKRS_SOURCE_DATABASES"
        raise FetchError(f"No database is named {database!r} (known: {known}).")
    if not query.strip():
        raise FetchError("Enter the query.")
    if len(query) > SQL_MAX_QUERY:
        raise FetchError(f"A query has at most {SQL_MAX_QUERY} characters.")
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        rows = _sqlite_rows(_sqlite_path(url), query)
    elif scheme in ("postgres", "postgresql"):
        rows = _postgres_rows(url, query)
    else:
        raise FetchError(f"The database {database!r} is neither PostgreSQL nor an SQLite file.")
    if len(rows) != 1 or len(rows[0]) != 1:
        shape = f"{len(rows)} rows" if len(rows) != 1 else f"{len(rows[0])} columns"
        raise FetchError(f"The query must answer one row of one column; it answered {shape}.")
    raw = rows[0][0]
    try:
        return number(float(raw) if isinstance(raw, Decimal) else raw, "The query's answer")
    except ReadingError as error:
        raise FetchError(str(error)) from None


def _sqlite_path(url: str) -> Path:
    path = Path(unquote(urlsplit(url).path)).resolve()
    own = connections["default"].settings_dict
    if own["ENGINE"].endswith("sqlite3") and Path(str(own["NAME"])).resolve() == path:
        raise FetchError("A source never reads okrs's own database.")
    if not path.is_file():
        raise FetchError(f"The SQLite file {path.name} does not exist.")
    return path


def _sqlite_rows(path: Path, query: str) -> list[tuple]:
    """Run the query on the SQLite file opened read-only, stopped after the time allowed."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as error:
        raise FetchError(f"Could not open the database: {error}.") from None
    deadline = time.monotonic() + SQL_TIMEOUT_MS / 1000
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        connection.execute("PRAGMA query_only = ON")
        return connection.execute(query).fetchmany(2)
    except (sqlite3.Error, sqlite3.Warning, OverflowError) as error:
        if "interrupted" in str(error):
            raise FetchError(f"The query ran longer than {SQL_TIMEOUT_MS // 1000} s.") from None
        raise FetchError(f"The query failed: {error}.") from None
    finally:
        connection.close()


def _postgres_rows(url: str, query: str) -> list[tuple]:
    """Run the query on PostgreSQL in a read-only transaction with a statement timeout."""
    import psycopg

    own = connections["default"].settings_dict
    parts = urlsplit(url)
    if own["ENGINE"].endswith("postgresql") and (parts.path.lstrip("/"), parts.hostname) == (
        own["NAME"],
        own["HOST"] or None,
    ):
        raise FetchError("A source never reads okrs's own database.")
    options = f"-c statement_timeout={SQL_TIMEOUT_MS} -c default_transaction_read_only=on"
    try:
        with psycopg.connect(url, connect_timeout=5, options=options) as connection:
            connection.read_only = True
            with connection.cursor() as cursor:
                cursor.execute(query.encode())
                return list(cursor.fetchmany(2)) if cursor.description else []
    except psycopg.errors.QueryCanceled:
        raise FetchError(f"The query ran longer than {SQL_TIMEOUT_MS // 1000} s.") from None
    except psycopg.Error as error:
        raise FetchError(f"The query failed: {str(error).strip()}.") from None
