"""Rules about one objective: its wording, its key results, its owner and its hypothesis."""

from okrs.domain.coach import vocabulary as v
from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import (
    by_first_word,
    find_phrase,
    lead_index,
    listing,
    phrases_at,
    quote,
    tokens,
    verb_at,
    words,
)
from okrs.domain.coach.numbers import Mention, objective_numbers
from okrs.domain.coach.rules import Context, finding
from okrs.domain.document import ObjectiveDoc
from okrs.domain.mix import is_placeholder

_ARTICLES = frozenset({"a", "an", "the", "our", "their"})
_TRAILING_PREPOSITIONS = frozenset({"by", "to", "of", "over", "at", "with", "than", "in"})
_MEANS = by_first_word(v.PRESCRIBING_PHRASES)
_MEANS_WORDS = frozenset({*_MEANS, "by", "through", "use", "with"})  # where a means can start


def objective_has_number(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag digits, percentages, amounts and spelled-out numbers in an objective."""
    found = objective_numbers(objective.title)
    if not found:
        return None
    written = [repr(m.text) for m in found]
    verb = "is a number" if len(found) == 1 else "are numbers"
    rewrite = _without_numbers(objective.title, found)
    if rewrite:
        suggestion = f"Move {listing(written)} into a key result and keep the objective "
        suggestion += f"qualitative, e.g. {quote(rewrite)}."
    else:
        suggestion = f"Move {listing(written)} into a key result and state in the objective the "
        suggestion += "outcome the number stands for."
    return finding(
        "objective-has-number",
        objective.id,
        f"{listing(written)} {verb}: numbers belong in key results, not in the objective.",
        suggestion,
        objective.line,
    )


def _without_numbers(title: str, found: list[Mention]) -> str:
    """Return the title without its trailing number phrases ("by 25%"), or "" when none trail."""
    text = title.rstrip(". ")
    for mention in sorted(found, key=lambda m: m.start, reverse=True):
        before = text[: mention.start].rstrip()
        preposition = before.rsplit(" ", 1)[-1].lower()
        if preposition not in _TRAILING_PREPOSITIONS:
            return ""
        text = before[: -len(preposition)].rstrip() + text[mention.end :]
    text = " ".join(text.split())
    return text if len(text.split()) >= 3 else ""


def prescribing_clause(title: str) -> tuple[str, str] | None:
    """Return the clause that names a solution ("by adding ...") and the outcome left without it."""
    if _MEANS_WORDS.isdisjoint(words(title)):
        return None
    found = tokens(title)
    seq = [t.text for t in found]
    for index, token in enumerate(found):
        if not _names_a_means(seq, index):
            continue
        if (
            token.text in ("use", "using")
            and "to" in seq[index:]
            and not title[: token.start].strip()
        ):
            to = seq.index("to", index)
            clause = title[token.start : found[to].start].strip()
            return clause, title[found[to].end :].strip(" .")
        outcome = title[: token.start].strip(" ,;.")
        return title[token.start :].strip(" ."), outcome
    return None


def building_clause(title: str) -> tuple[str, str] | None:
    """Return the artefact an objective sets out to build ("build a mobile app") and its purpose."""
    found = tokens(title)
    seq = [t.text for t in found]
    lead = lead_index(seq)
    verb = verb_at(seq, lead, v.BUILDING_VERBS)
    if verb is None:
        return None
    purpose, connector = len(seq), ""
    for phrase in v.PURPOSE_PHRASES:
        at = find_phrase(seq, phrase, lead + 1)
        if 0 <= at < purpose:
            purpose, connector = at, phrase
    built = seq[lead + len(verb.split()) : purpose]
    if not any(w in v.ARTEFACTS or w.removesuffix("s") in v.ARTEFACTS for w in built[:6]):
        return None
    end = found[purpose - 1].end if purpose else len(title)
    clause = title[found[lead].start : end].strip(" ,;.")
    if not connector:
        return clause, ""
    after = found[purpose + len(connector.split())].start if purpose + 1 < len(seq) else end
    return clause, title[after:].strip(" ,;.")


def _names_a_means(seq: list[str], index: int) -> bool:
    """Return whether the words at the index name a means: "by adding", "through", "via"."""
    word = seq[index]
    if any(phrase != "through" for phrase in phrases_at(seq, index, _MEANS)):
        return True
    if word == "by":  # "by adding", "by continuously automating"
        following = (
            index + 2 if seq[index + 1 : index + 2] and seq[index + 1].endswith("ly") else index + 1
        )
        return following < len(seq) and _is_gerund(seq[following])
    if word == "through":
        return not _through_is_time(seq, index)
    if word == "use":  # "Use data to delight customers"
        return index == 0 and "to" in seq
    if word == "with":  # "with a new guided setup"
        after = seq[index + 1 : index + 3]
        return len(after) == 2 and after[0] in _ARTICLES and after[1] in v.NEW_THINGS
    return False


def _is_gerund(word: str) -> bool:
    return (
        word.endswith("ing")
        and len(word) > 4
        and word not in v.NOT_GERUNDS
        and word not in v.STATE_GERUNDS
    )


def _through_is_time(seq: list[str], index: int) -> bool:
    """Return whether "through" is about time, a range or an idiom ("follow through")."""
    if index and seq[index - 1] in v.THROUGH_IDIOMS:
        return True
    if "from" in seq[max(0, index - 6) : index]:
        return True
    following = index + 1
    while following < len(seq) and seq[following] in v.THROUGH_DETERMINERS:
        following += 1
    if following >= len(seq):
        return True
    word = seq[following]
    return word[0].isdigit() or word in v.THROUGH_TIME_WORDS or word in v.TIME_UNITS


def objective_prescribes_how(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag an objective that names its solution ("by adding ...", "through ...", "via ...")."""
    found = prescribing_clause(objective.title)
    if found is None and (found := building_clause(objective.title)):
        clause, outcome = found
        if outcome:
            suggestion = f"Make the outcome the objective, e.g. {quote(_capitalised(outcome))}, "
        else:
            suggestion = "State the change the artefact should bring for the people it serves, "
        return finding(
            "objective-prescribes-how",
            objective.id,
            f"{quote(clause)} names an artefact to build: a solution, not the outcome wanted.",
            suggestion + f"and keep {quote(clause)} in the action plan as one idea among others.",
            objective.line,
        )
    if found is None:
        return None
    clause, outcome = found
    keep = f"Keep the outcome, {quote(outcome)}, and let" if outcome else "Let"
    return finding(
        "objective-prescribes-how",
        objective.id,
        f"{quote(clause)} states the solution: it narrows the ideas the objective invites.",
        f"{keep} key results and action plans explore {quote(clause)} among other ideas.",
        objective.line,
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def too_few_key_results(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag an objective with fewer key results than its profile asks (2)."""
    count, least = len(objective.key_results), context.profile.min_key_results
    if count >= least:
        return None
    has = "no key results" if count == 0 else f"only {count} key result"
    return finding(
        "too-few-key-results",
        objective.id,
        f"{objective.id} has {has}; an objective needs at least {least} to show it was reached.",
        "Add key results that would, together, prove the objective achieved.",
        objective.line,
    )


def too_many_key_results(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag more than 5 key results, and (as info) more than the profile prefers."""
    profile = context.profile
    count = len(objective.key_results)
    if count > profile.max_key_results:
        limit, severity = profile.max_key_results, None
        said = f"keep {profile.min_key_results} to {limit}: the more there are, the less focus"
    elif profile.preferred_key_results and count > profile.preferred_key_results:
        limit, severity = profile.preferred_key_results, "info"
        said = f"the {profile.name} profile prefers at most {limit}"
    else:
        return None
    return finding(
        "too-many-key-results",
        objective.id,
        f"{objective.id} has {count} key results; {said}.",
        f"Keep the {limit} that best show success; move the rest to the action plan or a KPI.",
        objective.line,
        severity,
    )


def individual_okr(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag an objective owned by a person rather than a team."""
    if objective.team or not objective.owner:
        return None
    teams = []
    if context.document:
        person = next((p for p in context.document.people if p.id == objective.owner), None)
        teams = person.teams if person else []
    where = f" ({listing(teams, 'or')})" if teams else ""
    return finding(
        "individual-okr",
        objective.id,
        f"{objective.id} is owned by a person ({objective.owner!r}), not a team.",
        f"Give it to the team that will pursue it{where}, or share it across teams.",
        objective.line,
        context.profile.individual_okrs,
    )


def missing_hypothesis(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Note an objective without the hypothesis (a placeholder such as "TBD" is none)."""
    if not is_placeholder(objective.hypothesis):
        return None
    results = [quote(kr.title, 50) for kr in objective.key_results[:2]]
    achieving = listing(results) if results else "[Key Result 1] and [Key Result 2]"
    written = objective.hypothesis.strip()
    held = f" ({written!r} only holds its place)" if written else ""
    return finding(
        "missing-hypothesis",
        objective.id,
        f"{objective.id} states no hypothesis{held}: why would its key results achieve it?",
        f"We believe that by achieving {achieving}, we will achieve {quote(objective.title, 60)} "
        "because [reasoning]. This will be validated by [indicators].",
        objective.line,
    )


OBJECTIVE_RULES = (
    objective_has_number,
    objective_prescribes_how,
    too_few_key_results,
    too_many_key_results,
    individual_okr,
    missing_hypothesis,
)
