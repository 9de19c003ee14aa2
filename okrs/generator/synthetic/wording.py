"""The words of synthetic OKRs: objective titles, key results from metrics, hypotheses and notes.

Titles combine verbs, outcomes and areas the way real drafts do; a few carry the mistakes real
drafts make (a number in the objective, an activity as key result), so the coach has work to do.
"""

import random
from dataclasses import dataclass

FLAWED_OBJECTIVE_SHARE = 0.04
ACTIVITY_KR_SHARE = 0.04
MILESTONE_SHARE = 0.15
BALANCING_SHARE = 0.05

AUDIENCES = (
    "customers", "new customers", "small businesses", "enterprise buyers", "partners",
    "our engineers", "first-time users", "returning customers", "our sales teams", "clinicians",
    "store managers", "developers", "finance teams", "field technicians", "members",
)  # fmt: skip
OBJECTIVE_TEMPLATES = (
    "Make {area} effortless for {audience}",
    "Delight {audience} at every step of {area}",
    "Turn {area} into a reason {audience} stay with us",
    "Become the most trusted name in {area} for {audience}",
    "Earn the loyalty of {audience} in {area}",
    "Make {area} fast and dependable",
    "Give {audience} a {area} experience they recommend to friends",
    "Make {area} a strength {audience} notice",
    "Put {area} on a healthy, sustainable footing",
    "Remove the friction {audience} feel in {area}",
    "Make every {area} change safe and uneventful",
    "Help {audience} succeed with {area} from day one",
    "Run {area} that grows with the business",
    "Make {area} the easiest part of working with us",
    "Win the confidence of {audience} in {area}",
    "Grow {area} into a business {audience} rely on",
)
COMPANY_TEMPLATES = (
    "Become the first choice of {audience} across Europe",
    "Build a company people are proud to work for",
    "Grow into a profitable, self-funding business",
    "Earn the trust of {audience} everywhere we operate",
    "Lead our market on customer experience",
    "Make our products delightful and dependable",
)
FLAWED_OBJECTIVES = (
    "Grow {area} revenue by 20%",
    "Improve {area} through better tooling",
    "Reach 95% satisfaction with {area}",
)
ACTIVITY_KEY_RESULTS = (
    "Launch the new {area} dashboard",
    "Hold 4 {area} workshops with customers",
    "Roll out the {area} playbook to every team",
)
MILESTONES = (
    "ISO 27001 certification granted for {area}",
    "Three reference customers signed for {area}",
    "Regulator approval received for {area}",
    "Board approval obtained for the {area} business case",
    "First paying customer won in the Nordics for {area}",
    "Data protection audit of {area} passed without findings",
)
BECAUSE = (
    "customers told us this is what holds them back",
    "our churn interviews point at it again and again",
    "competitors already do it better and win deals on it",
    "it is the biggest lever on next year's growth",
    "the data shows most drop-offs happen right there",
    "our teams lose hours every week to it",
)
VALIDATED_BY = (
    "the monthly customer survey",
    "the product analytics dashboard",
    "the quarterly business review",
    "the support ticket trends",
    "win-loss interviews",
)
ON_PACE_NOTES = (
    ("Steady week, the numbers moved as planned.", "", "Keep the same focus next week."),
    ("Good progress after the last release.", "", "Double-check the data quality."),
    ("Ahead of last week, the team is confident.", "", "Share the learnings with the tribe."),
    ("The experiment paid off.", "", "Scale it to the next segment."),
)
BEHIND_NOTES = (
    ("Slower than hoped.", "Two people were out sick.", "Pair up on the open items."),
    ("Flat this week.", "Waiting on the platform team.", "Escalate in the weekly review."),
    ("Small step forward.", "The vendor missed a delivery.", "Ask for a new date by Friday."),
    ("Behind plan.", "The first experiment did not move the metric.", "Try the second idea."),
)
NOTE_SHARE = 0.3


@dataclass(frozen=True)
class Metric:
    """A measure a key result can move: its name, unit, decimals and the change teams aim for."""

    name: str
    unit: str
    low: float
    high: float
    change: tuple[float, float]  # target as a multiple of the start
    decimals: int = 0

    def decrease(self) -> bool:
        """Return whether teams aim to bring this measure down."""
        return self.change[1] < 1


INCREASE_METRICS = (
    Metric("weekly active users", "", 4000, 60000, (1.15, 1.6)),
    Metric("30-day activation", "%", 30, 60, (1.15, 1.4)),
    Metric("NPS", "", 12, 40, (1.2, 1.6)),
    Metric("trial-to-paid conversion", "%", 5, 14, (1.2, 1.5), 1),
    Metric("self-serve signups per week", "", 200, 1200, (1.3, 1.8)),
    Metric("net revenue retention", "%", 96, 108, (1.04, 1.09)),
    Metric("qualified pipeline", "k€", 800, 5000, (1.2, 1.5)),
    Metric("CSAT", "", 3.6, 4.2, (1.06, 1.12), 1),
    Metric("on-time delivery", "%", 80, 90, (1.04, 1.09)),
    Metric("first-contact resolution", "%", 55, 75, (1.1, 1.25)),
    Metric("deployments per week", "", 5, 30, (1.5, 2.5)),
    Metric("share of customers using two or more products", "%", 12, 30, (1.2, 1.5)),
    Metric("eNPS", "", 5, 25, (1.3, 1.8)),
    Metric("forecast accuracy", "%", 70, 85, (1.05, 1.12)),
)
DECREASE_METRICS = (
    Metric("median first response time", "h", 6, 24, (0.4, 0.7)),
    Metric("monthly churn", "%", 2, 6, (0.6, 0.8), 1),
    Metric("checkout abandonment", "%", 55, 80, (0.75, 0.9)),
    Metric("p95 page load time", "ms", 1200, 3000, (0.5, 0.7)),
    Metric("incidents with customer impact per month", "", 6, 20, (0.4, 0.6)),
    Metric("lead time for changes", "days", 5, 15, (0.4, 0.6)),
    Metric("open critical vulnerabilities", "", 20, 80, (0.2, 0.4)),
    Metric("days to close the books", "days", 8, 14, (0.5, 0.7)),
    Metric("time to hire", "days", 40, 65, (0.65, 0.8)),
    Metric("returns due to damage", "%", 3, 8, (0.5, 0.7), 1),
)
GUARDS = (
    Metric("CSAT", "", 4.2, 4.5, (1, 1), 1),
    Metric("uptime", "%", 99.5, 99.9, (1, 1), 2),
)
INCREASE_VERBS = ("Increase", "Raise", "Grow", "Lift")
DECREASE_VERBS = ("Reduce", "Cut", "Lower", "Bring down")


