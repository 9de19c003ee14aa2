"""A full disk on SQLite: check-ins refused with the clear 503, earlier ones intact, pages served.

SQLite's `max_page_count` caps the database file the way a full disk does: the next write that
needs a new page fails with SQLITE_FULL ("database or disk is full"), as on a real full disk.
"""

from contextlib import contextmanager

import pytest
from django.db import connection

from okrs.api.actions import create_token
from okrs.objectives.models import CheckIn
from okrs.unavailable import READ_ONLY

NOTE = "Signatures keep coming in from the new neighbourhoods. " * 20


@contextmanager
def capped_database():
    """Cap the database a few pages above its current size, as a disk about to fill up."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages + 2}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 4294967294")


@pytest.mark.django_db(transaction=True)
def test_a_full_disk_refuses_check_ins_clearly_and_keeps_what_was_saved(world, client):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only; the read-only data directory test runs on both passes")
    objective = world.objective()
    kr = objective.key_results.first()
    token = create_token(world.alice, "tests")[1]
    headers = {"Authorization": f"Bearer {token}"}
    client.force_login(world.alice)
    client.get("/")  # the session is saved before the disk fills

    saved, refused = 0, None
    with capped_database():
        for n in range(400):
            answer = client.post(
                f"/api/v1/key-results/{kr.pk}/check-ins",
                {"value": 20000 + n, "confidence": 7, "progress_note": NOTE},
                content_type="application/json",
                headers=headers,
            )
            if answer.status_code != 201:
                refused = answer
                break
            saved += 1
        assert refused is not None, "the capped database never filled up"
        assert refused.status_code == 503
        assert refused.json() == {"detail": READ_ONLY, "errors": []}
        page = client.post(
            f"/key-results/{kr.pk}/check-in/",
            {"value": 30000, "confidence": 7, "progress_note": NOTE},
        )
        assert page.status_code == 503
        assert "read-only or the disk is full" in page.content.decode()
        assert client.get(f"/objectives/{objective.pk}/").status_code == 200
    assert CheckIn.objects.filter(key_result=kr).count() == saved
