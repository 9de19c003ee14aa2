"""The floor of each read: the same rows fetched by one raw SQL query, serialised with orjson."""

import re

import orjson
from django.db import connection

from bench.reads import Scene, timings

OBJECTIVE = "objectives_objective"
KEY_RESULT = "objectives_keyresult"
ALIGNMENT = "objectives_alignment"
CHECK_IN = "objectives_checkin"
TEAM = "organizations_team"

KR_COLUMNS = (
    "k.id, k.title, k.type, k.unit, k.start, k.target, k.current, k.confidence, "
    "k.checked_in_at, k.weight, k.linked_objective_id"
)
KR_KEYS = (
    "id", "title", "type", "unit", "start", "target", "current", "confidence",
    "checked_in_at", "weight", "linked_objective_id",
)  # fmt: skip


def _vendor(postgresql: str, sqlite: str) -> str:
    return postgresql if connection.vendor == "postgresql" else sqlite


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def tree(found: Scene) -> bytes:
    """Return the cycle's objectives with team, key results and parents, nested, as JSON."""
    parents = _vendor(
        f"(SELECT string_agg(CAST(a.parent_id AS text), ',') FROM {ALIGNMENT} a "
        "WHERE a.child_id = o.id)",
        f"(SELECT group_concat(a.parent_id) FROM {ALIGNMENT} a WHERE a.child_id = o.id)",
    )
    rows = _fetch(
        f"SELECT o.id, o.title, o.status, o.cycle_id, o.team_id, t.name, t.level, {parents}, "
        f"{KR_COLUMNS} FROM {OBJECTIVE} o LEFT JOIN {TEAM} t ON t.id = o.team_id "
        f"LEFT JOIN {KEY_RESULT} k ON k.objective_id = o.id "
        f"WHERE o.organization_id = %s AND o.cycle_id IN ({_placeholders(found.scope)}) "
        "AND o.status <> 'abandoned' ORDER BY o.id, k.position, k.id",
        [found.organization_id, *found.scope],
    )
    nodes: dict[int, dict] = {}
    for row in rows:
        node = nodes.get(row[0])
        if node is None:
            node = nodes[row[0]] = {
                "id": row[0], "title": row[1], "status": row[2], "cycle_id": row[3],
                "team_id": row[4], "team_name": row[5], "level": row[6],
                "parents": [int(p) for p in row[7].split(",")] if row[7] else [],
                "key_results": [], "children": [],
            }  # fmt: skip
        if row[8] is not None:
            node["key_results"].append(dict(zip(KR_KEYS, row[8:], strict=True)))
    roots = []
    for node in nodes.values():
        above = [nodes[p] for p in node["parents"] if p in nodes]
        for parent in above:
            parent["children"].append(node)
        if not above:
            roots.append(node)
    return orjson.dumps({"objectives": len(nodes), "roots": roots})


def _objectives_with_check_ins(where: str, params: list) -> bytes:
    rows = _fetch(
        f"SELECT o.id, o.title, o.status, o.hypothesis, {KR_COLUMNS}, c.id, c.value, c.confidence, "
        "c.progress_note, c.problems_note, c.plans_note, c.checked_in_at "
        f"FROM {OBJECTIVE} o LEFT JOIN {KEY_RESULT} k ON k.objective_id = o.id "
        f"LEFT JOIN {CHECK_IN} c ON c.key_result_id = k.id WHERE {where} "
        "ORDER BY o.id, k.position, k.id, c.checked_in_at",
        params,
    )
    objectives: dict[int, dict] = {}
    key_results: dict[int, dict] = {}
    for row in rows:
        objective = objectives.setdefault(
            row[0],
            {"id": row[0], "title": row[1], "status": row[2], "hypothesis": row[3], "krs": []},
        )
        if row[4] is None:
            continue
        kr = key_results.get(row[4])
        if kr is None:
            kr = key_results[row[4]] = dict(zip(KR_KEYS, row[4:15], strict=True))
            kr["check_ins"] = []
            objective["krs"].append(kr)
        if row[15] is not None:
            kr["check_ins"].append(row[15:])
    return orjson.dumps(list(objectives.values()))


def team(found: Scene) -> bytes:
    """Return the team's objectives of the cycle with key results and their check-ins, as JSON."""
    return _objectives_with_check_ins(
        "o.organization_id = %s AND o.team_id = %s AND o.cycle_id = %s",
        [found.organization_id, found.team_id, found.cycle_id],
    )


def objective(found: Scene) -> bytes:
    """Return the objective with its key results and their check-ins, as JSON."""
    return _objectives_with_check_ins(
        "o.organization_id = %s AND o.id = %s", [found.organization_id, found.objective_id]
    )


def dashboard(found: Scene) -> bytes:
    """Return each objective's weighted progress, confidence and last check-in, grouped in SQL."""
    clamp = _vendor(
        "GREATEST(0.0, LEAST(1.0, (k.current - k.start) / (k.target - k.start)))",
        "MAX(0.0, MIN(1.0, (k.current - k.start) / (k.target - k.start)))",
    )
    progress = (
        "CASE WHEN k.current IS NULL OR k.start IS NULL OR k.start = k.target THEN 0.0 "
        f"ELSE {clamp} END"
    )
    rows = _fetch(
        f"SELECT o.id, o.title, o.status, t.name, SUM(({progress}) * k.weight) / "
        "NULLIF(SUM(k.weight), 0), AVG(CAST(k.confidence AS DOUBLE PRECISION)), "
        "MAX(k.checked_in_at) "
        f"FROM {OBJECTIVE} o LEFT JOIN {TEAM} t ON t.id = o.team_id "
        f"LEFT JOIN {KEY_RESULT} k ON k.objective_id = o.id "
        "WHERE o.organization_id = %s AND o.cycle_id = %s AND o.status <> 'abandoned' "
        "GROUP BY o.id, o.title, o.status, t.name ORDER BY o.id",
        [found.organization_id, found.cycle_id],
    )
    keys = ("id", "title", "status", "team", "progress", "confidence", "last_check_in")
    return orjson.dumps([dict(zip(keys, row, strict=True)) for row in rows])


FLOORS = {
    "tree (API)": tree,
    "tree (HTML)": tree,
    "team page": team,
    "objective page": objective,
    "dashboard": dashboard,
}


def run(found: Scene, runs: int) -> dict[str, dict]:
    """Time each read's floor; reads sharing a floor share the timing."""
    results, done = {}, {}
    for name, floor in FLOORS.items():
        if floor not in done:
            row = timings(lambda floor=floor: floor(found), runs)
            row["bytes"] = len(floor(found))
            done[floor] = row
        results[name] = done[floor]
    return results


def grouped_in_database(sql: list[str]) -> dict:
    """Return whether the dashboard's key result and check-in reads aggregate in SQL."""
    touching = [q for q in sql if KEY_RESULT in q or CHECK_IN in q]
    grouped = [q for q in touching if "GROUP BY" in q or re.search(r"\b(COUNT|SUM|AVG)\(", q)]
    rows = [q for q in touching if q not in grouped]
    linked_only = [q for q in rows if '"linked_objective_id" IS NOT NULL' in q]
    return {
        "queries": len(sql),
        "reading_key_results_or_check_ins": len(touching),
        "aggregated_in_sql": len(grouped),
        "group_by": sum("GROUP BY" in q for q in touching),
        "row_reads_of_linked_key_results": len(linked_only),
        "row_reads": [q[:400] for q in rows if q not in linked_only],
    }
