"""Links between things as a directed graph: which new link would close a loop."""

from collections.abc import Iterable


def closing_edge(
    edges: set[tuple[int, int]], candidates: Iterable[tuple[int, int]]
) -> tuple[int, int] | None:
    """Return the first candidate edge that lies on a cycle of the graph, else None."""
    graph: dict[int, set[int]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    for a, b in candidates:
        seen, frontier = {b}, [b]
        while frontier:
            node = frontier.pop()
            if node == a:
                return a, b
            for nxt in graph.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
    return None
