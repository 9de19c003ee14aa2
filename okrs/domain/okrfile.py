"""Read and check an OKRs-as-code file into a Document."""

import os
from collections import ChainMap
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Protocol, cast

from okrs.domain import document as d
from okrs.domain.initiatives import INITIATIVE_STATUSES, INITIATIVES_PER_KEY_RESULT, link_problem
from okrs.domain.limits import FILE_BYTES, HELD_NODES, JSON_CHARACTERS, Refused, check_data, over
from okrs.domain.pieces import NotInPieces, read_in_pieces
from okrs.domain.reading import (
    Data,
    DocumentError,
    FieldPath,
    Lines,
    Problem,
    Reader,
    parse,
    refusal,
    yaml_problem,
)

TOP = {
    "version",
    "organization",
    "slug",
    "profile",
    "score_scale",
    "today",
    "cycles",
    "teams",
    "people",
    "kpis",
    "objectives",
}
CYCLE = {"id", "name", "start", "end", "kind", "state", "parent"}
TEAM = {"id", "name", "level", "parent", "mission", "archived"}
PERSON = {"id", "name", "email", "role", "teams", "leads"}
OBJECTIVE = {
    "id", "title", "description", "team", "owner", "cycle", "ambition", "status", "hypothesis",
    "aligned_to", "contributors", "responds_to", "score", "key_results", "publish_despite",
}  # fmt: skip
KEY_RESULT = {
    "id", "title", "type", "start", "target", "current", "unit", "direction", "indicator", "kind",
    "weight", "balancing", "score", "team", "linked_objective", "check_ins", "initiatives",
    "source",
}  # fmt: skip
# A key result's source, never its secrets: the push secret and auth header stay in the database.
SOURCE = {"kind", "name", "schedule", "url", "format", "path", "column", "row", "database", "query"}
SOURCE_LIMITS = {"name": 80, "url": 2000, "path": 500, "column": 100, "database": 100}
CHECK_IN = {"date", "value", "confidence", "note", "problems", "plans", "author"}
INITIATIVE = {"title", "status", "owner", "due", "link"}
KPI = {
    "team", "name", "unit", "description", "lower_bound", "upper_bound", "archived",
    "measurements",
}  # fmt: skip
MEASUREMENT = {"date", "value", "note"}
MEASUREMENT_NOTE_LIMIT = 500  # the longest note of a reading the database holds

# How one item of a section is read: (reader, item data, path) -> what the document keeps.
ReadItem = Callable[[Reader, Any, FieldPath], Any]


class _HasId(Protocol):
    """Something a document lists by id: a cycle, team, person, objective or key result."""

    @property
    def id(self) -> str: ...

    @property
    def line(self) -> int | None: ...


def read_document(text: str) -> d.Document:
    """Return the document in a YAML or JSON text, or raise DocumentError naming every problem."""
    if text.lstrip().startswith("{"):
        return document_from_data(*parse(text))
    return _read_yaml(text)


def read_document_file(path: Path, limit: int = FILE_BYTES) -> d.Document:
    """Return the document in a YAML or JSON file of at most limit bytes, or raise DocumentError.

    YAML is parsed from the disk, never held as one text; JSON is read whole.
    """
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            message = (
                f"past the file size limit (OKRS_MAX_IMPORT_BYTES): the file is {size:,} bytes, "
                f"{limit:,} at most"
            )
            raise DocumentError([Problem("", message)])
        if not _opens_json(stream):
            return _read_yaml(stream)
        if size > JSON_CHARACTERS:
            raise refusal(over("JSON size"))
        raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(
            [Problem("", f"unreadable text (files are UTF-8): {error.reason}", line)]
        ) from None
    return document_from_data(*parse(text))


def _opens_json(stream: BinaryIO) -> bool:
    """Return whether the stream's first character after blanks is '{'; rewind it."""
    start = stream.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
    stream.seek(0)
    return start.startswith(b"{")


def _read_yaml(source: str | BinaryIO) -> d.Document:
    """Return the document read in pieces, or else read whole, which names every problem with
    the lines and in the order it always has.

    A document too large to hold whole has its problems named as the pieces found them.
    """
    try:
        return _read_in_pieces(source)
    except Refused as error:
        raise refusal(error) from None
    except NotInPieces as stopped:
        if stopped.nodes > HELD_NODES and stopped.error is not None:
            raise yaml_problem(stopped.error, source) from None
        if stopped.nodes > HELD_NODES and stopped.problems:
            raise DocumentError(stopped.problems) from None
    if not isinstance(source, str):
        source.seek(0)
    return document_from_data(*parse(source))


