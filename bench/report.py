"""The targets of issue 7 checked against the results; the Markdown for docs/performance.md."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

READ_TARGETS_MS = {
    "tree (API)": 1500,
    "tree (HTML)": 1500,
    "team page": 100,
    "objective page": 100,
    "dashboard": 300,
}
TREE_FLOOR_RATIO = 3.0
CHECK_INS_PER_S = 300
WORKER_RSS_MB = 300
CONSTANT_QUERIES = ("team page", "objective page")


def verdict(ok: bool) -> str:
    """Return how a target fared."""
    return "pass" if ok else "MISS"


def misses(size: dict) -> list[str]:
    """Return the reads of one run that missed their time target (they get profiled)."""
    return [
        name
        for name, row in size.get("reads", {}).items()
        if row["median_ms"] >= READ_TARGETS_MS.get(name, float("inf"))
        or (name.startswith("tree") and ratio(size, name) > TREE_FLOOR_RATIO)
    ]


def ratio(size: dict, name: str) -> float:
    """Return the read's median over its floor's median."""
    floor = size.get("floors", {}).get(name)
    if not floor or not floor["median_ms"]:
        return 0.0
    return size["reads"][name]["median_ms"] / floor["median_ms"]


def _reads_table(size: dict) -> list[str]:
    lines = [
        "| read | median ms | p95 ms | CPU ms | SQL ms | queries | KB | floor ms | x floor "
        "| target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, row in size.get("reads", {}).items():
        floor = size["floors"][name]
        target = READ_TARGETS_MS[name]
        ok = row["median_ms"] < target
        goal = f"< {target} ms: {verdict(ok)}"
        if name.startswith("tree"):
            goal += f"; <= {TREE_FLOOR_RATIO:g}x floor: {verdict(ratio(size, name) <= 3)}"
        lines.append(
            f"| {name} | {row['median_ms']} | {row['p95_ms']} | {row.get('cpu_median_ms', '')} | "
            f"{row.get('sql_ms', '')} | {row['queries']} | "
            f"{row['bytes'] // 1024} | {floor['median_ms']} | {ratio(size, name):.1f} | {goal} |"
        )
    return lines


def _pages_table(size: dict) -> list[str]:
    """Return the Markdown table of the other pages, empty when they were not measured."""
    pages = size.get("pages")
    if not pages:
        return []
    lines = [
        "| other page | median ms | p95 ms | CPU ms | SQL ms | queries | KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in pages.items():
        lines.append(
            f"| {name} | {row['median_ms']} | {row['p95_ms']} | {row.get('cpu_median_ms', '')} | "
            f"{row.get('sql_ms', '')} | {row['queries']} | {row['bytes'] // 1024} |"
        )
    return [*lines, ""]


def _other_lines(size: dict, vendor: str) -> list[str]:
    lines = []
    grouping = size.get("dashboard_grouping")
    if grouping:
        linked = grouping["row_reads_of_linked_key_results"]
        lines.append(
            f"- Dashboard aggregates in the database: {grouping['group_by']} GROUP BY queries; "
            f"{grouping['aggregated_in_sql']} of {grouping['reading_key_results_or_check_ins']} "
            "queries on key results and check-ins aggregate in SQL"
            + (f", {linked} reads only linked key results (rolled up in Python)" if linked else "")
            + f"; other row reads: {len(grouping['row_reads'])}: "
            + verdict(not grouping["row_reads"])
            + "."
        )
    memory = size.get("memory")
    if memory:
        ok = memory["peak_rss_mb"] < WORKER_RSS_MB
        lines.append(
            f"- Worker memory serving the tree (API and HTML, {memory['workers']} workers): "
            "peak RSS "
            f"{memory['peak_rss_mb']} MB (idle {memory['rss_before_mb']} MB); "
            f"< {WORKER_RSS_MB} MB: {verdict(ok)}."
        )
    load = size.get("load")
    if load:
        ok = (
            load["requests_per_s"] >= CHECK_INS_PER_S
            and load["errors"] == 0
            and load["lost_writes"] == 0
        )
        target = f"; >= {CHECK_INS_PER_S}/s, no errors, none lost: {verdict(ok)}"
        if vendor != "postgresql":
            target = f" (the {CHECK_INS_PER_S}/s target is for PostgreSQL)"
        lines.append(
            f"- Check-ins under load ({load['users']} users, {load['seconds']} s, "
            f"{load['key_results']} key results): {load['requests_per_s']}/s, median "
            f"{load['median_ms']:g} ms, p95 {load['p95_ms']:g} ms, {load['errors']} errors of "
            f"{load['requests']}; {load['check_ins_added']} check-ins added, "
            f"{load['lost_writes']} lost, {load['key_results_not_at_latest']} key results not at "
            f"their latest value{target}."
        )
        alone = load.get("one_at_a_time")
        if alone:
            lines.append(
                f"- One check-in at a time, in process: median {alone['median_ms']} ms "
                f"(CPU {alone['cpu_median_ms']} ms), {alone['queries']} queries."
            )
        spent = load.get("cpu_ms_per_check_in")
        if spent:
            lines.append(
                f"- CPU per check-in under load: web workers {spent['web_workers']} ms, "
                f"database {spent['database']} ms, load tool {spent['load_tool']} ms."
            )
    exchange = size.get("exchange")
    if exchange:
        parts = []
        for step in ("export", "import", "lint"):
            row = exchange.get(step)
            if row:
                if "error" in row:
                    parts.append(f"{step} failed after {row['seconds']} s ({row['error']})")
                else:
                    parts.append(f"{step} {row['seconds']} s = {row['key_results_per_s']} KR/s")
        size_mb = exchange.get("document_mb", "?")
        lines.append(
            f"- Exchange of {exchange['key_results']} key results ({size_mb} MB YAML): "
            + ", ".join(parts)
            + "."
        )
    return lines


def queries_by_size(vendor: str, sizes: dict[str, dict]) -> dict[str, dict[str, int]]:
    """Return the queries of the pages that must stay constant, at every size recorded."""
    found: dict[str, dict[str, int]] = {}
    for path in sorted(RESULTS.glob(f"*-{vendor}.json")):
        for teams, size in json.loads(path.read_text()).get("sizes", {}).items():
            found[teams] = _queries(size)
    for teams, size in sizes.items():
        found[teams] = _queries(size)
    return found


def _queries(size: dict) -> dict[str, int]:
    reads = size.get("reads", {})
    return {name: reads[name]["queries"] for name in CONSTANT_QUERIES if name in reads}


def markdown(vendor: str, when: str, sizes: dict[str, dict], settings: dict) -> str:
    """Return the Markdown summary of one database's results."""
    lines = []
    for teams, size in sizes.items():
        scene = size["scene"]
        lines += [
            f"## {vendor}, {teams} teams, {when}",
            "",
            f"{scene['teams']} teams, {scene['people']} people, "
            f"{scene['all_objectives']} objectives, "
            f"{scene['all_key_results']} key results, {scene['check_ins']} check-ins; the current "
            f"cycle's tree holds {scene['objectives']} objectives and {scene['key_results']} key "
            f"results. {settings['runs']} runs per read (a third for the tree), "
            f"{settings['notes']}. Load average of the machine (1 min) "
            f"{size['load_average']['before'][0]:.1f} before, "
            f"{size['load_average']['after'][0]:.1f} after.",
            "",
            *_reads_table(size),
            "",
            *_pages_table(size),
            *_other_lines(size, vendor),
            "",
        ]
    recorded = queries_by_size(vendor, sizes)
    if len(recorded) > 1:
        per_page = {
            name: {teams: q.get(name) for teams, q in recorded.items()} for name in CONSTANT_QUERIES
        }
        parts = []
        for name, counts in per_page.items():
            known = {n for n in counts.values() if n is not None}
            shown = ", ".join(f"{q} at {t} teams" for t, q in counts.items())
            parts.append(f"{name}: {shown}: {verdict(len(known) == 1)}")
        lines += [f"- Queries constant across sizes ({vendor}): " + "; ".join(parts) + ".", ""]
    return "\n".join(lines)
