"""The rows of an org chart file: its columns, and each row's cells checked one by one.

A row names a person (e-mail, name, role) and their team (team, parent team, level, team role);
a row without an e-mail only describes its team. Every problem names its row and column.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from okrs.domain.peoplefile import FileRefused, Table, column_letter
from okrs.domain.spreadsheet import unneutralise
from okrs.domain.vocabulary import Level

# The columns, as documented in docs/administration.md, and the headers each may have.
COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "name": ("name", "full name", "person"),
    "team": ("team", "team name"),
    "parent team": ("parent team", "parent"),
    "level": ("level", "team level"),
    "role": ("role", "organisation role", "organization role"),
    "team role": ("team role", "role in team"),
}
REQUIRED = ("email", "name")
# The longest text each column takes: the database's limits.
LIMITS = {"email": 254, "name": 200, "team": 200, "parent team": 200}
SHORT_LIMIT = 40  # level, role, team role: words from a short list
TEAM_ROLES = ("member", "lead")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in one row: where (row and column) and what."""

    row: int
    column: str  # the column's name in the file, "" for the whole row
    letter: str
    message: str

    def __str__(self) -> str:
        where = (
            f"row {self.row}, column {self.letter} ({self.column})"
            if self.column
            else (f"row {self.row}")
        )
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    """One row's cells by column, once each is checked; empty text where the file left it empty."""

    number: int
    email: str = ""
    name: str = ""
    team: str = ""
    parent: str = ""
    level: str = ""
    role: str = ""
    team_role: str = ""


@dataclass
class Rows:
    """The checked rows of a file, its problems and the columns it ignored."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # column -> its index in the file
    header: tuple[str, ...] = ()

    def where(self, row: int, column: str, message: str) -> Problem:
        """Return a problem at the row and column (a column of the file, by its key)."""
        index = self.columns.get(column)
        if index is None:
            return Problem(row, "", "", message)
        return Problem(row, self.header[index], column_letter(index), message)


def _key(header: str) -> str:
    """Return a header as compared: lower case, separators as single spaces."""
    return " ".join(re.sub(r"[-_./]", " ", header.lower()).split())


def map_columns(header: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Return each known column's index and the headers ignored, or raise FileRefused."""
    known = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, int] = {}
    ignored = []
    for index, title in enumerate(header):
        name = known.get(_key(title))
        if name is None:
            if title:
                ignored.append(title)
            continue
        if name in columns:
            first = column_letter(columns[name])
            raise FileRefused(
                f"Columns {first} and {column_letter(index)} of the header row are both '{name}': "
                "keep one."
            )
        columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if "team" not in columns:
        missing += [name for name in ("parent team", "level", "team role") if name in columns]
    if missing:
        shown = ", ".join(title for title in header if title) or "nothing"
        names = " and ".join(f"'{'e-mail' if m == 'email' else m}'" for m in missing)
        what = "column" if len(missing) == 1 else "columns"
        raise FileRefused(
            f"The header row has no {names} {what}; it has: {shown}. "
            "The columns are e-mail, name, team, parent team, level, role and team role."
        )
    return columns, ignored


def _choice(value: str, choices: Mapping[str, str]) -> str | None:
    """Return the choice a cell names (by value or label, any case), None if none."""
    wanted = _key(value)
    for choice, label in choices.items():
        if wanted in (_key(choice), _key(label)):
            return choice
    return None


def read_rows(table: Table, roles: Mapping[str, str]) -> Rows:
    """Return the file's rows with each cell checked; roles maps each role to its label."""
    columns, ignored = map_columns(table.header)
    found = Rows(ignored_columns=ignored, columns=columns, header=table.header)
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        values = {name: unneutralise(cells[index]) for name, index in columns.items()}
        before = len(found.problems)
        for name, value in values.items():
            limit = LIMITS.get(name, SHORT_LIMIT)
            if len(value) > limit:
                found.problems.append(
                    found.where(number, name, f"at most {limit} characters, got {len(value):,}.")
                )
        if len(found.problems) > before:
            continue
        row = _row(found, number, values, roles, seen)
        if row is not None:  # with its problems: its team cells still count
            found.rows.append(row)
    return found


def _row(
    found: Rows, number: int, values: dict[str, str], roles: Mapping[str, str], seen: dict[str, int]
) -> Row | None:
    """Return the row of checked cells, adding a problem for each cell that is wrong."""
    email = values.get("email", "").lower()
    team = values.get("team", "")
    problems = found.problems
    if not email:
        person_cells = [n for n in ("name", "role", "team role") if values.get(n)]
        if person_cells or not team:
            problems.append(found.where(number, "email", "the e-mail is empty."))
            return None
    elif not EMAIL.match(email):
        problems.append(found.where(number, "email", f"'{email}' is not an e-mail address."))
    elif email in seen:
        problems.append(
            found.where(
                number, "email", f"{email} is also on row {seen[email]}: give each person one row."
            )
        )
    else:
        seen[email] = number
    role = values.get("role", "")
    if role:
        chosen = _choice(role, roles)
        if chosen is None:
            problems.append(
                found.where(
                    number, "role", f"'{role}' is not a role; use one of {', '.join(roles)}."
                )
            )
        role = chosen or ""
    level = _key(values.get("level", ""))
    if level and level not in {lvl.value for lvl in Level}:
        levels = ", ".join(lvl.value for lvl in Level)
        problems.append(
            found.where(number, "level", f"'{values['level']}' is not a level; use {levels}.")
        )
        level = ""
    team_role = _key(values.get("team role", ""))
    if team_role and team_role not in TEAM_ROLES:
        wrong = values["team role"]
        problems.append(
            found.where(number, "team role", f"'{wrong}' is not a team role; use member or lead.")
        )
        team_role = ""
    if not team:
        for name in ("parent team", "level", "team role"):
            if values.get(name):
                problems.append(found.where(number, name, f"a {name} needs a team on the row."))
    return Row(
        number=number,
        email=email,
        name=values.get("name", ""),
        team=team,
        parent=values.get("parent team", ""),
        level=level,
        role=role,
        team_role=team_role,
    )
