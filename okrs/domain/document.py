"""The OKRs-as-code document: one organisation's cycles, teams, people, KPIs and OKRs."""

from dataclasses import dataclass, field
from datetime import date

PROFILES = ("p-okr", "okr-institute", "scaled-okrs")
LEVELS = ("company", "strategic", "tactical")
CYCLE_KINDS = ("multi-year", "annual", "quarter")
CYCLE_STATES = ("planning", "active", "closed")
AMBITIONS = ("roofshot", "moonshot")
OBJECTIVE_STATUSES = ("draft", "active", "achieved", "abandoned", "closed")
KR_TYPES = ("metric", "binary")
DIRECTIONS = ("increase", "decrease", "stay-above", "stay-below", "maintain")
INDICATORS = ("leading", "lagging")
KR_KINDS = ("input", "output", "outcome")
ROLES = ("admin", "okr-leader", "okr-practitioner", "okr-professional", "member", "stakeholder")


@dataclass(slots=True)
class CheckInDoc:
    """A check-in on a key result: date, value, confidence and note."""

    date: date
    value: float
    confidence: int | None = None
    note: str = ""
    problems: str = ""
    plans: str = ""
    author: str | None = None


SOURCE_KINDS = ("push", "http", "sql")
SOURCE_SCHEDULES = ("hourly", "daily", "weekly")
SOURCE_FORMATS = ("json", "csv")


@dataclass(slots=True)
class SourceDoc:
    """Where a key result's readings come from, without its secrets (push secret, auth header)."""

    kind: str
    name: str
    schedule: str = "daily"
    url: str = ""
    format: str = "json"
    path: str = ""
    column: str = ""
    row: int = 1
    database: str = ""
    query: str = ""


@dataclass(slots=True)
class InitiativeDoc:
    """An initiative of a key result's action plan: work, not a result; it never counts."""

    title: str
    status: str = "planned"
    owner: str | None = None
    due: date | None = None
    link: str = ""


@dataclass(slots=True)
class KeyResultDoc:
    """A key result of an objective."""

    id: str
    title: str
    type: str = "metric"
    start: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str = ""
    direction: str | None = None
    indicator: str | None = None
    kind: str | None = None
    weight: float = 1.0
    balancing: bool = False
    score: float | None = None
    team: str | None = None
    linked_objective: str | None = None
    check_ins: list[CheckInDoc] = field(default_factory=list)
    initiatives: list[InitiativeDoc] = field(default_factory=list)
    source: SourceDoc | None = None
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class ObjectiveDoc:
    """An objective owned by a team (or, as an individual OKR, a person) in a cycle."""

    id: str
    title: str
    cycle: str
    team: str | None = None
    owner: str | None = None
    description: str = ""
    ambition: str = "roofshot"
    status: str = "active"
    hypothesis: str = ""
    aligned_to: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    responds_to: list[str] = field(default_factory=list)  # KPI names, or their database ids
    score: float | None = None
    publish_despite: str = ""
    key_results: list[KeyResultDoc] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class TeamDoc:
    """A team at one of the three levels, below its parent."""

    id: str
    name: str
    level: str = "tactical"
    parent: str | None = None
    mission: str = ""
    archived: bool = False
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class MeasurementDoc:
    """A reading of a KPI on a day."""

    date: date
    value: float
    note: str = ""


@dataclass(slots=True)
class KPIDoc:
    """A health metric a team watches, its healthy range and readings; team and name identify it."""

    team: str
    name: str
    unit: str = ""
    description: str = ""
    lower_bound: float | None = None
    upper_bound: float | None = None
    archived: bool = False
    measurements: list[MeasurementDoc] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class PersonDoc:
    """A person and the teams they belong to."""

    id: str
    name: str = ""
    email: str | None = None
    role: str = "member"
    teams: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class CycleDoc:
    """A cycle: a quarter, a year or several years."""

    id: str
    start: date
    end: date
    kind: str = "quarter"
    state: str | None = None
    parent: str | None = None
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Document:
    """One organisation's OKRs as code."""

    organization: str
    version: int = 1
    slug: str | None = None
    profile: str = "p-okr"
    score_scale: str | None = None
    today: date | None = None
    cycles: list[CycleDoc] = field(default_factory=list)
    teams: list[TeamDoc] = field(default_factory=list)
    people: list[PersonDoc] = field(default_factory=list)
    kpis: list[KPIDoc] = field(default_factory=list)
    objectives: list[ObjectiveDoc] = field(default_factory=list)

    def team(self, team_id: str | None) -> TeamDoc | None:
        """Return the team with the id, or None."""
        return next((t for t in self.teams if t.id == team_id), None)

    def cycle(self, cycle_id: str | None) -> CycleDoc | None:
        """Return the cycle with the id, or None."""
        return next((c for c in self.cycles if c.id == cycle_id), None)

    def objective(self, objective_id: str | None) -> ObjectiveDoc | None:
        """Return the objective with the id, or None."""
        return next((o for o in self.objectives if o.id == objective_id), None)
