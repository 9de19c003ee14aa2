"""What My OKRs shows: my teams' objectives in the chosen cycles and the key results due."""

from django.db.models import Q

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.attention import is_stale
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import KeyResultCard, ObjectiveCard, scorecards_for
from okrs.organizations.models import Organization, Person
from okrs.organizations.permissions import mark_writable, writable_team_ids
from okrs.organizations.visibility import visibility_filter

CHECKED_IN = (Objective.State.ACTIVE, Objective.State.DRAFT)  # states whose key results move


def my_cards(
    person: Person, organization: Organization, cycles: list[Cycle], team_ids: list[int]
) -> list[ObjectiveCard]:
    """Return the cards of objectives my teams own or share, or I own, in the cycles."""
    if not cycles:
        return []
    mine = Q(team_id__in=team_ids) | Q(contributions__team_id__in=team_ids) | Q(owner=person)
    objectives = list(
        Objective.objects.of(organization)
        .filter(
            mine,
            visibility_filter(person, team_ids=set(team_ids)),
            cycle__in=[c.pk for c in cycles],
        )
        .exclude(status=Objective.State.ABANDONED)
        .select_related("team", "owner", "cycle")
        .distinct()
    )
    cards = list(scorecards_for(objectives, organization.score_scale, clock.today()).values())
    for card in cards:
        for kr_card in card.key_results:
            kr_card.key_result.objective = card.objective  # loaded already: no query per row
    mark_writable(cards, person, set(team_ids))
    _mark_key_results_writable(cards, person, set(team_ids))
    return cards


def _mark_key_results_writable(cards: list[ObjectiveCard], person: Person, team_ids: set[int]):
    """Set can_write on each key result card: its objective's team, or its own team, may write."""
    writable = writable_team_ids(person, team_ids)
    for card in cards:
        open_cycle = card.objective.cycle.state != Cycle.State.CLOSED
        for kr_card in card.key_results:
            own_team = kr_card.key_result.team_id
            kr_card.can_write = card.can_write or bool(
                own_team and open_cycle and (writable is None or own_team in writable)
            )


def key_results_to_check_in(cards: list[ObjectiveCard]) -> list[KeyResultCard]:
    """Return the key results I may check in on: not linked, of active or draft objectives."""
    return [
        kr_card
        for card in cards
        if card.objective.status in CHECKED_IN
        for kr_card in card.key_results
        if kr_card.can_write and not kr_card.key_result.linked_objective_id
    ]


def _cycle_start(kr_card: KeyResultCard):
    """Return the first day of the key result's cycle: never checked in counts from there."""
    return kr_card.key_result.objective.cycle.start


def due_key_results(cards: list[ObjectiveCard], window_days: int) -> list[KeyResultCard]:
    """Return the key results I may check in on that the radar calls stale, oldest first."""
    now = clock.now()
    due = [
        kr_card
        for kr_card in key_results_to_check_in(cards)
        if is_stale(
            kr_card.key_result.checked_in_at,
            kr_card.key_result.objective.cycle.start,
            now,
            window_days,
        )
    ]
    # Never checked in first, then the longest waiting; the sort keeps the cards' order on ties.
    return sorted(
        due, key=lambda k: (k.key_result.checked_in_at is not None, k.key_result.checked_in_at)
    )
