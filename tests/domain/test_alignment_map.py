"""Layout of the alignment map: objectives in level rows, their links, unaligned ones apart."""

import random
from collections import defaultdict
from itertools import pairwise

import pytest

from okrs.domain.alignment_map import MapNode, layout_alignment_map, neighbourhood, wrap_label

COMPANY, STRATEGIC, TACTICAL, INDIVIDUAL = 0, 1, 2, 3


def objective(key, level, team="Sales", title=None):
    return MapNode(id=key, level=level, group=team, label=title or f"Objective {key}")


def placed_by_id(alignment_map):
    return {node.id: node for node in alignment_map.nodes}


def path_ends(path):
    numbers = [float(token) for token in path.replace(",", " ").split() if token not in "MC"]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def top_centre(node):
    return (node.x + node.width / 2, node.y)


def bottom_centre(node):
    return (node.x + node.width / 2, node.y + node.height)


def random_objectives(count, links, seed):
    rng = random.Random(seed)
    levels = sorted(
        rng.choice([COMPANY, STRATEGIC, TACTICAL, TACTICAL, INDIVIDUAL]) for _ in range(count)
    )
    objectives = [
        objective(key, level, f"team {rng.randrange(30)}") for key, level in enumerate(levels)
    ]
    alignments = set()
    while len(alignments) < links:
        child, parent = rng.randrange(count), rng.randrange(count)
        # Parents come first in the id order, so the links form a DAG, some within one level.
        if parent < child and levels[child] > COMPANY:
            alignments.add((child, parent))
    return objectives, sorted(alignments)


def test_company_objective_is_centred_above_its_two_strategic_children():
    alignment_map = layout_alignment_map(
        [objective(1, COMPANY), objective(2, STRATEGIC), objective(3, STRATEGIC)],
        [(2, 1), (3, 1)],
    )

    placed = placed_by_id(alignment_map)
    assert (placed[1].x, placed[1].y) == (146, 24)
    assert (placed[2].x, placed[2].y) == (24, 178)
    assert (placed[3].x, placed[3].y) == (268, 178)
    assert top_centre(placed[1])[0] == (top_centre(placed[2])[0] + top_centre(placed[3])[0]) / 2
    assert (alignment_map.width, alignment_map.height) == (512, 266)
    assert alignment_map.unaligned_y is None
    assert not any(node.unaligned for node in alignment_map.nodes)


def test_each_level_gets_its_own_row_company_at_top():
    alignment_map = layout_alignment_map(
        [
            objective(4, INDIVIDUAL),
            objective(3, TACTICAL),
            objective(2, STRATEGIC),
            objective(1, COMPANY),
        ],
        [(4, 3), (3, 2), (2, 1)],
    )

    placed = placed_by_id(alignment_map)
    assert [placed[key].y for key in (1, 2, 3, 4)] == [24, 178, 332, 486]


def test_unaligned_objectives_sit_in_a_band_below_the_last_level_row():
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, STRATEGIC),
            objective(3, STRATEGIC, title="Strategic objective without parent"),
            objective(4, TACTICAL),
            objective(5, INDIVIDUAL, title="Personal objective without parent"),
        ],
        [(2, 1), (4, 3)],
    )

    placed = placed_by_id(alignment_map)
    assert {node.id for node in alignment_map.nodes if node.unaligned} == {3, 5}
    last_row_bottom = max(placed[key].y + placed[key].height for key in (1, 2, 4))
    assert alignment_map.unaligned_y >= last_row_bottom + 90
    assert placed[3].y == placed[5].y >= alignment_map.unaligned_y
    assert placed[4].y > placed[2].y
    assert alignment_map.height >= placed[3].y + placed[3].height + 24


def test_company_objective_without_parent_is_not_unaligned():
    alignment_map = layout_alignment_map([objective(1, COMPANY)], [])

    assert [node.unaligned for node in alignment_map.nodes] == [False]
    assert alignment_map.unaligned_y is None


def test_only_unaligned_objectives_fill_the_band_from_the_top():
    alignment_map = layout_alignment_map([objective(1, STRATEGIC), objective(2, TACTICAL)], [])

    assert alignment_map.unaligned_y == 24
    assert all(node.unaligned and node.y > 24 for node in alignment_map.nodes)


