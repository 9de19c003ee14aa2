"""Import a Document into the database: all or nothing, and a second import changes nothing."""

from collections import Counter
from datetime import datetime, time
from typing import cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from okrs import clock
from okrs.cycles.actions import check_cycle_dates, create_cycle
from okrs.cycles.models import Cycle
from okrs.domain import document as d
from okrs.domain.graphs import closing_edge
from okrs.domain.profiles import get_profile
from okrs.domain.publishing import errors_message
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.exchange.export import PLACEHOLDER_EMAIL, objective_id
from okrs.exchange.initiatives import import_initiatives
from okrs.exchange.kpis import import_kpis
from okrs.exchange.responses import UnknownKPI, import_responses
from okrs.objectives import actions
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective
from okrs.objectives.publishing import publish_errors
from okrs.organizations.actions import (
    TeamError,
    add_person,
    company_team,
    create_organization,
    create_team,
)
from okrs.organizations.models import Membership, Organization, Person, Team
from okrs.sources.exchange import import_sources

# A re-plan needs a reason; a document carries none, so the import itself is the reason.
IMPORT_REASON = "Changed by an import of an OKRs-as-code document."


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

    def __init__(self, document: d.Document, discreet: bool = False):
        self.document = document
        self.discreet = discreet  # say nothing of other organisations' people
        self.counts: Counter = Counter()
        self.teams: dict[str, Team] = {}
        self.cycles: dict[str, Cycle] = {}
        self.people: dict[str, Person] = {}
        self.objectives: dict[str, Objective] = {}
        self.key_results: dict[str, KeyResult] = {}
        self._key_result_ids: dict[str, KeyResult] | None = None
        self._noons: dict = {}
        self.organization: Organization | None = None

    def run(self) -> Organization:
        """Import everything in dependency order and return the organisation."""
        self.organization = self._organization()
        self._teams()
        self._cycles()
        self._people()
        import_kpis(self.organization, self.document.kpis, self.teams, self._noon, self.counts)
        self._objectives()
        self._archive_teams()
        return self.organization

    def _noon(self, day) -> datetime:
        """Return check_in_time(day), worked out once per day of the document."""
        at = self._noons.get(day)
        if at is None:
            at = self._noons[day] = check_in_time(day)
        return at

    def _count(self, what: str, n: int) -> None:
        """Count n rows of a kind; nothing done leaves no entry."""
        if n:
            self.counts[what] += n

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
                if row.archived_at is not None and not team.archived:
                    changes["archived_at"] = None  # in use again, before its KPIs are read
                if changes:
                    Team.objects.filter(pk=row.pk).update(**changes)
                    for name, value in changes.items():
                        setattr(row, name, value)
                    self.counts["teams updated"] += 1
            self.teams[team.id] = row

    def _archive_teams(self) -> None:
        """Archive the teams the document says are archived, once their KPIs are in."""
        ids = [self.teams[t.id].pk for t in self.document.teams if t.archived]
        archived = Team.objects.filter(pk__in=ids, archived_at=None).update(archived_at=clock.now())
        self._count("teams archived", archived)

    def _cycles(self) -> None:
        existing = {c.name: c for c in Cycle.objects.of(self.organization)}
        ordered = sorted(self.document.cycles, key=lambda c: c.end - c.start, reverse=True)
        for cycle in ordered:
            parent = self.cycles.get(cycle.parent) if cycle.parent else None
            state = cycle_state(cycle, self.document.today or clock.today())
            row = existing.get(cycle.id)
            if row is None:
                row = create_cycle(
                    self.organization, cycle.id, cycle.start, cycle.end, cycle.kind, parent, state
                )
                self.counts["cycles created"] += 1
            else:
                check_cycle_dates(cycle.start, cycle.end)
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
        wanted: dict[tuple[int, int], str] = {}
        own = self.organization.slug if self.organization is not None else ""
        for person in self.document.people:
            email = (person.email or f"{person.id}@{own}{PLACEHOLDER_EMAIL}").lower()
            row = by_handle.get(person.id) or by_email.get(email)
            if row is None and Person.objects.filter(email=email).exists():
                if not self.discreet:
                    raise ImportRefused(f"people: {email} already belongs to another organisation.")
                # As if the file gave no address: whether one is taken elsewhere stays unsaid.
                email = f"{person.id}@{own}{PLACEHOLDER_EMAIL}".lower()
                row = by_email.get(email)
            if row is None:
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
                    wanted[row.pk, team.pk] = role
                    self.counts["memberships set"] += 1
            self.people[person.id] = row
        self._memberships(memberships, wanted)

    def _memberships(self, current: dict, wanted: dict) -> None:
        """Give each person their roles in teams: new memberships in bulk, changed ones one by one.

        As joining teams one at a time would, the role named last for a team wins.
        """
        new = []
        for (person, team), role in wanted.items():
            if (person, team) in current:
                Membership.objects.filter(person_id=person, team_id=team).update(role=role)
            else:
                new.append(
                    Membership(
                        organization=self.organization, person_id=person, team_id=team, role=role
                    )
                )
        Membership.objects.bulk_create(new, batch_size=1000)

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
            "publish_reason": objective.publish_despite,
        }

    def _objectives(self) -> None:
        # An objective made in the app has no ref yet; its id in an export is O and its number.
        existing = {objective_id(o): o for o in Objective.objects.of(self.organization)}
        new = []
        published = []
        for objective in self.document.objectives:
            values = self._objective_values(objective)
            row = existing.get(objective.id)
            if row is not None and row.status == Objective.State.DRAFT != objective.status:
                published.append(objective)
            if row is not None and not row.ref:
                Objective.objects.filter(pk=row.pk).update(ref=objective.id)
                row.ref = objective.id
            if row is None:
                row = Objective(organization=self.organization, ref=objective.id, **values)
                _validate(row)
                new.append(row)
            else:
                changes = self._changed(row, values)
                if changes:
                    actions.update_objective(row, **changes)
                    self.counts["objectives updated"] += 1
            self.objectives[objective.id] = row
        _insert(new, Objective)
        self._count("objectives created", len(new))
        self._alignments()
        self._contributions()
        organization = self.organization
        assert organization is not None  # set by run() before the objectives
        try:
            import_responses(organization, self.document.objectives, self.objectives, self.counts)
        except UnknownKPI as error:
            raise ImportRefused(str(error)) from error
        self._key_results()
        import_initiatives(
            cast(Organization, self.organization),
            self.document.objectives,
            self.key_results,
            self.people,
            self.counts,
        )
        self.counts.update(import_sources(self.document, self.key_results))
        self._refuse_unexplained_errors(published)

    def _refuse_unexplained_errors(self, published: list[d.ObjectiveDoc]) -> None:
        """Refuse to publish a draft the coach marks errors in, unless the file says why."""
        for objective in published:
            if objective.publish_despite:
                continue
            errors = publish_errors(self.objectives[objective.id])
            if errors:
                raise ImportRefused(
                    f"objective {objective.id}: publishing the draft: {errors_message(errors)} "
                    "Give the reason as `publish_despite:`."
                )

    def _alignments(self) -> None:
        """Make each objective of the document align to exactly its parents; loops are refused."""
        current = set(Alignment.objects.of(self.organization).values_list("child_id", "parent_id"))
        wanted: set[tuple[int, int]] = set()
        for objective in self.document.objectives:
            child = self.objectives[objective.id]
            for parent in objective.aligned_to:
                if self.objectives[parent].pk == child.pk:
                    raise ImportRefused(f"objective {objective.id}: cannot align to itself.")
                wanted.add((child.pk, self.objectives[parent].pk))
        children = {self.objectives[o.id].pk for o in self.document.objectives}
        kept = {link for link in current if link[0] not in children} | wanted
        loop = closing_edge(kept, sorted(wanted))
        if loop is not None:
            child, parent = (self._objective_label(pk) for pk in loop)
            raise ImportRefused(
                f"Aligning {child} to {parent} would make a loop: {parent} already supports "
                f"{child}."
            )
        gone = current - kept
        for child, parent in gone:
            Alignment.objects.filter(child_id=child, parent_id=parent).delete()
        Alignment.objects.bulk_create(
            Alignment(organization=self.organization, child_id=child, parent_id=parent)
            for child, parent in sorted(wanted - current)
        )
        self._count("alignments created", len(wanted - current))

    def _objective_label(self, pk: int) -> str:
        return next((ref for ref, o in self.objectives.items() if o.pk == pk), f"O{pk}")

    def _contributions(self) -> None:
        """Share each objective of the document with exactly its contributing teams."""
        current = set(
            Contribution.objects.of(self.organization).values_list("objective_id", "team_id")
        )
        wanted: set[tuple[int, int]] = set()
        for objective in self.document.objectives:
            row = self.objectives[objective.id]
            for slug in objective.contributors:
                team = self.teams[slug]
                if team.pk == row.team_id:
                    raise ImportRefused(f"objective {objective.id}: {team} already owns it.")
                wanted.add((row.pk, team.pk))
        ids = {self.objectives[o.id].pk for o in self.document.objectives}
        for objective, team in current - wanted:
            if objective in ids:
                Contribution.objects.filter(objective_id=objective, team_id=team).delete()
        Contribution.objects.bulk_create(
            Contribution(organization=self.organization, objective_id=objective, team_id=team)
            for objective, team in sorted(wanted - current)
        )
        self._count("contributions created", len(wanted - current))

    def _key_result_values(self, kr: d.KeyResultDoc, position: int) -> dict:
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
        return values

    def _key_results(self) -> None:
        """Create new key results in bulk, change existing ones, then add their check-ins."""
        existing = self._existing_key_results()
        known = _recorded_check_ins(self.organization, existing) if existing else {}
        new: list[tuple[KeyResult, d.KeyResultDoc]] = []
        for objective in self.document.objectives:
            parent = self.objectives[objective.id]
            for position, kr in enumerate(objective.key_results):
                values = self._key_result_values(kr, position)
                row = existing.get(kr.id)
                if row is not None and not row.ref:
                    KeyResult.objects.filter(pk=row.pk).update(ref=kr.id)
                    row.ref = kr.id
                if row is None:
                    row = KeyResult(
                        organization=self.organization, objective=parent, ref=kr.id, **values
                    )
                    _validate(row)
                    new.append((row, kr))
                else:
                    if row.objective_id != parent.pk:
                        raise ImportRefused(
                            f"key result {kr.id} belongs to another objective in the database."
                        )
                    changes = self._changed(row, values)
                    if changes:
                        actions.update_key_result(row, reason=IMPORT_REASON, **changes)
                        self.counts["key results updated"] += 1
                self.key_results[kr.id] = row
        self._link_key_results(new)
        for row, kr in new:
            entries = [(self._noon(c.date), c.value, c.confidence) for c in kr.check_ins]
            self._latest(row, kr, entries)
        _insert([row for row, _ in new], KeyResult)
        self._count("key results created", len(new))
        fresh = {id(row) for row, _ in new}
        batch: list[CheckIn] = []
        for objective in self.document.objectives:
            for kr in objective.key_results:
                row = self.key_results[kr.id]
                if id(row) in fresh:
                    adding = self._new_check_ins(row, kr, None)
                else:
                    adding = self._new_check_ins(row, kr, known.get(row.pk, Counter()))
                    self._update_latest(row, kr, adding)
                batch.extend(adding)
                if len(batch) >= CHECK_IN_BATCH:
                    _insert(batch, CheckIn)
                    batch = []
        _insert(batch, CheckIn)

    def _new_check_ins(self, row: KeyResult, kr: d.KeyResultDoc, known) -> list[CheckIn]:
        """Return the document's check-ins the key result does not have yet, as unsaved rows."""
        adding = []
        for check_in in kr.check_ins:
            if known and known[(check_in.date, check_in.value)]:
                known[(check_in.date, check_in.value)] -= 1
                continue
            adding.append(
                CheckIn(
                    organization_id=row.organization_id,
                    key_result=row,
                    value=check_in.value,
                    confidence=check_in.confidence,
                    author=self.people.get(check_in.author),
                    progress_note=check_in.note,
                    problems_note=check_in.problems,
                    plans_note=check_in.plans,
                    checked_in_at=self._noon(check_in.date),
                )
            )
        self._count("check-ins created", len(adding))
        return adding

    def _latest(self, row: KeyResult, kr: d.KeyResultDoc, check_ins: list[tuple]) -> bool:
        """Set the key result's current value, confidence and time from its latest check-in.

        As when checking in one at a time, a later-recorded check-in wins a tie; a `current`
        in the file then overrides the value. Return whether anything changed.
        """
        before = (row.current, row.confidence, row.checked_in_at)
        for at, value, confidence in check_ins:
            if row.checked_in_at is None or at >= row.checked_in_at:
                row.checked_in_at, row.current, row.confidence = at, value, confidence
        if kr.current is not None and kr.current != row.current:
            row.current = kr.current
            self.counts["current values set"] += 1
        return before != (row.current, row.confidence, row.checked_in_at)

    def _update_latest(self, row: KeyResult, kr: d.KeyResultDoc, adding: list[CheckIn]) -> None:
        """Store the existing key result's latest check-in (or file `current`) when it changed."""
        entries = [(c.checked_in_at, c.value, c.confidence) for c in adding]
        if self._latest(row, kr, entries):
            KeyResult.objects.filter(pk=row.pk).update(
                current=row.current,
                confidence=row.confidence,
                checked_in_at=row.checked_in_at,
                version=F("version") + 1,
            )
            row.version += 1

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

    def _link_key_results(self, new: list[tuple[KeyResult, d.KeyResultDoc]]) -> None:
        """Let key results take progress from their linked objectives; loops are refused."""
        wanted = {}
        for objective in self.document.objectives:
            for kr in objective.key_results:
                child = self.objectives[kr.linked_objective] if kr.linked_objective else None
                wanted[kr.id] = child.pk if child else None
        links = {
            (row.objective_id, row.linked_objective_id)
            for ref, row in self._existing_key_results().items()
            if ref not in wanted and row.linked_objective_id
        }
        edges = sorted(
            (self.key_results[ref].objective.pk, child)
            for ref, child in wanted.items()
            if child is not None
        )
        loop = closing_edge(links | set(edges), edges)
        if loop is not None:
            raise ImportRefused(
                f"Linking {self._objective_label(loop[0])} to {self._objective_label(loop[1])} "
                "would make its progress depend on itself."
            )
        for row, kr in new:
            row.linked_objective_id = wanted[kr.id]
        fresh = {id(row) for row, _ in new}
        for ref, child in wanted.items():
            row = self.key_results[ref]
            if id(row) not in fresh and row.linked_objective_id != child:
                row.linked_objective_id = child
                row.save(update_fields=["linked_objective", "updated_at"])
                self.counts["links set"] += 1
        self._count("links set", sum(1 for row, _ in new if row.linked_objective_id))


