"""Objectives, key results, check-ins and the alignment links between objectives."""

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.initiatives import INITIATIVE_LINK_LIMIT, INITIATIVE_TITLE_LIMIT
from okrs.domain.progress import ProgressError, infer_direction, key_result_progress
from okrs.domain.publishing import ValidationAnswer, answers_of
from okrs.domain.states import OVERRIDE_REASON_LIMIT, OVERRIDE_STATES, look
from okrs.domain.vocabulary import Ambition, Direction, KeyResultType
from okrs.objectives.recorded import history as recorded
from okrs.organizations.models import Organization, Team, TenantModel, TenantQuerySet

GRADE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]
RETENTION = timedelta(days=30)


class InitiativeStatus(models.TextChoices):
    """Where an initiative stands: planned, doing, done or dropped."""

    PLANNED = "planned", "Planned"
    DOING = "doing", "Doing"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class LiveManager(models.Manager.from_queryset(TenantQuerySet)):
    """Rows that are not in the trash; `all_objects` sees those too."""

    live = ("deleted_at",)

    def get_queryset(self):
        """Return the rows none of whose `live` deletion dates is set."""
        return super().get_queryset().filter(**{f"{name}__isnull": True for name in self.live})


class LiveLinks(LiveManager):
    """Alignments between objectives that are not in the trash."""

    live = ("child__deleted_at", "parent__deleted_at")


class LiveContributions(LiveManager):
    """Contributions to objectives that are not in the trash."""

    live = ("objective__deleted_at",)


class LiveCheckIns(LiveManager):
    """Check-ins on key results that are not in the trash."""

    live = ("key_result__deleted_at",)


class SoftDeletable(models.Model):
    """A row that goes to the trash when deleted, restorable for RETENTION, then purged."""

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveManager()
    all_objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True

    def purge_after(self):
        """Return when the row leaves the trash for good."""
        return self.deleted_at + RETENTION if self.deleted_at else None


class Objective(SoftDeletable, TenantModel):
    """A qualitative, time-bound outcome a team (or, as an anti-pattern, a person) pursues."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        ABANDONED = "abandoned", "Abandoned"
        CLOSED = "closed", "Closed"

    AMBITION_CHOICES = [(a.value, a.value.title()) for a in Ambition]

    ref = models.CharField(
        max_length=64, blank=True, help_text="Id in OKRs-as-code files, e.g. O1."
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    cycle = models.ForeignKey(Cycle, on_delete=models.RESTRICT, related_name="objectives")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.RESTRICT, related_name="objectives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="individual_objectives",
        help_text="Set only for an individual OKR, which the practice warns against.",
    )
    ambition = models.CharField(max_length=10, choices=AMBITION_CHOICES, default=Ambition.ROOFSHOT)
    hypothesis = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    grade = models.FloatField(
        null=True, blank=True, validators=GRADE_VALIDATORS, help_text="Evaluation score, 0-10."
    )
    aligned_to = models.ManyToManyField(
        "self", symmetrical=False, through="Alignment", related_name="aligned_children", blank=True
    )
    contributing_teams = models.ManyToManyField(
        Team, through="Contribution", related_name="shared_objectives", blank=True
    )
    shared_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the team shared the draft for alignment; until then only the team sees it.",
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_into",
        help_text="The objective of an earlier cycle this one continues.",
    )
    validation = models.JSONField(
        default=dict,
        blank=True,
        help_text="The team's answers to the OKR Institute's validation test, given at publish.",
    )
    publish_reason = models.TextField(
        "published despite the coach's errors because",
        blank=True,
        help_text="Why the team published with errors the coach marked; empty when none.",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Someone outside the owning team who wrote the draft for it; empty otherwise.",
    )
    accepted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the owning team accepted a draft written for it from outside.",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="DraftCoach",
        through_fields=("objective", "person"),
        related_name="coached_drafts",
        blank=True,
        help_text="People outside the team it invited to read and coach its unshared draft.",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = recorded()

    class Meta:
        default_manager_name = "objects"
        ordering = ["cycle", "team__name", "id"]
        indexes = [models.Index(fields=["organization", "cycle"], name="objective_org_cycle")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | models.Q(owner__isnull=False),
                name="objective_has_team_or_owner",
            ),
            models.UniqueConstraint(
                fields=["organization", "ref"],
                condition=~models.Q(ref="") & models.Q(deleted_at__isnull=True),
                name="objective_ref_per_org",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_individual(self) -> bool:
        """Return whether a person, not a team, owns the objective."""
        return self.owner_id is not None and self.team_id is None

    def owner_label(self) -> str:
        """Return the owning team's or person's name."""
        return str(self.team if self.team_id else self.owner)

    def is_shared(self) -> bool:
        """Return whether people outside the owning team may see it: not a draft, or shared."""
        return self.status != self.State.DRAFT or self.shared_at is not None

    def validation_answers(self) -> list[ValidationAnswer]:
        """Return the team's answers to the validation test, in the order of the questions."""
        return answers_of(self.validation)

    def awaits_acceptance(self) -> bool:
        """Return whether someone outside the team drafted it and the team has not accepted it."""
        return self.drafted_by_id is not None and self.accepted_at is None

    def clean(self):
        if self.team_id is None and self.owner_id is None:
            raise ValidationError(
                {"team": "An objective belongs to a team (or, individually, to a person)."}
            )
        if self.status != self.State.DRAFT and self.awaits_acceptance():
            raise ValidationError({"status": self.acceptance_awaited()})

    def acceptance_awaited(self) -> str:
        """Return why a draft written from outside its team cannot be published yet."""
        return (
            f"{self.drafted_by} drafted this for {self.team}: a member of "
            f"{self.team} accepts it before it can be published."
        )


