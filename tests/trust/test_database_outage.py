"""PostgreSQL stopped while the app serves: a clear 503, then service again without a restart."""

from pathlib import Path

import requests

from tests.trust.conftest import Site, api, signed_in

REQUESTS = 8  # more than the workers' threads together, so that every thread meets the outage


def workers_of(master: int) -> set[int]:
    """Return the process ids of a gunicorn master's workers."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


def answers(base: str, world: dict, page) -> list[requests.Response]:
    """Return the answers to a page, an API read and an API check-in, REQUESTS times each."""
    kr = world["key_results"][0]
    token = api(world["admin"])
    done = []
    for n in range(REQUESTS):
        done.append(page.get(f"{base}/", timeout=30))
        done.append(requests.get(f"{base}/api/v1/key-results/{kr}", headers=token, timeout=30))
        done.append(
            requests.post(
                f"{base}/api/v1/key-results/{kr}/check-ins",
                json={"value": 10 + n, "confidence": 6},
                headers=token,
                timeout=30,
            )
        )
    return done


def test_postgresql_restart_answers_503_then_recovers_without_restarting_okrs(
    postgres_server, tmp_path
):
    site = Site(tmp_path / "data", postgres_server.url)
    site.okrs("migrate", "--verbosity", "0")
    settings = site.okrs(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'])",
    )
    assert settings.split() == ["True", "60"]  # persistent connections, checked before reuse
    world = site.seed(people=1)

    with site.serve(workers=2, threads=2) as base:
        page = signed_in(base, world["admin"], world["session_cookie"])
        before = answers(base, world, page)
        assert [a.status_code for a in before] == [200, 200, 201] * REQUESTS
        workers = workers_of(site.server.pid)

        postgres_server.stop()
        down = answers(base, world, page)
        assert {a.status_code for a in down} == {503}
        for answer in down:
            assert answer.headers["Retry-After"] == "60"
            assert "Traceback" not in answer.text
        for answer in down[0::3]:
            assert answer.headers["Content-Type"].startswith("text/html")
            assert "okrs cannot reach its database; try again in a minute." in answer.text
            assert 'href="/static/okrs/app.css"' in answer.text
        for answer in down[1::3] + down[2::3]:
            assert answer.json() == {
                "detail": "okrs cannot reach its database; try again in a minute.",
                "errors": [],
            }

        postgres_server.start()
        after = answers(base, world, page)
        assert [a.status_code for a in after] == [200, 200, 201] * REQUESTS
        assert workers_of(site.server.pid) == workers
    assert site.count("SELECT COUNT(*) FROM objectives_checkin") == 2 * REQUESTS
