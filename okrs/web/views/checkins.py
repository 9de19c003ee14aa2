"""The check-in form: a full page, or an inline htmx row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from okrs.domain.initiatives import CHECK_IN_STATUSES
from okrs.objectives.actions import record_check_in
from okrs.objectives.forms import CheckInForm
from okrs.objectives.initiatives import check_in_with_initiatives
from okrs.objectives.models import Initiative, KeyResult
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in
from okrs.web.live import checked_in_answer, fresh_card, row_prefix


def _next_url(request, key_result) -> str:
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return f"/objectives/{key_result.objective_id}/"


def _moves(request, initiatives: list[Initiative]) -> dict[int, str]:
    """Return the initiatives the check-in moves on, to doing or done, from the form's fields.

    Each initiative's field names its new status; one left as it was, or sent with a status a
    check-in does not set, stays where it is.
    """
    moves = {}
    for initiative in initiatives:
        wanted = request.POST.get(f"initiative-{initiative.pk}", "")
        if wanted in CHECK_IN_STATUSES and wanted != initiative.status:
            moves[initiative.pk] = wanted
    return moves


def _row(request, kr_card, **more) -> dict:
    """Return the context of the key result's row as the page showed it."""
    return {
        "kr_card": kr_card,
        "can_write": True,
        "row_prefix": row_prefix(request),
        "next": request.POST.get("next", ""),
        **more,
    }


@organization_required
def check_in(request, pk):
    """Record a check-in on a key result the person may write."""
    organization = request.organization
    # Another team's unshared draft is not found; memberships ride along for the write check.
    key_results = KeyResult.objects.of(organization).select_related(
        "objective__team", "objective__cycle", "team"
    )
    key_result = get_object_or_404(to_check_in(key_results, request.user), pk=pk)
    if not can_write_key_result(request.user, key_result, memberships_found(key_result)):
        raise PermissionDenied("Only the owning team can check in on this key result.")
    inline = request.htmx and request.POST.get("inline") == "1"
    form = CheckInForm(request.POST or None, key_result=key_result)
    check_in = None
    plan = (
        []
        if inline
        else list(Initiative.objects.filter(key_result=key_result).select_related("owner"))
    )
    if request.method == "POST" and form.is_valid():
        moves = _moves(request, plan)
        try:
            if moves:
                check_in = check_in_with_initiatives(
                    key_result, moves, author=request.user, **form.cleaned_data
                )
            else:
                check_in = record_check_in(key_result, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
    if request.method == "POST" and form.is_valid():
        if inline:
            card, rolled_up = checked_in_answer(request, key_result, check_in)
            context = _row(request, card, just_saved=True)
            row = render_to_string("web/_kr_row.html", context, request)
            answer = HttpResponse(row + rolled_up)
            answer["HX-Trigger"] = "checked-in"  # the getting-started list ticks the step off
            return answer
        moved = (
            f" and moved {len(moves)} initiative{'s' if len(moves) != 1 else ''}" if moves else ""
        )
        messages.success(request, f"Checked in on “{key_result.title}”{moved}.")
        return redirect(_next_url(request, key_result))
    if inline:
        card = fresh_card(key_result, organization)
        return render(request, "web/_kr_row.html", _row(request, card, form=form))
    context = {
        "key_result": key_result,
        "form": form,
        "next": _next_url(request, key_result),
        "initiatives": plan,
    }
    for initiative in plan:  # what the form shows: the status picked, or the one it has
        initiative.chosen = request.POST.get(f"initiative-{initiative.pk}", initiative.status)
    return render(request, "web/check_in.html", context, status=422 if form.errors else 200)
