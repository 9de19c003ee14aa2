"""OKR Evaluation pages: every team's shared scores side by side, a team's own, and the close."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from okrs import clock
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.cycle_end import days_left, is_early_close, is_early_share, last_week_starts
from okrs.evaluation import actions, scale
from okrs.evaluation.completion import evaluation_completion, teams_of
from okrs.evaluation.forms import EvaluationForm, add_action_error
from okrs.evaluation.hypotheses import latest_verdicts
from okrs.evaluation.permissions import (
    can_close_cycle,
    can_write_evaluation,
    member_team_ids,
)
from okrs.evaluation.scoring import TeamEvaluation, closing_preview, team_evaluations
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team

SHARED_PER_PAGE = 25  # teams' shared evaluations shown in full at once


def _scored_rows(entry: TeamEvaluation, score_scale: str) -> list[tuple]:
    """Return (card, score label, [(key result card, score label, re-plan)]) of the team."""
    return [
        (
            card,
            scale.label(entry.score_of(card.objective.pk), score_scale),
            [
                (
                    k,
                    scale.label(entry.score_of(card.objective.pk, k.key_result.pk), score_scale),
                    entry.replan_of(k.key_result.pk),
                )
                for k in card.key_results
            ],
        )
        for card in entry.cards
    ]


def _cycle_page(request, cycle: Cycle | None, cycles: list[Cycle]):
    """Render the evaluation of the cycle: shared evaluations in full, the others only named."""
    organization = request.organization
    context: dict[str, object] = {"cycles": cycles, "cycle": cycle}
    if cycle is None:
        return render(request, "evaluation/cycle.html", context)
    completion = evaluation_completion([cycle])[cycle.pk]
    teams = teams_of(completion)
    sharing = [t for t in teams if completion.has_shared(t.pk)]
    page = Paginator(sharing, SHARED_PER_PAGE).get_page(request.GET.get("page"))
    entries = team_evaluations(cycle, teams, {t.pk for t in page.object_list})
    mine = member_team_ids(request.user)
    shared, pending = [], []
    for team in teams:
        entry = entries[team.pk]
        if completion.has_shared(team.pk):
            # Only shared evaluations reach the template: drafts stay with their team.
            if team in page.object_list:
                rows = _scored_rows(entry, organization.score_scale)
                shared.append({"entry": entry, "rows": rows})
        else:
            own = can_write_evaluation(request.user, team, mine)
            # Only the team's own members learn whether it keeps a draft.
            pending.append(
                {"team": team, "mine": own, "started": own and entry.evaluation is not None}
            )
    context |= {
        "completion": completion,
        "shared": shared,
        "page": page,
        "page_query": urlencode({"cycle": cycle.pk}),
        "pending": pending,
        "can_close": can_close_cycle(request.user) and cycle.state != Cycle.State.CLOSED,
    }
    return render(request, "evaluation/cycle.html", context)


@organization_required
def evaluation_index(request):
    """Show the evaluation of the cycle named by ?cycle=, else the current one."""
    cycles = list(Cycle.objects.of(request.organization))
    return _cycle_page(request, chosen_cycle(request, cycles), cycles)


@organization_required
def cycle_evaluation(request, cycle_id):
    """Show every team's shared scores and learnings of the cycle side by side."""
    cycles = list(Cycle.objects.of(request.organization))
    cycle = next((c for c in cycles if c.pk == cycle_id), None)
    if cycle is None:
        raise Http404("No such cycle.")
    return _cycle_page(request, cycle, cycles)


def _save(request, form: EvaluationForm, team: Team, cycle: Cycle) -> bool:
    """Save the draft and, when asked, share it; return whether it worked."""
    try:
        with transaction.atomic():
            evaluation = actions.save_evaluation(team, cycle, form.scores(), **form.reflection())
            if form.sharing:
                actions.share_evaluation(
                    evaluation, by=request.user, confirmed_early=_confirmed(request)
                )
    except ValidationError as error:
        add_action_error(form, error)
        return False
    return True


def _confirmed(request) -> bool:
    """Return whether the person confirmed doing early what the cycle's end is for."""
    return request.POST.get("confirm") == "yes"


