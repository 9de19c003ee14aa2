"""The cycles' administration: quarters, years, multi-year cycles, dates until they start."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from okrs.administration.cycle_forms import CycleDatesForm, CycleForm
from okrs.administration.form_errors import add_action_error
from okrs.cycles import actions
from okrs.cycles.models import Cycle
from okrs.organizations.access import admin_required


def _dates(cycle: Cycle) -> str:
    """Return the cycle's dates as the pages show them: 1 Apr 2027 to 30 Jun 2027."""
    return f"{date_format(cycle.start, 'j M Y')} to {date_format(cycle.end, 'j M Y')}"


def nested(cycles: list[Cycle]) -> list[tuple[Cycle, int]]:
    """Return the cycles with each one's depth, longest first, the newest years on top."""
    known = {c.pk for c in cycles}
    children: dict[int | None, list[Cycle]] = {}
    for cycle in cycles:
        children.setdefault(cycle.parent_id if cycle.parent_id in known else None, []).append(cycle)
    ordered: list[tuple[Cycle, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        # The top level lists the newest first; inside a year, quarters run in calendar order.
        found = sorted(children.get(parent, []), key=lambda c: (c.start, c.name))
        for cycle in reversed(found) if parent is None else found:
            ordered.append((cycle, depth))
            walk(cycle.pk, depth + 1)

    walk(None, 0)
    return ordered


@admin_required
def cycle_list(request):
    """List the organisation's cycles, and offer the next quarter in one click."""
    cycles = list(Cycle.objects.of(request.organization))
    name, start, end = actions.quarter_to_come(request.organization)
    context = {
        "rows": [(c, depth, actions.started_reason(c)) for c, depth in nested(cycles)],
        "next_quarter": {"name": name, "start": start, "end": end},
    }
    return render(request, "administration/cycles.html", context)


@admin_required
def cycle_new(request):
    """Create a quarter, a year or a multi-year cycle, in planning."""
    organization = request.organization
    name, start, end = actions.quarter_to_come(organization)
    form = CycleForm(
        request.POST if request.method == "POST" else None,
        initial={"name": name, "kind": Cycle.Kind.QUARTER, "start": start, "end": end},
        organization=organization,
    )
    if form.is_valid():
        values = form.cleaned_data
        try:
            cycle = actions.add_cycle(
                organization,
                values["name"],
                values["start"],
                values["end"],
                values["kind"],
                values["parent"],
                by=request.user,
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, f"Created the cycle {cycle}, in planning.")
            return redirect("administration-cycles")
    status = 422 if form.errors else 200
    return render(request, "administration/cycle_new.html", {"form": form}, status=status)


@require_POST
@admin_required
def cycle_next_quarter(request):
    """Create the quarter after the latest, inside its year (created when missing)."""
    try:
        cycle = actions.create_next_quarter(request.organization, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Created {cycle} ({_dates(cycle)}), in planning.")
    return redirect("administration-cycles")


@admin_required
def cycle_detail(request, cycle_id):
    """Show a cycle; move its dates until it starts, or say why they can no longer move."""
    cycle = get_object_or_404(
        Cycle.objects.of(request.organization).select_related("parent", "organization"),
        pk=cycle_id,
    )
    reason = actions.started_reason(cycle)
    form = CycleDatesForm(
        request.POST if request.method == "POST" else None,
        initial={"start": cycle.start, "end": cycle.end},
    )
    if reason:
        for field in form.fields.values():
            field.disabled, field.required = True, False
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_cycle_dates(
                cycle, form.cleaned_data["start"], form.cleaned_data["end"], by=request.user
            )
        except ValidationError as error:
            add_action_error(form, error)
            cycle.refresh_from_db()
        else:
            messages.success(request, f"{cycle} now runs {_dates(cycle)}.")
            return redirect("administration-cycles")
    context = {
        "cycle": cycle,
        "form": form,
        "reason": reason,
        "children": list(cycle.children.order_by("start")),
    }
    return render(request, "administration/cycle.html", context, status=422 if form.errors else 200)
