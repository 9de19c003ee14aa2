"""OKR Review pages: reviews by cycle and team, holding one, and the review with its decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.cycles.chosen import chosen_cycle, current_cycle_of
from okrs.cycles.models import Cycle
from okrs.evaluation import actions
from okrs.evaluation.forms import (
    DecisionForm,
    NotesForm,
    ReviewForm,
    VerdictForm,
    add_action_error,
)
from okrs.evaluation.hypotheses import record_verdict
from okrs.evaluation.models import Review
from okrs.evaluation.permissions import can_write_review, review_team_ids
from okrs.evaluation.review_board import review_board, review_objectives
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.access import organization_required
from okrs.organizations.models import Role, Team


def _chosen_team(request, teams: list[Team]) -> Team | None:
    """Return the team named by ?team=, None when none is named; 404 for an unknown one."""
    wanted = request.GET.get("team", "")
    if not wanted:
        return None
    for team in teams:
        if team.slug == wanted:
            return team
    raise Http404("No such team.")


@organization_required
def review_list(request):
    """List the reviews of a cycle, for one team or all, with a way to hold a new one."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    teams = list(Team.objects.of(organization))
    team = _chosen_team(request, teams)
    reviews = []
    if cycle is not None:
        found = (
            Review.objects.of(organization)
            .filter(cycle=cycle)
            .select_related("team", "facilitator")
            .annotate(
                decision_count=Count("decisions", distinct=True),
                invited_count=Count("invited", distinct=True),
            )
        )
        reviews = list(found.filter(team=team) if team else found)
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "teams": teams,
        "team": team,
        "reviews": reviews,
        "can_hold": review_team_ids(request.user) != set()
        and cycle is not None
        and cycle.state != Cycle.State.CLOSED,
    }
    return render(request, "evaluation/reviews.html", context)


def _initial(request, organization) -> dict:
    """Return the new review's starting values from ?team= and ?cycle=, today and the person."""
    initial: dict[str, object] = {"held_on": clock.today()}
    cycles = list(Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED))
    wanted = request.GET.get("cycle", "")
    initial["cycle"] = next((c for c in cycles if str(c.pk) == wanted), None) or current_cycle_of(
        cycles
    )
    team = Team.objects.of(organization).filter(slug=request.GET.get("team", "")).first()
    if team is not None:
        initial["team"] = team
    if request.user.role != Role.STAKEHOLDER:
        initial["facilitator"] = request.user
    return initial


@organization_required
def review_new(request):
    """Hold a review for a team the person may review."""
    organization = request.organization
    team_ids = review_team_ids(request.user)
    if team_ids == set():
        raise PermissionDenied("Only a team's members, OKR practitioners and leaders hold reviews.")
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        organization=organization,
        team_ids=team_ids,
        person=request.user,
        initial=_initial(request, organization),
    )
    if form.is_valid():
        try:
            review = actions.create_review(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, f"Started the review of {review.team} on {review.held_on}.")
            return redirect("evaluation:review", review.pk)
    status = 422 if form.is_bound else 200
    return render(request, "evaluation/review_form.html", {"form": form}, status=status)


def _load_review(request, pk) -> Review:
    return get_object_or_404(
        Review.objects.of(request.organization).select_related("team", "cycle", "facilitator"),
        pk=pk,
    )


def _attach_forms(blocks, bound=None, saved: str = "") -> None:
    """Give each objective its verdict and decision forms, each key result its decision form.

    A bound form with errors is kept; the one just saved says so.
    """

    def form_for(prefix, decision):
        if bound is not None and bound.prefix == prefix:
            return bound
        initial = {"choice": decision.choice, "note": decision.note} if decision else {}
        form = DecisionForm(prefix=prefix, initial=initial)
        form.just_saved = prefix == saved
        return form

    def verdict_form_for(block):
        prefix = f"h{block.objective.pk}"
        if bound is not None and bound.prefix == prefix:
            return bound
        verdict = block.verdict
        initial = {"verdict": verdict.verdict, "note": verdict.note} if verdict else {}
        form = VerdictForm(prefix=prefix, initial=initial)
        form.just_saved = prefix == saved
        return form

    for block in blocks:
        block.form = form_for(f"o{block.objective.pk}", block.decision)
        block.verdict_form = verdict_form_for(block)
        for line in block.lines:
            line.form = form_for(f"kr{line.key_result.pk}", line.decision)


