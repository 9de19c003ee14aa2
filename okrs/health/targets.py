"""Target bands of the health figures, cadence windows and pulse periods; pure Python, no Django.

Kept free of Django so it can move to okrs/domain/ as it is.
"""

from dataclasses import dataclass
from datetime import date, timedelta

GREEN, AMBER, RED = "green", "amber", "red"
BAND_LABELS = {GREEN: "Healthy", AMBER: "Watch", RED: "Act"}

MIN_PULSE_ANSWERS = 3


@dataclass(frozen=True)
class Target:
    """A figure's healthy (green) and tolerable (amber) ranges, bounds included; the rest is red."""

    green: tuple[float, float]
    amber: tuple[float, float]
    text: str

    def band(self, value: float | None) -> str | None:
        """Return green, amber or red for the value, or None when there is nothing to judge."""
        if value is None:
            return None
        if self.green[0] <= value <= self.green[1]:
            return GREEN
        if self.amber[0] <= value <= self.amber[1]:
            return AMBER
        return RED


@dataclass(frozen=True)
class Figure:
    """One health figure: its name, why it matters (from the guides) and its target band."""

    key: str
    label: str
    why: str
    target: Target
    counted: str = ""


def _at_least(green: float, amber: float) -> Target:
    return Target((green, 1.0), (amber, 1.0), f"green ≥ {green:.0%}, amber ≥ {amber:.0%}")


def _at_most(green: float, amber: float) -> Target:
    return Target((0.0, green), (0.0, amber), f"green ≤ {green:.0%}, amber ≤ {amber:.0%}")


FIGURES = {
    figure.key: figure
    for figure in [
        Figure(
            "coverage",
            "Check-in coverage",
            "OKRs fail when they are set and forgotten: a check-in every cadence window keeps "
            "them alive.",
            _at_least(0.8, 0.5),
            "active key results",
        ),
        Figure(
            "regularity",
            "Check-in regularity",
            "A steady rhythm of check-ins, not a rush before the review, lets teams inspect "
            "and adapt in time.",
            _at_least(0.8, 0.6),
            "team cadence windows",
        ),
        Figure(
            "right_size",
            "Objectives with 2–5 key results",
            "An objective should have 2 to 5 key results: more dilutes focus and clarity, "
            "one cannot show the outcome is reached.",
            _at_least(0.9, 0.7),
            "published objectives",
        ),
        Figure(
            "alignment",
            "Alignment coverage",
            "Team objectives support the ones above them; without alignment teams head in "
            "opposite directions without knowing it.",
            _at_least(0.8, 0.6),
            "strategic and tactical objectives",
        ),
        Figure(
            "outcome",
            "Outcome key results",
            "Key results should measure the change teams cause (outcomes), not what they "
            "invest (inputs) or deliver (outputs).",
            _at_least(0.5, 0.25),
            "key results",
        ),
        Figure(
            "activities",
            "Key results that are activities",
            "A key result that names work to do turns OKRs into a task list; the work "
            "belongs in the action plan.",
            _at_most(0.1, 0.25),
            "key results",
        ),
        Figure(
            "stale",
            "Stale key results",
            "A key result with no check-in for longer than its check-in window is set and "
            "forgotten; nobody is inspecting it.",
            _at_most(0.1, 0.25),
            "active key results",
        ),
        Figure(
            "confidence",
            "Confidence",
            "Teams assess their confidence at every check-in and review; low shows where help "
            "is needed, near 10 everywhere suggests goals that do not stretch.",
            Target((5.0, 8.0), (3.0, 10.0), "green 5–8, amber 3–5 or above 8"),
        ),
        Figure(
            "hypotheses",
            "Hypothesis coverage",
            "Hypothesis-driven OKRs make each cycle a test of what the team believes; an "
            "objective without a hypothesis (or with 'TBD') has nothing to learn from.",
            _at_least(0.8, 0.5),
            "published objectives",
        ),
        Figure(
            "moonshots",
            "Moonshot share",
            "The balance between roofshot and moonshot objectives pursues what is attainable "
            "and what is visionary: mostly roofshots, some moonshots.",
            Target((0.1, 0.5), (0.0, 0.7), "green 10–50%, amber up to 70%"),
            "published objectives are moonshots",
        ),
        Figure(
            "evaluation",
            "Evaluation completion",
            "The evaluation's scores and reflections feed the next cycle's planning; a team "
            "that never evaluates its objectives learns nothing from them.",
            _at_least(0.9, 0.6),
            "teams shared their evaluation",
        ),
    ]
}

PULSE_TARGET = Target((4.0, 5.0), (3.0, 5.0), "green ≥ 4, amber ≥ 3 (of 5)")


@dataclass(frozen=True)
class Letter:
    """One value of F.A.C.T.S. and the statement a pulse asks about it."""

    field: str
    name: str
    value: str
    statement: str


FACTS = [
    Letter(
        "focus",
        "Focus",
        "Focus illuminates the path so people work within the light of the objective.",
        "We work on the few things that matter most for our objective.",
    ),
    Letter(
        "alignment",
        "Alignment",
        "Alignment is the glue that unites, transcending hierarchy and silos.",
        "Our OKRs connect with other teams' and the organisation's, across hierarchy and silos.",
    ),
    Letter(
        "commitment",
        "Commitment",
        "Commitment encourages accountability and support among team members.",
        "We hold each other accountable and support each other to reach our key results.",
    ),
    Letter(
        "tracking",
        "Tracking",
        "Tracking promotes transparency and data-driven decision-making.",
        "We share progress and problems openly, without fear, and decide with data.",
    ),
    Letter(
        "stretching",
        "Stretching",
        "Stretching inspires innovation and growth beyond comfort zones.",
        "Our objectives take us beyond our comfort zone, and falling short of a stretch is safe.",
    ),
]
LETTER_FIELDS = [letter.field for letter in FACTS]


def share(part: int, whole: int) -> float | None:
    """Return part of whole as a share of 1, or None when the whole is empty."""
    return part / whole if whole else None


def cadence_windows(start: date, end: date, on: date, days: int) -> list[tuple[date, date]]:
    """Return the cadence windows of a cycle that ended before the day `on`.

    Each window is (first day, day after the last); windows start on the cycle's first day and
    the last one is cut at the cycle's end.
    """
    windows: list[tuple[date, date]] = []
    stop = min(end, on) + timedelta(days=1)  # no window ends after `on`; 9999-12-31 has no next day
    first = start
    while first < stop:
        after = min(first + timedelta(days=days), stop)
        if after > on:
            break
        windows.append((first, after))
        first = after
    return windows


def pulse_period(on: date) -> date:
    """Return the pulse period holding the day: the first day of its calendar month."""
    return on.replace(day=1)


def next_period(period: date) -> date:
    """Return the first day of the period after this one."""
    return (period.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_between(start: date, end: date) -> list[date]:
    """Return the pulse periods that overlap the days from start to end, both included."""
    periods, period, last = [], pulse_period(start), pulse_period(end)
    while period <= last:
        periods.append(period)
        if period == last:  # the month after December 9999 does not exist
            break
        period = next_period(period)
    return periods
