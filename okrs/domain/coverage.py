"""Check-in coverage and quiet teams, folded from the objectives' own check-in figures."""

from datetime import datetime
from typing import Any

# A row of per-objective check-in figures, as the objectives app reads them.
Row = dict[str, Any]

ACTIVE = "active"


def check_in_coverage(rows: list[Row]) -> tuple[int, int]:
    """Return how many key results of active objectives are fresh, of how many."""
    active = [row for row in rows if row["state"] == ACTIVE]
    return sum(row["fresh"] for row in active), sum(row["key_results"] for row in active)


def quiet_teams(rows: list[Row], since: datetime) -> list[Row]:
    """Return the teams with active objectives and no check-in since the moment, by name."""
    teams: dict[str, Row] = {}
    for row in rows:
        if row["state"] != ACTIVE or row["team__slug"] is None:
            continue
        team = teams.setdefault(
            row["team__slug"], {"name": row["team__name"], "slug": row["team__slug"], "last": None}
        )
        last = row["last_check_in"]
        if last is not None and (team["last"] is None or last > team["last"]):
            team["last"] = last
    quiet = [t for t in teams.values() if t["last"] is None or t["last"] < since]
    return sorted(quiet, key=lambda team: (team["name"], team["slug"]))