def read_data(data: object) -> d.Document:
    """Return the document in data parsed elsewhere (an API request's body), within the limits."""
    try:
        check_data(data)
    except Refused as error:
        raise refusal(error) from None
    return document_from_data(data)


def _read_in_pieces(text: str | BinaryIO) -> d.Document:
    """Return the document read one section item at a time, keeping only what it becomes.

    A problem raises NotInPieces with the problems and the number of nodes read, so that
    reading the whole text names every problem with the lines and in the order it always has.
    """
    top_lines: Lines = {}
    reader = Reader(top_lines)

    def section(read: ReadItem) -> Callable[[object, FieldPath, Lines], object]:
        def one(item: object, path: FieldPath, item_lines: Lines) -> object:
            reader.lines = ChainMap(item_lines, top_lines)
            return read(reader, item, path)

        return one

    sections = {k: section(f) for k, f in SECTIONS.items()}
    top, read, nodes = read_in_pieces(text, sections, top_lines, TOP)
    reader.lines = top_lines
    data = reader.mapping(top, (), TOP, {"organization"})
    document = _header(reader, data)
    for name in SECTIONS:
        setattr(document, name, read.get(name) or _section(reader, data, name))
    _check_references(reader, document)
    if reader.problems:
        raise NotInPieces(reader.problems, nodes)
    return document


def document_from_data(data: object, lines: Lines | None = None) -> d.Document:
    """Return the document built from parsed data, or raise DocumentError naming every problem."""
    reader = Reader(lines or {})
    top = reader.mapping(data, (), TOP, {"organization"})
    if not top:
        raise DocumentError(reader.problems)
    document = _header(reader, top)
    for name in SECTIONS:
        setattr(document, name, _section(reader, top, name))
    _check_references(reader, document)
    if reader.problems:
        raise DocumentError(reader.problems)
    return document


def _header(reader: Reader, top: Data) -> d.Document:
    version = reader.integer(top, "version", (), 1, 1) if "version" in top else 1
    return d.Document(
        organization=reader.text(top, "organization", ()) or "",
        version=version or 1,
        slug=reader.text(top, "slug", (), default=None),
        profile=reader.choice(top, "profile", (), d.PROFILES, "p-okr"),
        score_scale=reader.choice(top, "score_scale", (), ("0-10", "0-1"), None),
        today=reader.day(top, "today", ()),
    )


def _section(reader: Reader, top: Data, name: str) -> list[Any]:
    read = SECTIONS[name]
    return [read(reader, item, (name, i)) for i, item in enumerate(reader.items(top, name, ()))]


def _cycle(reader: Reader, item: object, path: FieldPath) -> d.CycleDoc:
    data = reader.mapping(item, path, CYCLE, {"id", "start", "end"})
    # A missing or malformed date is a problem noted, and a document with problems is never
    # returned: the casts say what a returned document holds (here and in _check_in).
    cycle = d.CycleDoc(
        id=reader.text(data, "id", path) or reader.text(data, "name", path) or "",
        start=cast(date, reader.day(data, "start", path)),
        end=cast(date, reader.day(data, "end", path)),
        kind=reader.choice(data, "kind", path, d.CYCLE_KINDS, "quarter"),
        state=reader.choice(data, "state", path, d.CYCLE_STATES, None),
        parent=reader.text(data, "parent", path, default=None),
        line=reader.line(path),
    )
    if cycle.start and cycle.end and cycle.end <= cycle.start:
        reader.problem((*path, "end"), f"the cycle must end after it starts ({cycle.start})")
    return cycle


def _team(reader: Reader, item: object, path: FieldPath) -> d.TeamDoc:
    data = reader.mapping(item, path, TEAM, {"id"})
    team_id = reader.text(data, "id", path) or ""
    return d.TeamDoc(
        id=team_id,
        name=reader.text(data, "name", path) or team_id,
        level=reader.choice(data, "level", path, d.LEVELS, "tactical"),
        parent=reader.text(data, "parent", path, default=None),
        mission=reader.text(data, "mission", path) or "",
        archived=reader.boolean(data, "archived", path),
        line=reader.line(path),
    )


