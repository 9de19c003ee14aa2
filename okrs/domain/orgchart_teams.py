"""The teams an org chart import names, resolved to one hierarchy with the organisation's own.

Teams are matched by name (or slug), any case. The resulting hierarchy must hold: no loop, company
above strategic above tactical, the organisation's own company team at the top.
"""

from dataclasses import dataclass

from okrs.domain.orgchart_rows import Problem, Row, Rows
from okrs.domain.vocabulary import LEVEL_DEPTH, Level

LEVEL_BELOW = {Level.COMPANY: Level.STRATEGIC, Level.STRATEGIC: Level.TACTICAL}


@dataclass(frozen=True)
class TeamNow:
    """A team as it stands."""

    id: int
    name: str
    slug: str
    level: str
    parent: int | None


@dataclass(frozen=True)
class TeamPlan:
    """A team the import creates or moves: its name, level and parent as they will be."""

    row: int
    name: str
    level: str
    parent: str
    id: int | None = None
    changes: tuple[str, ...] = ()
    parent_id: int | None = None  # None: the parent is a team the import creates


@dataclass(eq=False)
class _Node:
    """A team in the hierarchy the import would leave."""

    name: str
    level: str
    id: int | None = None
    parent: "_Node | None" = None
    was_parent: "_Node | None" = None
    was_level: str = ""
    parent_row: int = 0  # the row that set the parent, 0 if none
    level_row: int = 0
    row: int = 0  # the first row that names the team


def fold_name(name: str) -> str:
    """Return a team name as compared: any case, single spaces."""
    return " ".join(name.casefold().split())


