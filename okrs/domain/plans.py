"""A key result's plan over its cycle: the straight line from start to target, and its re-plans.

Once a cycle has started, the plan a team committed to is its baseline. Changing a published key
result's start or target after that is a re-plan: it needs a reason, and the earlier plan is kept,
so the chart can show where the line moved and the evaluation the original beside the new target.
"""

from dataclasses import dataclass
from datetime import date

PLAN_FIELDS = ("start", "target")


@dataclass(frozen=True)
class PlanVersion:
    """A plan from start to target over the whole cycle, in force from a day on."""

    since: date
    start: float
    target: float
    note: str = ""


def is_replan(cycle_start: date, on: date, published: bool, changed: set[str]) -> bool:
    """Return whether changing these fields on that day re-plans a committed key result.

    A draft is not committed yet, and before its cycle starts a plan is still being made.
    """
    return published and on >= cycle_start and bool(changed & set(PLAN_FIELDS))


def plan_value(cycle_start: date, cycle_end: date, version: PlanVersion, day: date) -> float:
    """Return where the version's straight line from start to target stands on the day."""
    days = max(1, (cycle_end - cycle_start).days)
    share = min(1.0, max(0.0, (day - cycle_start).days / days))
    return version.start + (version.target - version.start) * share


def in_force(versions: list[PlanVersion], day: date) -> PlanVersion:
    """Return the version in force on the day: the latest set on or before it, else the first."""
    ordered = sorted(versions, key=lambda v: v.since)
    found = ordered[0]
    for version in ordered:
        if version.since <= day:
            found = version
    return found
