"""One benchmark database measured end to end, in its own process (Django is set up per database).

Run by bench/run.py as `python -m bench.suite PLAN.json`; writes the results to the plan's `out`.
"""

import json
import os
import signal
import sys
from pathlib import Path


def analyze() -> None:
    """Vacuum and analyse the bulk-loaded tables, as autovacuum would in time on a live server.

    Without statistics a count of check-ins after `okrs generate` picks a nested loop and runs
    minutes; without the visibility map the planner prices index scans of fresh rows too high.
    """
    from django.db import connection

    print("   VACUUM (ANALYZE)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def main(plan_path: str) -> int:
    """Measure the reads, their floors, memory, check-in load and exchange; write JSON."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    plan = json.loads(Path(plan_path).read_text())
    os.environ.update(plan["database"]["env"])
    os.environ["OKRS_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okrs.settings")
    import django

    django.setup()
    from bench import exchange, floors, load, pages, profiles, reads, report, server
    from bench.database import Database
    from bench.organisation import Organisation

    database = Database(**plan["database"] | {"home": Path(plan["database"]["home"])})
    organisation = Organisation(**plan["organisation"])
    folder = Path(plan["folder"])
    runs, only = plan["runs"], set(plan["parts"])
    if database.vendor == "postgresql":
        analyze()
    found = reads.scene(organisation)
    results: dict = {"scene": {k: v for k, v in vars(found).items() if k != "token"}}
    print(
        f"   {found.teams} teams, {found.people} people, {found.check_ins} check-ins; the tree "
        f"holds {found.objectives} objectives and {found.key_results} key results",
        flush=True,
    )
    if "reads" in only:
        results["reads"] = reads.run(organisation, found, runs)
        results["floors"] = floors.run(found, runs)
        results["dashboard_grouping"] = floors.grouped_in_database(
            results["reads"]["dashboard"]["sql"]
        )
        results["pages"] = pages.run(organisation, found, max(3, runs // 4))
        missed = report.misses(results)
        if plan["profile"] and missed:
            results["profiles"] = profiles.run(organisation, found, missed, plan["profile"])
    if only & {"memory", "load"}:
        with server.serving(plan["workers"], folder / "gunicorn.log") as running:
            if "memory" in only:
                print("   worker memory while serving the tree", flush=True)
                client = reads.signed_in(organisation)
                cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
                bearer = {"Authorization": f"Bearer {found.token}"}
                results["memory"] = server.peak_memory(
                    running,
                    [
                        (f"/api/v1/cycles/{found.cycle_id}/tree", bearer),
                        (f"/tree/?cycle={found.cycle_id}", cookie),
                    ],
                )
            if "load" in only:
                home = database.home if database.vendor == "postgresql" else None
                results["load"] = load.run(
                    running, organisation, found, folder, plan["profile"], home
                )
    if "exchange" in only:
        results["exchange"] = exchange.run(database, organisation, found.all_key_results, folder)
    Path(plan["out"]).write_text(json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1]))