def test_barycentre_ordering_removes_a_crossing():
    # Sorted by id alone, 3 sits left under 2 and 4 right under 1: their links would cross.
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, COMPANY),
            objective(3, STRATEGIC),
            objective(4, STRATEGIC),
        ],
        [(3, 2), (4, 1)],
    )

    placed = placed_by_id(alignment_map)
    assert (placed[1].x < placed[2].x) == (placed[4].x < placed[3].x)


def test_team_objectives_stay_together_when_it_adds_no_crossing():
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, COMPANY),
            objective(3, STRATEGIC, "Sales"),
            objective(4, STRATEGIC, "Ops"),
            objective(5, STRATEGIC, "Sales"),
        ],
        [(3, 1), (4, 1), (4, 2), (5, 1), (5, 2)],
    )

    strategic = [node.id for node in alignment_map.nodes if node.id > 2]
    assert strategic == [3, 5, 4]


def test_team_objectives_split_when_keeping_them_together_adds_a_crossing():
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, COMPANY),
            objective(3, STRATEGIC, "Sales"),
            objective(4, STRATEGIC, "Ops"),
            objective(5, STRATEGIC, "Sales"),
        ],
        [(3, 1), (4, 1), (4, 2), (5, 2)],
    )

    strategic = [node.id for node in alignment_map.nodes if node.id > 2]
    assert strategic == [3, 4, 5]


def test_objective_aligned_to_two_parents_has_one_node_and_two_edges():
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, STRATEGIC),
            objective(3, STRATEGIC),
            objective(4, TACTICAL),
        ],
        [(2, 1), (3, 1), (4, 2), (4, 3)],
    )

    placed = placed_by_id(alignment_map)
    assert [node.id for node in alignment_map.nodes].count(4) == 1
    shared = [edge for edge in alignment_map.edges if edge.child == 4]
    assert [edge.parent for edge in shared] == [2, 3]
    for edge in shared:
        assert path_ends(edge.path) == (top_centre(placed[4]), bottom_centre(placed[edge.parent]))


def test_edge_is_a_cubic_curve_from_child_top_to_parent_bottom():
    alignment_map = layout_alignment_map(
        [objective(1, COMPANY), objective(2, STRATEGIC), objective(3, STRATEGIC)],
        [(2, 1), (3, 1)],
    )

    assert [edge.path for edge in alignment_map.edges] == [
        "M 134 178 C 134 133, 256 133, 256 88",
        "M 378 178 C 378 133, 256 133, 256 88",
    ]


def test_link_between_objectives_of_one_level_is_horizontal():
    alignment_map = layout_alignment_map(
        [objective(1, COMPANY), objective(2, STRATEGIC), objective(3, STRATEGIC)],
        [(2, 3), (3, 1)],
    )

    placed = placed_by_id(alignment_map)
    assert {(edge.child, edge.parent): edge.horizontal for edge in alignment_map.edges} == {
        (2, 3): True,
        (3, 1): False,
    }
    assert placed[2].y == placed[3].y
    assert not placed[2].unaligned


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        pytest.param("Grow revenue", ("Grow revenue",), id="short-title-one-line"),
        pytest.param("  Grow \n revenue ", ("Grow revenue",), id="whitespace-collapsed"),
        pytest.param("", (), id="empty-title-no-line"),
        pytest.param(
            "Delight customers with a faster onboarding",
            ("Delight customers with a", "faster onboarding"),
            id="wrapped-on-words",
        ),
        pytest.param(
            "Become the most trusted partner of small shops across the whole of Europe by 2030",
            ("Become the most trusted", "partner of small shops", "across the whole of Europe…"),
            id="cut-with-ellipsis",
        ),
        pytest.param(
            "Make onboarding self-serve, delightful and fast for every single new customer",
            ("Make onboarding self-serve,", "delightful and fast for", "every single new customer"),
            id="three-full-lines-not-cut",
        ),
        pytest.param("x" * 100, ("x" * 28, "x" * 28, "x" * 27 + "…"), id="long-word-cut"),
    ],
)
def test_title_wraps_into_at_most_three_lines(title, lines):
    assert wrap_label(title) == lines


def test_placed_objective_carries_its_wrapped_title():
    title = "Delight customers with a faster onboarding"

    alignment_map = layout_alignment_map([objective(1, COMPANY, title=title)], [])

    assert alignment_map.nodes[0].lines == ("Delight customers with a", "faster onboarding")


