"""Export an organisation's OKRs as a Document."""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import F, Q
from django.utils import timezone

from okrs.cycles.models import Cycle
from okrs.domain import document as d
from okrs.domain.profiles import get_profile
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.exchange.kpis import export_kpis
from okrs.exchange.responses import exported_responses
from okrs.objectives.aggregates import Epoch
from okrs.objectives.models import (
    Alignment,
    CheckIn,
    Contribution,
    Initiative,
    KeyResult,
    Objective,
)
from okrs.organizations.models import Membership, Organization, Person, Team
from okrs.organizations.visibility import visibility_filter
from okrs.sources.exchange import source_docs

PLACEHOLDER_EMAIL = ".people.invalid"


def objective_id(objective: Objective) -> str:
    """Return the objective's id in files: its ref, else O and its number."""
    return file_id(objective.pk, objective.ref)


def file_id(pk: int, ref: str | None) -> str:
    """Return the id in files of the objective with the number and ref."""
    return ref or f"O{pk}"


def person_ids(people: list[Person]) -> dict[int, str]:
    """Return each person's id in files: the handle, else the e-mail's local part made unique."""
    ids: dict[int, str] = {}
    taken = {p.handle for p in people if p.handle}
    for person in people:
        if person.handle:
            ids[person.pk] = person.handle
            continue
        base = person.email.split("@")[0]
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        ids[person.pk] = candidate
    return ids


def export_document(organization: Organization, reader: Person | None = None) -> d.Document:
    """Return the organisation's cycles, teams, people, KPIs and OKRs as a document.

    For a reader, only the OKRs they may see: another team's unshared draft is left out, with
    every link to it.
    """
    document, handles = export_header(organization)
    document.objectives = list(iter_objectives(organization, handles, reader))
    return document


def export_header(organization: Organization) -> tuple[d.Document, dict[int, str]]:
    """Return the document without its objectives, and each person's id in files by primary key."""
    profile = get_profile(organization.profile)
    document = d.Document(
        organization=organization.name,
        slug=organization.slug,
        profile=organization.profile,
        score_scale=None
        if organization.score_scale == profile.score_scale
        else organization.score_scale,
    )
    cycles = list(
        Cycle.objects.of(organization).select_related("parent").order_by("start", "-end", "name")
    )
    document.cycles = [
        d.CycleDoc(
            id=c.name,
            start=c.start,
            end=c.end,
            kind=c.kind,
            state=c.state,
            parent=c.parent.name if c.parent else None,
        )
        for c in cycles
    ]
    teams = sorted(
        Team.objects.of(organization).select_related("parent"),
        key=lambda t: (LEVEL_DEPTH[Level(t.level)], t.name, t.pk),
    )
    document.teams = [
        d.TeamDoc(
            id=t.slug,
            name=t.name,
            level=t.level,
            parent=t.parent.slug if t.parent else None,
            mission=t.mission,
            archived=t.archived_at is not None,
        )
        for t in teams
    ]
    people = list(
        Person.objects.filter(organization=organization)
        .only("pk", "handle", "email", "name", "role")
        .order_by("pk")
    )
    handles = person_ids(people)
    memberships: dict[int, tuple[list[str], list[str]]] = {p.pk: ([], []) for p in people}
    rows = (
        Membership.objects.of(organization)
        .order_by("team__name", "pk")
        .values_list("person_id", "role", "team__slug")
    )
    for person, role, slug in rows:
        memberships[person][1 if role == Membership.TeamRole.LEAD else 0].append(slug)
    document.people = [
        d.PersonDoc(
            id=handles[p.pk],
            name=p.name,
            email=None if p.email.endswith(PLACEHOLDER_EMAIL) else p.email,
            role=p.role,
            teams=memberships[p.pk][0],
            leads=memberships[p.pk][1],
        )
        for p in people
    ]
    document.kpis = export_kpis(organization)
    return document, handles


# Objectives read per round of queries: memory stays bounded by this, not by the organisation.
CHUNK = 500


