"""Rules about one key result's wording and fields, and the balance of an objective's results."""

import re
from functools import cache
from itertools import pairwise

from okrs.domain.coach import vocabulary as v
from okrs.domain.coach.findings import Finding
from okrs.domain.coach.form_rules import binary_by_nature, kr_binary_by_nature, kr_numbers_disagree
from okrs.domain.coach.language import (
    find_phrase,
    has_any,
    head_forms,
    lead_index,
    lead_verb,
    listing,
    past_forms,
    quote,
    tokens,
    verb_anywhere,
    verb_at,
    verb_forms,
    words,
)
from okrs.domain.coach.numbers import Mention, measures, mentions
from okrs.domain.coach.rules import finding
from okrs.domain.document import KeyResultDoc, ObjectiveDoc

BOUNDED = ("maintain", "stay-above", "stay-below")
BASELINE_FILLERS = frozenset(
    {"a", "about", "an", "approximately", "around", "just", "only", "our", "roughly", "the"}
)


def kr_not_measurable(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Flag a metric key result with no start, no target and no number in its words."""
    if key_result.type == "binary" or key_result.start is not None:
        return None
    if key_result.target is not None or measures(key_result.title):
        return None
    if binary_by_nature(key_result.title):
        return None
    timing = [m.text for m in mentions(key_result.title) if m.kind in ("year", "timebox")]
    when = f" ({listing([repr(t) for t in timing])} only say when)" if timing else ""
    return finding(
        "kr-not-measurable",
        target,
        f"{quote(key_result.title)} has no number to measure{when}: no start, no target and no "
        "quantity in its words.",
        "Say what moves from what to what, e.g. 'Increase <measure> from <today's value> to "
        "<target>', or mark it `type: binary` if it is a milestone that is either done or not.",
        key_result.line,
    )


def kr_is_activity(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Flag a key result that names work to do (launch, implement, hold) instead of a result."""
    seq = words(key_result.title)
    verb = activity_verb(seq)
    if verb is None or steady_phrase(key_result.title) or binary_by_nature(key_result.title):
        return None
    found = measures(key_result.title)
    text = quote(key_result.title)
    if key_result.type == "binary" or not (found or key_result.target is not None):
        if has_any(seq, ("all", "every", "entire")):
            problem = f"is a task to complete ({verb!r} all of it), not a change it causes"
        else:
            problem = f"names work to do ({verb!r}), not the change it should cause"
    elif verb in v.INPUT_VERBS:
        problem = f"counts what is put in ({verb!r}), not what it achieves"
    elif counted := _work_counted(key_result, found):
        problem = f"counts work done ({counted!r}), not the change it should cause"
    elif shipped := _outputs_counted(seq, verb, found):
        problem = f"counts outputs made ({verb} {shipped!r}), not the change they should cause"
    elif _completion_only(key_result.title, found):
        problem = f"is a task to complete ({verb!r} all of it), not a change it causes"
    else:
        return None
    return finding(
        "kr-is-activity",
        target,
        f"{text} {problem}.",
        "Ask what the work should change for customers or the business and measure that (e.g. "
        "'Increase 30-day activation from 45% to 78%' rather than 'Launch the onboarding "
        f"module'); keep {text} in the action plan.",
        key_result.line,
    )


_NOT_ACTIVITIES = v.OUTCOME_VERBS | v.STEADY_VERBS | v.STEADY_HOLDERS


@cache
def _activity_of_past_form() -> dict[str, str]:
    """Return the activity verb of each past form ("launched" -> "launch"), the first verb's."""
    found: dict[str, str] = {}
    for verb in v.ACTIVITY_VERBS:
        for form in past_forms(verb):
            found.setdefault(form, verb)
    return found


def activity_verb(seq: list[str]) -> str | None:
    """Return the activity verb a key result is built on, or None when it leads with an outcome."""
    index = lead_index(seq)
    vague = verb_at(seq, index, v.VAGUE_VERBS)
    if vague and any(word in v.WORK_OBJECTS for word in seq[index + 1 : index + 6]):
        return vague
    if verb := verb_at(seq, index, v.ACTIVITY_VERBS):
        return verb
    if verb_at(seq, index, _NOT_ACTIVITIES):
        return None
    for word in seq[index:]:
        if verb := _activity_of_past_form().get(word):
            return verb
    if has_any(seq, ("go live", "goes live", "is live", "are live", "in place", "in production")):
        return "go live"
    return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _work_counted(key_result: KeyResultDoc, found: list[Mention]) -> str:
    """Return the counted work ("4 customer workshops") when every measure counts work, else ""."""
    title = key_result.title
    counted = []
    for mention in found:
        after = tokens(title[mention.end :], limit=4)
        nouns = [_singular(t.text) for t in after]
        ends = [t.end for t in after]
        candidates = [(f"{a} {b}", ends[i + 1]) for i, (a, b) in enumerate(pairwise(nouns))]
        candidates += list(zip(nouns, ends, strict=True))
        end = next((end for noun, end in candidates if noun in v.WORK_ITEMS), None)
        if end is None:
            return ""
        counted.append(title[mention.start : mention.end + end])
    if not found and _singular(key_result.unit.lower()) in v.WORK_ITEMS:
        return key_result.unit
    return ", ".join(counted)


def _outputs_counted(seq: list[str], verb: str, found: list[Mention]) -> str:
    """Return the count a making verb counts directly ("ship 3" templates), else ""."""
    if verb not in v.PRODUCING_VERBS or not found or found[0].kind != "count":
        return ""
    index = lead_index(seq) + len(verb.split())
    number = words(found[0].text)
    between = [w for w in seq[index : index + 3] if w not in ("new", "more", "additional")]
    return found[0].text if between[: len(number)] == number else ""


def _completion_only(title: str, found: list[Mention]) -> bool:
    """Return whether every measure is doing all of it: "all 12 teams", "100% of"."""
    return all(
        _is_completion(title, m) or (words(title[: m.start]) or [""])[-1] in ("all", "every")
        for m in found
    )


def kr_missing_baseline(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Flag a metric with a target level but no starting value, in its fields or its words."""
    if key_result.type == "binary" or key_result.start is not None:
        return None
    if key_result.direction in BOUNDED or steady_phrase(key_result.title):
        return None
    title = key_result.title
    found = measures(title)
    if has_baseline(title, found):
        return None
    if key_result.target is not None:
        if counts_from_zero(title, found):
            return None
        shown = f"{key_result.target:g}{' ' + key_result.unit if key_result.unit else ''}"
        return _baseline_finding(key_result, target, shown)
    if not found or is_relative(title, found):
        return None
    main = found[0]
    if _is_completion(title, main) or not is_level(title, main):
        return None
    return _baseline_finding(key_result, target, main.text)


def counts_from_zero(title: str, found: list[Mention]) -> bool:
    """Return whether the key result counts what the cycle adds ("plant 10,000 trees"): from 0."""
    if not found or is_relative(title, found):
        return False
    main = found[0]
    return main.kind == "count" and not is_level(title, main)


def _baseline_finding(key_result: KeyResultDoc, target: str, shown: str) -> Finding:
    return finding(
        "kr-missing-baseline",
        target,
        f"{quote(key_result.title)} sets a target ({shown!r}) but not where it starts from.",
        f"Add today's value: '... from <today's value> to {shown}', or set `start:`.",
        key_result.line,
    )


def _is_completion(title: str, mention: Mention) -> bool:
    """Return whether the number is "100% of" something: finishing a task, not a level to reach."""
    return (
        mention.kind == "percent"
        and mention.value == 100
        and words(title[mention.end :])[:1] == ["of"]
    )


def has_baseline(title: str, found: list[Mention]) -> bool:
    """Return whether the words give a starting value: "from 62% to 90%", "(currently 3.1)"."""
    for mention in found:
        before = words(title[: mention.start])[-4:]
        if before and before[-1] in BASELINE_FILLERS:
            before = before[:-1]
        for marker in v.BASELINE_MARKERS:
            wanted = words(marker)
            if before[-len(wanted) :] == wanted:
                return True
    for first, second in pairwise(found):
        gap = title[first.end : second.start].strip().lower()
        if gap in ("to", "->", "→", "=>", "–", "-") and first.kind == second.kind:
            return True
    return False


def is_relative(title: str, found: list[Mention]) -> bool:
    """Return whether the target is a change on today's level: "by 30%", "double", "20% more"."""
    for mention in found:
        before = words(title[: mention.start])[-1:]
        after = words(title[mention.end :])[:1]
        if mention.kind == "multiplier" and before not in (["to"], ["of"], ["at"]):
            return True
        if before == ["by"] and mention.kind in ("percent", "count", "money"):
            return True
        if mention.kind == "percent" and after and after[0] in v.RELATIVE_WORDS:
            return True
    return False


def is_level(title: str, main: Mention) -> bool:
    """Return whether the main number is a level to reach (a rate, "to 12%"), not a count."""
    if main.kind in ("percent", "ratio"):
        return True
    seq = words(title)
    before = words(title[: main.start])[-2:]
    after = words(title[main.end :])[:3]
    if before[-1:] == ["to"] and lead_verb(seq, v.CHANGE_VERBS):
        return True
    if before[-1:] in (["at"], ["under"], ["below"], ["above"], ["over"], ["than"], ["within"]):
        return True
    if before == ["at", "least"] or before == ["at", "most"]:
        return True
    if after[:1] == ["or"] and after[1:2] and after[1] in v.BOUND_WORDS:
        return True
    if any(word in v.PERIOD_WORDS for word in after[:2]):
        return True
    return any(word in v.LEVEL_WORDS for word in seq)


_STEADY_HEADS = head_forms(v.STEADY_VERBS) | head_forms(v.STEADY_HOLDERS)


def steady_phrase(title: str) -> str:
    """Return the words that keep a level steady ("keep ... below", "maintain"), or ""."""
    seq = words(title)
    lead = lead_verb(seq, v.OUTCOME_VERBS | v.CHANGE_VERBS)
    if lead and lead not in v.STEADY_VERBS:
        return ""
    for index, word in enumerate(seq):
        if word not in _STEADY_HEADS:
            continue
        if verb_at(seq, index, v.STEADY_VERBS):
            return word
        if verb_at(seq, index, v.STEADY_HOLDERS):
            if state := _upkeep(seq, index):
                return f"{word} ... {state}"  # "keep 100% of permits on time": upkeep
            for offset, bound in enumerate(seq[index + 1 : index + 9], start=index + 1):
                if bound not in v.STEADY_BOUNDS:
                    continue
                if bound in ("at", "over") and not _number_follows(seq, offset):
                    continue
                return f"{word} ... {bound}" if offset > index + 1 else f"{word} {bound}"
    for phrase in v.STEADY_PHRASES:
        if find_phrase(seq, phrase) >= 0:
            return phrase
    return ""


def _upkeep(seq: list[str], index: int) -> str:
    """Return the state kept ("on time") when the holder keeps a share of things in it, or ""."""
    following = seq[index + 1 : index + 2]
    if seq[index] in verb_forms("hold") or not following:
        return ""
    if following[0] not in ("all", "every") and not _number_follows(seq, index):
        return ""
    rest = seq[index + 2 :]
    return next((state for state in v.KEPT_STATES if find_phrase(rest, state) >= 0), "")


def _number_follows(seq: list[str], index: int) -> bool:
    return any(w[0].isdigit() or w in v.NUMBER_WORDS for w in seq[index + 1 : index + 3])


def kr_looks_like_kpi(key_result: KeyResultDoc, target: str) -> Finding | None:
    """Flag a key result that only keeps a level steady: a KPI, not a change (unless balancing)."""
    if key_result.balancing:
        return None
    if key_result.direction in BOUNDED:
        phrase = f"direction {key_result.direction}"
    else:
        phrase = steady_phrase(key_result.title)
    if not phrase:
        return None
    return finding(
        "kr-looks-like-kpi",
        target,
        f"{quote(key_result.title)} keeps a level steady ({phrase!r}): a health metric to watch "
        "as a KPI, not a change to drive.",
        "Track it as a KPI; if it is out of its healthy range, make the change the key result "
        "(e.g. 'Reduce <measure> from <today's value> to <target>').",
        key_result.line,
    )


KEY_RESULT_RULES = (
    kr_not_measurable,
    kr_binary_by_nature,
    kr_is_activity,
    kr_missing_baseline,
    kr_looks_like_kpi,
    kr_numbers_disagree,
)


# Balance


def is_cost_cut(key_result: KeyResultDoc) -> bool:
    """Return whether the key result cuts cost, spend or headcount."""
    seq = words(key_result.title)
    costs = has_any(seq, v.COST_WORDS) or has_any(words(key_result.unit), v.COST_WORDS)
    cut = verb_anywhere(seq, v.CUT_VERBS) or has_any(seq, ("down from", "fewer", "less"))
    if key_result.direction == "decrease" or (
        key_result.start is not None
        and key_result.target is not None
        and key_result.target < key_result.start
    ):
        cut = True
    if costs and cut:
        return True
    saves = not verb_forms("save").isdisjoint(seq)
    return saves and any(m.kind == "money" for m in mentions(key_result.title))


def guards(key_result: KeyResultDoc) -> bool:
    """Return whether the key result watches quality, safety, speed, service or satisfaction."""
    seq = words(key_result.title)
    singular = [_singular(w) for w in seq]
    return has_any(seq, v.GUARD_WORDS) or has_any(singular, v.GUARD_WORDS)


def guards_beside(key_result: KeyResultDoc) -> bool:
    """Return whether another key result than the cut guards what the cut puts at risk.

    Besides its words (`guards`), a key result guards when it holds a level steady (a bound on
    a service level), times something (a speed: "under 2s", "within 48 hours") or counts the
    people or volume served.
    """
    if key_result.balancing or guards(key_result):
        return True
    seq = words(key_result.title)
    if has_any(seq, v.VOLUME_WORDS) or has_any([_singular(w) for w in seq], v.VOLUME_WORDS):
        return True
    if has_any(seq, v.COST_WORDS):
        return False
    if key_result.direction in BOUNDED or steady_phrase(key_result.title):
        return True
    return _times_something(key_result.title)


def _times_something(title: str) -> bool:
    """Return whether a number of the title is a duration: "under 2s", "within 48 hours"."""
    for mention in measures(title):
        unit = words(title[mention.end :])[:1]
        glued = re.search(r"\d(?:ms|s|h|hrs?|mins?|secs?)$", mention.text, re.IGNORECASE)
        if (unit and unit[0] in v.TIME_UNITS) or glued:
            return True
    return False


def guards_of_a_cut(objective: ObjectiveDoc) -> list[KeyResultDoc]:
    """Return the key results that guard a cut of the objective: balancing, marked or not."""
    cuts = [kr for kr in objective.key_results if is_cost_cut(kr)]
    if not cuts:
        return []
    return [kr for kr in objective.key_results if kr not in cuts and guards_beside(kr)]


def unbalanced_kr(objective: ObjectiveDoc) -> Finding | None:
    """Flag cost, spend or headcount cuts that no key result of the objective balances."""
    cuts = [kr for kr in objective.key_results if is_cost_cut(kr)]
    unguarded = [kr for kr in cuts if not guards(kr) and not kr.balancing]
    if not unguarded:
        return None
    others = [kr for kr in objective.key_results if kr not in cuts]
    if any(guards_beside(kr) for kr in others):
        return None
    named = listing([f"{quote(kr.title)} ({kr.id})" for kr in unguarded])
    verb = "cuts" if len(unguarded) == 1 else "cut"
    return finding(
        "unbalanced-kr",
        objective.id,
        f"{named} {verb} cost, spend or headcount, and no key result of {objective.id} guards "
        "quality, satisfaction, retention or output.",
        "Add a balancing key result (e.g. 'Keep CSAT at 4.5 or above' with `balancing: true`), "
        "or say in the key result itself what must not suffer.",
        objective.line,
    )
