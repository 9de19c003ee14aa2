"""Read an OKRs-as-code document from YAML or JSON, with errors that name the line and field."""

import json
import math
from collections.abc import Hashable, Mapping, Set
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, overload

import yaml

# The longest text each field takes, in characters: the database's own limits for short fields,
# and 5,000 for long texts (descriptions, missions, hypotheses, check-in notes).
LONG_TEXT = 5000
FIELD_LIMITS = {"organization": 200, "slug": 80, "name": 200, "title": 300, "unit": 40}
ID_LIMITS = {"cycles": 100, "teams": 80, "people": 80, "objectives": 64}
REFERENCE_LIMIT = 100  # team, owner, cycle, parent, author: they name an id above
REFERENCES = {"team", "owner", "cycle", "parent", "author", "linked_objective", "email"}

# Where a value sits in a document: section names, field names and item indexes.
FieldPath = tuple[str | int, ...]
# A mapping as read from YAML or JSON: field names to values of any shape.
Data = dict[str, Any]
# The 1-based line of each path in a document.
Lines = dict[FieldPath, int]
Kept = TypeVar("Kept", bound=Hashable)


def text_limit(key: str, path: FieldPath) -> int:
    """Return the longest text the field at path.key may hold."""
    section = str(path[0]) if path else ""
    if key == "id" or (key == "name" and section == "cycles"):
        return ID_LIMITS.get(section, REFERENCE_LIMIT)
    if key in REFERENCES:
        return 254 if key == "email" else REFERENCE_LIMIT
    return FIELD_LIMITS.get(key, LONG_TEXT)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a document: where, and what."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        return f"{where}{self.path or 'document'}: {self.message}"


class DocumentError(ValueError):
    """A document that cannot be read; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _lines(node: yaml.Node, path: FieldPath = (), found: Lines | None = None) -> Lines:
    """Return the 1-based line of every key and item path in a composed YAML node."""
    found = {} if found is None else found
    found[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _lines(value, (*path, key.value), found)
                found[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), found)
    return found


# libyaml's parser, when PyYAML was built with it, reads large files several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> tuple[object, Lines]:
    """Return the data of a YAML or JSON text and the line of each path in it."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text), {}
        except json.JSONDecodeError as error:
            raise DocumentError(
                [Problem("", f"not valid JSON: {error.msg}", error.lineno)]
            ) from error
    try:
        loader = SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DocumentError(
            [Problem("", f"not valid YAML: {error.problem or error.context}", line)]
        ) from error
    except yaml.YAMLError as error:
        raise DocumentError([Problem("", f"not valid YAML: {error}")]) from error
    return data, (_lines(node) if node is not None else {})


def _label(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Reader:
    """Turns parsed data into a Document, collecting every problem on the way."""

    def __init__(self, lines: Mapping[FieldPath, int]):
        self.lines = lines
        self.problems: list[Problem] = []
        self.kept: dict[Hashable, Any] = {}

    def same(self, value: Kept) -> Kept:
        """Return one object for equal values: a large document repeats its dates and authors."""
        kept: Kept = self.kept.setdefault(value, value)
        return kept

    def problem(self, path: FieldPath, message: str) -> None:
        """Record a problem at the path."""
        line = None
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line:
                break
        self.problems.append(Problem(_label(path), message, line))

    def mapping(
        self, value: object, path: FieldPath, allowed: Set[str], required: Set[str] = frozenset()
    ) -> Data:
        """Return the value as a mapping, noting missing and unknown keys."""
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping of fields, got {_kind(value)}")
            return {}
        for key in value:
            if key not in allowed:
                hint = f"; known fields: {', '.join(sorted(allowed))}"
                self.problem((*path, key), f"unknown field {key!r}{hint}")
        for key in sorted(required - set(value)):
            self.problem(path, f"missing required field {key!r}")
        return value

    def text(self, data: Data, key: str, path: FieldPath, default: str | None = "") -> str | None:
        """Return a text field within its length limit; numbers are accepted as text."""
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem((*path, key), f"expected text, got {_kind(value)}")
            return default
        value, limit = str(value).strip(), text_limit(key, tuple(path))
        if len(value) > limit:
            self.problem((*path, key), f"at most {limit:,} characters, got {len(value):,}")
            return value[:limit]
        return value

    @overload
    def number(self, data: Data, key: str, path: FieldPath, default: float) -> float: ...

    @overload
    def number(
        self, data: Data, key: str, path: FieldPath, default: None = None
    ) -> float | None: ...

    def number(
        self, data: Data, key: str, path: FieldPath, default: float | None = None
    ) -> float | None:
        """Return a number field."""
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "").replace("_", ""))
            except ValueError:
                self.problem((*path, key), f"expected a number, got {value!r}")
                return default
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.problem((*path, key), f"expected a number, got {_kind(value)}")
            return default
        return value

    def integer(self, data: Data, key: str, path: FieldPath, low: int, high: int) -> int | None:
        """Return a whole number between low and high."""
        value = self.number(data, key, path)
        if value is None:
            return None
        if value != int(value) or not low <= value <= high:
            self.problem(
                (*path, key), f"expected a whole number from {low} to {high}, got {value:g}"
            )
            return None
        return int(value)

    def boolean(self, data: Data, key: str, path: FieldPath, default: bool = False) -> bool:
        """Return a true/false field."""
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem((*path, key), f"expected true or false, got {value!r}")
            return default
        return value

    def day(self, data: Data, key: str, path: FieldPath) -> date | None:
        """Return a date field written YYYY-MM-DD."""
        value = data.get(key)
        if value is None or isinstance(value, date):
            return value if value is None else self.same(value)
        if isinstance(value, str):
            try:
                return self.same(date.fromisoformat(value.strip()))
            except ValueError:
                pass
        self.problem((*path, key), f"expected a date like 2027-01-31, got {value!r}")
        return None

    @overload
    def choice(
        self, data: Data, key: str, path: FieldPath, choices: tuple[str, ...], default: str
    ) -> str: ...

    @overload
    def choice(
        self, data: Data, key: str, path: FieldPath, choices: tuple[str, ...], default: None
    ) -> str | None: ...

    def choice(
        self, data: Data, key: str, path: FieldPath, choices: tuple[str, ...], default: str | None
    ) -> str | None:
        """Return a field that must be one of the choices."""
        value = self.text(data, key, path, default=None)
        if value is None:
            return default
        if value not in choices:
            self.problem((*path, key), f"expected one of {', '.join(choices)}, got {value!r}")
            return default
        return value

    def names(self, data: Data, key: str, path: FieldPath) -> list[str]:
        """Return a list of ids; a single id is accepted as a list of one."""
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str | int):
            return [str(value)]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.problem((*path, key), f"expected a list of ids, got {_kind(value)}")
            return []
        return [str(v) for v in value]

    def items(self, data: Data, key: str, path: FieldPath) -> list[Any]:
        """Return a list section, possibly empty."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((*path, key), f"expected a list, got {_kind(value)}")
            return []
        return value

    def line(self, path: FieldPath) -> int | None:
        """Return the line where the path starts."""
        return self.lines.get(tuple(path))


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)