def _hidden(organization: Organization, reader: Person | None) -> set[int]:
    """Return the objectives the reader may not see (everyone's drafts are few)."""
    if reader is None:
        return set()
    objectives = Objective.objects.of(organization).exclude(visibility_filter(reader))
    return set(objectives.values_list("pk", flat=True))


def iter_objectives(
    organization: Organization, handles: dict[int, str], reader: Person | None = None
) -> Iterator[d.ObjectiveDoc]:
    """Yield the organisation's objectives in file order, CHUNK at a time, 5 queries per chunk."""
    hidden = _hidden(organization, reader)
    last = 0
    while True:
        objectives = list(
            Objective.objects.of(organization)
            .filter(pk__gt=last)
            .exclude(pk__in=hidden)
            .select_related("team", "cycle")
            .order_by("pk")[:CHUNK]
        )
        if not objectives:
            return
        yield from _objectives(organization, handles, objectives, hidden)
        if len(objectives) < CHUNK:
            return
        last = objectives[-1].pk


def _link_id(pk: int | None, ref: str | None) -> str | None:
    return None if pk is None else ref or f"O{pk}"


def _objectives(
    organization: Organization,
    handles: dict[int, str],
    objectives: list[Objective],
    hidden: frozenset[int] | set[int] = frozenset(),
) -> list[d.ObjectiveDoc]:
    """Return the documents of a chunk of objectives, with their links, key results, check-ins."""
    ids = {o.pk: objective_id(o) for o in objectives}
    parents: dict[int, list[str]] = {}
    for child, parent, ref in (
        Alignment.objects.of(organization)
        .filter(child_id__in=ids)
        .order_by("pk")
        .values_list("child_id", "parent_id", "parent__ref")
    ):
        if parent not in hidden:
            parents.setdefault(child, []).append(_link_id(parent, ref))
    shared: dict[int, list[str]] = {}
    for objective, slug in (
        Contribution.objects.of(organization)
        .filter(objective_id__in=ids)
        .order_by("pk")
        .values_list("objective_id", "team__slug")
    ):
        shared.setdefault(objective, []).append(slug)
    rows = list(
        KeyResult.objects.of(organization)
        .filter(objective_id__in=ids)
        .select_related("team")
        .annotate(
            linked_ref=F("linked_objective__ref"),
            linked_gone=F("linked_objective__deleted_at"),
            linked_organization=F("linked_objective__organization_id"),
        )
        .order_by("position", "pk")
    )
    check_ins = _check_ins(organization, handles, [kr.pk for kr in rows])
    responding = exported_responses(organization, list(ids))
    plans = _initiatives(organization, handles, [kr.pk for kr in rows])
    sources = source_docs([kr.pk for kr in rows])
    key_results: dict[int, list[d.KeyResultDoc]] = {}
    for kr in rows:
        docs = key_results.setdefault(kr.objective_id, [])
        linked = None
        if (
            kr.linked_gone is None
            and kr.linked_organization == organization.pk
            and kr.linked_objective_id not in hidden
        ):
            linked = _link_id(kr.linked_objective_id, kr.linked_ref)
        docs.append(
            d.KeyResultDoc(
                id=kr.ref or f"{ids[kr.objective_id]}-KR{len(docs) + 1}",
                title=kr.title,
                type=kr.type,
                start=None if kr.type == "binary" else kr.start,
                target=None if kr.type == "binary" else kr.target,
                current=kr.current,
                unit=kr.unit,
                direction=kr.direction or None,
                indicator=kr.indicator or None,
                kind=None if kr.kind == KeyResult.Level.OUTCOME else kr.kind,
                weight=kr.weight,
                balancing=kr.balancing,
                score=kr.grade,
                team=kr.team.slug if kr.team else None,
                linked_objective=linked,
                check_ins=check_ins.get(kr.pk, []),
                initiatives=plans.get(kr.pk, []),
                source=sources.get(kr.pk),
            )
        )
    return [
        d.ObjectiveDoc(
            id=ids[o.pk],
            title=o.title,
            cycle=o.cycle.name,
            team=o.team.slug if o.team else None,
            owner=handles.get(o.owner_id) if o.team is None else None,
            description=o.description,
            ambition=o.ambition,
            status=o.status,
            hypothesis=o.hypothesis,
            aligned_to=parents.get(o.pk, []),
            contributors=shared.get(o.pk, []),
            responds_to=responding.get(o.pk, []),
            score=o.grade,
            publish_despite=o.publish_reason,
            key_results=key_results.get(o.pk, []),
        )
        for o in objectives
    ]


