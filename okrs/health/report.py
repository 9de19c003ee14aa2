"""The health of a cycle's OKR practice: every figure for the organisation and per team."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from okrs import clock
from okrs.cadence.attention import radar
from okrs.cycles.models import Cycle
from okrs.domain.vocabulary import LEVEL_DEPTH
from okrs.evaluation.completion import Completion
from okrs.health import evaluations, rhythm, structure
from okrs.health.pulse import PulseResults, pulse_results
from okrs.health.targets import BAND_LABELS, FIGURES, Figure, periods_between, share
from okrs.objectives.attention import Attention
from okrs.organizations.models import Organization, Team


@dataclass
class Measure:
    """A figure's value for the organisation or one team, with the counts it comes from."""

    figure: Figure
    part: int | float | None
    whole: int | None
    value: float | None = None

    def __post_init__(self):
        if self.value is None and self.part is not None:
            self.value = share(self.part, self.whole or 0)

    def band(self) -> str | None:
        """Return the figure's target band for the value: green, amber, red, or None."""
        return self.figure.target.band(self.value)

    def band_label(self) -> str:
        """Return the band as a word: Healthy, Watch or Act."""
        return BAND_LABELS.get(self.band(), "")

    def shown(self) -> str:
        """Return the value as people read it: a percentage, a mean out of 10, or a dash."""
        if self.value is None:
            return "–"
        if self.figure.key == "confidence":
            return f"{self.value:.1f}/10"
        return f"{round(self.value * 100)}%"


@dataclass
class TeamHealth:
    """One team's counts in the cycle and its measures."""

    team_id: int | None
    name: str
    slug: str
    level: str
    counts: dict = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    evaluation: str | None = None


@dataclass
class HealthReport:
    """Every health figure of a cycle, the per-team breakdown and the pulse."""

    cycle: Cycle
    as_of: datetime
    window_days: int
    windows: list
    measures: dict[str, Measure]
    total: dict
    teams: list[TeamHealth]
    weeks: list[dict]
    stale: list[Attention]
    evaluated: Cycle | None
    completion: Completion | None
    evaluations: list[dict]
    pulse: PulseResults
    co_creation: dict = field(default_factory=dict)


STALE_SHOWN = 10
COUNT_NAMES = [
    "objectives", "right_size", "alignable", "aligned", "key_results", "outcome", "output",
    "input", "activities", "active", "fresh", "stale", "windows_checked", "evaluated", "shared",
    "moonshots", "hypotheses", "leading", "lagging",
]  # fmt: skip


def _counts_by_team(
    cycle, now, completion: Completion | None, profile, stale: list[Attention]
) -> dict:
    """Return every per-team count of the cycle, each from one grouped query or the radar."""
    teams: dict = {}

    def add(team_id, **counts):
        row = teams.setdefault(team_id, dict.fromkeys(COUNT_NAMES, 0))
        for name, value in counts.items():
            row[name] += value

    for row in structure.objective_counts(cycle, profile.min_key_results, profile.max_key_results):
        add(row.pop("team_id"), **row)
    for row in structure.key_result_levels(cycle):
        add(row.pop("objective__team_id"), **row)
    for team_id, activities in structure.activity_counts(cycle).items():
        add(team_id, activities=activities)
    for team_id, hypotheses in structure.hypothesis_counts(cycle).items():
        add(team_id, hypotheses=hypotheses)
    for row in rhythm.check_in_counts(cycle, now, profile.check_in_days):
        add(row.pop(rhythm.TEAM), **row)
    for key_result in stale:
        add(key_result.objective_team_id, stale=1)
    if completion is not None:
        for team_id, shared in completion.shared_by.items():
            add(team_id, evaluated=1, shared=int(shared))
    return teams


def _measures(counts: dict, windows: int, teams_expected: int) -> dict[str, Measure]:
    """Return the measures of a team's (or the organisation's summed) counts."""
    f = FIGURES
    return {
        "coverage": Measure(f["coverage"], counts["fresh"], counts["active"]),
        "regularity": Measure(
            f["regularity"],
            counts["windows_checked"] if windows and teams_expected else None,
            windows * teams_expected,
        ),
        "right_size": Measure(f["right_size"], counts["right_size"], counts["objectives"]),
        "alignment": Measure(f["alignment"], counts["aligned"], counts["alignable"]),
        "outcome": Measure(f["outcome"], counts["outcome"], counts["key_results"]),
        "activities": Measure(f["activities"], counts["activities"], counts["key_results"]),
        "stale": Measure(f["stale"], counts["stale"], counts["active"]),
        "evaluation": Measure(f["evaluation"], counts["shared"], counts["evaluated"]),
        "hypotheses": Measure(f["hypotheses"], counts["hypotheses"], counts["objectives"]),
        "moonshots": Measure(f["moonshots"], counts["moonshots"], counts["objectives"]),
    }


