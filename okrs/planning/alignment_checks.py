"""What a planning board points out: gaps, duplicate drafts and teams pulling in opposite ways.

Pure rules, no Django: the board passes plain records in and gets plain findings back.

- A gap is a strategic objective (an anchor) that no shared draft or published objective of the
  cycle works toward, directly or through the objectives in between.
- A key result's measure is what its title names once numbers, units and change verbs are left
  out ("Reduce support tickets from 900 to 400" measures {support, ticket}). Two measures are the
  same when their stems are identical, or when they share two or more stems making up at least
  60% of the shorter set; two objective titles are duplicates by the same rule at 75%.
- Two key results pull apart when they measure the same thing and want it to go opposite ways
  for good. The way is the key result's direction (stated, or from start to target), turned round
  when the measure counts failures ("water points out of service", "pumps not working",
  "failures"): raising the share of water points working and reducing those out of service aim
  the same way. The words of failure and of working order are left out when measures are
  compared, so both measure {water, point}.
- Only different owners (teams, or people for individual OKRs) are compared: a team balancing its
  own key results is doing what the practice asks.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from okrs.domain.coach import vocabulary as v
from okrs.domain.coach.language import content_stems, find_phrase, stem, words

DUPLICATE_SIMILARITY = 0.75
MEASURE_SIMILARITY = 0.6
OPPOSITE = {"increase": "decrease", "decrease": "increase"}


@dataclass(frozen=True)
class PlannedObjective:
    """An objective on the board: who owns it and what it says."""

    id: int
    owner: str
    title: str


@dataclass(frozen=True)
class PlannedKeyResult:
    """A key result on the board with the way its measure must move."""

    id: int
    objective_id: int
    owner: str
    title: str
    direction: str


@dataclass(frozen=True)
class Duplicate:
    """Two owners' objectives that say nearly the same thing."""

    first: int
    second: int
    shared: tuple[str, ...]


@dataclass(frozen=True)
class OppositePull:
    """Two owners' key results moving the same measure in opposite directions."""

    increasing: int
    decreasing: int
    shared: tuple[str, ...]


def _alike(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """Return whether two stem sets match: identical, or 2+ shared stems, enough of the shorter."""
    if not a or not b:
        return False
    if a == b:
        return True
    shared = len(a & b)
    return shared >= 2 and shared / min(len(a), len(b)) >= threshold


def _candidate_pairs(stems: dict[int, frozenset[str]]) -> set[tuple[int, int]]:
    """Return the pairs of ids that share at least one stem, smaller id first."""
    by_stem: dict[str, list[int]] = defaultdict(list)
    for pk, found in stems.items():
        for word in found:
            by_stem[word].append(pk)
    pairs: set[tuple[int, int]] = set()
    for ids in by_stem.values():
        pairs.update(combinations(sorted(ids), 2))
    return pairs


def duplicates(objectives: Iterable[PlannedObjective]) -> list[Duplicate]:
    """Return the pairs of different owners' objectives with nearly the same title."""
    by_id = {o.id: o for o in objectives}
    stems = {pk: content_stems(o.title) for pk, o in by_id.items()}
    found = []
    for first, second in sorted(_candidate_pairs(stems)):
        if by_id[first].owner == by_id[second].owner:
            continue
        if _alike(stems[first], stems[second], DUPLICATE_SIMILARITY):
            found.append(Duplicate(first, second, tuple(sorted(stems[first] & stems[second]))))
    return found


_STATE_STEMS = frozenset(
    stem(word) for phrase in (*v.FAILURE_PHRASES, *v.WORKING_STATES) for word in words(phrase)
)


def counts_failures(title: str) -> bool:
    """Return whether a measure counts things failing ("out of service", "not working")."""
    seq = words(title)
    return sum(find_phrase(seq, phrase) >= 0 for phrase in v.FAILURE_PHRASES) % 2 == 1


def measure(title: str) -> frozenset[str]:
    """Return the stems of what a key result measures, without words of failure or working order."""
    return content_stems(title) - _STATE_STEMS


def good_direction(key_result: PlannedKeyResult) -> str:
    """Return the way the thing measured should move for good: failures down means working up."""
    if counts_failures(key_result.title):
        return OPPOSITE[key_result.direction]
    return key_result.direction


def opposite_pulls(key_results: Iterable[PlannedKeyResult]) -> list[OppositePull]:
    """Return the pairs of different owners' key results moving one measure opposite ways."""
    by_id = {kr.id: kr for kr in key_results if kr.direction in OPPOSITE}
    stems = {pk: measure(kr.title) for pk, kr in by_id.items()}
    good = {pk: good_direction(kr) for pk, kr in by_id.items()}
    found = []
    for first, second in sorted(_candidate_pairs(stems)):
        a, b = by_id[first], by_id[second]
        if a.owner == b.owner or OPPOSITE[good[first]] != good[second]:
            continue
        if _alike(stems[first], stems[second], MEASURE_SIMILARITY):
            up, down = (a, b) if good[first] == "increase" else (b, a)
            shared = tuple(sorted(stems[first] & stems[second]))
            found.append(OppositePull(up.id, down.id, shared))
    return found


def gaps(
    anchor_ids: Iterable[int], links: Iterable[tuple[int, int]], supporter_ids: Iterable[int]
) -> list[int]:
    """Return the anchors no supporter works toward through the (child, parent) links."""
    parents: dict[int, set[int]] = defaultdict(set)
    for child, parent in links:
        parents[child].add(parent)
    reached: set[int] = set()
    frontier = {parent for pk in supporter_ids for parent in parents.get(pk, ())}
    while frontier:
        reached |= frontier
        frontier = {parent for pk in frontier for parent in parents.get(pk, ())} - reached
    return [pk for pk in anchor_ids if pk not in reached]
