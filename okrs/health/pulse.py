"""Results of the F.A.C.T.S. pulse, shown only where they cannot point at anyone.

A team's month is published once the month is over and at least MIN_PULSE_ANSWERS people
answered (k-anonymity). Averages over several months or teams combine published months only, so
no hidden answer can be worked out by subtracting one figure from another.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum

from okrs.health.models import PulseAnswer
from okrs.health.targets import (
    FACTS,
    LETTER_FIELDS,
    MIN_PULSE_ANSWERS,
    PULSE_TARGET,
    next_period,
)
from okrs.organizations.models import Organization


@dataclass
class PulseScores:
    """Mean scores per letter of a set of published answers, with their band."""

    answers: int
    sums: dict[str, int]

    def means(self) -> list[dict]:
        """Return each letter's mean score (None without answers) and band, in F.A.C.T.S. order."""
        rows = []
        for letter in FACTS:
            mean = self.sums[letter.field] / self.answers if self.answers else None
            rows.append({"letter": letter, "mean": mean, "band": PULSE_TARGET.band(mean)})
        return rows

    def add(self, other: "PulseScores") -> None:
        """Add another set of answers to this one."""
        self.answers += other.answers
        for name in LETTER_FIELDS:
            self.sums[name] += other.sums[name]


def _empty() -> PulseScores:
    return PulseScores(0, dict.fromkeys(LETTER_FIELDS, 0))


@dataclass
class PulseMonth:
    """One team's (or the organisation's) month: how many answered and, if published, the means.

    The organisation's means come from its teams' published months only, so they may rest on
    fewer answers (scores.answers) than were given (answers).
    """

    period: date
    answers: int
    state: str  # "published", "too-few", "open" (this month) or "future"
    scores: PulseScores | None = None
    comments: list[str] = field(default_factory=list)


@dataclass
class TeamPulse:
    """A team's pulse over the cycle's months and the mean of its published months."""

    team_id: int
    months: list[PulseMonth]
    overall: PulseScores
    name: str = ""


@dataclass
class PulseResults:
    """The pulse of a cycle's months: per team and, from published team months, per month."""

    periods: list[date]
    teams: list[TeamPulse]
    organization: list[PulseMonth]


def _state(period: date, answers: int, today: date) -> str:
    if period > today:
        return "future"
    if next_period(period) > today:
        return "open"
    return "published" if answers >= MIN_PULSE_ANSWERS else "too-few"


def pulse_results(
    organization: Organization, periods: list[date], today: date, team_ids: set | None
) -> PulseResults:
    """Return the pulse results of the months, for the visible teams (every team when None)."""
    cells = (
        PulseAnswer.objects.filter(organization=organization, period__in=periods)
        .values("team_id", "period")
        .annotate(answers=Count("id"), **{name: Sum(name) for name in LETTER_FIELDS})
        .order_by("team_id", "period")
    )
    by_team: dict[int, dict[date, PulseMonth]] = {}
    per_month = {p: _empty() for p in periods}
    answered = dict.fromkeys(periods, 0)
    for cell in cells:
        answered[cell["period"]] += cell["answers"]
        state = _state(cell["period"], cell["answers"], today)
        month = PulseMonth(cell["period"], cell["answers"], state)
        if state == "published":
            month.scores = PulseScores(cell["answers"], {n: cell[n] for n in LETTER_FIELDS})
            per_month[cell["period"]].add(month.scores)
        by_team.setdefault(cell["team_id"], {})[cell["period"]] = month
    visible = {t: m for t, m in by_team.items() if team_ids is None or t in team_ids}
    _attach_comments(organization, visible)
    teams = []
    for team_id, months in visible.items():
        overall = _empty()
        for month in months.values():
            if month.scores is not None:
                overall.add(month.scores)
        row = [months.get(p) or PulseMonth(p, 0, _state(p, 0, today)) for p in periods]
        teams.append(TeamPulse(team_id, row, overall))
    whole = [PulseMonth(p, answered[p], _state(p, per_month[p].answers, today)) for p in periods]
    for month in whole:
        if month.state == "published":
            month.scores = per_month[month.period]
    return PulseResults(periods, teams, whole)


def _attach_comments(organization: Organization, months_by_team: dict) -> None:
    """Give each published month its comments, in alphabetical order so order tells nothing."""
    published = {
        (team_id, period)
        for team_id, months in months_by_team.items()
        for period, month in months.items()
        if month.state == "published"
    }
    if not published:
        return
    rows = (
        PulseAnswer.objects.filter(
            organization=organization,
            team_id__in={t for t, _ in published},
            period__in={p for _, p in published},
        )
        .exclude(comment="")
        .values_list("team_id", "period", "comment")
        .order_by("comment")
    )
    for team_id, period, comment in rows:
        if (team_id, period) in published:
            months_by_team[team_id][period].comments.append(comment)
