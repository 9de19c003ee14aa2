"""Reminders from the worker: each team is reminded at its check-in day and time."""

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from okrs.cadence.queries import Cadences
from okrs.domain.cadence import CadenceError
from okrs.domain.schedule import latest_weekly_moment
from okrs.organizations.models import Organization, Team
from okrs.reminders.models import settings_of
from okrs.reminders.plan import ReminderPlan, plan_reminders
from okrs.reminders.send import send_plan

logger = logging.getLogger(__name__)
# A worker that was down at a team's check-in time still reminds it within this long after.
CATCH_UP = timedelta(days=1)


def at_check_in_time(cadences: Cadences, team_id: int | None, now: datetime) -> bool:
    """Return whether the team's check-in day and time (in its time zone) came within CATCH_UP."""
    cadence = cadences.for_team(team_id)
    local = now.astimezone(cadence.zone())
    moment = latest_weekly_moment(local, cadence.check_in_weekday, cadence.check_in_time)
    return local - moment < CATCH_UP


def teams_at_check_in_time(organization: Organization, cadences: Cadences, now: datetime) -> set:
    """Return the ids of the teams at their check-in time; None stands for individual objectives."""
    team_ids: list[int | None] = [None]
    team_ids += Team.objects.filter(organization=organization).values_list("pk", flat=True)
    return {team_id for team_id in team_ids if at_check_in_time(cadences, team_id, now)}


def only_teams(plan: ReminderPlan, team_ids: set) -> ReminderPlan:
    """Return the plan without the key results of teams not in the set."""

    def kept(items):
        return [item for item in items if (item.team.pk if item.team else None) in team_ids]

    emails = [replace(email, items=kept(email.items)) for email in plan.emails]
    chats = [chat for chat in plan.chats if chat.team.pk in team_ids]
    return replace(plan, emails=[email for email in emails if email.items], chats=chats)


def remind_due(now: datetime) -> dict[str, int]:
    """Send the reminders of every team whose check-in time has come; return what went out."""
    counts = {"e-mails": 0, "chat messages": 0, "failures": 0}
    for organization in Organization.objects.order_by("name"):
        stored = settings_of(organization)
        if not stored.enabled:
            continue
        cadences = Cadences.load(organization)
        try:
            due_teams = teams_at_check_in_time(organization, cadences, now)
        except CadenceError as error:
            logger.warning("No reminders for %s: %s", organization.slug, error)
            continue
        if not due_teams:
            continue
        plan = only_teams(plan_reminders(organization, now, stored.chat_webhook_url), due_teams)
        if plan.is_empty():
            continue
        result = send_plan(plan)
        for failure in result.failures:
            logger.warning("%s: %s", organization.name, failure)
        counts["e-mails"] += result.emails
        counts["chat messages"] += result.chats
        counts["failures"] += len(result.failures)
    return counts
