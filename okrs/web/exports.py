"""The rows of the files people share: a cycle's OKRs, a team's check-ins, the dashboard's tables.

Every figure comes from the same place the pages read it: the scorecards (progress, score, state,
confidence) and the dashboard's own tables, so a file never disagrees with a page.
"""

from collections.abc import Iterable, Iterator

from django.utils import timezone

from okrs.domain.spreadsheet import Cell, Sheet
from okrs.domain.states import look
from okrs.objectives.scorecards import KeyResultCard, ObjectiveCard
from okrs.objectives.tree import LEVEL_LABELS, AlignmentTree, tree_order

CYCLE_HEADER = (
    "Cycle", "Team", "Level", "Objective", "Key result", "Type / direction", "Start", "Target",
    "Current", "Unit", "Progress %", "Score", "State", "Confidence", "Last check-in", "Owner",
)  # fmt: skip
CHECK_IN_HEADER = (
    "Checked in", "Cycle", "Objective", "Key result", "Value", "Unit", "Confidence", "By",
    "Progress", "Problems", "Plans",
)  # fmt: skip


def _day(moment) -> Cell:
    """Return the local day of a time, or nothing."""
    return timezone.localdate(moment) if moment is not None else None


def _number(value) -> Cell:
    """Return a number as a spreadsheet shows it: a whole number without its '.0'."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def exported_cards(tree: AlignmentTree) -> list[ObjectiveCard]:
    """Return the objectives the tree matched (dimmed ancestors left out), company level first."""
    return sorted((c for c in tree.cards.values() if not c.dimmed), key=tree_order)


def _objective_cells(card: ObjectiveCard) -> list[Cell]:
    """Return the cells every row of an objective repeats: cycle, team, level, objective."""
    objective = card.objective
    team = objective.team
    return [
        objective.cycle.name,
        team.name if team else "",
        LEVEL_LABELS.get(team.level, team.level) if team else "",
        objective.title,
    ]


def _key_result_row(card: ObjectiveCard, kr_card: KeyResultCard, owner: str) -> list[Cell]:
    """Return a key result's row."""
    kr = kr_card.key_result
    return [
        *_objective_cells(card),
        kr.title,
        f"{kr.type} / {kr.effective_direction()}",
        _number(kr.start),
        _number(kr.target),
        _number(kr.current),
        kr.unit,
        kr_card.percent(),
        kr_card.score_label,
        look(kr_card.state).label,
        kr.confidence,
        _day(kr.checked_in_at),
        owner,
    ]


def cycle_rows(cards: Iterable[ObjectiveCard]) -> Iterator[list[Cell]]:
    """Yield a row per objective, then one per key result, with the scorecards' figures."""
    for card in cards:
        objective = card.objective
        owner = str(objective.owner) if objective.owner else ""
        moments = [k.key_result.checked_in_at for k in card.key_results]
        last = max((m for m in moments if m is not None), default=None)
        yield [
            *_objective_cells(card),
            "", "", None, None, None, "",
            card.percent(),
            card.score_label,
            look(card.state).label,
            card.confidence,
            _day(last),
            owner,
        ]  # fmt: skip
        for kr_card in card.key_results:
            yield _key_result_row(card, kr_card, owner)


def check_in_rows(check_ins: Iterable) -> Iterator[list[Cell]]:
    """Yield a row per check-in, newest first as the team page lists them."""
    for check_in in check_ins:
        kr = check_in.key_result
        author = check_in.author
        yield [
            timezone.localtime(check_in.checked_in_at),
            kr.objective.cycle.name,
            kr.objective.title,
            kr.title,
            _number(check_in.value),
            kr.unit,
            check_in.confidence,
            f"from {check_in.source}" if check_in.source else str(author) if author else "",
            check_in.progress_note,
            check_in.problems_note,
            check_in.plans_note,
        ]


def dashboard_sheets(figures, window: int) -> list[Sheet]:
    """Return the dashboard's tables: state counts, progress distribution, quiet teams."""
    active = len(figures.active)
    states = [
        [look(state).label, count, round(count * 100 / active) if active else 0]
        for state, count in figures.statuses.items()
    ]
    buckets = [[f"{i * 10}–{i * 10 + 10}%", count] for i, count in enumerate(figures.buckets)]
    quiet = [[team["name"], _day(team["last"])] for team in figures.quiet_teams]
    return [
        Sheet("States", ("State", "Objectives", "Share %"), states),
        Sheet("Progress distribution", ("Progress", "Objectives"), buckets),
        Sheet(
            "Teams without a check-in",
            ("Team", f"Last check-in (none in the last {window} days)"),
            quiet,
        ),
    ]
