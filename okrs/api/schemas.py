"""The API's read and write models."""

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StrictBool

from okrs.domain.limits import DATE_MAX, DATE_MIN, NUMBER_LIMIT


def _storable(value: str) -> str:
    """Refuse NUL characters, which PostgreSQL cannot store."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _written(value):
    """Refuse a date or moment that is not text: a JSON number is no date."""
    if not isinstance(value, str | date):
        raise ValueError("must be text: YYYY-MM-DD, or an ISO 8601 moment")
    return value


def _in_utc(value: datetime) -> datetime:
    """Return the moment in UTC; one without an offset is read in the server's time zone."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("must lie between the years 1 and 9999 in UTC") from error


# Body fields are strict: JSON true is no number, "7" no confidence, 7.0 no id.
Number = Annotated[
    float, Field(strict=True, allow_inf_nan=False, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
]
Id = Annotated[int, Field(ge=1, le=2**62)]  # in a path or query, where every value is text
RowId = Annotated[int, Field(strict=True, ge=1, le=2**62)]
Flag = StrictBool
Plain = Annotated[str, AfterValidator(_storable)]
Title = Annotated[Plain, Field(min_length=1, max_length=300)]
Name = Annotated[Plain, Field(min_length=1, max_length=200)]
CycleName = Annotated[Plain, Field(min_length=1, max_length=100)]
Unit = Annotated[Plain, Field(max_length=40)]
Text = Annotated[Plain, Field(max_length=5000)]
Moment = Annotated[datetime, BeforeValidator(_written), AfterValidator(_in_utc)]
Day = Annotated[date, BeforeValidator(_written)]  # YYYY-MM-DD, never a JSON number
# The years 1970 to 2200 (okrs/domain/limits.py), for clients and generated tests to read.
CYCLE_YEARS = "^(19[7-9][0-9]|20[0-9]{2}|21[0-9]{2}|2200)-"
CycleDate = Annotated[
    date,
    BeforeValidator(_written),
    Field(
        description=f"A day from {DATE_MIN} to {DATE_MAX}.",
        json_schema_extra={"pattern": CYCLE_YEARS},
    ),
]
Level = Literal["company", "strategic", "tactical"]
Archived = Literal["false", "true", "all"]  # a list's filter: in use (default), archived, both
CycleKind = Literal["multi-year", "annual", "quarter"]
CycleState = Literal["planning", "active", "closed"]
ObjectiveStatus = Literal["draft", "active", "achieved", "abandoned", "closed"]
Ambition = Literal["roofshot", "moonshot"]
ValidationQuestion = Literal["inspiring", "complete", "ambitious", "measurable", "influence"]
KeyResultType = Literal["metric", "binary"]
Direction = Literal["", "increase", "decrease", "stay-above", "stay-below"]
Indicator = Literal["", "leading", "lagging"]
KeyResultKind = Literal["input", "output", "outcome"]
Grade = Annotated[float, Field(strict=True, ge=0, le=10, allow_inf_nan=False)]
Confidence = Annotated[int, Field(strict=True, ge=0, le=10)]
Weight = Annotated[float, Field(strict=True, ge=0, le=1000, allow_inf_nan=False)]


class Input(Schema):
    """A request body: a JSON object with the documented fields and no others."""

    model_config = ConfigDict(extra="forbid")


class TeamOut(Schema):
    """A team at one of the three OKR levels."""

    id: int
    name: str
    slug: str
    level: Level
    parent_id: int | None
    mission: str
    archived: bool = Field(description="Archived: its OKRs stay readable, it takes no new ones.")
    archived_at: datetime | None = Field(description="When it was archived; null when in use.")

    @staticmethod
    def resolve_archived(team) -> bool:
        """Return whether the team is archived."""
        return team.archived_at is not None


class TeamIn(Input):
    """A new team."""

    name: Name
    level: Level = "tactical"
    parent_id: RowId | None = None
    mission: Text = ""


class TeamPatch(Input):
    """Changes to a team."""

    name: Name | None = None
    mission: Text | None = None
    archived: Flag | None = Field(
        None, description="true archives the team, false brings it back into use (admins only)."
    )


class MembershipOut(Schema):
    """A person's place in a team."""

    team_id: int
    role: Literal["member", "lead"]


class PersonOut(Schema):
    """A person of the organisation."""

    id: int
    name: str
    email: str
    handle: str
    role: str
    teams: list[MembershipOut]


class CycleOut(Schema):
    """A cycle: a quarter, a year or several years."""

    id: int
    name: str
    kind: CycleKind
    start: date
    end: date
    parent_id: int | None
    state: CycleState


class CycleIn(Input):
    """A new cycle."""

    name: Annotated[CycleName, Field(examples=["2027-Q2"])]
    kind: CycleKind = "quarter"
    start: Annotated[CycleDate, Field(examples=["2027-04-01"])]
    end: Annotated[CycleDate, Field(examples=["2027-06-30"])]
    parent_id: RowId | None = None
    state: CycleState = "planning"


class CyclePatch(Input):
    """Changes to a cycle; setting state to closed closes it."""

    name: Annotated[CycleName | None, Field(examples=["2027-Q1"])] = None
    state: CycleState | None = None
    confirm: bool = Field(
        False, description="Closing before the cycle's end date needs confirm: true."
    )


class Pace(Schema):
    """Computed figures: progress, expected progress, status, score and confidence."""

    progress: float = Field(description="0 to 1.")
    expected_progress: float = Field(
        description="0 to 1: the elapsed share of the cycle (0.7 x for a moonshot)."
    )
    progress_status: Literal["on-track", "at-risk", "off-track"] = Field(
        description="Progress against the expected pace alone, whatever the state."
    )
    state: Literal[
        "draft", "not-started", "on-track", "at-risk", "off-track", "done", "abandoned", "closed"
    ] = Field(description="The state every page shows (docs/math.md, States).")
    score: float = Field(description="On the organisation's scale (0-10 or 0-1).")
    score_10: float = Field(description="On the 0-10 scale.")
    confidence: int | None = Field(description="The latest confidence (0-10), if any check-in.")


class KeyResultOut(Pace):
    """A key result with its computed figures."""

    id: int
    ref: str
    objective_id: int
    title: str
    type: KeyResultType
    unit: str
    start: float | None
    target: float
    current: float | None
    direction: str
    indicator: str
    kind: KeyResultKind
    weight: float
    balancing: bool
    team_id: int | None
    linked_objective_id: int | None
    grade: float | None
    checked_in_at: datetime | None
    version: int


class KeyResultIn(Input):
    """A new key result of an objective."""

    objective_id: RowId
    title: Title
    type: KeyResultType = "metric"
    unit: Unit = ""
    start: Number | None = None
    target: Number | None = None
    current: Number | None = None
    direction: Direction = ""
    indicator: Indicator = ""
    kind: KeyResultKind = "outcome"
    weight: Weight = 1
    balancing: Flag = False
    team_id: RowId | None = None


class KeyResultPatch(Input):
    """Changes to a key result; send the version you read to be safe from lost updates."""

    version: RowId | None = None
    title: Title | None = None
    unit: Unit | None = None
    start: Number | None = None
    target: Number | None = None
    direction: Direction | None = None
    indicator: Indicator | None = None
    kind: KeyResultKind | None = None
    weight: Weight | None = None
    balancing: Flag | None = None
    grade: Grade | None = None
    linked_objective_id: RowId | None = None
    reason: Annotated[Plain, Field(max_length=2000)] | None = Field(
        None,
        description="Why the start or target changes: required once the cycle has started "
        "and the objective is published (a re-plan; the original plan is kept).",
    )


OverrideState = Literal["on-track", "at-risk", "off-track"]


class OverrideOut(Schema):
    """A status set by hand, shown beside the computed state until the next check-in."""

    state: OverrideState
    reason: str
    set_by_id: int | None
    set_by: str = Field(description="The name of who set it.")
    set_at: datetime


class OverrideIn(Input):
    """A status to set by hand, with the reason people will read beside the computed state."""

    state: OverrideState
    reason: Text = Field(description="Required; 280 characters at most.")


class RespondsToOut(Schema):
    """A KPI the objective responds to, with its latest value and whether it is healthy."""

    id: int
    name: str
    team_id: int
    unit: str
    latest_value: float | None
    healthy: bool | None


class IndicatorsOut(Schema):
    """How many of the objective's key results are leading, lagging or not marked."""

    leading: int
    lagging: int
    unmarked: int


class ValidationAnswerOut(Schema):
    """A team's answer to one validation question, with its note."""

    answer: Literal["yes", "no"]
    note: str = ""


class ValidationAnswerIn(Input):
    """An answer to one validation question: yes or no, and an optional note."""

    answer: Literal["yes", "no"]
    note: Annotated[Plain, Field(max_length=1000)] = ""


class PublishIn(Input):
    """Publishing a draft: the validation answers, and why publish despite the coach's errors."""

    validation: dict[ValidationQuestion, ValidationAnswerIn] | None = Field(
        None,
        description="Answers to the validation test, by question; those left out stay unanswered.",
    )
    publish_despite: Annotated[Plain, Field(max_length=2000)] | None = Field(
        None,
        description="Required when the coach marks errors in the draft: why publish anyway.",
    )


class ObjectiveOut(Pace):
    """An objective with its key results and computed figures."""

    id: int
    ref: str
    title: str
    description: str
    cycle_id: int
    team_id: int | None
    owner_id: int | None
    ambition: Ambition
    hypothesis: str
    status: ObjectiveStatus
    grade: float | None
    aligned_to: list[int]
    contributors: list[int]
    responds_to: list[RespondsToOut] = Field(
        description="The KPIs this objective responds to (docs/practice.md, KPIs that prompt OKRs)."
    )
    indicators: IndicatorsOut
    key_results: list[KeyResultOut]
    version: int
    drafted_by_id: int | None = Field(
        None, description="Someone outside the owning team who drafted it; null otherwise."
    )
    accepted_at: datetime | None = Field(
        None, description="When the owning team accepted a draft written for it from outside."
    )
    override: OverrideOut | None = Field(
        description="A status set by hand beside `state`, which stays computed; null when none."
    )
    validation: dict[str, ValidationAnswerOut] = Field(
        description="The team's answers to the validation test (inspiring, complete, "
        "ambitious, measurable, influence), given at publish; a `no` is something to work on."
    )
    publish_reason: str = Field(
        description="Why the team published despite the coach's errors; empty when there were none."
    )


class ObjectiveIn(Input):
    """A new objective, owned by a team."""

    title: Title
    cycle_id: RowId
    team_id: RowId
    description: Text = ""
    ambition: Ambition = "roofshot"
    hypothesis: Text = ""
    status: Literal["draft", "active"] = "draft"
    aligned_to: Annotated[list[RowId], Field(max_length=20)] = []
    contributors: Annotated[list[RowId], Field(max_length=20)] = []


class ObjectivePatch(Input):
    """Changes to an objective; send the version you read to be safe from lost updates."""

    version: RowId | None = None
    title: Title | None = None
    description: Text | None = None
    ambition: Ambition | None = None
    hypothesis: Text | None = None
    status: ObjectiveStatus | None = None
    grade: Grade | None = None
    aligned_to: Annotated[list[RowId], Field(max_length=20)] | None = None
    contributors: Annotated[list[RowId], Field(max_length=20)] | None = Field(
        None, description="The teams that share the objective: exactly these, others removed."
    )


class CheckInOut(Schema):
    """A check-in on a key result."""

    id: int
    key_result_id: int
    value: float
    confidence: int
    progress_note: str
    problems_note: str
    plans_note: str
    author_id: int | None
    source: str = Field("", description="The data source that recorded it; empty for a person.")
    checked_in_at: datetime


class CheckInSaved(CheckInOut):
    """A check-in just recorded, flagged when its value looks mistyped."""

    doubt: str | None = Field(
        None,
        description="Why the value looks mistyped (far outside the plan, or a percentage "
        "outside 0-100), with the value probably meant; null when it looks right. "
        "The check-in is recorded either way.",
    )


class InitiativeMove(Input):
    """An initiative of the key result a check-in moves on: started (doing) or finished (done)."""

    id: RowId
    status: Literal["doing", "done"]


class CheckInIn(Input):
    """A new check-in: the value, the confidence, an optional three-part note, and what moved."""

    value: Number
    confidence: Confidence
    progress_note: Text = ""
    problems_note: Text = ""
    plans_note: Text = ""
    initiatives: Annotated[list[InitiativeMove], Field(max_length=50)] = Field(
        [],
        description="Initiatives of this key result's action plan to mark doing or done with "
        "the check-in, all or nothing; they never change its progress.",
    )


class KPIOut(Schema):
    """A health metric with its healthy range and latest reading."""

    id: int
    name: str
    description: str
    unit: str
    team_id: int
    lower_bound: float | None
    upper_bound: float | None
    latest_value: float | None
    latest_measured_at: datetime | None
    healthy: bool | None
    archived: bool = Field(description="Archived: its readings stay, it takes no new ones.")
    archived_at: datetime | None = Field(description="When it was archived; null when watched.")


class KPIResponseOut(Schema):
    """A link between a KPI and an objective that responds to it."""

    kpi_id: int
    objective_id: int
    linked: bool = Field(description="Whether the objective now responds to the KPI.")


class KPIIn(Input):
    """A new health metric; it needs a lower or an upper bound."""

    name: Name
    team_id: RowId
    description: Text = ""
    unit: Unit = ""
    lower_bound: Number | None = None
    upper_bound: Number | None = None


class KPIPatch(Input):
    """Changes to a health metric."""

    name: Name | None = None
    description: Text | None = None
    unit: Unit | None = None
    lower_bound: Number | None = None
    upper_bound: Number | None = None
    archived: Flag | None = Field(
        None, description="true stops watching the KPI, false watches it again."
    )


class MeasurementOut(Schema):
    """A reading of a KPI."""

    id: int
    kpi_id: int
    value: float
    measured_at: datetime
    note: str


class MeasurementIn(Input):
    """A new reading of a KPI."""

    value: Number
    measured_at: Moment | None = None
    note: Annotated[Plain, Field(max_length=500)] = ""


class Deleted(Schema):
    """What was deleted."""

    deleted: int
