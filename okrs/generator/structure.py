"""The generated organisation's structure: teams, people, memberships, cycles and KPIs."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.generator.rows import create_all
from okrs.generator.synthetic.paths import Quarter
from okrs.generator.synthetic.shape import TeamPlan, person_names
from okrs.kpis.models import KPI, Measurement
from okrs.organizations.actions import company_team
from okrs.organizations.models import Membership, Organization, Person, Role, Team, unique_slug

ADMIN_PASSWORD = "scale-admin-password"
PEOPLE_PASSWORD = "scale-password"
BATCH = 2000
COMPANY_ROLES = (Role.ADMIN, Role.ADMIN, Role.ADMIN, Role.OKR_LEADER, Role.OKR_LEADER)
STAKEHOLDER_EVERY = 200
KPI_WEEKS = 12
KPIS = (
    ("Gross margin", "%", 38, 46, 40, None),
    ("Cash runway", "months", 18, 30, 12, None),
    ("Employee turnover, rolling 12 months", "%", 8, 14, None, 15),
    ("Service availability", "%", 99.6, 99.98, 99.5, None),
    ("Support backlog", "tickets", 120, 600, None, 500),
)


def admin_email(slug: str) -> str:
    """Return the e-mail of the known admin of the generated organisation."""
    return f"admin@{slug}.test"


@dataclass
class Structure:
    """The generated teams and who may check in for each of them."""

    teams: list[Team]
    plans: list[TeamPlan]
    authors: dict[int, list[int]] = field(default_factory=dict)  # team id -> person ids

    def children(self) -> dict[int, list[Team]]:
        """Return the teams below each team, by the parent's id."""
        found: dict[int, list[Team]] = {}
        for team in self.teams:
            if team.parent_id is not None:
                found.setdefault(team.parent_id, []).append(team)
        return found


def create_teams(organization: Organization, plans: list[TeamPlan], bar) -> list[Team]:
    """Create the strategic and tactical teams below the company team, level by level, in bulk."""
    company = company_team(organization)
    teams: list[Team | None] = [company] + [None] * (len(plans) - 1)
    taken = {company.slug}
    for level in ("strategic", "tactical"):
        new = []
        for index, plan in enumerate(plans):
            if plan.level != level:
                continue
            slug = unique_slug(plan.name, taken)
            taken.add(slug)
            team = Team(
                organization=organization,
                name=plan.name,
                slug=slug,
                level=level,
                parent=teams[plan.parent],
                mission=_mission(plan),
            )
            teams[index] = team
            new.append(team)
        Team.objects.bulk_create(new, batch_size=BATCH)
        bar.update(len(new))
    bar.update(1)
    return teams


def _mission(plan: TeamPlan) -> str:
    return f"Own {plan.topic.lower()} end to end, so that customers never have to think about it."


def add_people(organization, teams: list[Team], per_team: int, rng: random.Random, bar) -> dict:
    """Create per_team people in every team, a lead first, with the organisation's roles.

    Return the people who check in for each team, by team id; leads count twice.
    """
    domain = f"{organization.slug}.test"
    common = make_password(PEOPLE_PASSWORD)
    names = person_names(len(teams) * per_team, rng)
    people, roles = [], []
    for team_index, team in enumerate(teams):
        for n in range(per_team):
            index = team_index * per_team + n
            name, local = names[index]
            role = _role(team.level, n, index)
            if index == 0:
                name, local = "Scale Admin", "admin"
            person = Person(
                email=f"{local}@{domain}",
                name=name,
                handle=local.replace(".", "-"),
                organization=organization,
                role=role,
                password=common,
            )
            if index == 0:
                person.password = make_password(ADMIN_PASSWORD)
            people.append(person)
            roles.append((team, n == 0))
    for start in range(0, len(people), BATCH):
        create_all(Person, people[start : start + BATCH])
        bar.update(min(BATCH, len(people) - start))
    memberships, authors = [], {team.pk: [] for team in teams}
    for person, (team, lead) in zip(people, roles, strict=True):
        role = Membership.TeamRole.LEAD if lead else Membership.TeamRole.MEMBER
        memberships.append(
            Membership(organization=organization, person=person, team=team, role=role)
        )
        if person.role != Role.STAKEHOLDER:
            authors[team.pk] += [person.pk, person.pk] if lead else [person.pk]
    create_all(Membership, memberships)
    return authors


def _role(level: str, position: int, index: int) -> str:
    """Return the organisation role of the person at this position of a team."""
    if level == "company" and position < len(COMPANY_ROLES):
        return COMPANY_ROLES[position]
    if level == "strategic" and position == 1:
        return Role.OKR_PRACTITIONER
    if level == "tactical" and position == 1 and index % 10 == 1:
        return Role.OKR_PROFESSIONAL
    if position > 1 and index % STAKEHOLDER_EVERY == STAKEHOLDER_EVERY - 1:
        return Role.STAKEHOLDER
    return Role.MEMBER


def create_cycles(organization, quarters: list[Quarter]) -> list[Cycle]:
    """Create the quarters, the earlier ones closed and the last active, in their annual cycles."""
    years: dict[int, Cycle] = {}
    current_year = quarters[-1].year
    for year in sorted({q.year for q in quarters}):
        state = Cycle.State.ACTIVE if year == current_year else Cycle.State.CLOSED
        years[year] = create_cycle(
            organization,
            str(year),
            date(year, 1, 1),
            date(year, 12, 31),
            kind=Cycle.Kind.ANNUAL,
            state=state,
        )
    cycles = []
    for quarter in quarters:
        state = Cycle.State.ACTIVE if quarter is quarters[-1] else Cycle.State.CLOSED
        cycles.append(
            create_cycle(
                organization,
                quarter.name,
                quarter.start,
                quarter.end,
                parent=years[quarter.year],
                state=state,
            )
        )
    return cycles


def create_kpis(organization, teams: list[Team], today: date, rng: random.Random) -> int:
    """Give the company and each strategic team two KPIs with weekly readings; return the count."""
    kpis, readings = [], []
    for team in teams:
        if team.level == "tactical":
            continue
        for name, unit, low, high, lower, upper in rng.sample(KPIS, 2):
            kpis.append(
                KPI(
                    organization=organization,
                    team=team,
                    name=name,
                    unit=unit,
                    lower_bound=lower,
                    upper_bound=upper,
                )
            )
            readings.append([round(rng.uniform(low, high), 2) for _ in range(KPI_WEEKS)])
    KPI.objects.bulk_create(kpis, batch_size=BATCH)
    measurements = []
    for kpi, values in zip(kpis, readings, strict=True):
        for age, value in enumerate(reversed(values)):
            day = today - timedelta(days=1 + 7 * age)
            at = timezone.make_aware(datetime.combine(day, time(7, 30)))
            measurements.append(
                Measurement(organization=organization, kpi=kpi, value=value, measured_at=at)
            )
        kpi.latest_value, kpi.latest_measured_at = values[-1], measurements[-KPI_WEEKS].measured_at
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    KPI.objects.bulk_update(kpis, ["latest_value", "latest_measured_at"], batch_size=BATCH)
    return len(kpis)