@dataclass(frozen=True)
class KeyResultPlan:
    """A key result's words and numbers before anyone checks in."""

    title: str
    type: str  # metric or binary
    direction: str  # increase, decrease, stay-above, or "" for a milestone
    unit: str
    start: float
    target: float
    decimals: int
    kind: str  # input, output or outcome
    indicator: str
    balancing: bool = False


def objective_title(level: str, area: str, rng: random.Random) -> str:
    """Return an objective title for a team working on the area."""
    audience = rng.choice(AUDIENCES)
    if level == "company":
        return rng.choice(COMPANY_TEMPLATES).format(audience=audience)
    templates = FLAWED_OBJECTIVES if rng.random() < FLAWED_OBJECTIVE_SHARE else OBJECTIVE_TEMPLATES
    title = rng.choice(templates).format(area=area.lower(), audience=audience)
    return title[0].upper() + title[1:]


def hypothesis(title: str, key_results: list[KeyResultPlan], rng: random.Random) -> str:
    """Return the objective's hypothesis in the P-OKR guide's form."""
    measured = " and ".join(f"“{kr.title}”" for kr in key_results[:2])
    return (
        f"We believe that by achieving {measured}, we will achieve “{title}” because "
        f"{rng.choice(BECAUSE)}. This will be validated by {rng.choice(VALIDATED_BY)}."
    )


def written(value: float, metric: Metric) -> str:
    """Return the value as a title writes it, with its unit."""
    text = f"{value:,.{metric.decimals}f}"
    if metric.unit == "%":
        return f"{text}%"
    if metric.unit == "k€":
        return f"€{text}k"
    return f"{text} {metric.unit}" if metric.unit else text


def key_results(area: str, count: int, rng: random.Random) -> list[KeyResultPlan]:
    """Return the count key results of an objective: metrics, a milestone now and then."""
    area = area.lower()
    found: list[KeyResultPlan] = []
    names: set[str] = set()
    while len(found) < count:
        draw = rng.random()
        if draw < MILESTONE_SHARE:
            plan = _milestone(area, rng)
        elif draw < MILESTONE_SHARE + ACTIVITY_KR_SHARE:
            plan = _activity(area, rng)
        elif draw < MILESTONE_SHARE + ACTIVITY_KR_SHARE + BALANCING_SHARE and found:
            plan = _guard(rng)
        else:
            plan = _metric(rng)
        if plan.title not in names:
            names.add(plan.title)
            found.append(plan)
    return found


def _metric(rng: random.Random) -> KeyResultPlan:
    metrics = DECREASE_METRICS if rng.random() < 0.35 else INCREASE_METRICS
    metric = rng.choice(metrics)
    start = round(rng.uniform(metric.low, metric.high), metric.decimals)
    target = round(start * rng.uniform(*metric.change), metric.decimals)
    if metric.unit == "%" and metric.high <= 100:
        target = min(target, 99.0 if start < 99 else 100.0)
    if target == start:
        step = 10**-metric.decimals
        target = start - step if metric.decrease() else start + step
    verb = rng.choice(DECREASE_VERBS if metric.decrease() else INCREASE_VERBS)
    title = f"{verb} {metric.name} from {written(start, metric)} to {written(target, metric)}"
    direction = "decrease" if metric.decrease() else "increase"
    indicator = rng.choice(("leading", "lagging"))
    return KeyResultPlan(
        title,
        "metric",
        direction,
        metric.unit,
        start,
        target,
        metric.decimals,
        "outcome",
        indicator,
    )


def _guard(rng: random.Random) -> KeyResultPlan:
    metric = rng.choice(GUARDS)
    level = round(rng.uniform(metric.low, metric.high), metric.decimals)
    today = round(level + 3 * 10**-metric.decimals, metric.decimals)
    title = f"Keep {metric.name} at {written(level, metric)} or above"
    return KeyResultPlan(
        title,
        "metric",
        "stay-above",
        metric.unit,
        today,
        level,
        metric.decimals,
        "outcome",
        "lagging",
        balancing=True,
    )


def _milestone(area: str, rng: random.Random) -> KeyResultPlan:
    title = rng.choice(MILESTONES).format(area=area)
    return KeyResultPlan(title, "binary", "", "", 0, 1, 0, "output", "leading")


def _activity(area: str, rng: random.Random) -> KeyResultPlan:
    title = rng.choice(ACTIVITY_KEY_RESULTS).format(area=area)
    return KeyResultPlan(title, "binary", "", "", 0, 1, 0, "input", "leading")


def note(on_pace: bool, rng: random.Random) -> tuple[str, str, str]:
    """Return a check-in's progress, problems and plans notes; most check-ins carry none."""
    if rng.random() >= NOTE_SHARE:
        return "", "", ""
    return rng.choice(ON_PACE_NOTES if on_pace else BEHIND_NOTES)
