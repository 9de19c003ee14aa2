"""Pages of the check-in due lists and of the reminder settings."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from okrs import clock
from okrs.cadence.attention import radar
from okrs.cadence.queries import Cadences
from okrs.objectives.models import KeyResult
from okrs.objectives.scorecards import KeyResultCard, scorecards
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Role, Team
from okrs.organizations.permissions import writable_team_ids
from okrs.reminders.actions import update_reminder_settings
from okrs.reminders.due import (
    add_people,
    by_team,
    check_in_window,
    due_counts,
    due_key_results,
)
from okrs.reminders.forms import ReminderSettingsForm
from okrs.reminders.models import ReminderLog, settings_of

RECENT_REMINDERS = 20


def admin_required(view):
    """Require an admin of the organisation."""

    @organization_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.ADMIN:
            raise PermissionDenied("Only the organisation's admins change reminder settings.")
        return view(request, *args, **kwargs)

    return wrapper


def key_result_cards(key_results: list[KeyResult], organization) -> dict[int, KeyResultCard]:
    """Return the scorecard of each key result (objectives and cycles loaded), without queries."""
    objectives = {kr.objective_id: kr.objective for kr in key_results}
    cards = scorecards(
        list(objectives.values()), key_results, organization.score_scale, clock.today()
    )
    return {kr.key_result.pk: kr for card in cards.values() for kr in card.key_results}


@organization_required
def my_due(request):
    """Show my key results due a check-in, by team, each with the one-line check-in form."""
    organization, person = request.organization, request.user
    cadences = Cadences.load(organization)
    now = clock.now()
    in_a_team = Membership.objects.filter(person=person).exists()
    found = radar(organization, now=now, cadences=cadences)
    mine = []
    if not person.is_read_only():
        mine = due_key_results(organization, now, cadences=cadences, person=person, found=found)
    cards = key_result_cards([item.key_result for item in mine], organization)
    groups = []
    for team, items in by_team(mine):
        objectives: dict[int, dict] = {}
        for item in items:
            group = objectives.setdefault(item.objective.pk, {"objective": item.objective})
            group.setdefault("cards", []).append(cards[item.key_result.pk])
        groups.append({"team": team, "window": items[0].window, "objectives": objectives.values()})
    context = {
        "groups": groups,
        "due_count": len(mine),
        "teams": due_counts(organization, now, cadences, found),
        "in_a_team": in_a_team,
        "window": check_in_window(None, organization, cadences),
    }
    return render(request, "reminders/my_due.html", context)


@organization_required
def team_due(request, slug):
    """Show a team's key results due a check-in: who is responsible and how long since."""
    organization = request.organization
    team = get_object_or_404(Team.objects.of(organization), slug=slug)
    cadences = Cadences.load(organization)
    due = due_key_results(organization, clock.now(), team=team, cadences=cadences)
    due = add_people(organization, due)
    writable = writable_team_ids(request.user)
    context = {
        "team": team,
        "due": due,
        "window": check_in_window(team, organization, cadences),
        "can_write": writable is None or team.pk in writable,
    }
    return render(request, "reminders/team_due.html", context)


@admin_required
def reminder_settings(request):
    """Let an admin switch reminders on or off and set the chat webhook."""
    organization = request.organization
    stored = settings_of(organization)
    form = ReminderSettingsForm(request.POST if request.method == "POST" else None, instance=stored)
    if request.method == "POST" and form.is_valid():
        try:
            update_reminder_settings(
                organization, form.cleaned_data["enabled"], form.cleaned_data["chat_webhook_url"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved the reminder settings.")
            return redirect("reminders-settings")
    recent = ReminderLog.objects.of(organization).select_related("person", "team")
    context = {"form": form, "stored": stored, "recent": list(recent[:RECENT_REMINDERS])}
    status = 422 if form.errors else 200
    return render(request, "reminders/settings.html", context, status=status)
