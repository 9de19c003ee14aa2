"""Build the demo organisation through the actions, from the content in this package."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from okrs import clock
from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.demo.action_plans import add_action_plans
from okrs.demo.annual_okrs import COMPANY_OBJECTIVES, STRATEGIC_OBJECTIVES
from okrs.demo.content import (
    DEMO_PASSWORD,
    DEMO_SLUG,
    KPIS,
    LEAD,
    ORGANIZATION_NAME,
    PEOPLE,
    STRATEGIC_TEAMS,
    KeyResultSpec,
    ObjectiveSpec,
)
from okrs.demo.current_quarter_okrs import CURRENT_QUARTER
from okrs.demo.paths import (
    generic_note,
    grade,
    kpi_readings,
    place_notes,
    previous_quarter,
    quarter_bounds,
    quarter_of,
    readings,
    weekly,
)
from okrs.demo.previous_quarter_okrs import PREVIOUS_QUARTER
from okrs.domain.progress import is_achieved, key_result_progress
from okrs.domain.vocabulary import Direction, KeyResultType, Level, ScoreScale
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    link_key_result,
    record_check_in,
    update_key_result,
    update_objective,
)
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.overrides import override_status
from okrs.organizations.actions import (
    add_person,
    company_team,
    create_organization,
    create_team,
    join_team,
)
from okrs.organizations.models import Membership, Organization, Person, Role, Team
from okrs.organizations.removal import delete_organization


class DemoAlreadyLoaded(Exception):
    """The demo organisation, or one of its people, is already in the database."""


def load_demo(today: date | None = None) -> Organization:
    """Build the demo organisation as it stands on the date (today by default), in one go."""
    today = today or clock.today()
    with transaction.atomic():
        _refuse_second_demo()
        organization = create_organization(
            ORGANIZATION_NAME, slug=DEMO_SLUG, profile="p-okr", score_scale=ScoreScale.TEN
        )
        teams = _create_teams(organization)
        authors = _add_people(organization, teams)
        _DemoOKRs(organization, teams, authors, today).build()
        _record_kpis(teams, today)
    return organization


def demo_is_stale(today: date) -> bool:
    """Tell whether the demo exists with every quarter behind the date: it was built long ago."""
    organization = Organization.objects.filter(slug=DEMO_SLUG).first()
    if organization is None:
        return False
    quarters = Cycle.objects.of(organization).filter(kind=Cycle.Kind.QUARTER)
    return not quarters.filter(start__lte=today, end__gte=today).exists()


def rebuild_demo(today: date | None = None) -> Organization:
    """Delete the demo organisation, if any, and build it again as it stands on the date."""
    today = today or clock.today()
    with transaction.atomic():
        existing = Organization.objects.filter(slug=DEMO_SLUG).first()
        if existing is not None:
            delete_organization(existing)
        return load_demo(today)


def _refuse_second_demo() -> None:
    """Raise DemoAlreadyLoaded when the demo organisation or its e-mails are taken."""
    if Organization.objects.filter(slug=DEMO_SLUG).exists():
        raise DemoAlreadyLoaded(f"An organisation with the slug “{DEMO_SLUG}” already exists.")
    taken = Person.objects.filter(email__in=[p.email for p in PEOPLE]).values_list("email")
    if taken:
        raise DemoAlreadyLoaded(f"The demo e-mail {taken[0][0]} already belongs to someone.")


def _create_teams(organization: Organization) -> dict[str, Team]:
    """Create the strategic and tactical teams below the company team; return them by name."""
    company = company_team(organization)
    teams = {company.name: company}
    for spec in STRATEGIC_TEAMS:
        strategic = create_team(
            organization, spec.name, Level.STRATEGIC, company, mission=spec.mission
        )
        teams[spec.name] = strategic
        for name, mission in spec.tactical:
            teams[name] = create_team(
                organization, name, Level.TACTICAL, strategic, mission=mission
            )
    return teams


def _add_people(organization: Organization, teams: dict[str, Team]) -> dict[str, list[Person]]:
    """Add the demo people and their memberships; return who may check in, by team name."""
    authors: dict[str, list[Person]] = {name: [] for name in teams}
    # The demo password is public: hashing it once for everyone saves a quarter second a person.
    password_hash = make_password(DEMO_PASSWORD)
    for spec in PEOPLE:
        person = add_person(
            organization, spec.email, spec.name, spec.role, password_hash=password_hash
        )
        for team_name, team_role in spec.teams:
            role = Membership.TeamRole.LEAD if team_role == LEAD else Membership.TeamRole.MEMBER
            join_team(person, teams[team_name], role)
            if spec.role != Role.STAKEHOLDER:
                # Leads check in more often than members; listing them twice weights the draw.
                authors[team_name] += [person, person] if team_role == LEAD else [person]
    return authors


class _DemoOKRs:
    """Builds the demo's cycles, objectives, key results, check-ins and evaluation."""

    def __init__(self, organization, teams, authors, today: date):
        self.organization = organization
        self.teams = teams
        self.authors = authors
        self.today = today
        self.hours = {name: 9 + index % 8 for index, name in enumerate(teams)}
        self.specs: dict[int, ObjectiveSpec] = {}
        self.key_results: dict[int, list[tuple[KeyResult, KeyResultSpec]]] = {}

    def build(self) -> None:
        """Create the cycles and OKRs, check in up to yesterday and evaluate the closed quarter."""
        annual, previous, current = self._create_cycles()
        company = {
            key: self._objective(annual, self.teams[ORGANIZATION_NAME], spec)
            for key, spec in COMPANY_OBJECTIVES.items()
        }
        strategic = {
            name: self._objective(
                annual, self.teams[name], spec, [company[key] for key in spec.aligned_to]
            )
            for name, spec in STRATEGIC_OBJECTIVES.items()
        }
        closed = self._tactical(previous, PREVIOUS_QUARTER, strategic, previous.parent == annual)
        active = self._tactical(current, CURRENT_QUARTER, strategic, aligned=True)
        for objective in strategic.values():
            for key_result, spec in self.key_results[objective.pk]:
                if spec.link:
                    link_key_result(key_result, active[spec.link])
        yesterday = self.today - timedelta(days=1)
        for objective in [*company.values(), *strategic.values(), *active.values()]:
            if objective.status == Objective.State.ACTIVE:
                self._check_in(objective, closing=False, until=yesterday)
        for objective in closed.values():
            self._check_in(objective, closing=True, until=previous.end)
            self._evaluate(objective)
        field_team = "Clean Water Field Team"
        self._set_status_by_hand(active[field_team], self.authors[field_team])
        add_action_plans(active, self.authors, self.today)

    def _create_cycles(self) -> tuple[Cycle, Cycle, Cycle]:
        """Create the annual cycle, the closed previous quarter and the active current one."""
        year, quarter = quarter_of(self.today)
        annual = create_cycle(
            self.organization,
            str(year),
            date(year, 1, 1),
            date(year, 12, 31),
            kind=Cycle.Kind.ANNUAL,
            state=Cycle.State.ACTIVE,
        )
        before_year, before = previous_quarter(year, quarter)
        start, end = quarter_bounds(before_year, before)
        previous = create_cycle(
            self.organization,
            f"{before_year}-Q{before}",
            start,
            end,
            parent=annual if before_year == year else None,
            state=Cycle.State.CLOSED,
        )
        start, end = quarter_bounds(year, quarter)
        current = create_cycle(
            self.organization,
            f"{year}-Q{quarter}",
            start,
            end,
            parent=annual,
            state=Cycle.State.ACTIVE,
        )
        return annual, previous, current

    def _tactical(self, cycle, specs, strategic, aligned: bool) -> dict[str, Objective]:
        """Create each tactical team's objective in the cycle, aligned to its department's."""
        objectives = {}
        for name, spec in specs.items():
            team = self.teams[name]
            parents = [strategic[team.parent.name]] if aligned else []
            objectives[name] = self._objective(cycle, team, spec, parents)
        return objectives

    def _objective(self, cycle, team, spec: ObjectiveSpec, parents=()) -> Objective:
        """Create the objective with its key results, alignment and contributing teams."""
        objective = create_objective(
            cycle,
            spec.title,
            team=team,
            aligned_to=list(parents),
            contributing_teams=[self.teams[name] for name in spec.shared_with],
            description=spec.description,
            ambition=spec.ambition,
            hypothesis=spec.hypothesis(),
            status=Objective.State.DRAFT if spec.draft else Objective.State.ACTIVE,
        )
        self.specs[objective.pk] = spec
        self.key_results[objective.pk] = [
            (self._key_result(objective, kr_spec, position), kr_spec)
            for position, kr_spec in enumerate(spec.key_results)
        ]
        return objective

    def _key_result(self, objective, spec: KeyResultSpec, position: int) -> KeyResult:
        """Add the key result, starting at its start value."""
        direction = spec.direction
        if not direction and spec.type == KeyResultType.METRIC:
            direction = Direction.DECREASE if spec.target < spec.start else Direction.INCREASE
        return add_key_result(
            objective,
            spec.title,
            current=spec.start,
            type=spec.type,
            unit=spec.unit,
            start=spec.start,
            target=spec.target,
            direction=direction,
            indicator=spec.indicator,
            kind=spec.kind,
            balancing=spec.balancing,
            team=self.teams[spec.team] if spec.team else None,
            position=position,
        )

    def _check_in(self, objective: Objective, closing: bool, until: date) -> None:
        """Record weekly check-ins on each key result from the cycle's start up to the date."""
        spec = self.specs[objective.pk]
        cycle = objective.cycle
        for index, (key_result, kr_spec) in enumerate(self.key_results[objective.pk]):
            last = until if closing else until - timedelta(days=kr_spec.stale_days)
            days = weekly(cycle.start, min(last, cycle.end))
            # Separate draws for the path and for who checks in when, so that a later date
            # extends the same history instead of reshuffling it.
            path_rng = random.Random(f"{cycle.name}/{key_result.title}/path")
            rng = random.Random(f"{cycle.name}/{key_result.title}/check-ins")
            team_name = kr_spec.team or objective.team.name
            planned = readings(
                kr_spec, spec.pace, spec.ambition, days, (cycle.start, cycle.end), closing, path_rng
            )
            written = place_notes(planned, [n for n in spec.notes if n.key_result == index])
            for position, reading in enumerate(planned):
                generic = generic_note(reading, kr_spec, rng)
                note = written.get(position, generic)
                at = datetime.combine(
                    reading.day, time(self.hours[team_name], rng.randrange(0, 60))
                )
                record_check_in(
                    key_result,
                    reading.value,
                    reading.confidence,
                    author=rng.choice(self.authors[team_name]),
                    progress_note=note[0],
                    problems_note=note[1],
                    plans_note=note[2],
                    at=timezone.make_aware(at),
                    history=True,
                )

    def _set_status_by_hand(self, objective: Objective, authors: list[Person]) -> None:
        """Let the team's lead set the objective at risk by hand, until its next check-in."""
        lead = next((person for person in authors if authors.count(person) > 1), authors[0])
        reason = "Blocked by the vendor: the chlorine dispensers for the new villages are late"
        override_status(objective, "at-risk", reason, by=lead)

    def _evaluate(self, objective: Objective) -> None:
        """Grade the closed objective and its key results from their final values, 0 to 10."""
        progresses = []
        for key_result, _ in self.key_results[objective.pk]:
            progress = key_result_progress(
                key_result.type,
                key_result.effective_direction(),
                key_result.start,
                key_result.target,
                key_result.current,
            )
            progresses.append(progress)
            update_key_result(key_result, grade=grade(progress))
        progress = sum(progresses) / len(progresses)
        achieved = is_achieved(progress, objective.ambition)
        update_objective(
            objective,
            status=Objective.State.ACHIEVED if achieved else Objective.State.CLOSED,
            grade=grade(progress),
        )


def _record_kpis(teams: dict[str, Team], today: date) -> None:
    """Create the demo KPIs with a dozen weekly measurements each, the newest yesterday."""
    for spec in KPIS:
        kpi = create_kpi(
            teams[spec.team],
            spec.name,
            spec.lower_bound,
            spec.upper_bound,
            unit=spec.unit,
            description=spec.description,
        )
        for day, value, note in kpi_readings(spec, today):
            at = timezone.make_aware(datetime.combine(day, time(7, 30)))
            record_measurement(kpi, value, at=at, note=note)
