"""Concurrent people through gunicorn: every check-in recorded, the latest one is current."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.trust.conftest import api, signed_in

PEOPLE = 50


def test_fifty_concurrent_check_ins_on_one_key_result_are_all_recorded(site):
    world = site.seed(people=PEOPLE)
    kr = world["key_results"][0]
    start = threading.Barrier(PEOPLE)

    def check_in(n: int) -> int:
        start.wait()
        answer = requests.post(
            f"{base}/api/v1/key-results/{kr}/check-ins",
            json={"value": 100 + n, "confidence": n % 11, "progress_note": f"check-in {n}"},
            headers=api(world["people"][n]),
            timeout=60,
        )
        return answer.status_code

    with site.serve(workers=4) as base, ThreadPoolExecutor(PEOPLE) as pool:
        statuses = list(pool.map(check_in, range(PEOPLE)))
    assert statuses == [201] * PEOPLE

    recorded = site.query(
        f"SELECT value, confidence FROM objectives_checkin WHERE key_result_id = {kr} "
        "ORDER BY checked_in_at DESC, id DESC"
    )
    assert sorted(float(v) for v, _ in recorded) == [100.0 + n for n in range(PEOPLE)]
    current, confidence = site.query(
        f"SELECT current, confidence FROM objectives_keyresult WHERE id = {kr}"
    )[0]
    assert (float(current), confidence) == (float(recorded[0][0]), recorded[0][1])


def test_a_team_of_fifty_reads_and_checks_in_at_once_without_errors(site):
    """The SQLite default (WAL, busy timeout, IMMEDIATE) serves 50 people without "locked"."""
    world = site.seed(people=PEOPLE, key_results=5)
    krs = world["key_results"]
    start = threading.Barrier(PEOPLE)

    def work(n: int) -> list[tuple[str, int, str]]:
        person = world["people"][n]
        rng = random.Random(n)
        session = signed_in(base, person, world["session_cookie"])
        start.wait()
        done = []
        for step in range(4):
            kr = rng.choice(krs)
            if step % 2:
                answer = session.post(
                    f"{base}/key-results/{kr}/check-in/",
                    data={"value": n * 10 + step, "confidence": 7, "progress_note": f"{n}/{step}"},
                    headers={"X-CSRFToken": session.cookies.get("csrftoken", "")},
                    allow_redirects=False,
                    timeout=60,
                )
            elif step == 2:
                answer = requests.post(
                    f"{base}/api/v1/key-results/{kr}/check-ins",
                    json={"value": n * 10 + step, "confidence": 6, "progress_note": f"{n}/{step}"},
                    headers=api(person),
                    timeout=60,
                )
            else:
                page = rng.choice(
                    ["/", "/tree/", f"/objectives/{world['objective']}/", "/dashboard/"]
                )
                answer = session.get(f"{base}{page}", timeout=60)
            done.append((answer.request.method, answer.status_code, answer.text[:300]))
        return done

    with site.serve(workers=3) as base, ThreadPoolExecutor(PEOPLE) as pool:
        results = [r for person in pool.map(work, range(PEOPLE)) for r in person]
    failures = [r for r in results if r[1] not in (200, 201, 302)]
    assert failures == []
    assert "database is locked" not in site.server_log
    assert "Traceback" not in site.server_log
    writes = sum(1 for method, _, _ in results if method == "POST")
    assert writes == PEOPLE * 3
    assert site.count("SELECT COUNT(*) FROM objectives_checkin") == writes