def _person(reader: Reader, item: object, path: FieldPath) -> d.PersonDoc:
    data = reader.mapping(item, path, PERSON, {"id"})
    return d.PersonDoc(
        id=reader.text(data, "id", path) or "",
        name=reader.text(data, "name", path) or "",
        email=reader.text(data, "email", path, default=None),
        role=reader.choice(data, "role", path, d.ROLES, "member"),
        teams=reader.names(data, "teams", path),
        leads=reader.names(data, "leads", path),
        line=reader.line(path),
    )


def _objective(reader: Reader, item: object, path: FieldPath) -> d.ObjectiveDoc:
    data = reader.mapping(item, path, OBJECTIVE, {"id", "title", "cycle"})
    objective = d.ObjectiveDoc(
        id=reader.text(data, "id", path) or "",
        title=reader.text(data, "title", path) or "",
        cycle=reader.text(data, "cycle", path) or "",
        team=reader.text(data, "team", path, default=None),
        owner=reader.text(data, "owner", path, default=None),
        description=reader.text(data, "description", path) or "",
        ambition=reader.choice(data, "ambition", path, d.AMBITIONS, "roofshot"),
        status=reader.choice(data, "status", path, d.OBJECTIVE_STATUSES, "active"),
        hypothesis=reader.text(data, "hypothesis", path) or "",
        aligned_to=reader.names(data, "aligned_to", path),
        contributors=reader.names(data, "contributors", path),
        responds_to=reader.names(data, "responds_to", path),
        score=_score(reader, data, path),
        publish_despite=reader.text(data, "publish_despite", path) or "",
        line=reader.line(path),
    )
    if data and not objective.team and not objective.owner:
        reader.problem(path, "an objective needs a `team` (or, as an individual OKR, an `owner`)")
    items = reader.items(data, "key_results", path)
    objective.key_results = [
        _key_result(reader, kr, (*path, "key_results", n), objective.id, n + 1)
        for n, kr in enumerate(items)
    ]
    return objective


def _score(reader: Reader, data: Data, path: FieldPath) -> float | None:
    value = reader.number(data, "score", path)
    if value is not None and not 0 <= value <= 10:
        reader.problem((*path, "score"), f"a score runs from 0 to 10, got {value:g}")
        return None
    return value


def _key_result(
    reader: Reader, item: object, path: FieldPath, objective_id: str, n: int
) -> d.KeyResultDoc:
    data = reader.mapping(item, path, KEY_RESULT, {"title"})
    kr = d.KeyResultDoc(
        id=reader.text(data, "id", path, default=None) or f"{objective_id}-KR{n}",
        title=reader.text(data, "title", path) or "",
        type=reader.choice(data, "type", path, d.KR_TYPES, "metric"),
        start=reader.number(data, "start", path),
        target=reader.number(data, "target", path),
        current=reader.number(data, "current", path),
        unit=reader.text(data, "unit", path) or "",
        direction=reader.choice(data, "direction", path, d.DIRECTIONS, None),
        indicator=reader.choice(data, "indicator", path, d.INDICATORS, None),
        kind=reader.choice(data, "kind", path, d.KR_KINDS, None),
        weight=_weight(reader, data, path),
        balancing=reader.boolean(data, "balancing", path),
        score=_score(reader, data, path),
        team=reader.text(data, "team", path, default=None),
        linked_objective=reader.text(data, "linked_objective", path, default=None),
        line=reader.line(path),
    )
    if kr.weight is not None and kr.weight < 0:
        reader.problem((*path, "weight"), f"a weight cannot be negative, got {kr.weight:g}")
    if kr.type == "metric" and kr.start is not None and kr.start == kr.target:
        reader.problem(
            (*path, "target"), "start and target are equal: there is nothing to progress"
        )
    items = reader.items(data, "check_ins", path)
    kr.check_ins = [_check_in(reader, c, (*path, "check_ins", i)) for i, c in enumerate(items)]
    plan = reader.items(data, "initiatives", path)
    if len(plan) > INITIATIVES_PER_KEY_RESULT:
        reader.problem(
            (*path, "initiatives"),
            f"a key result holds {INITIATIVES_PER_KEY_RESULT} initiatives at most, got {len(plan)}",
        )
        plan = plan[:INITIATIVES_PER_KEY_RESULT]
    kr.initiatives = [_initiative(reader, i, (*path, "initiatives", n)) for n, i in enumerate(plan)]
    if data.get("source") is not None:
        kr.source = _source(reader, data["source"], (*path, "source"))
    return kr


