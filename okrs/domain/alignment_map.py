"""Layered layout of objectives and their alignment links, drawn as the alignment map."""

import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

LINE_CHARS = 28
MAX_LINES = 3
ELLIPSIS = "…"
SWEEPS = 4  # each sweeps down then up; later sweeps seldom remove many more crossings
BAND_MIN_ACROSS = 4


@dataclass(frozen=True)
class MapNode:
    """An objective to place: its level (0 company to 3 individual), owning team and title."""

    id: int
    level: int
    group: str
    label: str


@dataclass(frozen=True)
class PlacedNode:
    """An objective's box on the map, its title wrapped into lines."""

    id: int
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    unaligned: bool


@dataclass(frozen=True)
class PlacedEdge:
    """A link drawn from the top of the child objective to the bottom of its parent."""

    child: int
    parent: int
    path: str
    horizontal: bool


@dataclass(frozen=True)
class AlignmentMap:
    """The placed objectives and links of an alignment map of width x height, y growing down."""

    width: float
    height: float
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    unaligned_y: float | None


def wrap_label(label: str) -> tuple[str, ...]:
    """Return the label wrapped into at most three lines, the last ending in an ellipsis if cut."""
    lines = textwrap.wrap(" ".join(label.split()), width=LINE_CHARS)
    if len(lines) <= MAX_LINES:
        return tuple(lines)
    last = lines[MAX_LINES - 1]
    while len(last) + len(ELLIPSIS) > LINE_CHARS and " " in last:
        last = last.rsplit(" ", 1)[0]
    last = last[: LINE_CHARS - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return (*lines[: MAX_LINES - 1], last)


def layout_alignment_map(
    nodes: list[MapNode],
    links: list[tuple[int, int]],
    node_width: float = 220,
    node_height: float = 64,
    gap_x: float = 24,
    gap_y: float = 90,
) -> AlignmentMap:
    """Return the alignment map: one row per level, unaligned objectives in a band below."""
    by_id: dict[int, MapNode] = {}
    for node in nodes:
        by_id.setdefault(node.id, node)
    alignments = _alignments(links, by_id)
    aligned = {child for child, _ in alignments}
    unaligned = {key for key, node in by_id.items() if node.level > 0 and key not in aligned}

    levels = sorted({node.level for key, node in by_id.items() if key not in unaligned})
    row_of_level = {level: index for index, level in enumerate(levels)}
    rows: list[list[int]] = [[] for _ in levels]
    for key in sorted(by_id.keys() - unaligned, key=lambda key: (by_id[key].group, key)):
        rows[row_of_level[by_id[key].level]].append(key)
    rows = _order_rows(rows, alignments, by_id)

    band = sorted(unaligned, key=lambda key: (by_id[key].level, by_id[key].group, key))
    across = max(
        max((len(row) for row in rows), default=0),
        BAND_MIN_ACROSS,
        math.isqrt(max(len(band) - 1, 0)) + 1,
    )
    band_lines = [band[start : start + across] for start in range(0, len(band), across)]

    margin = gap_x
    pitch_x = node_width + gap_x
    widest = max((len(line) for line in [*rows, *band_lines]), default=0)
    inner_width = max(widest * pitch_x - gap_x, 0)
    corners: dict[int, tuple[float, float]] = {}

    def place_line(line: list[int], y: float) -> None:
        left = margin + (inner_width - (len(line) * pitch_x - gap_x)) / 2
        for index, key in enumerate(line):
            corners[key] = (_coordinate(left + index * pitch_x), _coordinate(y))

    for index, row in enumerate(rows):
        place_line(row, margin + index * (node_height + gap_y))
    bottom = margin + len(rows) * (node_height + gap_y) - gap_y if rows else margin
    unaligned_y = None
    if band_lines:
        unaligned_y = bottom + gap_y if rows else margin
        # Half a gap above the band's first line leaves room for its caption.
        band_pitch = node_height + gap_y / 2
        for index, line in enumerate(band_lines):
            place_line(line, unaligned_y + gap_y / 2 + index * band_pitch)
        bottom = unaligned_y + len(band_lines) * band_pitch

    placed = [
        PlacedNode(
            id=key,
            x=corners[key][0],
            y=corners[key][1],
            width=float(node_width),
            height=float(node_height),
            lines=wrap_label(by_id[key].label),
            unaligned=key in unaligned,
        )
        for line in [*rows, *band_lines]
        for key in line
    ]
    edges = [
        PlacedEdge(
            child=child,
            parent=parent,
            path=_curve(
                (corners[child][0] + node_width / 2, corners[child][1]),
                (corners[parent][0] + node_width / 2, corners[parent][1] + node_height),
                gap_y / 2,
            ),
            horizontal=by_id[child].level == by_id[parent].level,
        )
        for child, parent in alignments
    ]
    return AlignmentMap(
        width=_coordinate(inner_width + 2 * margin),
        height=_coordinate(bottom + margin),
        nodes=placed,
        edges=edges,
        unaligned_y=None if unaligned_y is None else _coordinate(unaligned_y),
    )


def _alignments(
    links: Iterable[tuple[int, int]], by_id: dict[int, MapNode]
) -> list[tuple[int, int]]:
    """Return the links between known objectives, without self-links or repeats, in input order."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for child, parent in links:
        link = (child, parent)
        if child != parent and child in by_id and parent in by_id and link not in seen:
            seen.add(link)
            kept.append(link)
    return kept


def _order_rows(
    rows: list[list[int]], alignments: list[tuple[int, int]], by_id: dict[int, MapNode]
) -> list[list[int]]:
    """Return the rows reordered by barycentre sweeps, keeping the order with fewest crossings."""
    rows = [list(row) for row in rows]
    row_of = {objective: index for index, row in enumerate(rows) for objective in row}
    above: dict[int, list[int]] = defaultdict(list)
    below: dict[int, list[int]] = defaultdict(list)
    spans = []
    for child, parent in alignments:
        if child not in row_of or parent not in row_of or row_of[child] == row_of[parent]:
            continue
        upper, lower = (parent, child) if row_of[parent] < row_of[child] else (child, parent)
        above[lower].append(upper)
        below[upper].append(lower)
        spans.append((upper, lower))

    # Positions are centred on 0 in units of one box and gap, as rows are centred on the map.
    position: dict[int, float] = {}

    def place(row: list[int]) -> None:
        for index, objective in enumerate(row):
            position[objective] = index - (len(row) - 1) / 2

    for row in rows:
        place(row)
    best = [list(row) for row in rows]
    fewest = _total_crossings(spans, row_of, position)
    for _ in range(SWEEPS):
        if fewest == 0:
            break
        down = [(index, above) for index in range(1, len(rows))]
        up = [(index, below) for index in range(len(rows) - 2, -1, -1)]
        for index, neighbours in [*down, *up]:
            rows[index] = _reorder(rows[index], neighbours, position, by_id)
            place(rows[index])
        crossings = _total_crossings(spans, row_of, position)
        if crossings < fewest:
            best = [list(row) for row in rows]
            fewest = crossings
    return best


def _reorder(
    row: list[int],
    neighbours: dict[int, list[int]],
    position: dict[int, float],
    by_id: dict[int, MapNode],
) -> list[int]:
    """Return the row sorted by the mean position of its neighbours, teams kept together if free."""
    barycentre = {}
    for objective in row:
        linked = [position[neighbour] for neighbour in neighbours.get(objective, ())]
        barycentre[objective] = sum(linked) / len(linked) if linked else position[objective]
    plain = sorted(row, key=lambda key: (barycentre[key], by_id[key].group, key))
    teams: dict[str, list[int]] = defaultdict(list)
    for objective in plain:
        teams[by_id[objective].group].append(objective)
    team_order = sorted(
        teams,
        key=lambda team: (sum(barycentre[key] for key in teams[team]) / len(teams[team]), team),
    )
    grouped = [objective for team in team_order for objective in teams[team]]
    if grouped == plain:
        return plain
    if _row_crossings(grouped, neighbours, position) <= _row_crossings(plain, neighbours, position):
        return grouped
    return plain


def _row_crossings(
    row: list[int], neighbours: dict[int, list[int]], position: dict[int, float]
) -> int:
    """Return how many links from the row to its neighbours cross if the row is in this order."""
    ends = sorted(
        (index, position[neighbour])
        for index, objective in enumerate(row)
        for neighbour in neighbours.get(objective, ())
    )
    return _inversions([far for _, far in ends])[1]


def _total_crossings(
    spans: list[tuple[int, int]], row_of: dict[int, int], position: dict[int, float]
) -> int:
    """Return how many pairs of links between the same two rows cross."""
    by_rows: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for upper, lower in spans:
        by_rows[row_of[upper], row_of[lower]].append((position[upper], position[lower]))
    return sum(_inversions([low for _, low in sorted(ends)])[1] for ends in by_rows.values())


def _inversions(values: list[float]) -> tuple[list[float], int]:
    """Return the values sorted and how many pairs of them were in strictly decreasing order."""
    if len(values) < 2:
        return values, 0
    middle = len(values) // 2
    left, left_count = _inversions(values[:middle])
    right, right_count = _inversions(values[middle:])
    merged = []
    count = left_count + right_count
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            count += len(left) - i
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged, count


def _curve(child: tuple[float, float], parent: tuple[float, float], bend: float) -> str:
    """Return an SVG cubic path that leaves the child upwards and reaches the parent from below."""
    (x1, y1), (x2, y2) = child, parent
    pull = max(abs(y1 - y2) / 2, bend)
    points = [(x1, y1), (x1, y1 - pull), (x2, y2 + pull), (x2, y2)]
    start, *controls = (f"{_number(x)} {_number(y)}" for x, y in points)
    return f"M {start} C " + ", ".join(controls)


def _coordinate(value: float) -> float:
    """Return the value as a float rounded to one decimal."""
    return round(float(value), 1)


def _number(value: float) -> str:
    """Return the coordinate to one decimal, without a trailing .0."""
    return f"{value:.1f}".removesuffix(".0")


def neighbourhood(
    links: Iterable[tuple[int, int]], chosen: set[int], below: int | None = None
) -> set[int]:
    """Return the chosen objectives, every objective they support and every one supporting them.

    `below` limits how many levels of supporting objectives are followed (all by default).
    """
    parents: dict[int, set[int]] = defaultdict(set)
    children: dict[int, set[int]] = defaultdict(set)
    for child, parent in links:
        parents[child].add(parent)
        children[parent].add(child)
    return _reached(chosen, parents) | _reached(chosen, children, below)


def _reached(start: set[int], edges: dict[int, set[int]], steps: int | None = None) -> set[int]:
    """Return the start and what is reachable from it along the edges, within the steps."""
    seen, frontier = set(start), set(start)
    while frontier and (steps is None or steps > 0):
        frontier = {following for node in frontier for following in edges.get(node, ())} - seen
        seen |= frontier
        steps = None if steps is None else steps - 1
    return seen
