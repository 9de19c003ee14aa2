"""Organisations (tenants), teams, people, memberships and roles."""

from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from okrs import clock
from okrs.domain.limits import number_range_error
from okrs.domain.profiles import PROFILES, get_profile
from okrs.domain.vocabulary import LEVEL_DEPTH, Level, ScoreScale


@cache
def time_zone_names() -> frozenset[str]:
    """Return the names of the time zones this system knows (Europe/Berlin, UTC, ...)."""
    return frozenset(available_timezones())


def validate_time_zone(name: str) -> None:
    """Refuse a time zone name the system does not know."""
    if name and name not in time_zone_names():
        raise ValidationError(
            f"Unknown time zone {name!r}; use a name such as Europe/Berlin or America/New_York.",
            code="time_zone",
        )


class Organization(models.Model):
    """A tenant: one organisation practising OKRs under one profile."""

    PROFILE_CHOICES = [(p.slug, p.name) for p in PROFILES.values()]

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    profile = models.CharField(max_length=20, choices=PROFILE_CHOICES, default="p-okr")
    score_scale = models.CharField(
        max_length=4, choices=[(s.value, s.value) for s in ScoreScale], default=ScoreScale.TEN
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Where the organisation's days begin and end; empty: OKRS_TIME_ZONE's.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def practice(self):
        """Return the practice profile the organisation follows."""
        return get_profile(self.profile)

    def zone_name(self) -> str:
        """Return the name of the organisation's time zone, the server's when it has none."""
        return self.time_zone or settings.TIME_ZONE

    def zone(self) -> ZoneInfo:
        """Return the organisation's time zone (the server's, should the system forget its name)."""
        try:
            return ZoneInfo(self.zone_name())
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)


class TenantQuerySet(models.QuerySet):
    """Rows that belong to organisations."""

    def of(self, organization: Organization | int) -> "TenantQuerySet":
        """Return the rows of one organisation, given as itself or its id."""
        return self.filter(organization=organization)


class TenantModel(models.Model):
    """A row owned by one organisation."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Check every field, and that every number is finite and within the stored range."""
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.FloatField | models.DecimalField):
                continue
            value = getattr(self, field.attname)
            if field.name in errors or (exclude and field.name in exclude) or value is None:
                continue
            reason = number_range_error(float(value))
            if reason:
                errors[field.name] = [f"Enter a number okrs can store: {reason}."]
        if errors:
            raise ValidationError(errors)


class Team(TenantModel):
    """A team at one of the three OKR levels; the organisation itself is the company team."""

    LEVEL_CHOICES = [(level.value, level.value.title()) for level in Level]

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    level = models.CharField(max_length=12, choices=LEVEL_CHOICES, default=Level.TACTICAL)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    mission = models.TextField(blank=True)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the team was archived: its OKRs stay readable, it takes no new ones.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="team_slug_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def depth(self) -> int:
        """Return the team's level as a depth: company 0, strategic 1, tactical 2."""
        return LEVEL_DEPTH[Level(self.level)]

    def is_archived(self) -> bool:
        """Return whether the team is archived."""
        return self.archived_at is not None

    def is_company(self) -> bool:
        """Return whether the team is the organisation's own, at the top of the hierarchy."""
        return self.level == Level.COMPANY and self.parent_id is None


class Role(models.TextChoices):
    """What a person may do in their organisation."""

    ADMIN = "admin", "Admin"
    OKR_LEADER = "okr-leader", "OKR Leader"
    OKR_PRACTITIONER = "okr-practitioner", "OKR Practitioner"
    OKR_PROFESSIONAL = "okr-professional", "OKR Professional"
    MEMBER = "member", "Member"
    STAKEHOLDER = "stakeholder", "Stakeholder (read-only)"


ORGANIZATION_WIDE_WRITERS = {Role.ADMIN, Role.OKR_LEADER}


class PersonManager(BaseUserManager):
    """Creates people who sign in with their e-mail address."""

    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        """Create a person with the e-mail as login."""
        if not email:
            raise ValueError("A person needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **fields):
        """Create a person with every permission in Django admin."""
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Person(AbstractUser):
    """Someone who works with OKRs: a member of one organisation, signing in by e-mail."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)
    name = models.CharField(max_length=200, blank=True)
    handle = models.SlugField(
        max_length=80,
        blank=True,
        help_text="Short id used in OKRs-as-code files, unique in the organisation.",
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="people"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    session_salt = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Mixed into every session; changing it signs the person out everywhere.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PersonManager()

    class Meta:
        ordering = ["name", "email"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "handle"],
                condition=~models.Q(handle=""),
                name="person_handle_per_org",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def _get_session_auth_hash(self, secret=None):
        """Return an HMAC of the password hash and the session salt that sessions must match."""
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            self.password + self.session_salt,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self) -> str:
        """Return the name people see."""
        return self.name or self.email

    def get_short_name(self) -> str:
        """Return the first word of the name."""
        return (self.name or self.email).split()[0]

    def initials(self) -> str:
        """Return up to two initials for an avatar."""
        words = (self.name or self.email).replace("@", " ").split()
        return "".join(word[0] for word in words[:2]).upper()

    def is_read_only(self) -> bool:
        """Return whether the person may only read (a stakeholder)."""
        return self.role == Role.STAKEHOLDER

    def writes_everything(self) -> bool:
        """Return whether the person may write every team's OKRs (admin, OKR leader)."""
        return self.role in ORGANIZATION_WIDE_WRITERS


class Membership(TenantModel):
    """A person's place in a team, as member or lead."""

    class TeamRole(models.TextChoices):
        MEMBER = "member", "Member"
        LEAD = "lead", "Lead"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        ordering = ["team__name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "team"], name="one_membership_per_team"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.team} ({self.role})"


def unique_slug(name: str, taken: set[str]) -> str:
    """Return a slug for the name that is not yet taken."""
    base = slugify(name)[:70] or "team"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class AdministrativeChange(TenantModel):
    """One administrative change in the organisation's history: who did what to whom, when."""

    at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40, help_text="What was done, e.g. person.invited.")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.summary
