"""Rules about a key result's form: a milestone that is binary by nature, fields that agree."""

from itertools import pairwise

from okrs.domain.coach import vocabulary as v
from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import lead_index, listing, quote, verb_at, words
from okrs.domain.coach.numbers import Mention, measures
from okrs.domain.coach.rules import finding
from okrs.domain.document import KeyResultDoc


def binary_by_nature(title: str) -> str:
    """Return what makes the key result a milestone granted or not ("licence", "passed"), or ""."""
    seq = words(title)
    if measures(title):
        return ""
    granted = [w for w in seq if w in v.GRANTED_THINGS]
    given = [w for w in seq if w in v.GRANTING_PARTICIPLES]
    lead = lead_index(seq)
    attaining = verb_at(seq, lead, v.ATTAINING_VERBS) is not None
    if attaining and (granted or given):
        return (granted or given)[0]
    led_by_work = verb_at(seq, lead, v.ACTIVITY_VERBS | v.OUTCOME_VERBS) is not None
    if granted and given and not led_by_work:
        return f"{granted[0]} {given[0]}"  # "Pharmacy licence granted"
    return ""


def kr_binary_by_nature(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Suggest `type: binary` for a milestone granted or not, such as a certification or a law."""
    if key_result.type == "binary" or key_result.start is not None:
        return None
    if key_result.target is not None:
        return None
    marker = binary_by_nature(key_result.title)
    if not marker:
        return None
    return finding(
        "kr-binary-by-nature",
        target,
        f"{quote(key_result.title)} is done or not done ({marker!r}): a milestone, not a quantity.",
        f"Mark it `type: binary` and keep {quote(key_result.title)} as written; if the way there "
        "can be measured, add a key result for it (e.g. 'Close <n> of the <m> audit findings').",
        key_result.line,
    )


def _same_number(said: float, field: float) -> bool:
    """Return whether a number in words and a field agree, allowing "2M" = 2 and "45%" = 0.45."""
    for scale in (1, 100, 1_000, 1_000_000, 1_000_000_000):
        if abs(said - field * scale) <= 1e-9 * max(1.0, abs(said)):
            return True
    return False


def _agrees(said: Mention, field: float | None) -> bool:
    """Return whether the title's number agrees with the field, or either is missing."""
    return field is None or said.value is None or _same_number(said.value, field)


def _from_to(title: str, found: list[Mention]) -> tuple[Mention, Mention] | None:
    """Return the "from A to B" numbers of a title, or None."""
    for first, second in pairwise(found):
        gap = title[first.end : second.start].strip().lower()
        gap = gap.split(" ", 1)[-1] if gap.endswith(" to") else gap  # "5 days to 1 day"
        before = words(title[: first.start])[-1:]
        if gap in ("to", "->", "→", "=>") and (before == ["from"] or gap != "to"):
            return first, second
    return None


def kr_numbers_disagree(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Flag a title whose "from A to B" disagrees with the key result's start and target."""
    if key_result.type == "binary":
        return None
    pair = _from_to(key_result.title, measures(key_result.title))
    if pair is None:
        return None
    said_start, said_target = pair
    wrong = []
    if not _agrees(said_start, key_result.start):
        wrong.append(f"start {key_result.start:g} (the title says {said_start.text!r})")
    if not _agrees(said_target, key_result.target):
        wrong.append(f"target {key_result.target:g} (the title says {said_target.text!r})")
    if not wrong:
        return None
    start = "?" if key_result.start is None else f"{key_result.start:g}"
    end = "?" if key_result.target is None else f"{key_result.target:g}"
    return finding(
        "kr-numbers-disagree",
        target,
        f"{quote(key_result.title)} disagrees with its fields: {listing(wrong)}.",
        f"Make them agree: write 'from {start} to {end}' in the title, or set `start: "
        f"{said_start.value:g}` and `target: {said_target.value:g}`.",
        key_result.line,
    )
