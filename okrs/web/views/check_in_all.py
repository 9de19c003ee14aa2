"""Check in on all: one row per key result of mine, one submit that records the rows filled in."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from okrs.cycles.chosen import chosen_cycle, open_cycles
from okrs.cycles.models import Cycle
from okrs.objectives.actions import CheckInsRefused, record_check_ins
from okrs.objectives.forms import CheckInForm
from okrs.objectives.scorecards import KeyResultCard
from okrs.organizations.access import organization_required
from okrs.organizations.visibility import member_team_ids
from okrs.web.my_okrs import due_key_results, key_results_to_check_in, my_cards

ROW_FIELDS = {"value": "Value", "confidence": "Confidence", "progress_note": "Note"}  # as headed
NOTHING_RECORDED = "Nothing was recorded: correct the rows below, or clear them to skip them."


@dataclass
class CheckInRow:
    """One key result's row: what was typed, whether it is due, and what is wrong with it."""

    kr_card: KeyResultCard
    due: bool
    typed: dict = field(default_factory=dict)
    form: CheckInForm | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """Return the prefix of the row's field names."""
        return f"kr-{self.kr_card.key_result.pk}"

    def is_blank(self) -> bool:
        """Return whether nothing was typed in the row, so it is skipped."""
        return not any(self.typed.values())

    def note_errors(self, form: CheckInForm) -> None:
        """Keep the form's errors as (field label, message) pairs, for the row and the summary."""
        self.errors = []
        for name, messages_ in form.errors.items():
            label = ROW_FIELDS.get(name, "" if name == "__all__" else name)
            self.errors += [(label, str(message)) for message in messages_]


def _rows(request, cycles: list[Cycle]) -> list[CheckInRow]:
    """Return a row per key result I may check in on in the cycles, those due first."""
    organization = request.organization
    cards = my_cards(request.user, organization, cycles, list(member_team_ids(request.user)))
    due = due_key_results(cards, organization.practice().check_in_days)
    due_ids = {k.key_result.pk for k in due}
    rest = [k for k in key_results_to_check_in(cards) if k.key_result.pk not in due_ids]
    return [CheckInRow(k, True) for k in due] + [CheckInRow(k, False) for k in rest]


def _read(request, rows: list[CheckInRow]) -> list[tuple]:
    """Bind each filled-in row to a check-in form; return the check-ins of the valid ones."""
    check_ins = []
    for row in rows:
        row.typed = {n: request.POST.get(f"{row.prefix}-{n}", "").strip() for n in ROW_FIELDS}
        if row.is_blank():
            continue
        key_result = row.kr_card.key_result
        form = CheckInForm(request.POST, key_result=key_result, prefix=row.prefix)
        row.form = form
        if form.is_valid():
            check_ins.append((key_result, form.cleaned_data))
        else:
            row.note_errors(form)
    return check_ins


def _record(request, rows: list[CheckInRow]) -> str:
    """Record the rows filled in, all or none; return what went wrong, or nothing."""
    check_ins = _read(request, rows)
    if any(row.errors for row in rows):
        return NOTHING_RECORDED
    if not check_ins:
        return "Nothing to record: fill in a value and a confidence on at least one row."
    try:
        record_check_ins(check_ins, author=request.user)
    except CheckInsRefused as refused:
        for row in rows:
            error = refused.refused.get(row.kr_card.key_result.pk)
            if error is not None and row.form is not None:
                # An error on a field the row does not have is told about the row.
                fitting = set(getattr(error, "error_dict", {})) <= set(row.form.fields)
                row.form.add_error(None, error if fitting else error.messages)
                row.note_errors(row.form)
        return NOTHING_RECORDED
    count = len(check_ins)
    messages.success(request, f"Recorded {count} check-in{'s' if count != 1 else ''}.")
    return ""


@organization_required
def check_in_all(request):
    """Record check-ins on several of my key results at once; a bad row writes nothing at all."""
    cycles = list(Cycle.objects.of(request.organization))
    picked = chosen_cycle(request, cycles) if request.GET.get("cycle") else None
    shown_cycles = [picked] if picked is not None else open_cycles(cycles)
    rows = _rows(request, shown_cycles)
    back = reverse("home") + (f"?cycle={picked.pk}" if picked else "")
    problem = ""
    if request.method == "POST":
        problem = _record(request, rows)
        if not problem:
            return redirect(back)
    context = {
        "cycle": picked,
        "shown_cycles": shown_cycles,
        "rows": rows,
        "problem": problem,
        "invalid": [row for row in rows if row.errors],
        "back": back,
    }
    return render(request, "web/check_in_all.html", context, status=422 if problem else 200)
