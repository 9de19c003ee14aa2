"""Shared objectives: the teams contributing to an objective, set from the drafting form."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.objectives.actions import add_contributor, record_on_objective
from okrs.objectives.models import Contribution, Objective
from okrs.organizations.models import Person, Team


def _names(teams) -> str:
    return ", ".join(sorted(team.name for team in teams))


@transaction.atomic
def set_contributors(objective: Objective, teams: Sequence[Team], by: Person | None = None) -> None:
    """Make exactly these teams share the objective; the change goes into its history."""
    wanted = {team.pk: team for team in teams}
    if objective.team_id in wanted:
        raise ValidationError(
            {"contributing_teams": f"{objective.team} owns this objective: it cannot share it too."}
        )
    current = {
        link.team_id: link
        for link in Contribution.objects.filter(objective=objective).select_related("team")
    }
    added = [team for pk, team in wanted.items() if pk not in current]
    removed = [link for pk, link in current.items() if pk not in wanted]
    for team in added:
        add_contributor(objective, team)
    for link in removed:
        link.delete()
    said = []
    if added:
        said.append(f"shared it with {_names(added)}")
    if removed:
        said.append(f"no longer shared it with {_names(link.team for link in removed)}")
    if said:
        record_on_objective(objective, by, "; ".join(said))
