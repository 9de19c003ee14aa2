"""The live roll-up: what an inline check-in's answer also refreshes on the page it came from.

A page with inline check-ins names, in `hx-vals`, which page it is and which objectives it shows;
htmx sends that with each check-in. The answer then carries out-of-band swaps for the objective
of the key result and every objective it supports that the page shows, so scores move at once.
"""

import json

from django.template.loader import render_to_string

from okrs import clock
from okrs.objectives.lineage import supported_objective_ids
from okrs.objectives.models import CheckIn, KeyResult, Objective, StatusOverride
from okrs.objectives.scorecards import KeyResultCard, scorecards_for
from okrs.objectives.trends import with_trends
from okrs.organizations.visibility import visibility_filter

MOST_SHOWN = 2000  # a page names at most this many objectives; more is not a page of okrs
ROW_PREFIXES = ("", "due-")  # a key result's row in its objective's card, or in the due panel


def live_vals(page: str, cards, due=()) -> str:
    """Return the page's `hx-vals`: its name, the objectives it shows and the due rows it lists."""
    return json.dumps(
        {
            "live_page": page,
            "live_shown": ",".join(str(card.objective.pk) for card in cards),
            "live_due": ",".join(str(kr_card.key_result.pk) for kr_card in due),
        }
    )


def _ids(raw: str | None) -> set[int]:
    """Return the whole numbers of a comma-separated list; anything else is left out."""
    parts = (raw or "").split(",")[:MOST_SHOWN]
    return {int(part) for part in parts if part.strip().isdigit()}


def row_prefix(request) -> str:
    """Return which of the key result's rows the check-in came from."""
    wanted = request.POST.get("row", "")
    return wanted if wanted in ROW_PREFIXES else ""


def fresh_card(key_result: KeyResult, organization) -> KeyResultCard:
    """Return the freshly computed card of one key result."""
    cards = scorecards_for([key_result.objective], organization.score_scale, clock.today())
    return next(
        k for k in cards[key_result.objective_id].key_results if k.key_result.pk == key_result.pk
    )


def checked_in_answer(
    request, key_result: KeyResult, check_in: CheckIn | None = None
) -> tuple[KeyResultCard, str]:
    """Return the key result's fresh card and the out-of-band parts its page should refresh.

    A status set by hand that the check-in cleared leaves the page with it.
    """
    objective = key_result.objective
    shown = _ids(request.POST.get("live_shown")) if request.htmx else set()
    supported = supported_objective_ids([objective.pk]) & shown if shown - {objective.pk} else set()
    others = list(
        Objective.objects.of(request.organization)
        .filter(visibility_filter(request.user), pk__in=supported)
        .select_related("team", "owner", "cycle")
    )
    supported = {o.pk for o in others}
    cards = scorecards_for([objective, *others], request.organization.score_scale, clock.today())
    kr_card = next(k for k in cards[objective.pk].key_results if k.key_result.pk == key_result.pk)
    if not shown:
        return kr_card, ""
    changed = {objective.pk, *supported}
    prefix = row_prefix(request)
    other_prefix = "" if prefix else "due-"
    due = _ids(request.POST.get("live_due"))
    headline = request.POST.get("live_page") == "objective"
    if headline:  # the objective's page also shows the key result's chart and history
        with_trends([kr_card], objective.cycle, request.organization)
    context = {
        "today": clock.today(),
        "trend": kr_card if headline else None,
        "headline": headline,
        "rolled_up": [cards[pk] for pk in (objective.pk, *supported) if pk in shown],
        "linked_rows": [
            k
            for pk in supported
            for k in cards[pk].key_results
            if k.key_result.linked_objective_id in changed
        ],
        "other_row": kr_card if prefix or key_result.pk in due else None,
        "other_prefix": other_prefix,
        "next": request.POST.get("next", ""),
        "cleared": _cleared(check_in, shown),
    }
    return kr_card, render_to_string("web/_live_rollup.html", context, request)


def _cleared(check_in: CheckIn | None, shown: set[int]) -> list[int]:
    """Return the shown objectives whose status set by hand the check-in cleared."""
    if check_in is None:
        return []
    cleared = StatusOverride.objects.filter(cleared_by_check_in=check_in)
    return [pk for pk in cleared.values_list("objective_id", flat=True) if pk in shown]