class Teams:
    """The teams of the organisation and of the file, resolved to one hierarchy."""

    def __init__(
        self, rows: Rows, teams: tuple[TeamNow, ...], company: int, problems: list[Problem]
    ):
        self.rows, self.problems = rows, problems
        self.by_id = {t.id: _Node(t.name, t.level, t.id, was_level=t.level) for t in teams}
        for team in teams:
            node = self.by_id[team.id]
            node.parent = node.was_parent = self.by_id.get(team.parent or -1)
        self.company = self.by_id[company]
        self.known: dict[str, list[_Node]] = {}
        for team in teams:
            for key in {fold_name(team.name), fold_name(team.slug)}:
                self.known.setdefault(key, []).append(self.by_id[team.id])
        self.named: dict[str, _Node] = {}  # the file's teams by folded name

    def problem(self, row: int, column: str, message: str) -> None:
        """Add a problem at the row and column."""
        self.problems.append(self.rows.where(row, column, message))

    def existing(self, name: str, row: int, column: str) -> _Node | None:
        """Return the organisation's one team of that name, adding a problem if several."""
        found = self.known.get(fold_name(name), [])
        if len(found) > 1:
            self.problem(row, column, f"{len(found)} teams are called '{name}'; rename one first.")
        return found[0] if len(found) == 1 else None

    def resolve(self) -> None:
        """Match each team the file names, then set the parents and levels its rows give."""
        team_rows = [row for row in self.rows.rows if row.team]
        for row in team_rows:
            key = fold_name(row.team)
            if key not in self.named:
                node = self.existing(row.team, row.number, "team") or _Node(row.team, "")
                node.row = node.row or row.number
                self.named[key] = node
        for row in team_rows:
            self._set_parent(row, self.named[fold_name(row.team)])
            self._set_level(row, self.named[fold_name(row.team)])
        for node in self.named.values():
            if node.id is None and node.parent is None and node.parent_row == 0:
                node.parent = self.company

    def _set_parent(self, row: Row, node: _Node) -> None:
        """Set the team's parent from the row's parent team cell."""
        if not row.parent:
            return
        parent = self.named.get(fold_name(row.parent)) or self.existing(
            row.parent, row.number, "parent team"
        )
        if parent is None:
            if len(self.known.get(fold_name(row.parent), [])) < 2:
                self.problem(
                    row.number,
                    "parent team",
                    f"unknown parent team '{row.parent}': no team of the organisation has that "
                    "name and no row of the file names it in the team column.",
                )
            return
        if node is self.company:
            self.problem(
                row.number,
                "parent team",
                f"{node.name} is the organisation's company team: it is the top and has no parent.",
            )
        elif node.parent_row and node.parent is not parent:
            self.problem(
                row.number,
                "parent team",
                f"row {node.parent_row} gives {node.name} another parent team; a team has one.",
            )
        else:
            node.parent, node.parent_row = parent, node.parent_row or row.number

    def _set_level(self, row: Row, node: _Node) -> None:
        """Set the team's level from the row's level cell."""
        if not row.level:
            return
        if (row.level == Level.COMPANY) != (node is self.company):
            message = (
                f"{node.name} is the company team: its level is company."
                if node is self.company
                else "only the organisation itself is at company level; use strategic or tactical."
            )
            self.problem(row.number, "level", message)
        elif node.level_row and node.level != row.level:
            self.problem(
                row.number,
                "level",
                f"row {node.level_row} gives {node.name} the level {node.level}; a team has one.",
            )
        else:
            node.level, node.level_row = row.level, node.level_row or row.number

    def check_loops(self) -> bool:
        """Add a problem for each loop in the hierarchy; tell whether there is none."""
        reported: set[int] = set()
        for start in list(self.named.values()):
            path: list[_Node] = []
            node: _Node | None = start
            while node is not None and node not in path:
                path.append(node)
                node = node.parent
            if node is None or id(node) in reported:
                continue
            loop = path[path.index(node) :]
            reported.update(id(member) for member in loop)
            names = " → ".join(member.name for member in [*loop, node])
            for member in loop:
                if member.parent_row:
                    self.problem(
                        member.parent_row,
                        "parent team",
                        f"{names} is a loop in the team hierarchy: a team cannot sit below itself.",
                    )
        return not reported

    def check_levels(self) -> None:
        """Give new teams their level and refuse a team at or above its parent's level."""
        for node in self._top_down():
            parent = node.parent
            if parent is None or (node.parent is node.was_parent and node.level == node.was_level
                                  and parent.level == parent.was_level):  # fmt: skip
                continue
            if not node.level:
                below = LEVEL_BELOW.get(Level(parent.level)) if parent.level else None
                if below is None:
                    column = "parent team" if node.parent_row else "team"
                    self.problem(
                        node.parent_row or node.row,
                        column,
                        f"{node.name} cannot sit below {parent.name}, a tactical team: tactical is "
                        "the lowest level.",
                    )
                    node.level = Level.TACTICAL
                    continue
                node.level = below
            if parent.level and LEVEL_DEPTH[Level(parent.level)] >= LEVEL_DEPTH[Level(node.level)]:
                row, column = (
                    (node.parent_row, "parent team")
                    if node.parent_row
                    else (node.level_row, "level")
                )
                if not row:
                    row, column = parent.level_row, "level"
                self.problem(
                    row or node.row,
                    column,
                    f"{node.name}, a {node.level} team, cannot sit below {parent.name}, "
                    f"a {parent.level} team: company is above strategic, strategic above tactical.",
                )

    def _top_down(self) -> list[_Node]:
        """Return every team, each after its parent."""
        nodes = list(self.by_id.values()) + [n for n in self.named.values() if n.id is None]
        depth: dict[int, int] = {}

        def level_of(node: _Node) -> int:
            if id(node) not in depth:
                depth[id(node)] = 0 if node.parent is None else level_of(node.parent) + 1
            return depth[id(node)]

        return sorted(nodes, key=level_of)

    def plans(self) -> tuple[list[TeamPlan], list[TeamPlan]]:
        """Return the teams to create (parents first) and the teams that move or change level."""
        new, moved = [], []
        for node in self._top_down():
            parent = node.parent.name if node.parent else ""
            if node.id is None:
                parent_id = node.parent.id if node.parent else None
                new.append(TeamPlan(node.row, node.name, node.level, parent, parent_id=parent_id))
                continue
            changes = []
            if node.parent is not node.was_parent and node.was_parent is not None:
                changes.append(f"moves below {parent} (was below {node.was_parent.name})")
            if node.level != node.was_level:
                changes.append(f"becomes {node.level} (was {node.was_level})")
            if changes:
                row = node.parent_row or node.level_row
                parent_id = node.parent.id if node.parent else None
                moved.append(
                    TeamPlan(row, node.name, node.level, parent, node.id, tuple(changes), parent_id)
                )
        return new, moved
