"""Each team's mid-cycle confidence against its final scores, loaded for closed cycles."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, DateTimeField, OuterRef, Subquery, Value, When

from okrs.cycles.models import Cycle
from okrs.domain.calibration import Calibration, Forecast, calibrate, midpoint
from okrs.domain.vocabulary import ScoreScale
from okrs.evaluation.review_board import cutoff
from okrs.evaluation.scoring import (
    SCORED_OBJECTIVE,
    UNSCORED,
    computed_score,
    with_teams_and_cycles,
)
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.objectives.scorecards import scorecards
from okrs.objectives.tree import KR_FIELDS, KeyResultRow, SameValues
from okrs.organizations.models import Team


@dataclass
class ForecastLine:
    """A key result's confidence at the cycle's midpoint and its final score."""

    key_result: KeyResult
    confidence: int | None
    score: float

    def error(self) -> float | None:
        """Return confidence minus final score in points, None without a mid-cycle confidence."""
        return None if self.confidence is None else self.confidence - self.score


@dataclass
class TeamCalibration:
    """How well one team's mid-cycle confidence predicted its final scores in one cycle."""

    team: Team
    cycle: Cycle
    lines: list[ForecastLine] = field(default_factory=list)

    def forecasts(self) -> list[Forecast]:
        """Return the forecasts of the key results that had a mid-cycle confidence."""
        return [
            Forecast(line.confidence, line.score, line.key_result.title)
            for line in self.lines
            if line.confidence is not None
        ]

    def calibration(self) -> Calibration | None:
        """Return the team's numbers, None when no key result had a mid-cycle confidence."""
        return calibrate(self.forecasts())

    def without_confidence(self) -> int:
        """Return how many key results had no check-in by the midpoint."""
        return sum(1 for line in self.lines if line.confidence is None)


class ForecastKeyResult(KeyResultRow):
    """A key result's fields as scoring reads them, with its confidence at the midpoint."""

    __slots__ = ("midpoint_confidence",)

    def __init__(self, values: tuple, same: SameValues):
        super().__init__(values[:-1], same)
        self.midpoint_confidence = values[-1]


def closed_cycles(organization) -> list[Cycle]:
    """Return the organisation's closed cycles, the latest first."""
    return list(Cycle.objects.of(organization).filter(state=Cycle.State.CLOSED).order_by("-end"))


def _with_midpoint_confidence(key_results, cycles: list[Cycle]):
    """Annotate each key result with its confidence at its cycle's midpoint (None without one)."""
    # The latest check-in up to the midpoint's day, found through the (key result, time) index.
    ends = [
        When(objective__cycle_id=c.pk, then=Value(cutoff(midpoint(c.start, c.end)))) for c in cycles
    ]
    latest = CheckIn.objects.filter(
        key_result_id=OuterRef("pk"), checked_in_at__lt=OuterRef("midpoint_cutoff")
    ).order_by("-checked_in_at", "-id")
    return key_results.annotate(
        midpoint_cutoff=Case(*ends, output_field=DateTimeField()),
        midpoint_confidence=Subquery(latest.values("confidence")[:1]),
    )


def team_calibrations(cycles: list[Cycle], team: Team | None = None) -> list[TeamCalibration]:
    """Return a calibration per team and cycle, teams by name, in a fixed number of queries."""
    if not cycles:
        return []
    objectives = (
        Objective.objects.filter(cycle__in=cycles, team__isnull=False)
        .exclude(status__in=UNSCORED)
        .only(*SCORED_OBJECTIVE)
        .order_by("id")
    )
    if team is not None:
        objectives = objectives.filter(team=team)
    # Plain rows, not models: a closed cycle of a large organisation is read whole.
    rows = _with_midpoint_confidence(KeyResult.objects.filter(objective__in=objectives), cycles)
    same = SameValues()
    key_results: list[Any] = [  # read as scoring reads a KeyResult
        ForecastKeyResult(values, same)
        for values in rows.values_list(*KR_FIELDS, "midpoint_confidence").iterator(chunk_size=2000)
    ]
    objectives = list(objectives)
    with_teams_and_cycles(objectives, cycles)
    cards = scorecards(objectives, key_results, ScoreScale.TEN, cycles[0].end)
    found: dict[tuple[int, int], TeamCalibration] = {}
    for objective in objectives:
        key = (objective.cycle_id, objective.team_id)
        entry = found.setdefault(key, TeamCalibration(objective.team, objective.cycle))
        for kr_card in cards[objective.pk].key_results:
            kr = kr_card.key_result
            final = kr.grade if kr.grade is not None else computed_score(kr_card.progress)
            entry.lines.append(ForecastLine(kr, kr.midpoint_confidence, final))
    return sorted(found.values(), key=lambda e: (-e.cycle.end.toordinal(), e.team.name))