class Alignment(TenantModel):
    """A vertical link: the child objective supports the parent objective."""

    child = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="child_links")

    objects = LiveLinks()
    all_objects = TenantQuerySet.as_manager()

    class Meta:
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="one_alignment_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("parent")), name="alignment_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} -> {self.parent}"


class Contribution(TenantModel):
    """A horizontal link: another team shares the objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="contributions")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="contributions")

    objects = LiveContributions()
    all_objects = TenantQuerySet.as_manager()

    class Meta:
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["objective", "team"], name="one_contribution_per_team"),
        ]

    def __str__(self) -> str:
        return f"{self.team} shares {self.objective}"


class DraftCoach(TenantModel):
    """Someone outside the owning team invited to read and coach its unshared draft; revocable."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="coachings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachings"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["objective_id", "invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "person"], name="one_coach_per_draft"),
        ]

    def __str__(self) -> str:
        return f"{self.person} coaches {self.objective}"


class KeyResult(SoftDeletable, TenantModel):
    """A measurable, verifiable achievement that shows the objective is reached."""

    TYPE_CHOICES = [(t.value, t.value.title()) for t in KeyResultType]
    DIRECTION_CHOICES = [(d.value, d.value.replace("-", " ").capitalize()) for d in Direction]

    class Indicator(models.TextChoices):
        LEADING = "leading", "Leading"
        LAGGING = "lagging", "Lagging"

    class Level(models.TextChoices):
        INPUT = "input", "Input"
        OUTPUT = "output", "Output"
        OUTCOME = "outcome", "Outcome"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    ref = models.CharField(
        max_length=64, blank=True, help_text="Id in OKRs-as-code files, e.g. O1-KR1."
    )
    title = models.CharField(max_length=300)
    type = models.CharField(max_length=10, choices=TYPE_CHOICES, default=KeyResultType.METRIC)
    unit = models.CharField(max_length=40, blank=True)
    start = models.FloatField(null=True, blank=True)
    target = models.FloatField(default=1)
    current = models.FloatField(null=True, blank=True, help_text="The latest check-in's value.")
    confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="The latest check-in's confidence."
    )
    checked_in_at = models.DateTimeField(null=True, blank=True, editable=False)
    direction = models.CharField(max_length=12, choices=DIRECTION_CHOICES, blank=True)
    indicator = models.CharField(max_length=8, choices=Indicator.choices, blank=True)
    kind = models.CharField(max_length=8, choices=Level.choices, default=Level.OUTCOME)
    weight = models.FloatField(default=1, validators=[MinValueValidator(0)])
    balancing = models.BooleanField(default=False)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_key_results"
    )
    linked_objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feeding_key_results",
        help_text="A child objective whose progress this key result takes.",
    )
    grade = models.FloatField(
        null=True, blank=True, validators=GRADE_VALIDATORS, help_text="Evaluation score, 0-10."
    )
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = recorded()

    class Meta:
        default_manager_name = "objects"
        ordering = ["objective", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "ref"],
                condition=~models.Q(ref="") & models.Q(deleted_at__isnull=True),
                name="key_result_ref_per_org",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def effective_direction(self) -> str:
        """Return the stated direction, or the one inferred from start and target."""
        return self.direction or infer_direction(self.start, self.target)

    def own_progress(self) -> float:
        """Return the progress from the key result's own numbers, ignoring any linked child."""
        return key_result_progress(
            self.type, self.effective_direction(), self.start, self.target, self.current
        )

    def clean(self):
        if self.type == KeyResultType.BINARY:
            return
        direction = self.effective_direction()
        if direction in (Direction.INCREASE, Direction.DECREASE):
            if self.start is None:
                raise ValidationError(
                    {"start": "A metric key result needs a start value (from X to Y)."}
                )
            try:
                key_result_progress(self.type, direction, self.start, self.target, self.start)
            except ProgressError as error:
                raise ValidationError(
                    {"target": f"Start and target are equal: {error}."}
                ) from error
            wrong_way = (direction == Direction.INCREASE and self.target < self.start) or (
                direction == Direction.DECREASE and self.target > self.start
            )
            if wrong_way:
                raise ValidationError(
                    {"direction": f"To {direction}, the target must lie beyond the start."}
                )