CHECK_IN_BATCH = 5000


def _reasons(error: ValidationError) -> str:
    """Return the error's messages, each after the field it is about."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms)


def _validate(row) -> None:
    """Check the row's own fields; references were resolved by the import and rows by reading."""
    relations = [f.name for f in row._meta.fields if f.is_relation]
    try:
        row.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        named = f"{row._meta.verbose_name} “{row}”"
        raise ValidationError(
            [f"{named} {field}: {m}" for field, ms in error.message_dict.items() for m in ms]
        ) from error


def _insert(rows: list, model) -> None:
    """Insert the rows in batches, each with its history record, giving them primary keys."""
    if rows:
        bulk_create_with_history(rows, model, batch_size=1000)


def _recorded_check_ins(organization: Organization, key_results: dict) -> dict[int, Counter]:
    """Return, per existing key result id, how many check-ins it has on each (day, value)."""
    ids = {row.pk for row in key_results.values()}
    found: dict[int, Counter] = {}
    rows = CheckIn.objects.filter(organization=organization).values_list(
        "key_result_id", "checked_in_at", "value"
    )
    for key_result, at, value in rows.iterator(chunk_size=10000):
        if key_result in ids:
            found.setdefault(key_result, Counter())[(timezone.localdate(at), value)] += 1
    return found


def import_document(document: d.Document, discreet: bool = False) -> tuple[Organization, Counter]:
    """Import the document in one transaction; return the organisation and what changed.

    Discreet (an organisation's own import, over the API), a person whose e-mail address belongs
    to another organisation is imported without it, as if the file gave none: the answer is the
    same as for an address nobody has.
    """
    importer = Importer(document, discreet)
    try:
        with transaction.atomic():
            organization = importer.run()
    except ValidationError as error:
        raise ImportRefused(_reasons(error)) from error
    except TeamError as error:
        raise ImportRefused(f"teams: {error}") from error
    except IntegrityError as error:
        raise ImportRefused(f"the document conflicts with the database: {error}") from error
    return organization, importer.counts
