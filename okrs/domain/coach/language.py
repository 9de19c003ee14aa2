"""Reading draft wording: tokens, light stemming, verb forms and similarity of texts."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from okrs.domain.coach import vocabulary as v

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*|[%$€£¥₹#/→]|->", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """A word, number or symbol of a text, lowercase, with where it stands in the text."""

    text: str
    start: int
    end: int


def tokens(text: str, limit: int | None = None) -> list[Token]:
    """Return the words, numbers and symbols of the text (the first `limit`), lowercase."""
    found = islice(_TOKEN.finditer(text), limit)
    return [Token(m.group().lower(), m.start(), m.end()) for m in found]


def words(text: str) -> list[str]:
    """Return the lowercase tokens of the text."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """Return the lowercase tokens of the text, read once per text (rules read a title often)."""
    return tuple(m.group().lower() for m in _TOKEN.finditer(text))


@lru_cache(maxsize=8192)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """Return a vocabulary phrase split the way texts are ("well-being" -> ("well", "being"))."""
    return tuple(words(phrase))


def find_phrase(seq: list[str], phrase: str, start: int = 0) -> int:
    """Return the index where the phrase starts in the word list, or -1."""
    wanted = phrase_words(phrase)
    if not wanted:
        return start if start <= len(seq) else -1
    first, size = wanted[0], len(wanted)
    for i in range(start, len(seq) - size + 1):
        if seq[i] == first and tuple(seq[i : i + size]) == wanted:
            return i
    return -1


def phrase_at(seq: list[str], index: int, phrase: str) -> bool:
    """Return whether the phrase stands in the word list at the index."""
    wanted = phrase_words(phrase)
    if wanted and (index >= len(seq) or seq[index] != wanted[0]):
        return False
    return tuple(seq[index : index + len(wanted)]) == wanted


def by_first_word(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Return the phrases grouped by their first word, in their order (for `phrases_at`)."""
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        wanted = phrase_words(phrase)
        grouped.setdefault(wanted[0] if wanted else "", []).append(phrase)
    return {first: tuple(found) for first, found in grouped.items()}


def phrases_at(seq: list[str], index: int, grouped: dict[str, tuple[str, ...]]) -> list[str]:
    """Return the phrases (grouped by `by_first_word`) standing in the word list at the index."""
    if index >= len(seq):
        return []
    candidates = grouped.get(seq[index], ())
    return [phrase for phrase in candidates if phrase_at(seq, index, phrase)]


def has_any(seq: list[str], phrases: Iterable[str]) -> bool:
    """Return whether any of the phrases occurs in the word list."""
    present = set(seq)
    for phrase in phrases:
        wanted = phrase_words(phrase)
        if not wanted or (wanted[0] in present and find_phrase(seq, phrase) >= 0):
            return True
    return False


def quote(text: str, limit: int = 70) -> str:
    """Return the text in single quotes, shortened with an ellipsis when long."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) > limit:
        text = text[: limit - 3].rsplit(" ", 1)[0] + "..."
    return f"'{text}'"


def listing(items: list[str], conjunction: str = "and") -> str:
    """Return the items joined for a sentence: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# Light stemming and verb forms

_IRREGULAR = {
    "begin": ("began", "begun"),
    "bring": ("brought",),
    "build": ("built",),
    "drive": ("drove", "driven"),
    "get": ("got", "gotten"),
    "grow": ("grew", "grown"),
    "hold": ("held",),
    "meet": ("met",),
    "rebuild": ("rebuilt",),
    "rewrite": ("rewrote", "rewritten"),
    "run": ("ran",),
    "send": ("sent",),
    "shed": ("shed",),
    "stand": ("stood",),
    "win": ("won",),
    "write": ("wrote", "written"),
}
_DOUBLING = {"plan", "ship", "map", "run", "set", "get", "win", "cut", "drop", "slash", "trim"}


