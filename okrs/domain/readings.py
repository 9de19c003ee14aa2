"""Read one number out of a source's answer: a JSON document by JSONPath, or a CSV by cell."""

import csv
import io
import json
import math
import re
from datetime import datetime, timedelta

from jsonpath_ng.exceptions import JsonPathLexerError, JsonPathParserError
from jsonpath_ng.ext import parse as parse_jsonpath

SCHEDULES = {"hourly": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
MAX_EXPRESSION = 500
THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


class ReadingError(ValueError):
    """The answer holds no single finite number where the source says; the message says why."""


def check_jsonpath(expression: str) -> str:
    """Return why the JSONPath expression cannot be read, or ""."""
    if not expression.strip():
        return "Enter a JSONPath expression, such as $.total_count."
    if len(expression) > MAX_EXPRESSION:
        return f"A JSONPath expression has at most {MAX_EXPRESSION} characters."
    try:
        parse_jsonpath(expression)
    except (
        JsonPathLexerError,
        JsonPathParserError,
        Exception,
    ) as error:  # the parser raises many kinds
        return f"Not a JSONPath expression okrs can read: {error}"
    return ""


def number(raw: object, where: str) -> float:
    """Return the raw value as a finite number; ReadingError says what was found instead."""
    if isinstance(raw, bool):
        raise ReadingError(f"{where} is {raw!r}, not a number.")
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().rstrip("%").strip()
        if THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            value = float(text)
        except ValueError:
            raise ReadingError(f"{where} is {_short(raw)!r}, not a number.") from None
    else:
        raise ReadingError(f"{where} is {_short(json.dumps(raw))}, not a number.")
    if not math.isfinite(value) or abs(value) > 1e15:
        raise ReadingError(f"{where} is {_short(str(raw))}, not a number okrs can store.")
    return value


def read_json(body: bytes, expression: str) -> float:
    """Return the one number the JSONPath expression finds in the JSON document."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        shown = _short(body.decode(errors="replace"))
        raise ReadingError(f"The answer is not JSON: {shown!r}.") from None
    problem = check_jsonpath(expression)
    if problem:
        raise ReadingError(problem)
    found = [match.value for match in parse_jsonpath(expression).find(document)]
    if not found:
        raise ReadingError(f"{expression} finds nothing in the answer.")
    if len(found) > 1:
        raise ReadingError(f"{expression} finds {len(found)} values; it must find one.")
    # Prometheus answers an instant query's value as [timestamp, "value"]: read the value.
    value = found[0]
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
        value = value[1]
    return number(value, expression)


def read_csv(body: bytes, column: str, row: int) -> float:
    """Return the number in the CSV's column (a header or a 1-based number) on the data row.

    Row 1 is the first row after the header; a negative row counts from the end (-1: the last).
    """
    text = body.decode("utf-8-sig", errors="replace")
    rows = [line for line in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in line)]
    if len(rows) < 2:
        raise ReadingError("The CSV has no data row under its header.")
    header, data = [cell.strip() for cell in rows[0]], rows[1:]
    if column.strip() in header:
        index = header.index(column.strip())
    elif column.strip().isdigit() and 0 < int(column) <= len(header):
        index = int(column) - 1
    else:
        raise ReadingError(f"The CSV has no column {column!r}; its columns: {', '.join(header)}.")
    if row == 0 or abs(row) > len(data):
        raise ReadingError(f"The CSV has {len(data)} data rows; row {row} is not one of them.")
    line = data[row - 1 if row > 0 else row]
    if index >= len(line):
        raise ReadingError(f"Row {row} has no cell in column {column!r}.")
    return number(line[index], f"Column {column!r}, row {row}")


def next_slot(schedule: str, after: datetime) -> datetime:
    """Return the start of the schedule's next slot after the moment (the next hour, day, week)."""
    start = after.replace(minute=0, second=0, microsecond=0)
    if schedule == "hourly":
        return start + timedelta(hours=1)
    start = start.replace(hour=0)
    if schedule == "daily":
        return start + timedelta(days=1)
    return start + timedelta(days=7 - start.weekday())


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
