"""Two `okrs worker` processes on one database: each scheduled job runs once per slot."""

import json
import subprocess

import pytest
from django.db import connection

from tests.test_serve import OKRS, environment, run

pytestmark = pytest.mark.server

REPORT = """
import json
from django_tasks_db.models import DBTaskResult
from okrs.worker.models import ScheduledJob
print(json.dumps({
    "runs": {job.name: job.runs for job in ScheduledJob.objects.all()},
    "outcomes": sorted({job.last_outcome for job in ScheduledJob.objects.all()}),
    "tasks": [[t.status, len(t.worker_ids)] for t in DBTaskResult.objects.all()],
}))
"""


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_started_together_run_each_job_once(tmp_path):
    env = environment(tmp_path)
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    run(["migrate", "--verbosity", "0"], env)
    workers = [
        subprocess.Popen(
            [*OKRS, "worker", "--once"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    started = [out.decode().removeprefix("Started: ").strip().rstrip(".") for out, _ in outputs]
    claims = [name for line in started for name in line.split(", ") if "nothing" not in line]
    report = json.loads(run(["shell", "--no-imports", "-c", REPORT], env))
    # The daily jobs have one slot today: one process claimed each, the other found it taken.
    for daily in ("trash-purge", "task-results-prune"):
        assert claims.count(daily) == 1, started
        assert report["runs"][daily] == 1
    # Every claim ran exactly once, by one worker, and succeeded.
    assert sum(report["runs"].values()) == len(claims)
    assert report["tasks"] == [["SUCCESSFUL", 1]] * len(claims)
    assert report["outcomes"] == ["succeeded"]
