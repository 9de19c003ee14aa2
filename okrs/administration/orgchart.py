"""The org chart import and export: people and teams from a CSV or XLSX file, all or nothing."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch

from okrs import clock
from okrs.administration.import_invitations import Applied, invite_imported, send_all
from okrs.administration.models import PeopleImport
from okrs.domain.orgchart import ChartNow, PersonNow, PersonPlan, Plan, plan_import
from okrs.domain.orgchart_rows import read_rows
from okrs.domain.orgchart_teams import TeamNow, TeamPlan, fold_name
from okrs.domain.peoplefile import csv_text, read_table
from okrs.organizations.actions import company_team, create_team, join_team
from okrs.organizations.audit import record_change
from okrs.organizations.models import (
    AdministrativeChange,
    Membership,
    Organization,
    Person,
    Role,
    Team,
)
from okrs.organizations.people import change_role, deactivate_person

KEPT_FOR = timedelta(days=1)  # an uploaded file waits this long for its admin to apply it
BATCH = 500  # rows per INSERT when creating people in bulk
EXPORT_COLUMNS = ["email", "name", "role", "team", "parent team", "level", "team role"]


class ImportProblems(ValueError):
    """An import refused for the problems its plan found; nothing was written."""

    def __init__(self, plan: Plan):
        super().__init__(f"{len(plan.problems)} problems in the file.")
        self.plan = plan


def chart_now(organization: Organization, emails: set[str]) -> ChartNow:
    """Return the organisation's teams and people, and which e-mails belong to no one it may add."""
    teams = tuple(
        TeamNow(t.id, t.name, t.slug, t.level, t.parent_id)
        for t in Team.objects.of(organization).order_by("id")
    )
    memberships: dict[int, dict[int, str]] = {}
    for person_id, team_id, role in Membership.objects.of(organization).values_list(
        "person_id", "team_id", "role"
    ):
        memberships.setdefault(person_id, {})[team_id] = role
    people = tuple(
        PersonNow(p.id, p.email, p.name, p.role, p.is_active, memberships.get(p.id, {}))
        for p in Person.objects.filter(organization=organization).order_by("id")
    )
    elsewhere = set()
    listed = sorted(emails)
    for start in range(0, len(listed), 500):  # the database's limit on parameters
        elsewhere |= set(
            Person.objects.filter(email__in=listed[start : start + 500])
            .exclude(organization=organization)
            .values_list("email", flat=True)
        )
    return ChartNow(company_team(organization).id, teams, people, frozenset(elsewhere))


def preview(
    organization: Organization,
    data: bytes,
    *,
    actor: Person | None = None,
    deactivate_missing: bool = False,
) -> Plan:
    """Return what importing the file would do; FileRefused when the file cannot be read."""
    rows = read_rows(read_table(data), dict(Role.choices))
    now = chart_now(organization, {row.email for row in rows.rows if row.email})
    return plan_import(
        rows,
        now,
        dict(Role.choices),
        actor=actor.email if actor else "",
        deactivate_missing=deactivate_missing,
    )


@transaction.atomic
def import_people(
    organization: Organization,
    data: bytes,
    by: Person | None,
    *,
    file_name: str = "the file",
    deactivate_missing: bool = False,
    via: str = "",
) -> Plan:
    """Apply the file to the organisation's people and teams, all or nothing; return the plan."""
    plan = preview(organization, data, actor=by, deactivate_missing=deactivate_missing)
    if plan.problems:
        raise ImportProblems(plan)
    if plan.nothing_to_change():
        return plan
    teams = _apply_teams(organization, plan, by)
    _apply_people(organization, plan, teams, by)
    counts = {what: n for what, n in plan.counts().items() if n}
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    record_change(
        organization,
        by,
        "people.imported",
        f"Imported {file_name}{f' {via}' if via else ''}: {summary}",
        file=file_name,
        counts=plan.counts(),
    )
    return plan


def _apply_teams(organization: Organization, plan: Plan, by: Person | None) -> dict:
    """Move the teams the plan moves, create the new ones; return the new teams by folded name."""
    existing = Team.objects.of(organization).in_bulk()
    created: dict[str, Team] = {}

    def parent_of(team: TeamPlan) -> Team | None:
        if team.parent_id is not None:
            return existing[team.parent_id]
        return created.get(fold_name(team.parent))

    for move in plan.moved_teams:
        team = existing[move.id or 0]
        team.parent, team.level = parent_of(move), move.level
        team.save(update_fields=["parent", "level"])
        record_change(organization, by, "team.moved", f"{team}: {'; '.join(move.changes)}",
                      team=team, level=move.level, parent=move.parent)  # fmt: skip
    for new in plan.new_teams:  # parents first
        team = create_team(organization, new.name, new.level, parent_of(new))
        created[fold_name(new.name)] = team
        record_change(organization, by, "team.created",
                      f"{team} ({new.level}, below {new.parent}) was created by an import",
                      team=team)  # fmt: skip
    return created