def _check_ins(
    organization: Organization, handles: dict[int, str], key_results: list[int]
) -> dict[int, list[d.CheckInDoc]]:
    """Return the check-ins of the key results, oldest first, by key result."""
    found: dict[int, list[d.CheckInDoc]] = {}
    if not key_results:
        return found
    rows = (
        CheckIn.objects.of(organization)
        .filter(key_result_id__in=key_results)
        .order_by("checked_in_at", "pk")
        .values_list(
            "key_result_id",
            "checked_in_at",
            "value",
            "confidence",
            "progress_note",
            "problems_note",
            "plans_note",
            "author_id",
        )
    )
    for key_result, at, value, confidence, note, problems, plans, author in rows:
        found.setdefault(key_result, []).append(
            d.CheckInDoc(
                date=timezone.localdate(at),
                value=value,
                confidence=confidence,
                note=note,
                problems=problems,
                plans=plans,
                author=handles.get(author),
            )
        )
    return found


def _initiatives(
    organization: Organization, handles: dict[int, str], key_results: list[int]
) -> dict[int, list[d.InitiativeDoc]]:
    """Return the action plans of the key results, in order, by key result."""
    found: dict[int, list[d.InitiativeDoc]] = {}
    if not key_results:
        return found
    rows = (
        Initiative.objects.of(organization)
        .filter(key_result_id__in=key_results)
        .order_by("position", "pk")
        .values_list("key_result_id", "title", "status", "owner_id", "due", "link")
    )
    for key_result, title, status, owner, due, link in rows:
        found.setdefault(key_result, []).append(
            d.InitiativeDoc(
                title=title, status=status, owner=handles.get(owner), due=due, link=link
            )
        )
    return found


def _team_and_above(parents: dict[str, str | None], slug: str) -> set[str]:
    """Return the team's slug and those of the teams above it, given each team's parent."""
    found: set[str] = set()
    while slug is not None and slug not in found:
        found.add(slug)
        slug = parents.get(slug)
    return found


KEY_RESULT_READ = (
    "objective_id",
    "ref",
    "title",
    "type",
    "start",
    "target",
    "current",
    "unit",
    "direction",
    "indicator",
    "balancing",
    "grade",
    "confidence",
)

OBJECTIVE_READ = (
    "pk", "ref", "title", "team__slug", "owner__handle", "owner__email", "status", "ambition",
    "hypothesis", "grade", "publish_reason",
)  # fmt: skip


CYCLE_READ = (
    "cycle_id", "cycle__name", "cycle__start", "cycle__end", "cycle__kind", "cycle__state",
)  # fmt: skip


def _cycles(cycle: Cycle, objectives: list[dict]) -> list[d.CycleDoc]:
    """Return the cycle, then the other cycles the rows' objectives belong to, as documents."""
    found = [d.CycleDoc(cycle.name, cycle.start, cycle.end, kind=cycle.kind, state=cycle.state)]
    seen = {cycle.pk}
    for row in objectives:
        if row["cycle_id"] not in seen:
            seen.add(row["cycle_id"])
            found.append(
                d.CycleDoc(
                    row["cycle__name"],
                    row["cycle__start"],
                    row["cycle__end"],
                    kind=row["cycle__kind"],
                    state=row["cycle__state"],
                )
            )
    return found


