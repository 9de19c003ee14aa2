"""An org chart import's plan: what a file creates, updates and leaves alone, or why it cannot.

The plan compares the file's rows with the organisation as it stands. Teams are matched by name
(or slug), any case; people by e-mail. A file never deletes a team, and deactivates people it does
not list only when asked. The resulting hierarchy must hold: no loop, company above strategic
above tactical, the organisation's own company team at the top.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from okrs.domain.orgchart_rows import Problem, Row, Rows
from okrs.domain.orgchart_teams import TeamNow, TeamPlan, Teams, fold_name

ADMIN = "admin"


@dataclass(frozen=True)
class PersonNow:
    """A person of the organisation as they stand, with their teams (team id -> team role)."""

    id: int
    email: str
    name: str
    role: str
    active: bool
    teams: Mapping[int, str]


@dataclass(frozen=True)
class ChartNow:
    """The organisation as it stands, and the file's e-mails it may not add (they are elsewhere)."""

    company: int
    teams: tuple[TeamNow, ...]
    people: tuple[PersonNow, ...]
    elsewhere: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PersonPlan:
    """A person as the import leaves them; changes is empty when nothing changes."""

    row: int
    email: str
    name: str
    role: str
    team: str = ""  # the team they will be in; empty: their teams stay as they are
    team_role: str = ""
    id: int | None = None
    changes: tuple[str, ...] = ()
    note: str = ""
    team_id: int | None = None  # None with a team: a team the import creates
    role_label: str = ""


@dataclass
class Plan:
    """What an import will do, or the problems that keep it from doing anything."""

    problems: list[Problem] = field(default_factory=list)
    new_teams: list[TeamPlan] = field(default_factory=list)
    moved_teams: list[TeamPlan] = field(default_factory=list)
    new_people: list[PersonPlan] = field(default_factory=list)
    updated_people: list[PersonPlan] = field(default_factory=list)
    unchanged_people: list[PersonPlan] = field(default_factory=list)
    deactivated: list[PersonPlan] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return how many teams and people each kind of change touches."""
        return {
            "teams created": len(self.new_teams),
            "teams moved": len(self.moved_teams),
            "people created": len(self.new_people),
            "people updated": len(self.updated_people),
            "people unchanged": len(self.unchanged_people),
            "people deactivated": len(self.deactivated),
        }

    def nothing_to_change(self) -> bool:
        """Tell whether applying the plan would change nothing."""
        counts = self.counts()
        return not self.problems and sum(counts.values()) == counts["people unchanged"]


def plan_import(
    rows: Rows,
    now: ChartNow,
    roles: Mapping[str, str],
    *,
    actor: str = "",
    deactivate_missing: bool = False,
) -> Plan:
    """Return what importing the rows would do to the organisation, or the problems it has."""
    plan = Plan(problems=list(rows.problems), ignored_columns=list(rows.ignored_columns))
    teams = Teams(rows, now.teams, now.company, plan.problems)
    teams.resolve()
    if teams.check_loops():
        teams.check_levels()
    by_email = {person.email: person for person in now.people}
    wrong = {problem.row for problem in rows.problems}
    for row in rows.rows:
        if row.email and row.number not in wrong:
            _plan_person(plan, rows, row, by_email.get(row.email), now, teams, roles)
    if deactivate_missing:
        listed = {row.email for row in rows.rows}
        plan.deactivated = [
            PersonPlan(
                0, p.email, p.name, p.role, id=p.id, changes=("deactivated: not in the file",)
            )
            for p in now.people
            if p.active and p.email not in listed and p.email != actor
        ]
    _keep_an_admin(plan, rows, now)
    for kind in ("new_people", "updated_people", "unchanged_people", "deactivated"):
        people = getattr(plan, kind)
        setattr(plan, kind, [replace(p, role_label=roles.get(p.role, p.role)) for p in people])
    if plan.problems:
        plan.problems.sort(key=lambda p: (p.row, len(p.letter), p.letter))
    else:
        plan.new_teams, plan.moved_teams = teams.plans()
    return plan


def _plan_person(
    plan: Plan,
    rows: Rows,
    row: Row,
    person: PersonNow | None,
    now: ChartNow,
    teams: Teams,
    roles: Mapping[str, str],
) -> None:
    """Add the person of the row to the plan: new, updated or unchanged."""
    if row.email in now.elsewhere:
        plan.problems.append(
            rows.where(
                row.number, "email", f"{row.email} cannot be imported into this organisation."
            )
        )
        return
    node = teams.named.get(fold_name(row.team)) if row.team else None
    team = node.name if node else ""
    if person is None:
        role = row.role or "member"
        changes = [f"new {roles.get(role, role)}"]
        if node:
            changes.append(f"joins {team} as {row.team_role or 'member'}")
        plan.new_people.append(
            PersonPlan(
                row.number,
                row.email,
                row.name,
                role,
                team,
                row.team_role or "member",
                changes=tuple(changes),
                team_id=node.id if node else None,
            )
        )
        return
    changes = []
    if row.name and row.name != person.name:
        changes.append(f"name {person.name or '(none)'} → {row.name}")
    if row.role and row.role != person.role:
        changes.append(f"role {roles.get(person.role, person.role)} → {roles.get(row.role)}")
    team_role = ""
    if node:
        team_role = row.team_role or person.teams.get(node.id or 0, "") or "member"
        changes += _team_changes(person, node.id, team, team_role, now)
    entry = PersonPlan(
        row.number,
        row.email,
        row.name or person.name,
        row.role or person.role,
        team,
        team_role,
        person.id,
        tuple(changes),
        "" if person.active else "deactivated: the import leaves them so (reactivate under People)",
        node.id if node else None,
    )
    (plan.updated_people if changes else plan.unchanged_people).append(entry)


def _team_changes(
    person: PersonNow, team_id: int | None, team: str, team_role: str, now: ChartNow
) -> list[str]:
    """Return how the person's teams change when the file puts them in one team with a role."""
    if team_id is not None and dict(person.teams) == {team_id: team_role}:
        return []
    if team_id is not None and set(person.teams) == {team_id}:
        return [f"{team_role} of {team} (was {person.teams[team_id]})"]
    names = {t.id: t.name for t in now.teams}
    left = sorted(names.get(t, "?") for t in person.teams if t != team_id)
    where = f"moves to {team}" if left else f"joins {team}"
    was = f" (leaves {', '.join(left)})" if left else ""
    return [f"{where} as {team_role}{was}"]


def _keep_an_admin(plan: Plan, rows: Rows, now: ChartNow) -> None:
    """Refuse a plan that would leave the organisation without an active admin."""
    admins = {p.email for p in now.people if p.active and p.role == ADMIN}
    admins -= {p.email for p in plan.deactivated}
    for person in plan.updated_people + plan.unchanged_people:
        if person.role == ADMIN and person.note == "":
            admins.add(person.email)
        else:
            admins.discard(person.email)
    admins |= {p.email for p in plan.new_people if p.role == ADMIN}
    if admins or not now.people:
        return
    demoted = [
        row for row in rows.rows if row.role and row.role != ADMIN and row.email in {
            p.email for p in now.people if p.role == ADMIN}
    ]  # fmt: skip
    message = "the organisation would have no active admin left: keep at least one admin."
    if demoted:
        plan.problems.extend(rows.where(row.number, "role", message) for row in demoted)
    else:
        plan.problems.append(rows.where(0, "", message))
