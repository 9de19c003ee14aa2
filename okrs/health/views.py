"""The OKR health page and the anonymous F.A.C.T.S. pulse."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from okrs import clock
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.health.actions import AlreadyAnswered, answer_pulse, answered_team_ids
from okrs.health.forms import PulseForm
from okrs.health.permissions import answers_pulse, sees_health, visible_team_ids
from okrs.health.report import cycle_health
from okrs.health.targets import FACTS, MIN_PULSE_ANSWERS, next_period, pulse_period
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team

HEADLINES = ["coverage", "regularity", "stale", "confidence"]
BUILD = ["right_size", "alignment", "outcome", "activities", "hypotheses", "evaluation"]
TEAM_COLUMNS = [
    "right_size",
    "alignment",
    "outcome",
    "activities",
    "hypotheses",
    "moonshots",
    "coverage",
    "regularity",
    "stale",
    "evaluation",
]
TEAMS_PER_PAGE = 100


def confidence_points(weeks: list[dict], width: int = 560, height: int = 120) -> list[tuple]:
    """Return the SVG points of the weekly mean confidence (0-10, top is 10), left to right."""
    step = (width - 20) / max(1, len(weeks) - 1)
    return [
        (round(10 + i * step, 1), round(height - 10 - (w["confidence"] / 10) * (height - 20), 1))
        for i, w in enumerate(weeks)
    ]


@organization_required
def health(request):
    """Show how healthy the OKR practice is in a cycle, per team, and the pulse results."""
    person = request.user
    if not sees_health(person):
        raise PermissionDenied(
            "Stakeholders read the OKRs; the programme's health is for the teams."
        )
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    team_ids = visible_team_ids(person)
    context: dict[str, object] = {
        "cycles": cycles,
        "cycle": cycle,
        "every_team": team_ids is None,
        "facts": FACTS,
        "min_answers": MIN_PULSE_ANSWERS,
    }
    if cycle is not None:
        report = cycle_health(organization, cycle, cycles, clock.now(), team_ids)
        context |= {
            "report": report,
            "headlines": [report.measures[key] for key in HEADLINES],
            "build": [report.measures[key] for key in BUILD],
            "confidence_points": confidence_points(report.weeks),
        }
        page = Paginator(report.teams, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
        context["team_page"] = page
        context["team_rows"] = [
            (row, [row.measures[key] for key in TEAM_COLUMNS]) for row in page.object_list
        ]
        context["page_query"] = urlencode({"cycle": cycle.pk})
    return render(request, "health/health.html", context)


def _my_team(request, teams: list[Team]) -> Team:
    """Return the team named in the POST among the person's teams; 404 for any other."""
    wanted = request.POST.get("team", "")
    team = next((t for t in teams if str(t.pk) == wanted), None)
    if team is None:
        raise Http404("Not one of your teams.")
    return team


def _store(person, team: Team, form: PulseForm, period) -> bool:
    """Store a valid answer; return False when another tab already answered for the team."""
    try:
        answer_pulse(person, team, form.scores(), form.cleaned_data["comment"], period)
    except AlreadyAnswered:
        return False
    return True


@require_http_methods(["GET", "POST"])
@organization_required
def pulse(request):
    """Let team members answer the pulse for each of their teams, once a month, anonymously."""
    person = request.user
    if not answers_pulse(person):
        raise PermissionDenied("The pulse is answered by the members of each team.")
    period = pulse_period(clock.today())
    teams = list(Team.objects.of(request.organization).filter(memberships__person=person))
    answered = answered_team_ids(person, period)
    posted, form, stored = None, None, False
    if request.method == "POST":
        posted = _my_team(request, teams)
        form = PulseForm(request.POST, prefix=f"team-{posted.pk}")
        if posted.pk not in answered and form.is_valid():
            stored = _store(person, posted, form, period)
            answered.add(posted.pk)
        if posted.pk in answered and not request.htmx:
            if stored:
                messages.success(request, f"Thank you: your answer for {posted} is stored.")
            return redirect("health-pulse")
    items = [
        {
            "team": team,
            "answered": team.pk in answered,
            "just_answered": stored and team == posted,
            "form": form if team == posted else PulseForm(prefix=f"team-{team.pk}"),
        }
        for team in teams
    ]
    context = {
        "period": period,
        "next_period": next_period(period),
        "facts": FACTS,
        "min_answers": MIN_PULSE_ANSWERS,
    }
    if request.htmx and posted is not None:
        item = next(i for i in items if i["team"] == posted)
        return render(request, "health/_pulse_team.html", context | {"item": item})
    context["items"] = items
    return render(request, "health/pulse.html", context, status=422 if posted else 200)
