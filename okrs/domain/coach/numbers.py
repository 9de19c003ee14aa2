"""The numbers a draft's wording carries: digits, words, fractions, multipliers, and their kinds."""

import re
from dataclasses import dataclass
from functools import cache

from okrs.domain.coach import vocabulary as v
from okrs.domain.coach.language import tokens, words

MEASURE_KINDS = frozenset({"count", "percent", "money", "multiplier", "ratio"})


@dataclass(frozen=True)
class Mention:
    """A number written in a text, as written, with its value and kind.

    Kinds: count, percent, money, multiplier ("double", "4x"), ratio ("4.7/5"), one (a lone
    "one", often not a number at all), qualifier ("30-day"), year ("2027"), timebox ("within three
    months").
    """

    text: str
    value: float | None
    kind: str
    start: int
    end: int

    @property
    def is_measure(self) -> bool:
        """Return whether the mention is a quantity a key result could measure."""
        return self.kind in MEASURE_KINDS


_CODES = "|".join(sorted(v.CURRENCY_CODES))
_GLUED_UNITS = "ms|secs?|s|hrs?|h|mins?"  # "2s", "200ms", "4h": durations written glued
_DIGITS = re.compile(
    rf"""
    (?<![\w.,/])
    (?P<pre>(?:[{v.CURRENCY_SYMBOLS}]|\b(?:{_CODES}))\s?)?
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?P<mag>\s?(?:k|mn|bn|m|b)\b|\s(?:hundred|thousand|million|billion)\b)?
    (?P<den>\s?/\s?\d+(?:\.\d+)?)?
    (?P<pct>\s?(?:%|percentage\spoints?\b|basis\spoints\b|per\scent\b|percent\b|pct\b|pp\b|bps\b))?
    (?P<x>x\b)?
    (?P<post>\s(?:{_CODES}|euros?|dollars?|pounds)\b)?
    (?!(?!(?:{_GLUED_UNITS})\b)[A-Za-z0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_YEAR_PREPOSITIONS = frozenset(
    {
        "by", "in", "until", "till", "before", "after", "since", "of", "for", "through", "during",
        "end", "fy", "q1", "q2", "q3", "q4", "h1", "h2", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "spring", "summer", "autumn", "fall", "winter", "early", "late", "mid",
    }
)  # fmt: skip
_COUNT_PREPOSITIONS = frozenset({"to", "from", "at", "than", "reach", "hit", "exceed"})


def _word_before(text: str, position: int) -> str | None:
    found = re.findall(r"[a-z0-9]+", text[:position].lower())
    return found[-1] if found else None


def _words_before(text: str, position: int) -> list[str]:
    return re.findall(r"[a-z0-9]+", text[:position].lower())


def _word_after(text: str, position: int) -> str | None:
    found = re.match(r"\W*?([a-z0-9]+)", text[position:].lower())
    return found.group(1) if found else None


def _hyphen_word(text: str, position: int) -> str | None:
    """Return the word glued to the position by a hyphen ("30-day" at 2 gives "day"), or None."""
    found = re.match(r"-([a-z]+)", text[position:].lower())
    return found.group(1) if found else None


def _is_rank(text: str, start: int) -> bool:
    """Return whether the number is glued to a rank word by a hyphen: "top-3", "bottom-10"."""
    return bool(re.search(r"\b(?:top|bottom)-$", text[:start], re.IGNORECASE))


def _glued_unit(text: str, end: int) -> str:
    """Return the unit of time glued to a number ("s" of "2s", "ms" of "200ms"), or ""."""
    found = re.match(rf"(?:{_GLUED_UNITS})\b", text[end:], re.IGNORECASE)
    return found.group() if found else ""


def _is_timebox(text: str, start: int, end: int) -> bool:
    """Return whether the number at start..end is a time-box such as "within 3 months"."""
    after = _word_after(text, end)
    before = _words_before(text, start)
    if after in v.TIMEBOX_UNITS:
        while before and before[-1] in v.TIMEBOX_FILLERS:
            before.pop()
        return bool(before) and before[-1] in v.TIMEBOX_PREPOSITIONS
    # "by day 30", "in week 6"
    return len(before) >= 2 and before[-1] in v.TIME_UNITS and before[-2] in {"by", "in", "on"}


def _is_year(number: str, text: str, start: int, end: int) -> bool:
    if not re.fullmatch(r"\d{4}", number) or not 1900 <= int(number) <= 2100:
        return False
    previous, following = _word_before(text, start), _word_after(text, end)
    if following and following.endswith("s") and following not in v.YEAR_FOLLOWERS:
        return following.endswith("ss")
    if previous in _YEAR_PREPOSITIONS:
        return True
    return previous not in _COUNT_PREPOSITIONS or following in v.YEAR_FOLLOWERS


def _value(number: str, magnitude: str) -> float:
    value = float(number.replace(",", ""))
    magnitude = magnitude.strip().lower()
    return value * (v.MAGNITUDE_SUFFIXES.get(magnitude) or v.MAGNITUDE_WORDS.get(magnitude, 1))


def _digit_mentions(text: str) -> list[Mention]:
    found = []
    for match in _DIGITS.finditer(text):
        start, end = match.start(), match.end()
        written = match.group().strip()
        if match.group("pre"):
            start = match.start("pre")
        number = match.group("num")
        if number == "1" and re.search(r"(#|\bno\.?)\s?$", text[:start], re.IGNORECASE):
            continue  # "#1", "No. 1": a rank said as an ambition, like "leader"
        if re.search(r"[A-Za-z]-$", text[:start]) and not _is_rank(text, start):
            continue  # "COVID-19", "G-7": part of a name; "top-3" is a rank
        value = _value(number, match.group("mag") or "")
        following = _word_after(text, end)
        if match.group("pct"):
            kind = "percent"
        elif match.group("pre") or match.group("post") or following in v.CURRENCY_WORDS:
            kind = "money"
        elif match.group("x"):
            kind = "multiplier"
        elif match.group("den"):
            if re.fullmatch(r"24\s?/\s?7", written):
                continue
            kind = "ratio"
        elif _word_before(text, start) in v.NAME_PREFIXES:
            continue
        elif (glued := _hyphen_word(text, end)) and glued in v.TIME_UNITS | {"fold"}:
            kind = "multiplier" if glued == "fold" else "qualifier"
            end += len(glued) + 1
            written = text[start:end]
        elif unit := _glued_unit(text, end):
            if re.fullmatch(r"\d{4}", number):
                continue  # "the 1990s": a decade
            kind, end = "count", end + len(unit)  # "2s", "200ms": a duration
            written = text[start:end]
        elif not match.group("mag") and _is_year(number, text, start, end):
            kind = "year"
        elif _is_timebox(text, start, end):
            kind = "timebox"
        else:
            kind = "count"
        found.append(Mention(written, value, kind, start, end))
    return found


_NUMBER_WORD = re.compile(
    r"\b(?:"
    + "|".join(sorted([*v.NUMBER_WORDS, *v.MAGNITUDE_WORDS], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_ONE_NOT_A_NUMBER_BEFORE = frozenset({"no", "any", "every", "each", "some", "the", "this", "that"})
_ONE_NOT_A_NUMBER_AFTER = frozenset({"of", "another", "by", "more", "day"})


def _word_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return the spelled-out numbers: "three", "ten thousand", "a million euros"."""
    lower = text.lower()
    found = []
    runs: list[list[re.Match[str]]] = []
    for match in _NUMBER_WORD.finditer(lower):
        gap = lower[runs[-1][-1].end() : match.start()] if runs else None
        if gap is not None and re.fullmatch(r"[\s-]+(?:and\s+)?", gap):
            runs[-1].append(match)
        else:
            runs.append([match])
    for run in runs:
        start, end = run[0].start(), run[-1].end()
        if any(s <= start < e for s, e in taken):
            continue
        written = text[start:end]
        first = run[0].group()
        value = _spelled_value([m.group() for m in run])
        glued = _hyphen_word(lower, end)
        following = _word_after(lower, end)
        previous = _word_before(lower, start)
        if previous == "a" and first in v.MAGNITUDE_WORDS:
            start -= 2
            written = text[start:end]
        if glued and glued not in v.TIME_UNITS | {"fold", "percent"} and first in v.NUMBER_WORDS:
            continue  # "two-sided", "one-stop", "zero-based"
        if following in {"percent", "pct"}:
            kind, end = "percent", lower.index(following, end) + len(following)
            written = text[start:end]
        elif following in v.CURRENCY_WORDS:
            kind = "money"
        elif glued == "fold":
            kind = "multiplier"
        elif glued in v.TIME_UNITS:
            kind, end = "qualifier", end + len(glued) + 1
            written = text[start:end]
        elif _is_timebox(lower, start, end):
            kind = "timebox"
        elif written.lower() == "one":
            if previous in _ONE_NOT_A_NUMBER_BEFORE or following in _ONE_NOT_A_NUMBER_AFTER:
                continue
            kind = "one"
        else:
            kind = "count"
        found.append(Mention(written, value, kind, start, end))
    return found


def _spelled_value(parts: list[str]) -> float:
    total, current = 0.0, 0.0
    for part in parts:
        if part in v.NUMBER_WORDS:
            current += v.NUMBER_WORDS[part]
        elif part == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * v.MAGNITUDE_WORDS[part]
            current = 0.0
    return total + current


@cache
def _idiom_patterns() -> list[re.Pattern[str]]:
    """Return a whole-word pattern per multiplier idiom ("double down"), compiled once."""
    return [re.compile(r"\b" + re.escape(idiom) + r"\b") for idiom in v.MULTIPLIER_IDIOMS]


def _multiplier_mentions(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return "double", "halve", "cut in half", "tenfold" and the like, idioms left out."""
    if v.MULTIPLIER_WORDS.keys().isdisjoint(words(text)):
        return []
    candidates = [token for token in tokens(text) if token.text in v.MULTIPLIER_WORDS]
    if not candidates:
        return []
    lower = text.lower()
    idioms = [(m.start(), m.end()) for idiom in _idiom_patterns() for m in idiom.finditer(lower)]
    found = []
    for token in candidates:
        if any(s <= token.start < e for s, e in [*idioms, *taken]):
            continue
        written = text[token.start : token.end]
        found.append(
            Mention(written, v.MULTIPLIER_WORDS[token.text], "multiplier", token.start, token.end)
        )
    return found


_FRACTION = re.compile(
    r"\b(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|\d+)[\s-]+"
    r"(?P<den>halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_FRACTION_BEFORE = frozenset({"about", "almost", "by", "least", "nearly", "over", "than", "to"})
_FRACTION_AFTER = frozenset({"fewer", "higher", "less", "lower", "more", "of"})


def _fraction_mentions(text: str) -> list[Mention]:
    """Return fractions said in words ("a third", "two thirds of"), ordinals and time left out."""
    found = []
    for match in _FRACTION.finditer(text):
        previous, following = _word_before(text, match.start()), _word_after(text, match.end())
        quarter = match.group("den").lower().startswith("quarter")
        if quarter and (previous in v.FRACTION_NOT_AFTER or _is_number_word(previous)):
            continue  # "within a quarter", "150 a quarter": a time
        ends_clause = not text[match.end() :].strip(" .,;!") or text[match.end()] in ",;."
        if not (previous in _FRACTION_BEFORE or following in _FRACTION_AFTER or ends_clause):
            continue  # "a third clinic": an ordinal
        num = match.group("num").lower()
        top = float(num) if num.isdigit() else v.NUMBER_WORDS.get(num, 1)
        bottom = v.FRACTION_WORDS[match.group("den").lower().removesuffix("s")]
        found.append(Mention(match.group(), 100 * top / bottom, "percent", *match.span()))
    return found


def _is_number_word(word: str | None) -> bool:
    return word is not None and (word[0].isdigit() or word in v.NUMBER_WORDS)


def _shares(text: str, found: list[Mention]) -> list[Mention]:
    """Return the mentions with "one in five", "2 in 3" read as one share of a whole."""
    merged: list[Mention] = []
    for mention in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.kind in ("count", "one")
            and mention.kind == "count"
            and re.fullmatch(r"\s+in\s+", text[last.end : mention.start], re.IGNORECASE)
            and last.value is not None
            and mention.value
        ):
            share = 100 * last.value / mention.value
            written = text[last.start : mention.end]
            merged[-1] = Mention(written, share, "percent", last.start, mention.end)
        else:
            merged.append(mention)
    return merged


def mentions(text: str) -> list[Mention]:
    """Return every number written in the text, in order: digits, words, fractions, multipliers."""
    found = _fraction_mentions(text)
    taken = [(m.start, m.end) for m in found]
    found += [m for m in _digit_mentions(text) if not any(s <= m.start < e for s, e in taken)]
    taken = [(m.start, m.end) for m in found]
    found += _word_mentions(text, taken)
    taken = [(m.start, m.end) for m in found]
    found += _multiplier_mentions(text, taken)
    return _shares(text, sorted(found, key=lambda m: m.start))


def measures(text: str) -> list[Mention]:
    """Return the quantities a key result could be measured by: no years, time-boxes, "30-day"."""
    return [m for m in mentions(text) if m.is_measure or m.kind == "one"]


def objective_numbers(text: str) -> list[Mention]:
    """Return the numbers that make an objective a numeric target (no years or time-boxes)."""
    return [m for m in mentions(text) if m.is_measure or m.kind == "qualifier"]
