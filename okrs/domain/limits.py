"""What outside input may cost and hold: document limits, and the range of dates and numbers.

A YAML or JSON document from a file or a request is refused, naming the limit, the line and the
field, as soon as it passes one of these: no file can exhaust memory or time. See
docs/file-format.md.
"""

import math
from datetime import date

import yaml

# Where a refusal sits in a document: field names and item indexes (reading.FieldPath).
PathPart = str | int

# The largest file `okrs import` and `okrs lint` read (OKRS_MAX_IMPORT_BYTES): a 2,000-team
# organisation exports about 310 MB.
FILE_BYTES = 1 << 30
# Nodes (mappings, lists and values, keys included) in a whole document, an alias counting as the
# nodes it stands for: a 2,000-team export holds about 27 million.
DOCUMENT_NODES = 100_000_000
# Nodes held at once, which bounds the memory and time of a read: a YAML document is composed one
# top-level field, or one item of a section, at a time (JSON, and YAML that is not a plain mapping,
# whole). 250,000 YAML nodes take about 100 MB and a second or two; a JSON value about a tenth.
HELD_NODES = 250_000
JSON_VALUES = 2_000_000
# JSON is read whole: two million values of JSON take about 25 MB.
JSON_CHARACTERS = 32 << 20
# Mappings and lists within each other; a document needs eight.
DEPTH = 64
# Characters in one value or key; the longest field takes 5,000.
STRING = 100_000
# Nodes all the aliases of a document may stand for: an alias is a reference, never a copy.
ALIAS_NODES = 10_000

LIMITS = {
    "nodes": f"a document holds {DOCUMENT_NODES:,} nodes at most",
    "nodes at once": (
        f"{HELD_NODES:,} nodes of YAML, or {JSON_VALUES:,} values of JSON, are held at once at most"
    ),
    "JSON size": f"JSON is read whole, {JSON_CHARACTERS:,} characters at most",
    "depth": f"mappings and lists nest {DEPTH} deep at most",
    "string length": f"a value or key holds {STRING:,} characters at most",
    "aliases": f"aliases stand for {ALIAS_NODES:,} nodes in all at most",
}


class Refused(yaml.MarkedYAMLError):
    """A document past one of the limits, or one that reads two ways; carries where it is."""

    def __init__(self, message: str, mark: yaml.Mark | None = None) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.path: list[PathPart] = []

    def within(self, *parts: PathPart) -> "Refused":
        """Return the error with the parts prepended to its path."""
        self.path[:0] = parts
        return self


def over(limit: str, mark: yaml.Mark | None = None) -> Refused:
    """Return the error refusing a document past the named limit."""
    return Refused(f"past the {limit} limit: {LIMITS[limit]}", mark)


def check_data(data: object, held: int = JSON_VALUES) -> None:
    """Raise Refused when parsed data (JSON, an API body) is past the depth, node or string limit.

    The walk stops at the first limit passed, so it costs no more than the limit it checks.
    """
    nodes = 0
    stack: list[tuple[object, int, tuple[PathPart, ...]]] = [(data, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        nodes += 1
        if nodes > held:
            raise over("nodes at once").within(*path)
        if isinstance(value, str):
            if len(value) > STRING:
                raise over("string length").within(*path)
        elif isinstance(value, dict | list):
            if depth > DEPTH:
                raise over("depth").within(*path)
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(key, str) and len(key) > STRING:
                        raise over("string length").within(*path)
                    stack.append((item, depth + 1, (*path, key)))
            else:
                stack.extend((item, depth + 1, (*path, i)) for i, item in enumerate(value))


# Every date and number okrs accepts, from the web, the API and files alike.
DATE_MIN = date(1970, 1, 1)
DATE_MAX = date(2200, 12, 31)
NUMBER_LIMIT = 1e15


def date_in_range(value: date) -> bool:
    """Return whether a cycle date lies within DATE_MIN..DATE_MAX."""
    return DATE_MIN <= value <= DATE_MAX


def date_range_error(value: date) -> str | None:
    """Return why a cycle date is refused, or None when it lies within the range."""
    if date_in_range(value):
        return None
    return f"{value.isoformat()} is outside {DATE_MIN.isoformat()}..{DATE_MAX.isoformat()}"


def number_in_range(value: float) -> bool:
    """Return whether a number is finite and within +-NUMBER_LIMIT."""
    return math.isfinite(value) and abs(value) <= NUMBER_LIMIT


def number_range_error(value: float) -> str | None:
    """Return why a number is refused, or None when it is finite and within the limit."""
    if number_in_range(value):
        return None
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    return f"{value:g} is beyond the limit of {NUMBER_LIMIT:g} (either sign)"
