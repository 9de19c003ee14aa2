"""The demo's action plans: the work two teams chose to move their current key results."""

from dataclasses import dataclass
from datetime import date, timedelta

from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import Objective
from okrs.organizations.models import Person


@dataclass(frozen=True)
class InitiativeSpec:
    """An initiative under the key result at `position` of a team's current objective."""

    position: int
    title: str
    status: str = "planned"
    due_in_days: int | None = None  # from the demo's today; None: no due date
    link: str = ""


ACTION_PLANS = {
    "Clean Water Field Team": (
        InitiativeSpec(0, "Hand out chlorine dispensers at the 12 busiest water points", "done"),
        InitiativeSpec(0, "Run hygiene clubs in the four schools on the eastern road", "doing", 21),
        InitiativeSpec(
            0, "Train community health volunteers in safe storage at home", "planned", 45
        ),
        InitiativeSpec(1, "Order the replacement pumps before the dry season", "doing", 10),
        InitiativeSpec(1, "Give every caretaker a spare-parts kit", "dropped"),
    ),
    "Campaigns": (
        InitiativeSpec(
            0,
            "Sign-up desk at the three regional water festivals",
            "doing",
            14,
            "https://example.com/campaigns/festivals",
        ),
        InitiativeSpec(0, "Referral card in every petition thank-you e-mail", "done"),
        InitiativeSpec(1, "Test shorter subject lines on half of each send", "planned", 30),
    ),
}


def add_action_plans(
    objectives: dict[str, Objective], authors: dict[str, list[Person]], today: date
) -> None:
    """Add each team's initiatives to its current objective's key results; owners take turns."""
    for team, plan in ACTION_PLANS.items():
        objective = objectives.get(team)
        if objective is None:
            continue
        key_results = list(objective.key_results.select_related("objective__cycle"))
        people: list[Person | None] = [*authors.get(team, [])] or [None]
        for n, spec in enumerate(plan):
            if spec.position >= len(key_results):
                continue
            due = today + timedelta(days=spec.due_in_days) if spec.due_in_days else None
            add_initiative(
                key_results[spec.position],
                spec.title,
                owner=people[n % len(people)],
                status=spec.status,
                due=due,
                link=spec.link,
            )
