"""SQL sources: a read-only query on a database the operator named, never okrs's own."""

import sqlite3

import pytest
from django.db import connection

from okrs import clock
from okrs.objectives.models import CheckIn
from okrs.sources.actions import set_source
from okrs.sources.fetch import FetchError, read_sql
from okrs.sources.pull import pull_due


@pytest.fixture
def warehouse(tmp_path, settings):
    """Return the name of a real SQLite warehouse with an orders table, named for sources."""
    path = tmp_path / "warehouse.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
        db.executemany("INSERT INTO orders (total) VALUES (?)", [(10,), (20,), (12.5,)])
    settings.SOURCE_DATABASES = f"warehouse=sqlite:///{path}"
    return "warehouse"


def test_a_query_answering_one_number_becomes_a_check_in(warehouse, signatures):
    set_source(
        signatures,
        name="Orders",
        kind="sql",
        database=warehouse,
        query="SELECT count(*) FROM orders",
    )
    assert pull_due(clock.now()).recorded == 1
    assert CheckIn.objects.get(key_result=signatures, source="Orders").value == 3


def test_the_query_cannot_write(warehouse):
    with pytest.raises(FetchError, match="readonly|read-only|query_only"):
        read_sql(warehouse, "DELETE FROM orders")
    assert read_sql(warehouse, "SELECT sum(total) FROM orders") == 42.5


@pytest.mark.parametrize(
    "query, words",
    [
        ("SELECT id FROM orders", "one row of one column; it answered 2 rows"),
        ("SELECT id, total FROM orders WHERE id = 1", "2 columns"),
        ("SELECT 'many'", "not a number"),
        ("SELECT * FROM nowhere", "no such table"),
    ],
)
def test_a_query_that_is_not_one_number_fails_clearly(warehouse, query, words):
    with pytest.raises(FetchError, match=words):
        read_sql(warehouse, query)


def test_a_runaway_query_is_stopped(warehouse, monkeypatch):
    monkeypatch.setattr("okrs.sources.fetch.SQL_TIMEOUT_MS", 200)
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    with pytest.raises(FetchError, match="ran longer"):
        read_sql(warehouse, endless)


def test_an_unnamed_database_is_refused(warehouse):
    with pytest.raises(FetchError, match="No database is named 'okrs'"):
        read_sql("okrs", "SELECT 1")


def test_okrs_own_database_is_never_read(settings, monkeypatch, tmp_path):
    own = tmp_path / "okrs.sqlite3"
    sqlite3.connect(own).close()
    monkeypatch.setitem(connection.settings_dict, "NAME", str(own))  # as in production: a file
    if not connection.settings_dict["ENGINE"].endswith("sqlite3"):
        pytest.skip("okrs's own database is PostgreSQL here")
    settings.SOURCE_DATABASES = f"own=sqlite:///{tmp_path}/../{tmp_path.name}/okrs.sqlite3"
    with pytest.raises(FetchError, match="never reads okrs's own database"):
        read_sql("own", "SELECT 1")