def _writable(request, review: Review) -> bool:
    return review.cycle.state != Cycle.State.CLOSED and can_write_review(request.user, review)


def _page_with_errors(request, review: Review, bound):
    """Render the whole review again with the bound form and its errors (no htmx)."""
    blocks = review_board(review, list(review_objectives(review)))
    _attach_forms(blocks, bound)
    context = {
        "review": review,
        "blocks": blocks,
        "can_write": True,
        "invited": list(review.invited.all()),
        "notes_form": NotesForm(initial={"notes": review.notes}),
    }
    return render(request, "evaluation/review.html", context, status=422)


@organization_required
def review_detail(request, pk):
    """Show the review: expected against actual progress, confidence and its trend, decisions."""
    review = _load_review(request, pk)
    blocks = review_board(review, list(review_objectives(review)))
    can_write = _writable(request, review)
    if can_write:
        _attach_forms(blocks)
    context = {
        "review": review,
        "blocks": blocks,
        "can_write": can_write,
        "invited": list(review.invited.all()),
        "notes_form": NotesForm(initial={"notes": review.notes}),
    }
    return render(request, "evaluation/review.html", context)


@require_POST
@organization_required
def review_notes(request, pk):
    """Save the review's discussion notes (inline with htmx)."""
    review = _load_review(request, pk)
    if not _writable(request, review):
        raise PermissionDenied("Only the team, its facilitator and OKR leaders write the review.")
    form = NotesForm(request.POST)
    if form.is_valid():
        actions.update_review_notes(review, form.cleaned_data["notes"])
    if request.htmx:
        context = {"review": review, "notes_form": form, "can_write": True, "just_saved": True}
        return render(request, "evaluation/_notes.html", context)
    messages.success(request, "Saved the discussion notes.")
    return redirect("evaluation:review", review.pk)


@require_POST
@organization_required
def review_decide(request, pk, objective_id=None, key_result_id=None):
    """Record the decision on one objective or key result of the review."""
    organization = request.organization
    review = _load_review(request, pk)
    key_result = None
    if key_result_id is not None:
        key_result = get_object_or_404(KeyResult.objects.of(organization), pk=key_result_id)
        objective_id = key_result.objective_id
    objective = get_object_or_404(review_objectives(review), pk=objective_id)
    if not _writable(request, review):
        raise PermissionDenied("Only the team, its facilitator and OKR leaders decide.")
    prefix = f"kr{key_result.pk}" if key_result else f"o{objective.pk}"
    form = DecisionForm(request.POST, prefix=prefix)
    saved = False
    if form.is_valid():
        try:
            actions.decide(
                review, objective, key_result=key_result, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            saved = True
    if request.htmx:
        objective = Objective.objects.select_related("team").get(pk=objective.pk)
        [block] = review_board(review, [objective])
        _attach_forms([block], None if saved else form, prefix if saved else "")
        context = {"review": review, "block": block, "can_write": True}
        return render(request, "evaluation/_review_objective.html", context)
    if saved:
        messages.success(request, f"Recorded the decision on “{key_result or objective}”.")
        return redirect(
            reverse("evaluation:review", args=[review.pk]) + f"#objective-{objective.pk}"
        )
    return _page_with_errors(request, review, form)


@require_POST
@organization_required
def review_verdict(request, pk, objective_id):
    """Record whether the objective's hypothesis held at this review, with what the team saw."""
    review = _load_review(request, pk)
    objective = get_object_or_404(review_objectives(review), pk=objective_id)
    if not _writable(request, review):
        raise PermissionDenied("Only the team, its facilitator and OKR leaders test hypotheses.")
    prefix = f"h{objective.pk}"
    form = VerdictForm(request.POST, prefix=prefix)
    saved = False
    if form.is_valid():
        try:
            record_verdict(review, objective, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            saved = True
    if request.htmx:
        [block] = review_board(review, [objective])
        _attach_forms([block], None if saved else form, prefix if saved else "")
        context = {"review": review, "block": block, "can_write": True}
        return render(request, "evaluation/_review_objective.html", context)
    if saved:
        messages.success(request, f"Recorded the verdict on the hypothesis of “{objective}”.")
        return redirect(
            reverse("evaluation:review", args=[review.pk]) + f"#objective-{objective.pk}"
        )
    return _page_with_errors(request, review, form)