def _confirm_share(request, form: EvaluationForm, team: Team, cycle: Cycle):
    """Ask before sharing early: say what sharing does, keep what was typed, change nothing."""
    kept = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "share", "save", "confirm")
        for value in values
    ]
    scored = len(form.scores())
    context = {
        "cycle": cycle,
        "team": team,
        "kept": kept,
        "warning": actions.early_share_warning(cycle),
        "days_left": days_left(cycle.end, clock.today()),
        "last_week": last_week_starts(cycle.end),
        "objectives": len(form.entry.cards),
        "key_results": sum(len(card.key_results) for card in form.entry.cards),
        "scored": scored,
    }
    return render(request, "evaluation/confirm_share.html", context)


def _tested(entry, team: Team, cycle: Cycle) -> list[tuple]:
    """Return each scored objective with its hypothesis and the verdict of its latest review."""
    verdicts = latest_verdicts(team, cycle)
    return [
        (card.objective, verdicts.get(card.objective.pk))
        for card in entry.cards
        if card.objective.hypothesis or card.objective.pk in verdicts
    ]


@organization_required
def team_evaluation(request, cycle_id, slug):
    """Let the team score and reflect in private, then share; others see it once shared."""
    organization = request.organization
    cycle = get_object_or_404(Cycle.objects.of(organization), pk=cycle_id)
    team = get_object_or_404(Team.objects.of(organization), slug=slug)
    entry = team_evaluations(cycle, [team])[team.pk]
    evaluation = entry.evaluation
    shared = evaluation is not None and evaluation.is_shared()
    writer = can_write_evaluation(request.user, team)
    context = {"cycle": cycle, "team": team, "evaluation": evaluation, "shared": shared}
    if not shared and not writer:
        return render(request, "evaluation/private.html", context, status=403)
    editable = writer and not shared and cycle.state != Cycle.State.CLOSED and bool(entry.cards)
    if request.method == "POST" and not editable:
        raise PermissionDenied("This evaluation can no longer be changed.")
    form = None
    if editable:
        posted = request.POST if request.method == "POST" else None
        form = EvaluationForm(
            posted,
            entry=entry,
            score_scale=organization.score_scale,
            sharing=bool(posted and "share" in posted),
        )
        if posted is not None and form.is_valid():
            early = is_early_share(cycle.end, clock.today())
            if form.sharing and early and not _confirmed(request):
                return _confirm_share(request, form, team, cycle)
            if _save(request, form, team, cycle):
                done = (
                    "Shared the evaluation with the organisation."
                    if form.sharing
                    else "Saved the draft. Only your team sees it until you share it."
                )
                messages.success(request, done)
                return redirect("evaluation:team", cycle.pk, team.slug)
    context |= {
        "form": form,
        "early_share": is_early_share(cycle.end, clock.today()),
        "last_week": last_week_starts(cycle.end),
        "rows": _scored_rows(entry, organization.score_scale),
        "scale_top": scale.top(organization.score_scale),
        "tested": _tested(entry, team, cycle),
    }
    status = 422 if form is not None and form.is_bound else 200
    return render(request, "evaluation/team.html", context, status=status)


@organization_required
def close_cycle(request, cycle_id):
    """Show what closing the cycle does, warn about unshared evaluations, and close it."""
    if not can_close_cycle(request.user):
        raise PermissionDenied("Only admins and OKR leaders close a cycle.")
    cycle = get_object_or_404(Cycle.objects.of(request.organization), pk=cycle_id)
    early = is_early_close(cycle.end, clock.today())
    refused = ""
    if request.method == "POST":
        if early and not _confirmed(request):
            refused = "Tick the box to confirm closing early; nothing was closed."
        else:
            try:
                closing = actions.close_cycle(cycle, confirmed_early=early)
            except ValidationError as error:
                messages.error(request, "; ".join(error.messages))
            else:
                messages.success(
                    request,
                    f"Closed {cycle}: objectives achieved {closing.achieved}, "
                    f"closed {closing.closed}; {closing.graded} scores computed from progress.",
                )
            return redirect("evaluation:cycle", cycle.pk)
    context = {"cycle": cycle, "closed": cycle.state == Cycle.State.CLOSED}
    if not context["closed"]:
        context |= {
            "unshared": teams_of(evaluation_completion([cycle])[cycle.pk], shared=False),
            "preview": closing_preview(cycle),
            "early": early,
            "warning": actions.early_close_warning(cycle) if early else "",
            "days_left": days_left(cycle.end, clock.today()),
            "refused": refused,
        }
    return render(request, "evaluation/close.html", context, status=422 if refused else 200)
