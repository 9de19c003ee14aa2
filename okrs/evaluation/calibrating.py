"""Each team's mid-cycle confidence against its final scores, loaded for closed cycles."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from okrs.cycles.models import Cycle
from okrs.domain.calibration import Calibration, Forecast, calibrate, confidence_at, midpoint
from okrs.domain.vocabulary import ScoreScale
from okrs.evaluation.review_board import cutoff
from okrs.evaluation.scoring import UNSCORED, computed_score
from okrs.objectives.aggregates import Epoch
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.objectives.scorecards import scorecards
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


def closed_cycles(organization) -> list[Cycle]:
    """Return the organisation's closed cycles, the latest first."""
    return list(Cycle.objects.of(organization).filter(state=Cycle.State.CLOSED).order_by("-end"))


def _midpoint_confidences(cycles: list[Cycle], key_result_ids: list[int]) -> dict[int, int]:
    """Return each key result's confidence at its cycle's midpoint, in one query."""
    if not cycles or not key_result_ids:
        return {}
    ends = {c.pk: cutoff(midpoint(c.start, c.end)) for c in cycles}
    before_midpoint = reduce(
        or_,
        (Q(key_result__objective__cycle_id=pk, checked_in_at__lt=end) for pk, end in ends.items()),
    )
    # Moments as epoch seconds: thousands of timestamps are read far faster as numbers.
    rows = CheckIn.objects.filter(before_midpoint, key_result_id__in=key_result_ids).values_list(
        "key_result_id", "key_result__objective__cycle_id", Epoch("checked_in_at"), "confidence"
    )
    readings = defaultdict(list)
    for key_result_id, cycle_id, at, confidence in rows:
        readings[(key_result_id, cycle_id)].append((at, confidence))
    return {
        key_result_id: confidence_at(found, ends[cycle_id].timestamp())
        for (key_result_id, cycle_id), found in readings.items()
    }


def team_calibrations(cycles: list[Cycle], team: Team | None = None) -> list[TeamCalibration]:
    """Return a calibration per team and cycle, teams by name, in a fixed number of queries."""
    if not cycles:
        return []
    objectives = (
        Objective.objects.filter(cycle__in=cycles, team__isnull=False)
        .exclude(status__in=UNSCORED)
        .select_related("team", "cycle")
        .order_by("id")
    )
    if team is not None:
        objectives = objectives.filter(team=team)
    objectives = list(objectives)
    key_results = list(KeyResult.objects.filter(objective__in=objectives))
    cards = scorecards(objectives, key_results, ScoreScale.TEN, cycles[0].end)
    confidences = _midpoint_confidences(cycles, [kr.pk for kr in key_results])
    found: dict[tuple[int, int], TeamCalibration] = {}
    for objective in objectives:
        key = (objective.cycle_id, objective.team_id)
        entry = found.setdefault(key, TeamCalibration(objective.team, objective.cycle))
        for kr_card in cards[objective.pk].key_results:
            kr = kr_card.key_result
            final = kr.grade if kr.grade is not None else computed_score(kr_card.progress)
            entry.lines.append(ForecastLine(kr, confidences.get(kr.pk), final))
    return sorted(found.values(), key=lambda e: (-e.cycle.end.toordinal(), e.team.name))