class CheckIn(TenantModel):
    """A progress update on a key result: its value, the team's confidence and a short note."""

    # Both are led by the composite indexes below: a single-column index would only slow writes.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, db_index=False)
    key_result = models.ForeignKey(
        KeyResult, on_delete=models.CASCADE, related_name="check_ins", db_index=False
    )
    value = models.FloatField()
    confidence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="0 (no chance) to 10 (certain) that the key result will be reached.",
    )
    progress_note = models.TextField("progress", blank=True)
    problems_note = models.TextField("problems", blank=True)
    plans_note = models.TextField("plans", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="check_ins",
    )
    # A reading from the key result's data source names it here instead of an author.
    source = models.CharField(max_length=80, blank=True)
    checked_in_at = models.DateTimeField(default=clock.now)

    objects = LiveCheckIns()
    all_objects = TenantQuerySet.as_manager()
    history = recorded(no_db_index=["organization", "author"])

    class Meta:
        default_manager_name = "objects"
        ordering = ["-checked_in_at", "-id"]
        indexes = [
            models.Index(fields=["key_result", "-checked_in_at"], name="checkin_kr_time"),
            models.Index(
                fields=["organization", "key_result", "checked_in_at"], name="checkin_org_kr_time"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=10), name="confidence_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_result}: {self.value} ({self.checked_in_at:%Y-%m-%d})"


class KeyResultPlan(TenantModel):
    """One version of a key result's plan, from start to target: set when, by whom and why.

    The first row of a key result is its baseline, the plan when its cycle started; each later row
    a re-plan. A key result never re-planned has none: its start and target are its only plan.
    """

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="plans")
    start = models.FloatField(null=True, blank=True)
    target = models.FloatField()
    set_at = models.DateTimeField(default=clock.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["key_result_id", "set_at", "id"]
        indexes = [models.Index(fields=["key_result", "set_at"], name="plan_kr_time")]

    def __str__(self) -> str:
        return f"{self.key_result}: {self.start} → {self.target} ({self.set_at:%Y-%m-%d})"

    def is_baseline(self) -> bool:
        """Return whether this row keeps the plan the cycle started with, not a re-plan."""
        return not self.reason


class StatusOverride(TenantModel):
    """A status set by hand on an objective, with a reason: shown beside the computed state.

    The next check-in on any of the objective's key results clears it; setting it again renews it.
    Cleared rows stay as the objective's history.
    """

    class Ending(models.TextChoices):
        CHECK_IN = "check-in", "Cleared by a check-in"
        REMOVED = "removed", "Removed by hand"
        REPLACED = "replaced", "Set again"

    STATE_CHOICES = [(state.value, look(state).label) for state in OVERRIDE_STATES]

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="status_overrides"
    )
    state = models.CharField(max_length=10, choices=STATE_CHOICES)
    reason = models.CharField(max_length=OVERRIDE_REASON_LIMIT)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=clock.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_by_check_in = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ending = models.CharField(max_length=10, choices=Ending.choices, blank=True)

    class Meta:
        ordering = ["objective_id", "-set_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective"],
                condition=models.Q(cleared_at__isnull=True),
                name="one_active_override_per_objective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.get_state_display()} by hand ({self.reason})"

    def is_active(self) -> bool:
        """Return whether the status set by hand still shows: no check-in or person cleared it."""
        return self.cleared_at is None


class LiveInitiatives(LiveManager):
    """Initiatives of key results that are not in the trash."""

    live = ("key_result__deleted_at",)


class Initiative(TenantModel):
    """Work the team believes will move a key result: its action plan, apart from the result.

    An initiative has no weight and never counts towards progress or score: key results measure
    outcomes, initiatives are the activities chosen to reach them.
    """

    Status = InitiativeStatus

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(max_length=INITIATIVE_TITLE_LIMIT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    status = models.CharField(
        max_length=8, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    due = models.DateField(null=True, blank=True)
    link = models.URLField(
        max_length=INITIATIVE_LINK_LIMIT,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="A web address (http or https) where the work is tracked.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[LiveInitiatives] = LiveInitiatives()
    all_objects = TenantQuerySet.as_manager()
    history = recorded()

    class Meta:
        default_manager_name = "objects"
        ordering = ["key_result_id", "position", "id"]

    def __str__(self) -> str:
        return self.title