def _initiative(reader: Reader, item: object, path: FieldPath) -> d.InitiativeDoc:
    data = reader.mapping(item, path, INITIATIVE, {"title"})
    link = reader.text(data, "link", path) or ""
    problem = link_problem(link)
    if problem:
        reader.problem((*path, "link"), problem)
    return d.InitiativeDoc(
        title=reader.text(data, "title", path) or "",
        status=reader.choice(data, "status", path, INITIATIVE_STATUSES, "planned"),
        owner=reader.same(reader.text(data, "owner", path, default=None)),
        due=reader.day(data, "due", path),
        link=link,
    )


def _source(reader: Reader, item: object, path: FieldPath) -> d.SourceDoc:
    data = reader.mapping(item, path, SOURCE, {"kind", "name"})
    source = d.SourceDoc(
        kind=reader.choice(data, "kind", path, d.SOURCE_KINDS, "push"),
        name=reader.text(data, "name", path) or "",
        schedule=reader.choice(data, "schedule", path, d.SOURCE_SCHEDULES, "daily"),
        url=reader.text(data, "url", path) or "",
        format=reader.choice(data, "format", path, d.SOURCE_FORMATS, "json"),
        path=reader.text(data, "path", path) or "",
        column=reader.text(data, "column", path) or "",
        row=reader.integer(data, "row", path, -100000, 100000) or 1,
        database=reader.text(data, "database", path) or "",
        query=reader.text(data, "query", path) or "",
    )
    for key, limit in SOURCE_LIMITS.items():
        if len(getattr(source, key)) > limit:
            reader.problem((*path, key), f"at most {limit} characters")
    if source.kind == "http" and not source.url.startswith(("http://", "https://")):
        reader.problem((*path, "url"), "an http source needs an http:// or https:// url")
    if source.kind == "sql" and not (source.database and source.query):
        reader.problem(path, "an sql source needs a database and a query")
    return source


def _check_in(reader: Reader, item: object, path: FieldPath) -> d.CheckInDoc:
    data = reader.mapping(item, path, CHECK_IN, {"date", "value", "confidence"})
    return d.CheckInDoc(
        date=cast(date, reader.day(data, "date", path)),
        value=cast(float, reader.number(data, "value", path)),
        confidence=reader.integer(data, "confidence", path, 0, 10)
        if "confidence" in data
        else None,
        note=reader.text(data, "note", path) or "",
        problems=reader.text(data, "problems", path) or "",
        plans=reader.text(data, "plans", path) or "",
        author=reader.same(reader.text(data, "author", path, default=None)),
    )


def _kpi(reader: Reader, item: object, path: FieldPath) -> d.KPIDoc:
    data = reader.mapping(item, path, KPI, {"team", "name"})
    kpi = d.KPIDoc(
        team=reader.text(data, "team", path) or "",
        name=reader.text(data, "name", path) or "",
        unit=reader.text(data, "unit", path) or "",
        description=reader.text(data, "description", path) or "",
        lower_bound=reader.number(data, "lower_bound", path),
        upper_bound=reader.number(data, "upper_bound", path),
        archived=reader.boolean(data, "archived", path),
        line=reader.line(path),
    )
    if data and kpi.lower_bound is None and kpi.upper_bound is None:
        reader.problem(path, "a KPI needs a `lower_bound` or an `upper_bound` to be healthy within")
    lower, upper = kpi.lower_bound, kpi.upper_bound
    if lower is not None and upper is not None and upper < lower:
        reader.problem((*path, "upper_bound"), "the upper bound lies below the lower bound")
    items = reader.items(data, "measurements", path)
    kpi.measurements = [
        _measurement(reader, m, (*path, "measurements", i)) for i, m in enumerate(items)
    ]
    return kpi


def _measurement(reader: Reader, item: object, path: FieldPath) -> d.MeasurementDoc:
    data = reader.mapping(item, path, MEASUREMENT, {"date", "value"})
    note = reader.text(data, "note", path) or ""
    if len(note) > MEASUREMENT_NOTE_LIMIT:
        reader.problem(
            (*path, "note"), f"at most {MEASUREMENT_NOTE_LIMIT} characters, got {len(note):,}"
        )
    return d.MeasurementDoc(
        date=cast(date, reader.day(data, "date", path)),
        value=cast(float, reader.number(data, "value", path)),
        note=note,
    )


