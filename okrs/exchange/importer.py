"""Import a Document into the database: all or nothing, and a second import changes nothing."""

from collections import Counter
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.domain import document as d
from okrs.domain.profiles import get_profile
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.exchange.export import PLACEHOLDER_EMAIL, objective_id
from okrs.objectives import actions
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective
from okrs.organizations.actions import (
    TeamError,
    add_person,
    company_team,
    create_organization,
    create_team,
    join_team,
)
from okrs.organizations.models import Membership, Organization, Person, Team


class ImportRefused(ValueError):
    """A document that reads well but does not fit the database; nothing was written."""


def check_in_time(day) -> datetime:
    """Return the moment a file's check-in date stands for: noon of that day, local time."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def cycle_state(cycle: d.CycleDoc, today) -> str:
    """Return the cycle's stated state, else the one its dates imply on the day."""
    if cycle.state:
        return cycle.state
    if cycle.end < today:
        return Cycle.State.CLOSED
    return Cycle.State.ACTIVE if cycle.start <= today else Cycle.State.PLANNING


class Importer:
    """Writes one document into one organisation, counting what it creates and changes."""

    def __init__(self, document: d.Document):
        self.document = document
        self.counts: Counter = Counter()
        self.teams: dict[str, Team] = {}
        self.cycles: dict[str, Cycle] = {}
        self.people: dict[str, Person] = {}
        self.objectives: dict[str, Objective] = {}
        self.key_results: dict[str, KeyResult] = {}
        self._key_result_ids: dict[str, KeyResult] | None = None
        self.organization: Organization | None = None

    def run(self) -> Organization:
        """Import everything in dependency order and return the organisation."""
        self.organization = self._organization()
        self._teams()
        self._cycles()
        self._people()
        self._objectives()
        return self.organization

    def _changed(self, row, values: dict) -> dict:
        """Return the values that differ from the row's."""
        return {k: v for k, v in values.items() if getattr(row, k) != v}

    def _organization(self) -> Organization:
        doc = self.document
        slug = doc.slug or slugify(doc.organization)[:80]
        scale = doc.score_scale or get_profile(doc.profile).score_scale
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            self.counts["organizations created"] += 1
            organization = create_organization(
                doc.organization, slug=slug, profile=doc.profile, score_scale=scale
            )
            company = next((t for t in doc.teams if t.level == "company" and not t.parent), None)
            if company is not None:
                Team.objects.filter(pk=company_team(organization).pk).update(
                    slug=company.id, name=company.name
                )
            return organization
        changes = self._changed(
            organization, {"name": doc.organization, "profile": doc.profile, "score_scale": scale}
        )
        if changes:
            Organization.objects.filter(pk=organization.pk).update(**changes)
            self.counts["organizations updated"] += 1
        return organization

    def _teams(self) -> None:
        existing = {t.slug: t for t in Team.objects.of(self.organization)}
        depth = {t.id: LEVEL_DEPTH[Level(t.level)] for t in self.document.teams}
        for team in sorted(self.document.teams, key=lambda t: depth[t.id]):
            parent = self.teams.get(team.parent) if team.parent else None
            row = existing.get(team.id)
            if row is None:
                row = create_team(
                    self.organization,
                    team.name,
                    team.level,
                    parent,
                    slug=team.id,
                    mission=team.mission,
                )
                self.counts["teams created"] += 1
            else:
                changes = self._changed(
                    row,
                    {
                        "name": team.name,
                        "level": team.level,
                        "parent_id": parent.pk if parent else None,
                    },
                )
                changes |= self._changed(row, {"mission": team.mission})
                if changes:
                    Team.objects.filter(pk=row.pk).update(**changes)
                    self.counts["teams updated"] += 1
            self.teams[team.id] = row

    def _cycles(self) -> None:
        existing = {c.name: c for c in Cycle.objects.of(self.organization)}
        ordered = sorted(self.document.cycles, key=lambda c: c.end - c.start, reverse=True)
        for cycle in ordered:
            parent = self.cycles.get(cycle.parent) if cycle.parent else None
            state = cycle_state(cycle, self.document.today or timezone.localdate())
            row = existing.get(cycle.id)
            if row is None:
                row = create_cycle(
                    self.organization, cycle.id, cycle.start, cycle.end, cycle.kind, parent, state
                )
                self.counts["cycles created"] += 1
            else:
                values = {
                    "start": cycle.start,
                    "end": cycle.end,
                    "kind": cycle.kind,
                    "state": state,
                }
                changes = self._changed(row, values | {"parent_id": parent.pk if parent else None})
                if changes:
                    Cycle.objects.filter(pk=row.pk).update(**changes)
                    self.counts["cycles updated"] += 1
            self.cycles[cycle.id] = row

    def _people(self) -> None:
        rows = list(Person.objects.filter(organization=self.organization))
        by_handle = {p.handle: p for p in rows if p.handle}
        by_email = {p.email: p for p in rows}
        memberships = {
            (m.person_id, m.team_id): m.role for m in Membership.objects.of(self.organization)
        }
        for person in self.document.people:
            email = (
                person.email or f"{person.id}@{self.organization.slug}{PLACEHOLDER_EMAIL}"
            ).lower()
            row = by_handle.get(person.id) or by_email.get(email)
            if row is None:
                if Person.objects.filter(email=email).exists():
                    raise ImportRefused(f"people: {email} already belongs to another organisation.")
                row = add_person(
                    self.organization, email, person.name, person.role, handle=person.id
                )
                self.counts["people created"] += 1
            else:
                changes = self._changed(
                    row, {"name": person.name, "role": person.role, "handle": person.id}
                )
                if changes:
                    Person.objects.filter(pk=row.pk).update(**changes)
                    self.counts["people updated"] += 1
            for slug, role in [
                *((t, "member") for t in person.teams),
                *((t, "lead") for t in person.leads),
            ]:
                team = self.teams[slug]
                if memberships.get((row.pk, team.pk)) != role:
                    join_team(row, team, role)
                    self.counts["memberships set"] += 1
            self.people[person.id] = row

    def _objective_values(self, objective: d.ObjectiveDoc) -> dict:
        return {
            "title": objective.title,
            "description": objective.description,
            "team": self.teams[objective.team] if objective.team else None,
            "owner": self.people[objective.owner]
            if objective.owner and not objective.team
            else None,
            "ambition": objective.ambition,
            "hypothesis": objective.hypothesis,
            "status": objective.status,
            "grade": objective.score,
            "cycle": self.cycles[objective.cycle],
        }

    def _objectives(self) -> None:
        # An objective made in the app has no ref yet; its id in an export is O and its number.
        existing = {objective_id(o): o for o in Objective.objects.of(self.organization)}
        for objective in self.document.objectives:
            values = self._objective_values(objective)
            row = existing.get(objective.id)
            if row is not None and not row.ref:
                Objective.objects.filter(pk=row.pk).update(ref=objective.id)
                row.ref = objective.id
            if row is None:
                cycle = values.pop("cycle")
                row = actions.create_objective(cycle, ref=objective.id, **values)
                self.counts["objectives created"] += 1
            else:
                changes = self._changed(row, values)
                if changes:
                    actions.update_objective(row, **changes)
                    self.counts["objectives updated"] += 1
            self.objectives[objective.id] = row
        for objective in self.document.objectives:
            row = self.objectives[objective.id]
            self._links(row, objective)
            for position, kr in enumerate(objective.key_results):
                self._key_result(row, kr, position)
        for objective in self.document.objectives:
            for kr in objective.key_results:
                self._linked(kr)

    def _links(self, row: Objective, objective: d.ObjectiveDoc) -> None:
        parents = {self.objectives[p].pk for p in objective.aligned_to}
        current = set(Alignment.objects.filter(child=row).values_list("parent_id", flat=True))
        Alignment.objects.filter(child=row, parent_id__in=current - parents).delete()
        for parent in objective.aligned_to:
            if self.objectives[parent].pk not in current:
                actions.align(row, self.objectives[parent])
                self.counts["alignments created"] += 1
        teams = {self.teams[t].pk for t in objective.contributors}
        shared = set(Contribution.objects.filter(objective=row).values_list("team_id", flat=True))
        Contribution.objects.filter(objective=row, team_id__in=shared - teams).delete()
        for slug in objective.contributors:
            if self.teams[slug].pk not in shared:
                actions.add_contributor(row, self.teams[slug])
                self.counts["contributions created"] += 1

    def _key_result(self, objective: Objective, kr: d.KeyResultDoc, position: int) -> None:
        binary = kr.type == "binary"
        values = {
            "title": kr.title,
            "type": kr.type,
            "unit": kr.unit,
            "start": 0 if binary and kr.start is None else kr.start,
            "target": 1 if binary and kr.target is None else kr.target,
            "direction": kr.direction or "",
            "indicator": kr.indicator or "",
            "kind": kr.kind or KeyResult.Level.OUTCOME,
            "weight": kr.weight,
            "balancing": kr.balancing,
            "team": self.teams[kr.team] if kr.team else None,
            "grade": kr.score,
            "position": position,
        }
        if values["target"] is None:
            raise ImportRefused(f"key result {kr.id}: a metric key result needs a target.")
        row = self._existing_key_results().get(kr.id)
        if row is not None and not row.ref:
            KeyResult.objects.filter(pk=row.pk).update(ref=kr.id)
            row.ref = kr.id
        if row is None:
            row = actions.add_key_result(objective, ref=kr.id, **values)
            self.counts["key results created"] += 1
        else:
            if row.objective_id != objective.pk:
                raise ImportRefused(
                    f"key result {kr.id} belongs to another objective in the database."
                )
            changes = self._changed(row, values)
            if changes:
                actions.update_key_result(row, **changes)
                self.counts["key results updated"] += 1
        self._check_ins(row, kr)
        if kr.current is not None and kr.current != row.current:
            KeyResult.objects.filter(pk=row.pk).update(current=kr.current)
            self.counts["current values set"] += 1
        self.key_results[kr.id] = row

    def _existing_key_results(self) -> dict[str, KeyResult]:
        """Return the organisation's key results by their id in files, as export names them."""
        if self._key_result_ids is None:
            self._key_result_ids = {}
            rows = (
                KeyResult.objects.of(self.organization)
                .select_related("objective")
                .order_by("position", "pk")
            )
            counts: Counter = Counter()
            for row in rows:
                counts[row.objective_id] += 1
                fallback = f"{objective_id(row.objective)}-KR{counts[row.objective_id]}"
                self._key_result_ids[row.ref or fallback] = row
        return self._key_result_ids

    def _check_ins(self, row: KeyResult, kr: d.KeyResultDoc) -> None:
        known = Counter(
            (timezone.localdate(c.checked_in_at), c.value)
            for c in CheckIn.objects.filter(key_result=row).only("checked_in_at", "value")
        )
        for check_in in kr.check_ins:
            at = check_in_time(check_in.date)
            if known[(check_in.date, check_in.value)]:
                known[(check_in.date, check_in.value)] -= 1
                continue
            actions.record_check_in(
                row,
                check_in.value,
                check_in.confidence,
                author=self.people.get(check_in.author),
                progress_note=check_in.note,
                problems_note=check_in.problems,
                plans_note=check_in.plans,
                at=at,
                history=True,
            )
            self.counts["check-ins created"] += 1

    def _linked(self, kr: d.KeyResultDoc) -> None:
        row = self.key_results[kr.id]
        child = self.objectives[kr.linked_objective] if kr.linked_objective else None
        if row.linked_objective_id != (child.pk if child else None):
            actions.link_key_result(row, child)
            self.counts["links set"] += 1


def import_document(document: d.Document) -> tuple[Organization, Counter]:
    """Import the document in one transaction; return the organisation and what changed."""
    importer = Importer(document)
    try:
        with transaction.atomic():
            organization = importer.run()
    except ValidationError as error:
        raise ImportRefused("; ".join(error.messages)) from error
    except TeamError as error:
        raise ImportRefused(f"teams: {error}") from error
    return organization, importer.counts