def test_layout_is_the_same_for_the_same_objectives_in_any_order():
    objectives, alignments = random_objectives(200, 300, seed=3)
    shuffled_objectives, shuffled_alignments = list(objectives), list(alignments)
    random.Random(5).shuffle(shuffled_objectives)
    random.Random(6).shuffle(shuffled_alignments)

    first = layout_alignment_map(objectives, alignments)
    again = layout_alignment_map(objectives, alignments)
    shuffled = layout_alignment_map(shuffled_objectives, shuffled_alignments)

    assert first == again
    assert first.nodes == shuffled.nodes
    assert sorted(first.edges, key=lambda edge: (edge.child, edge.parent)) == sorted(
        shuffled.edges, key=lambda edge: (edge.child, edge.parent)
    )


def test_links_to_unknown_objectives_self_links_and_repeats_are_ignored():
    alignment_map = layout_alignment_map(
        [objective(1, COMPANY), objective(2, STRATEGIC), objective(3, STRATEGIC)],
        [(2, 1), (2, 99), (99, 1), (3, 3), (2, 1)],
    )

    assert [(edge.child, edge.parent) for edge in alignment_map.edges] == [(2, 1)]
    assert {node.id: node.unaligned for node in alignment_map.nodes} == {
        1: False,
        2: False,
        3: True,
    }


def test_loop_of_links_is_still_laid_out():
    alignment_map = layout_alignment_map(
        [
            objective(1, COMPANY),
            objective(2, STRATEGIC),
            objective(3, STRATEGIC),
            objective(4, TACTICAL),
        ],
        [(2, 3), (3, 2), (4, 2), (2, 4), (1, 4)],
    )

    assert sorted(node.id for node in alignment_map.nodes) == [1, 2, 3, 4]
    assert len(alignment_map.edges) == 5
    assert not any(node.unaligned for node in alignment_map.nodes)


def test_empty_map_has_a_size_and_nothing_on_it():
    alignment_map = layout_alignment_map([], [])

    assert alignment_map.width > 0
    assert alignment_map.height > 0
    assert (alignment_map.nodes, alignment_map.edges, alignment_map.unaligned_y) == ([], [], None)


def test_large_map_places_every_objective_without_overlapping_boxes():
    objectives, alignments = random_objectives(1000, 1500, seed=11)

    alignment_map = layout_alignment_map(objectives, alignments)

    assert sorted(node.id for node in alignment_map.nodes) == list(range(1000))
    assert len(alignment_map.edges) == 1500
    rows = defaultdict(list)
    for node in alignment_map.nodes:
        rows[node.y].append(node)
        assert node.x > 0 and node.x + node.width < alignment_map.width
        assert node.y > 0 and node.y + node.height < alignment_map.height
    for row in rows.values():
        row.sort(key=lambda node: node.x)
        assert all(left.x + left.width < right.x for left, right in pairwise(row))


def test_a_neighbourhood_holds_what_the_chosen_support_and_what_supports_them():
    # 1 <- 2 <- 4 <- 6, 1 <- 3 <- 5, and 7 aligned to both 2 and 3
    links = [(2, 1), (3, 1), (4, 2), (5, 3), (6, 4), (7, 2), (7, 3)]
    assert neighbourhood(links, {4}) == {1, 2, 4, 6}
    assert neighbourhood(links, {3}) == {1, 3, 5, 7}
    assert neighbourhood(links, {6, 5}) == {1, 2, 3, 4, 5, 6}
    assert neighbourhood(links, {8}) == {8}
    assert neighbourhood(links, set()) == set()


def test_a_neighbourhood_survives_a_loop_of_links():
    assert neighbourhood([(1, 2), (2, 1), (3, 1)], {3}) == {1, 2, 3}


def test_a_neighbourhood_can_stop_a_level_below():
    links = [(2, 1), (3, 1), (4, 2), (5, 3), (6, 4)]
    assert neighbourhood(links, {2}, below=1) == {1, 2, 4}
    assert neighbourhood(links, {1}, below=1) == {1, 2, 3}
    assert neighbourhood(links, {1}, below=0) == {1}
    assert neighbourhood(links, {4}, below=1) == {1, 2, 4, 6}
