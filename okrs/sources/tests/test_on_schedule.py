"""With the worker running and nobody touching them, sources record check-ins on their schedule."""

import sqlite3
from datetime import timedelta

import pytest

from okrs import clock as okrs_clock
from okrs.objectives.models import CheckIn
from okrs.sources.actions import set_source
from okrs.worker.runner import run_once

from .conftest import http_source

pytestmark = pytest.mark.django_db(transaction=True)  # the worker recycles connections


@pytest.fixture
def warehouse(tmp_path, settings):
    """Return the name of a real SQLite warehouse with an orders table, named for sources."""
    path = tmp_path / "warehouse.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
        db.executemany("INSERT INTO orders (total) VALUES (?)", [(10,), (20,), (12.5,)])
    settings.SOURCE_DATABASES = f"warehouse=sqlite:///{path}"
    return "warehouse", path


def test_the_worker_pulls_http_and_sql_sources_on_their_schedules(
    answers, warehouse, growth, clock
):
    signatures, wait = growth.key_results.order_by("pk")
    http_source(signatures, answers.base + "/search/issues", schedule="hourly")
    name, path = warehouse
    set_source(
        wait,
        name="Orders",
        kind="sql",
        database=name,
        query="SELECT count(*) FROM orders",
        schedule="daily",
    )
    start = okrs_clock.now()

    def readings() -> tuple[int, int]:
        http = CheckIn.objects.filter(key_result=signatures, source="GitHub open bugs").count()
        return http, CheckIn.objects.filter(key_result=wait, source="Orders").count()

    clock.move_to(start, tick=False)
    assert "source-pulls" in run_once()
    assert readings() == (1, 1)
    clock.move_to(start + timedelta(minutes=30), tick=False)
    run_once()
    assert readings() == (1, 1)  # neither is due again yet
    clock.move_to(start + timedelta(hours=1, minutes=1), tick=False)
    run_once()
    assert readings() == (2, 1)  # the hourly one read again
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO orders (total) VALUES (5)")
    clock.move_to(start + timedelta(days=1, minutes=2), tick=False)
    run_once()
    assert readings() == (3, 2)
    assert CheckIn.objects.filter(key_result=wait, source="Orders").order_by("pk").last().value == 4
