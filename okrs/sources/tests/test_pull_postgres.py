"""SQL sources on a real PostgreSQL server: read-only, timed out, one number."""

import pytest

from okrs.sources.fetch import FetchError, read_sql
from tests.postgres import Cluster, pg_bin

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def warehouse():
    """Yield the URL of a PostgreSQL warehouse with an orders table, removed afterwards."""
    if pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: make test installs it (scripts/test.sh)")
    cluster = Cluster()
    try:
        server = cluster.primary()
        cluster.psql(
            server,
            "okrs",
            "CREATE TABLE orders (id serial PRIMARY KEY, total numeric);"
            "INSERT INTO orders (total) VALUES (10), (20), (12.5);",
        )
        yield server.url
    finally:
        cluster.remove()


@pytest.fixture
def named(warehouse, settings):
    """Name the warehouse for sources and return its name."""
    settings.SOURCE_DATABASES = f"warehouse={warehouse}"
    return "warehouse"


def test_a_count_is_read(named):
    assert read_sql(named, "SELECT count(*) FROM orders") == 3
    assert read_sql(named, "SELECT sum(total) FROM orders") == 42.5


def test_the_transaction_is_read_only(named):
    with pytest.raises(FetchError, match="read-only transaction"):
        read_sql(named, "DELETE FROM orders")
    assert read_sql(named, "SELECT count(*) FROM orders") == 3


def test_a_slow_query_is_stopped_by_the_statement_timeout(named, monkeypatch):
    monkeypatch.setattr("okrs.sources.fetch.SQL_TIMEOUT_MS", 200)
    with pytest.raises(FetchError, match="ran longer"):
        read_sql(named, "SELECT count(*) FROM orders, pg_sleep(5)")


def test_more_than_one_row_is_refused(named):
    with pytest.raises(FetchError, match="one row of one column"):
        read_sql(named, "SELECT id FROM orders")
