"""Read an OKRs-as-code document from YAML or JSON, with errors that name the line and field."""

import json
import math
from collections.abc import Hashable, Mapping, Set
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, TypeVar, overload

import yaml

from okrs.domain.limits import (
    DATE_MAX,
    DATE_MIN,
    JSON_CHARACTERS,
    JSON_VALUES,
    NUMBER_LIMIT,
    Refused,
    check_data,
    over,
)
from okrs.domain.loader import Loader

# The longest text each field takes, in characters: the database's own limits for short fields,
# and 5,000 for long texts (descriptions, missions, hypotheses, check-in notes).
LONG_TEXT = 5000
FIELD_LIMITS = {"organization": 200, "slug": 80, "name": 200, "title": 300, "unit": 40}
ID_LIMITS = {"cycles": 100, "teams": 80, "people": 80, "objectives": 64}
REFERENCE_LIMIT = 100  # team, owner, cycle, parent, author: they name an id above
REFERENCES = {"team", "owner", "cycle", "parent", "author", "linked_objective", "email"}
# Numbers run from -1e15 to 1e15, as in the API: finite, and exact to the unit as floats.
# Dates run from 1970 to 2200, as cycles do: what a calendar of OKRs needs, and room to count on.
FIRST_DAY, LAST_DAY = DATE_MIN, DATE_MAX
# Characters of a wrong value a message quotes.
SHOWN = 60

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

    def in_file(self, name: str) -> str:
        """Return the problem as one line: the file, the line, the field and what is wrong."""
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {self.path or 'document'}: {self.message}"


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


def parse(source: str | BinaryIO) -> tuple[object, Lines]:
    """Return the data of a YAML or JSON text (or a YAML binary file) and the line of each path.

    The whole document is held at once, within the limits of okrs/domain/limits.py.
    """
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return parse_json(source), {}
    try:
        loader = Loader(source)
        try:
            node = loader.document_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise yaml_problem(error, source) from None
    return data, (_lines(node) if node is not None else {})


def yaml_problem(error: yaml.YAMLError, source: str | BinaryIO) -> DocumentError:
    """Return the document error saying where and why the YAML source cannot be read."""
    if isinstance(error, Refused):
        return refusal(error)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        return DocumentError(
            [Problem("", f"not valid YAML: {error.problem or error.context}", line)]
        )
    if isinstance(error, yaml.reader.ReaderError):
        line = _line_at(source, error.position)
        return DocumentError(
            [Problem("", f"unreadable text (files are UTF-8): {error.reason}", line)]
        )
    return DocumentError([Problem("", f"not valid YAML: {error}")])


def parse_json(text: str) -> object:
    """Return the data of a JSON text, held whole, within the limits."""
    try:
        if len(text) > JSON_CHARACTERS:
            raise over("JSON size")
        # Every value and key follows one of these characters: their count bounds the values.
        if sum(text.count(c) for c in "{[,:") + 1 > JSON_VALUES:
            raise over("nodes at once")
        try:
            data = json.loads(text, object_pairs_hook=_fields_once)
        except RecursionError:
            raise over("depth") from None
        check_data(data)
    except Refused as error:
        raise refusal(error) from None
    except json.JSONDecodeError as error:
        raise DocumentError([Problem("", f"not valid JSON: {error.msg}", error.lineno)]) from error
    return data


def _fields_once(pairs: list[tuple[str, Any]]) -> Data:
    """Return a JSON object's fields as a mapping, refusing a field given twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise Refused(f"the field {key!r} is given twice in one mapping").within(key)
            seen.add(key)
    return found


def refusal(error: Refused) -> DocumentError:
    """Return the document error of a document past a limit or that gives a key twice."""
    mark = error.problem_mark
    return DocumentError(
        [Problem(_label(tuple(error.path)), error.problem or "", mark.line + 1 if mark else None)]
    )


def _line_at(source: str | BinaryIO, offset: int) -> int | None:
    """Return the line of the byte at the offset of a text or binary file."""
    if isinstance(source, str):
        return source.encode("utf-8", "replace")[:offset].count(b"\n") + 1
    try:
        source.seek(0)
        lines = 1
        while offset > 0:
            chunk = source.read(min(offset, 1 << 20))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            offset -= len(chunk)
        return lines
    except (OSError, ValueError):
        return None


def _label(path: FieldPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        part = str(part) if len(str(part)) <= SHOWN else f"{str(part)[: SHOWN - 3]}..."
        out += f".{part}" if out else part
    return out if len(out) <= 2 * SHOWN else f"{out[: SHOWN - 3]}...{out[-SHOWN:]}"


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

    def problem(self, path: FieldPath, message: str, near: int | None = None) -> None:
        """Record a problem at the path; near is the line of its item when the lines of the
        item's fields are no longer known."""
        line = None
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line:
                if cut < 2 and near:
                    line = near
                break
        self.problems.append(Problem(_label(path), message, line or near))

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
                self.problem((*path, key), f"unknown field {_kind(key)}{hint}")
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
        if "\x00" in value:
            self.problem((*path, key), "a text cannot hold the NUL character (\\0)")
            return default
        if len(value) > limit:
            self.problem((*path, key), f"at most {limit:,} characters, got {len(value):,}")
            return value[:limit]
        return value

    def number(
        self, data: Data, key: str, path: FieldPath, default: float | None = None
    ) -> float | None:
        """Return a number field, finite and from -1e15 to 1e15."""
        given = value = data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "").replace("_", ""))
            except ValueError:
                self.problem((*path, key), f"expected a number, got {_kind(given)}")
                return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem((*path, key), f"expected a number, got {_kind(given)}")
            return default
        if not (math.isfinite(value) and -NUMBER_LIMIT <= value <= NUMBER_LIMIT):
            self.problem((*path, key), f"expected a number from -1e15 to 1e15, got {_kind(given)}")
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
            self.problem((*path, key), f"expected true or false, got {_kind(value)}")
            return default
        return value

    def day(self, data: Data, key: str, path: FieldPath) -> date | None:
        """Return a date field written YYYY-MM-DD, from 1970 to 2200."""
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            with suppress(ValueError):
                value = date.fromisoformat(value.strip())
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problem((*path, key), f"expected a date like 2027-01-31, got {_kind(value)}")
            return None
        if not FIRST_DAY <= value <= LAST_DAY:
            self.problem((*path, key), f"expected a date from 1970 to 2200, got {value}")
            return None
        return self.same(value)

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
            self.problem((*path, key), f"expected one of {', '.join(choices)}, got {_kind(value)}")
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
    if isinstance(value, date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    shown = repr(value)
    return shown if len(shown) <= SHOWN else f"{shown[: SHOWN - 5]}...{shown[-1]}"
