"""Generate a large, realistic organisation in bulk, deterministically for a seed."""

import random
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from tqdm import tqdm

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.generator.quarter import QuarterBuilder
from okrs.generator.structure import (
    Structure,
    add_people,
    create_cycles,
    create_kpis,
    create_teams,
)
from okrs.generator.synthetic.paths import quarters_until
from okrs.generator.synthetic.shape import MIN_TEAMS, plan_teams
from okrs.kpis.models import KPI, Measurement
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective
from okrs.organizations.actions import create_organization
from okrs.organizations.models import Membership, Organization, Person, Team
from okrs.organizations.removal import delete_organization

FILLED = (
    Organization, Team, Person, Membership, Cycle, Objective, KeyResult, CheckIn,
    Alignment, Contribution, KPI, Measurement,
)  # fmt: skip


class GenerateError(ValueError):
    """Options that cannot generate an organisation, or one that is already there."""


@dataclass(frozen=True)
class Plan:
    """What to generate: the organisation's size, its history and the seed."""

    teams: int = 2000
    cycles: int = 8
    seed: int = 1
    people_per_team: int = 25
    slug: str = "scale"
    name: str = ""
    today: date | None = None
    replace: bool = False
    progress: bool = True


@dataclass(frozen=True)
class Generated:
    """What was generated."""

    organization: Organization
    teams: int
    people: int
    quarters: int
    objectives: int
    key_results: int
    check_ins: int
    kpis: int


def generate(plan: Plan) -> Generated:
    """Build the organisation in one transaction; refuse an existing slug unless replacing it."""
    _check(plan)
    today = plan.today or clock.today()
    rng = random.Random(f"{plan.seed}/shape")
    team_plans = plan_teams(plan.teams, rng, plan.name or _name(plan.slug))
    quarters = quarters_until(today, plan.cycles)
    with transaction.atomic():
        existing = Organization.objects.filter(slug=plan.slug).first()
        if existing is not None:
            if not plan.replace:
                raise GenerateError(
                    f"An organisation with the slug “{plan.slug}” already exists; "
                    "add --replace to delete it and generate it again."
                )
            with _bar(plan, "deleting the old one", 1) as bar:
                delete_organization(existing)
                bar.update(1)
        taken = Person.objects.filter(email__iendswith=f"@{plan.slug}.test")
        if taken.exists():
            raise GenerateError(f"People with e-mails @{plan.slug}.test already exist elsewhere.")
        organization = create_organization(team_plans[0].name, slug=plan.slug, profile="p-okr")
        with _bar(plan, "teams", len(team_plans)) as bar:
            teams = create_teams(organization, team_plans, bar)
        structure = Structure(teams, team_plans)
        with _bar(plan, "people", len(teams) * plan.people_per_team) as bar:
            people_rng = random.Random(f"{plan.seed}/people")
            structure.authors = add_people(
                organization, teams, plan.people_per_team, people_rng, bar
            )
        cycles = create_cycles(organization, quarters)
        objectives = key_results = check_ins = 0
        for cycle in cycles:
            with _bar(plan, f"OKRs {cycle.name}", len(teams) + 3) as bar:
                builder = QuarterBuilder(organization, structure, cycle, plan.seed, today)
                counts = builder.build(bar)
            objectives, key_results = objectives + counts[0], key_results + counts[1]
            check_ins += counts[2]
        kpis = create_kpis(organization, teams, today, random.Random(f"{plan.seed}/kpis"))
    _analyze()
    return Generated(
        organization,
        len(teams),
        len(teams) * plan.people_per_team,
        len(cycles),
        objectives,
        key_results,
        check_ins,
        kpis,
    )


def _analyze() -> None:
    """Give PostgreSQL's planner statistics on the filled tables, so the first reads are fast."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in FILLED)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _check(plan: Plan) -> None:
    """Refuse sizes that give no sensible organisation."""
    if plan.teams < MIN_TEAMS:
        raise GenerateError(
            f"--teams must be at least {MIN_TEAMS}: a company, a strategic and a tactical team."
        )
    if plan.cycles < 1:
        raise GenerateError("--cycles must be at least 1 (the current quarter).")
    if plan.people_per_team < 1:
        raise GenerateError("--people-per-team must be at least 1: every team needs a lead.")
    if not plan.slug or not plan.slug.replace("-", "").isalnum() or plan.slug != plan.slug.lower():
        raise GenerateError(f"--organization must be a slug (a-z, 0-9, -), not {plan.slug!r}.")


def _name(slug: str) -> str:
    """Return the organisation's name for its slug: Scale Org for scale."""
    return f"{slug.replace('-', ' ').title()} Org"


def _bar(plan: Plan, stage: str, total: int):
    """Return a progress bar for one stage, on stderr."""
    return tqdm(total=total, desc=stage, unit="", disable=not plan.progress, leave=True)
