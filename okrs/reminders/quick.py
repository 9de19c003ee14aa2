"""The quick check-in page a reminder links to: one key result, one line, no sign-in."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from okrs.domain.numbers import plain_number
from okrs.reminders.actions import check_in_by_link
from okrs.reminders.forms import QuickCheckInForm
from okrs.reminders.links import LinkRefused, open_link
from okrs.reminders.views import key_result_cards


def _refused(request, refused: LinkRefused):
    """Say why the link cannot be used; htmx gets the panel with 200 so that it is swapped in."""
    context = {"refusal": refused.refusal, "reason": refused.reason}
    if request.htmx:
        return render(request, "reminders/_quick_refused.html", context)
    return render(request, "reminders/quick_refused.html", context, status=refused.refusal.status)


@never_cache
def quick_check_in(request, token):
    """Show the one-line check-in form of a quick link, and record it as the link's person."""
    try:
        opened = open_link(token)
    except LinkRefused as refused:
        return _refused(request, refused)
    key_result = opened.key_result
    form = QuickCheckInForm(
        request.POST if request.method == "POST" else None,
        key_result=key_result,
        initial={"value": plain_number(key_result.current), "confidence": key_result.confidence},
    )
    context = {"person": opened.person, "key_result": key_result, "form": form, "token": token}
    if form.is_valid():
        try:
            context["check_in"] = check_in_by_link(opened, **form.cleaned_data)
        except LinkRefused as refused:
            return _refused(request, refused)
    context["kr_card"] = key_result_cards([key_result], key_result.organization)[key_result.pk]
    if request.htmx:
        return render(request, "reminders/_quick_form.html", context)
    status = 422 if form.errors else 200
    return render(request, "reminders/quick_check_in.html", context, status=status)
