"""Write a Document as a canonical OKRs-as-code YAML text."""

from datetime import date
from typing import Any

import yaml

from okrs.domain import document as d


def _number(value: object) -> object:
    """Return whole floats as integers so 20000.0 reads 20000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _compact(
    pairs: list[tuple[str, object]], defaults: dict[str, object] | None = None
) -> dict[str, Any]:
    """Return the pairs as a mapping without empty values and values equal to their default."""
    defaults = defaults or {}
    out: dict[str, Any] = {}
    for key, value in pairs:
        if (
            value is None
            or value == ""
            or value == []
            or (key in defaults and value == defaults[key])
        ):
            continue
        out[key] = _number(value)
    return out


def _check_in(c: d.CheckInDoc) -> dict[str, Any]:
    return _compact(
        [
            ("date", c.date),
            ("value", c.value),
            ("confidence", c.confidence),
            ("note", c.note),
            ("problems", c.problems),
            ("plans", c.plans),
            ("author", c.author),
        ]
    )


def _initiative(i: d.InitiativeDoc) -> dict[str, Any]:
    return _compact(
        [
            ("title", i.title),
            ("status", i.status),
            ("owner", i.owner),
            ("due", i.due),
            ("link", i.link),
        ],
        {"status": "planned"},
    )


def _key_result(kr: d.KeyResultDoc) -> dict[str, Any]:
    out = _compact(
        [
            ("id", kr.id),
            ("title", kr.title),
            ("type", kr.type),
            ("start", kr.start),
            ("target", kr.target),
            ("current", kr.current),
            ("unit", kr.unit),
            ("direction", kr.direction),
            ("indicator", kr.indicator),
            ("kind", kr.kind),
            ("weight", kr.weight),
            ("balancing", kr.balancing),
            ("score", kr.score),
            ("team", kr.team),
            ("linked_objective", kr.linked_objective),
        ],
        {"type": "metric", "weight": 1, "balancing": False},
    )
    if kr.check_ins:
        out["check_ins"] = [_check_in(c) for c in kr.check_ins]
    if kr.initiatives:
        out["initiatives"] = [_initiative(i) for i in kr.initiatives]
    if kr.source is not None:
        out["source"] = _source(kr.source)
    return out


def _source(source: d.SourceDoc) -> dict[str, Any]:
    fields: list[tuple[str, object]] = [("kind", source.kind), ("name", source.name)]
    if source.kind == "http":
        fields += [("schedule", source.schedule), ("url", source.url), ("format", source.format)]
        fields += [("path", source.path)] if source.format == "json" else []
        fields += [("column", source.column), ("row", source.row)] if source.format == "csv" else []
    elif source.kind == "sql":
        fields += [("schedule", source.schedule), ("database", source.database)]
        fields += [("query", source.query)]
    return dict(fields)


def _objective(o: d.ObjectiveDoc) -> dict[str, Any]:
    out = _compact(
        [
            ("id", o.id),
            ("title", o.title),
            ("team", o.team),
            ("owner", o.owner),
            ("cycle", o.cycle),
            ("status", o.status),
            ("ambition", o.ambition),
            ("aligned_to", o.aligned_to),
            ("contributors", o.contributors),
            ("responds_to", o.responds_to),
            ("description", o.description),
            ("hypothesis", o.hypothesis),
            ("score", o.score),
            ("publish_despite", o.publish_despite),
        ],
        {"ambition": "roofshot", "status": "active"},
    )
    out["key_results"] = [_key_result(kr) for kr in o.key_results]
    return out


def _kpi(k: d.KPIDoc) -> dict[str, Any]:
    out = _compact(
        [
            ("team", k.team),
            ("name", k.name),
            ("unit", k.unit),
            ("lower_bound", k.lower_bound),
            ("upper_bound", k.upper_bound),
            ("description", k.description),
            ("archived", k.archived),
        ],
        {"archived": False},
    )
    if k.measurements:
        out["measurements"] = [
            _compact([("date", m.date), ("value", m.value), ("note", m.note)])
            for m in k.measurements
        ]
    return out


def document_to_data(document: d.Document) -> dict[str, Any]:
    """Return the document as plain data in the file's canonical field order."""
    out = _compact(
        [
            ("version", document.version),
            ("organization", document.organization),
            ("slug", document.slug),
            ("profile", document.profile),
            ("score_scale", document.score_scale),
            ("today", document.today),
        ]
    )
    out["cycles"] = [
        _compact(
            [
                ("id", c.id),
                ("start", c.start),
                ("end", c.end),
                ("kind", c.kind),
                ("state", c.state),
                ("parent", c.parent),
            ],
            {"kind": "quarter"},
        )
        for c in document.cycles
    ]
    out["teams"] = [
        _compact(
            [
                ("id", t.id),
                ("name", t.name),
                ("level", t.level),
                ("parent", t.parent),
                ("mission", t.mission),
                ("archived", t.archived),
            ],
            {"archived": False},
        )
        for t in document.teams
    ]
    out["people"] = [
        _compact(
            [
                ("id", p.id),
                ("name", p.name),
                ("email", p.email),
                ("role", p.role),
                ("teams", p.teams),
                ("leads", p.leads),
            ],
            {"role": "member"},
        )
        for p in document.people
    ]
    if document.kpis:  # written only when there are some: documents without KPIs stay as they were
        out["kpis"] = [_kpi(k) for k in document.kpis]
    out["objectives"] = [_objective(o) for o in document.objectives]
    return out


class _Dumper(yaml.SafeDumper):
    """Indents lists inside mappings, as people write YAML."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(
    date,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat()),
)


def dump_yaml(document: d.Document) -> str:
    """Return the document as YAML text."""
    return yaml.dump(
        document_to_data(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=110,
    )