@cache
def verb_forms(verb: str) -> frozenset[str]:
    """Return the forms of a one-word verb: launch, launches, launched, launching."""
    forms = {verb, *_IRREGULAR.get(verb, ())}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    if verb in _DOUBLING and not verb.endswith(("sh", "m")):
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return frozenset(forms)


@cache
def past_forms(verb: str) -> frozenset[str]:
    """Return the past forms of a verb's first word: launched, built, written."""
    head = verb.split()[0]
    return frozenset(
        form
        for form in verb_forms(head)
        if form != head and (form.endswith("d") or form in _IRREGULAR.get(head, ()))
    )


@lru_cache(maxsize=4096)
def _verb_parts(verb: str) -> tuple[str, tuple[str, ...]]:
    """Return a verb's first word and the words after it ("sign up" -> "sign", ("up",))."""
    head, *rest = verb.split()
    return head, tuple(rest)


@lru_cache(maxsize=256)
def head_forms(verbs: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """Return every form of the verbs' first words, to pass over other words at once."""
    return frozenset().union(*(verb_forms(_verb_parts(verb)[0]) for verb in verbs))


def verb_anywhere(seq: list[str], verbs: frozenset[str]) -> bool:
    """Return whether any of the verbs is written anywhere in the word list, in any form."""
    heads = head_forms(verbs)
    return any(verb_at(seq, i, verbs) for i, word in enumerate(seq) if word in heads)


def verb_at(seq: list[str], index: int, verbs: Iterable[str]) -> str | None:
    """Return the verb of the list (one or two words) written at the index in any form, or None."""
    if index >= len(seq):
        return None
    word = seq[index]
    if isinstance(verbs, tuple | frozenset) and word not in head_forms(verbs):
        return None
    for verb in verbs:
        head, rest = _verb_parts(verb)
        if word in verb_forms(head) and tuple(seq[index + 1 : index + 1 + len(rest)]) == rest:
            return verb
    return None


def lead_index(seq: list[str]) -> int:
    """Return the index of the first word after fillers such as "Successfully" or "We will"."""
    index = 0
    while index < len(seq) and (seq[index] in v.LEAD_FILLERS or seq[index].endswith("ly")):
        index += 1
    return index


def lead_verb(seq: list[str], verbs: Iterable[str]) -> str | None:
    """Return the verb of the list the words open with (after fillers), or None."""
    return verb_at(seq, lead_index(seq), verbs)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a light stem: plurals, -ly, -ing, -ed, -tion, -er and a final e come off."""
    word = v.SYNONYMS.get(word, word).removesuffix("'s").removesuffix("’s")
    rules = (
        ("ies", "y"),
        ("sses", "ss"),
        ("s", ""),
        ("ly", ""),
        ("ing", ""),
        ("ed", ""),
        ("ation", ""),
        ("tion", "t"),
        ("ment", ""),
        ("ness", ""),
        ("er", ""),
        ("e", ""),
    )
    for suffix, replacement in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)] + replacement
    return word


# Similarity


@cache
def _not_content() -> frozenset[str]:
    """Return the words that carry no meaning of their own: stop words, units, one-word verbs."""
    verbs = v.OUTCOME_VERBS | v.CHANGE_VERBS | v.VAGUE_VERBS
    forms = (form for verb in verbs if " " not in verb for form in verb_forms(verb))
    lists = (v.STOP_WORDS, v.TIME_UNITS, v.CURRENCY_CODES, v.CURRENCY_WORDS, v.PERCENT_WORDS)
    return frozenset().union(*lists, forms)


@lru_cache(maxsize=16384)
def content_stems(text: str) -> frozenset[str]:
    """Return the stems of the words that carry meaning: no numbers, units, stop words or verbs."""
    skipped = _not_content()
    return frozenset(
        stem(word)
        for word in words(text)
        if len(word) >= 2 and word[0].isalpha() and word not in skipped
    )


def similarity(first: str, second: str) -> tuple[float, int]:
    """Return the share of the shorter text's stems the other repeats (0..1), and how many."""
    a, b = content_stems(first), content_stems(second)
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared
