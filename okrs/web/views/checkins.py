"""The check-in form: a full page, or an inline htmx row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from okrs import clock
from okrs.objectives.actions import record_check_in
from okrs.objectives.forms import CheckInForm
from okrs.objectives.models import KeyResult
from okrs.objectives.scorecards import scorecards_for
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in


def _next_url(request, key_result) -> str:
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return f"/objectives/{key_result.objective_id}/"


def _kr_card(key_result, organization):
    """Return the freshly computed card of one key result."""
    cards = scorecards_for([key_result.objective], organization.score_scale, clock.today())
    return next(
        c for c in cards[key_result.objective_id].key_results if c.key_result.pk == key_result.pk
    )


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
    if request.method == "POST" and form.is_valid():
        try:
            record_check_in(key_result, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
    if request.method == "POST" and form.is_valid():
        if inline:
            card = _kr_card(key_result, organization)
            return render(
                request,
                "web/_kr_row.html",
                {"kr_card": card, "can_write": True, "just_saved": True},
            )
        messages.success(request, f"Checked in on “{key_result.title}”.")
        return redirect(_next_url(request, key_result))
    if inline:
        card = _kr_card(key_result, organization)
        return render(
            request, "web/_kr_row.html", {"kr_card": card, "can_write": True, "form": form}
        )
    context = {"key_result": key_result, "form": form, "next": _next_url(request, key_result)}
    return render(request, "web/check_in.html", context, status=422 if form.errors else 200)
