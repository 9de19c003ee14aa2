"""The other pages a large organisation opens: timed and counted, each bounded, no target set."""

from bench.organisation import Organisation
from bench.reads import Scene, measure, signed_in


def urls(organisation: Organisation, found: Scene) -> dict[str, str]:
    """Return each page's URL in the organisation's current (or last closed) cycle."""
    from okrs.cadence.models import CadenceEvent
    from okrs.cycles.models import Cycle

    cycle = found.cycle_id
    pages = {
        "alignment map": f"/map/?cycle={cycle}",
        "alignment map, one team": f"/map/?cycle={cycle}&team={found.team_slug}",
        "quality": f"/quality/?cycle={cycle}",
        "quality, one team": f"/quality/?cycle={cycle}&team={found.team_slug}",
        "health": f"/health/?cycle={cycle}",
        "due check-ins": "/reminders/",
        "evaluation": f"/evaluation/{cycle}/",
        "closing the cycle": f"/evaluation/{cycle}/close/",
        "review form": "/evaluation/reviews/new/",
    }
    event = (
        CadenceEvent.objects.filter(organization_id=found.organization_id, cycle_id=cycle)
        .filter(kind="check-in", team__isnull=True)
        .order_by("starts_at")
        .last()
    )
    if event is not None:
        pages["check-in event"] = f"/cadence/events/{event.pk}/"
    closed = (
        Cycle.objects.filter(organization_id=found.organization_id, state=Cycle.State.CLOSED)
        .order_by("-end")
        .first()
    )
    if closed is not None:
        pages["calibration"] = f"/evaluation/calibration/?cycle={closed.pk}"
    return pages


def run(organisation: Organisation, found: Scene, runs: int) -> dict[str, dict]:
    """Time every page and return its row: median, p95, CPU, queries and size."""
    client = signed_in(organisation)
    results = {}
    for name, url in urls(organisation, found).items():
        print(f"   {name}: {url}", flush=True)
        row = measure(client, url, {}, runs)
        del row["sql"]
        results[name] = row
    return results