def _evaluation_history(found: dict[int, Completion], cycles: list[Cycle]) -> list[dict]:
    """Return the last closed cycles with their evaluation completion, latest first."""
    return [
        {
            "cycle": cycle,
            "completion": found[cycle.pk],
            "measure": Measure(
                FIGURES["evaluation"], found[cycle.pk].shared(), found[cycle.pk].teams()
            ),
        }
        for cycle in evaluations.latest_closed(cycles)
    ]


def _team_rows(teams: dict, counts_by_team, windows, team_ids, completion) -> list[TeamHealth]:
    rows = []
    for team_id, counts in counts_by_team.items():
        if team_ids is not None and team_id not in team_ids:
            continue
        team = teams.get(team_id, {"name": "Individual OKRs", "slug": "", "level": ""})
        expected = 1 if team_id is not None and counts["key_results"] else 0
        row = TeamHealth(team_id, team["name"], team["slug"], team["level"], counts)
        row.measures = _measures(counts, len(windows), expected)
        if completion is not None and completion.takes_part(team_id):
            row.evaluation = "shared" if completion.has_shared(team_id) else "not evaluated"
        rows.append(row)
    depth = {level.value: n for level, n in LEVEL_DEPTH.items()}
    return sorted(rows, key=lambda r: (r.team_id is None, depth.get(r.level, 3), r.name))


def cycle_health(
    organization: Organization,
    cycle: Cycle,
    cycles: list[Cycle],
    now: datetime | None = None,
    team_ids: set | None = None,
) -> HealthReport:
    """Return the cycle's health; per-team rows only for team_ids when given (None: all)."""
    now = now or clock.now()
    profile = organization.practice()
    evaluated = evaluations.evaluated_cycle(cycle, cycles)
    found = evaluations.completions(evaluated, cycles)
    completion = found[evaluated.pk] if evaluated is not None else None
    # Stale as the dashboard, the tree and reminders judge it, at the moment the cycle is judged.
    stale = radar(organization, [cycle], rhythm.as_of(cycle, now)).stale_key_results()
    counts_by_team = _counts_by_team(cycle, now, completion, profile, stale)
    windows, checked = rhythm.regularity(cycle, timezone.localdate(now), profile.check_in_days)
    for team_id, n in checked.items():
        counts_by_team.setdefault(team_id, dict.fromkeys(COUNT_NAMES, 0))["windows_checked"] = n
    total = {name: sum(c[name] for c in counts_by_team.values()) for name in COUNT_NAMES}
    total["roofshots"] = total["objectives"] - total["moonshots"]
    total["unmarked_indicators"] = total["key_results"] - total["leading"] - total["lagging"]
    expected = sum(1 for t, c in counts_by_team.items() if t is not None and c["key_results"])
    measures = _measures(total, len(windows), expected)
    weeks = rhythm.confidence_by_week(cycle, now)
    latest = weeks[-1]["confidence"] if weeks else None
    measures["confidence"] = Measure(FIGURES["confidence"], None, None, latest)
    teams = {
        t["id"]: t for t in Team.objects.of(organization).values("id", "name", "slug", "level")
    }
    pulse = pulse_results(
        organization, periods_between(cycle.start, cycle.end), timezone.localdate(now), team_ids
    )
    for team_pulse in pulse.teams:
        team_pulse.name = teams[team_pulse.team_id]["name"]
    pulse.teams.sort(key=lambda t: t.name)
    return HealthReport(
        cycle=cycle,
        as_of=rhythm.as_of(cycle, now),
        window_days=profile.check_in_days,
        windows=windows,
        measures=measures,
        total=total,
        teams=_team_rows(teams, counts_by_team, windows, team_ids, completion),
        weeks=weeks,
        stale=[kr for kr in stale if team_ids is None or kr.objective_team_id in team_ids][
            :STALE_SHOWN
        ],
        evaluated=evaluated,
        completion=completion,
        evaluations=_evaluation_history(found, cycles),
        pulse=pulse,
        co_creation=structure.co_creation_counts(cycle),
    )