def _owner(objective: dict) -> str | None:
    """Return the owner's id in files of an objective read as a row, for a personal one only."""
    if objective["team__slug"] is not None or objective["owner__email"] is None:
        return None
    return objective["owner__handle"] or objective["owner__email"]


def cycle_document(
    organization: Organization, cycle: Cycle, on, team: str | None = None
) -> d.Document:
    """Return a cycle's objectives, with each key result's latest check-in only, for the coach.

    With `team` (a slug), only what the coach reads to check that team's objectives is in it:
    them, the objectives they align to, and those of the teams above it.
    """
    # Plain rows, not models: the whole cycle of a large organisation is read at once.
    teams = list(Team.objects.of(organization).values("slug", "name", "level", "parent__slug"))
    open_objectives = Objective.objects.of(organization).exclude(status=Objective.State.ABANDONED)
    objectives = open_objectives.filter(cycle=cycle)
    if team is not None:
        own = objectives.filter(team__slug=team).values("pk")
        parents = {t["slug"]: t["parent__slug"] for t in teams}
        objectives = objectives.filter(team__slug__in=_team_and_above(parents, team))
    else:
        own = objectives.values("pk")
    # The objectives aligned to, whatever their cycle: a quarter's objectives mostly align to
    # the year's, and the coach compares them (cascade-kr-as-objective).
    aligned_to = Alignment.objects.filter(child__in=own).values("parent_id")
    objectives = open_objectives.filter(Q(pk__in=objectives.values("pk")) | Q(pk__in=aligned_to))
    objectives = list(objectives.order_by("team__name", "pk").values(*OBJECTIVE_READ, *CYCLE_READ))
    ids = {o["pk"]: _link_id(o["pk"], o["ref"]) for o in objectives}
    aligned: dict[int, list[str]] = {}
    links = Alignment.objects.filter(child_id__in=ids).values_list(
        "child_id", "parent__ref", "parent_id"
    )
    for child, ref, parent in links:
        aligned.setdefault(child, []).append(_link_id(parent, ref))
    key_results: dict[int, list[d.KeyResultDoc]] = {}
    rows = (
        KeyResult.objects.filter(objective_id__in=ids)
        .order_by("position", "pk")
        .values(*KEY_RESULT_READ, checked=Epoch("checked_in_at"))  # a number reads far faster
    )
    zone = timezone.get_current_timezone()  # read once: each lookup of it is slow
    for kr in rows:
        docs = key_results.setdefault(kr["objective_id"], [])
        latest = []
        if kr["checked"] is not None:
            day = datetime.fromtimestamp(kr["checked"], zone).date()
            latest = [d.CheckInDoc(date=day, value=kr["current"], confidence=kr["confidence"])]
        docs.append(
            d.KeyResultDoc(
                id=kr["ref"] or f"{ids[kr['objective_id']]}-KR{len(docs) + 1}",
                title=kr["title"],
                type=kr["type"],
                start=kr["start"],
                target=kr["target"],
                current=kr["current"],
                unit=kr["unit"],
                direction=kr["direction"] or None,
                indicator=kr["indicator"] or None,
                balancing=kr["balancing"],
                score=kr["grade"],
                check_ins=latest,
            )
        )
    return d.Document(
        organization=organization.name,
        profile=organization.profile,
        today=on,
        cycles=_cycles(cycle, objectives),
        teams=[
            d.TeamDoc(id=t["slug"], name=t["name"], level=t["level"], parent=t["parent__slug"])
            for t in teams
        ],
        objectives=[
            d.ObjectiveDoc(
                id=ids[o["pk"]],
                title=o["title"],
                cycle=o["cycle__name"],
                team=o["team__slug"],
                owner=_owner(o),
                status=o["status"],
                ambition=o["ambition"],
                hypothesis=o["hypothesis"],
                aligned_to=aligned.get(o["pk"], []),
                score=o["grade"],
                publish_despite=o["publish_reason"],
                key_results=key_results.get(o["pk"], []),
            )
            for o in objectives
        ],
    )