def _weight(reader: Reader, data: Data, path: FieldPath) -> float:
    """Return a key result's weight, 1 when it is not given (or not a number)."""
    weight = reader.number(data, "weight", path, default=1.0)
    return 1.0 if weight is None else weight


def _duplicates(reader: Reader, things: Iterable[_HasId], paths: Iterable[FieldPath]) -> set[str]:
    seen: set[str] = set()
    for thing, path in zip(things, paths, strict=True):
        if thing.id in seen:
            reader.problem((*path, "id"), f"the id {thing.id!r} is used twice", thing.line)
        seen.add(thing.id)
    return seen


def _check_references(reader: Reader, document: d.Document) -> None:
    """Note every reference to a cycle, team, person or objective that does not exist."""

    def at(section: str) -> list[FieldPath]:
        return [(section, i) for i in range(len(getattr(document, section)))]

    cycles = _duplicates(reader, document.cycles, at("cycles"))
    teams = _duplicates(reader, document.teams, at("teams"))
    people = _duplicates(reader, document.people, at("people"))
    objectives = _duplicates(reader, document.objectives, at("objectives"))
    key_results = [
        (kr, ("objectives", i, "key_results", n))
        for i, objective in enumerate(document.objectives)
        for n, kr in enumerate(objective.key_results)
    ]
    _duplicates(reader, [kr for kr, _ in key_results], [path for _, path in key_results])

    def known(
        path: FieldPath, value: str | None, ids: set[str], what: str, near: int | None = None
    ) -> None:
        if value is not None and value not in ids:
            reader.problem(path, f"unknown {what} {value!r}", near)

    for i, cycle in enumerate(document.cycles):
        known(("cycles", i, "parent"), cycle.parent, cycles, "cycle", cycle.line)
    for i, team in enumerate(document.teams):
        known(("teams", i, "parent"), team.parent, teams, "team", team.line)
    for i, person in enumerate(document.people):
        for team_id in [*person.teams, *person.leads]:
            known(("people", i, "teams"), team_id, teams, "team", person.line)
    named: set[tuple[str, str]] = set()
    for i, kpi in enumerate(document.kpis):
        known(("kpis", i, "team"), kpi.team or None, teams, "team", kpi.line)
        if (kpi.team, kpi.name) in named:
            reader.problem(("kpis", i, "name"), f"{kpi.team} has the KPI {kpi.name!r} twice")
        named.add((kpi.team, kpi.name))
    kpi_names = {name for _, name in named}
    for i, objective in enumerate(document.objectives):
        path, line = ("objectives", i), objective.line
        known((*path, "cycle"), objective.cycle or None, cycles, "cycle", line)
        known((*path, "team"), objective.team, teams, "team", line)
        known((*path, "owner"), objective.owner, people, "person", line)
        for parent in objective.aligned_to:
            known((*path, "aligned_to"), parent, objectives, "objective", line)
            if parent == objective.id:
                reader.problem((*path, "aligned_to"), "an objective cannot align to itself", line)
        for team_id in objective.contributors:
            known((*path, "contributors"), team_id, teams, "team", line)
        if document.kpis:  # else the KPIs are the organisation's, checked when imported
            for kpi_name in objective.responds_to:
                if not kpi_name.isdigit() and kpi_name not in kpi_names:
                    said = (
                        f"unknown KPI {kpi_name!r}: name a KPI of the document's `kpis` or its id"
                    )
                    reader.problem((*path, "responds_to"), said, line)
        for n, kr in enumerate(objective.key_results):
            at_kr = (*path, "key_results", n)
            known((*at_kr, "team"), kr.team, teams, "team", kr.line)
            known(
                (*at_kr, "linked_objective"), kr.linked_objective, objectives, "objective", kr.line
            )
            for c, check_in in enumerate(kr.check_ins):
                known(
                    (*at_kr, "check_ins", c, "author"), check_in.author, people, "person", kr.line
                )
            for p, initiative in enumerate(kr.initiatives):
                known(
                    (*at_kr, "initiatives", p, "owner"), initiative.owner, people, "person", kr.line
                )


# The document's lists, in the order they are read, and how each item is read.
SECTIONS: dict[str, ReadItem] = {
    "cycles": _cycle,
    "teams": _team,
    "people": _person,
    "kpis": _kpi,
    "objectives": _objective,
}