def _apply_people(organization: Organization, plan: Plan, created: dict, by: Person | None):
    """Create, update and deactivate the people as the plan says."""
    teams = Team.objects.of(organization).in_bulk()

    def team_of(person: PersonPlan) -> Team | None:
        if person.team_id is not None:
            return teams[person.team_id]
        return created.get(fold_name(person.team)) if person.team else None

    _create_people(organization, plan.new_people, team_of, by)
    people = Person.objects.filter(organization=organization).in_bulk(
        [p.id for p in plan.updated_people]
    )
    # Admins are named before anyone loses the role, so the organisation always keeps one.
    for update in sorted(plan.updated_people, key=lambda p: p.role != Role.ADMIN):
        person = people[update.id]
        if update.name != person.name:
            person.name = update.name
            person.save(update_fields=["name"])
        change_role(person, update.role, by)
        team = team_of(update)
        if team is not None:
            Membership.objects.filter(person=person).exclude(team=team).delete()
            join_team(person, team, update.team_role)
        record_change(organization, by, "person.updated",
                      f"{person} was updated by an import: {'; '.join(update.changes)}",
                      person=person)  # fmt: skip
    gone = Person.objects.filter(organization=organization).in_bulk(
        [p.id for p in plan.deactivated]
    )
    for person in gone.values():
        deactivate_person(person, by)


def _create_people(
    organization: Organization, new: list[PersonPlan], team_of, by: Person | None
) -> None:
    """Create the new people in bulk, each in their team, each kept in the history.

    Row by row, ten thousand people would take a minute; the file's cells were checked already.
    """
    people = [
        Person(email=p.email, name=p.name, role=p.role, organization=organization) for p in new
    ]
    for person in people:
        person.set_unusable_password()  # they sign in once invited and have set one
    Person.objects.bulk_create(people, batch_size=BATCH)
    if any(person.pk is None for person in people):  # a database that returns no ids
        ids = dict(Person.objects.filter(organization=organization).values_list("email", "pk"))
        for person in people:
            person.pk = ids[person.email]
    memberships, changes = [], []
    for entry, person in zip(new, people, strict=True):
        team = team_of(entry)
        if team is not None:
            memberships.append(Membership(organization=organization, person=person, team=team,
                                          role=entry.team_role))  # fmt: skip
        summary = f"{person} was added by an import ({'; '.join(entry.changes)})"
        changes.append(AdministrativeChange(organization=organization, actor=by, person=person,
                       action="person.imported", summary=summary[:300],
                       details={"role": entry.role}))  # fmt: skip
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    AdministrativeChange.objects.bulk_create(changes, batch_size=BATCH)


def people_rows(organization: Organization) -> list[list[str]]:
    """Return the organisation's active people and its teams as rows of the import's columns.

    A person in one team has it on their row; a person in several leaves the team empty (the file
    holds one team a person), so importing the export changes nothing. Teams no person's row names
    get a row of their own, so the file describes the whole hierarchy.
    """
    teams = Team.objects.of(organization).select_related("parent").in_bulk()
    people = (
        Person.objects.filter(organization=organization, is_active=True)
        .prefetch_related(Prefetch("memberships", Membership.objects.order_by("team_id")))
        .order_by("name", "email")
    )
    rows, named = [], set()
    for person in people:
        memberships = list(person.memberships.all())
        team = teams[memberships[0].team_id] if len(memberships) == 1 else None
        if team is not None:
            named.add(team.id)
        rows.append(_row(person.email, person.name, person.role, team, memberships))
    for team in sorted(teams.values(), key=lambda t: (t.depth(), t.name)):
        if team.id not in named and team.parent_id is not None:
            rows.append(_row("", "", "", team, []))
    return rows


def _row(email: str, name: str, role: str, team: Team | None, memberships: list) -> list[str]:
    """Return one exported row."""
    if team is None:
        return [email, name, role, "", "", "", ""]
    parent = team.parent.name if team.parent else ""
    team_role = memberships[0].role if memberships else ""
    return [email, name, role, team.name, parent, team.level, team_role]


def export_csv(organization: Organization) -> str:
    """Return the organisation's people as a CSV the import reads, safe to open in a spreadsheet."""
    return csv_text(EXPORT_COLUMNS, people_rows(organization))


@transaction.atomic
def keep_upload(
    organization: Organization, by: Person, file_name: str, data: bytes, deactivate_missing: bool
) -> PeopleImport:
    """Keep an uploaded file until its preview is applied; files older than a day are dropped."""
    PeopleImport.objects.filter(uploaded_at__lt=clock.now() - KEPT_FOR).delete()
    return PeopleImport.objects.create(
        organization=organization,
        uploaded_by=by,
        file_name=file_name[:200],
        content=data,
        deactivate_missing=deactivate_missing,
    )


def import_and_invite(
    organization: Organization, data: bytes, by: Person | None, *, invite: bool, **options
) -> Applied:
    """Apply the file, all or nothing, inviting the people it creates when asked; then send."""
    with transaction.atomic():
        plan = import_people(organization, data, by, **options)
        pending = _invitations(organization, plan, by) if invite else []
    return Applied(plan, send_all(pending))  # after the commit: a failing mail server loses nothing


def apply_upload(upload: PeopleImport, by: Person, *, invite: bool = False) -> Applied:
    """Apply a kept file, all or nothing, and drop it; ImportProblems if it no longer fits."""
    with transaction.atomic():
        upload = PeopleImport.objects.select_for_update().get(pk=upload.pk)
        plan = import_people(
            upload.organization,
            bytes(upload.content),
            by,
            file_name=upload.file_name,
            deactivate_missing=upload.deactivate_missing,
        )
        pending = _invitations(upload.organization, plan, by) if invite else []
        upload.delete()
    return Applied(plan, send_all(pending))


def _invitations(organization: Organization, plan: Plan, by: Person | None) -> list:
    """Invite the people the plan created; return the invitations with their links' tokens."""
    return invite_imported(organization, [person.email for person in plan.new_people], by)
