"""Nothing in okrs reads the wall clock behind the tests' back: only okrs/clock.py does."""

import ast
from pathlib import Path

import okrs

PACKAGE = Path(okrs.__file__).parent
CLOCK = PACKAGE / "clock.py"
# Conversions of a given moment (timezone.localdate(at)) are not reads; without one they are.
CONVERSIONS = {("timezone", "localdate"), ("timezone", "localtime")}
# (object, attribute) pairs that read the wall clock, called or passed as a default.
WALL_CLOCK = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("timezone", "now"),
    ("time", "time"),
    ("time", "time_ns"),
}


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    """Return the line and text of each wall-clock read in the source, as a call or a default."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute):
            function = node.func
            if isinstance(function.value, ast.Name):
                pair = (function.value.id, function.attr)
                if pair in CONVERSIONS:
                    found.append((node.lineno, f"{pair[0]}.{pair[1]}"))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (node.value.id, node.attr)
            if pair in WALL_CLOCK:
                found.append((node.lineno, f"{pair[0]}.{pair[1]}"))
    return sorted(found)


def production_modules() -> list[Path]:
    """Return every okrs module but the clock and the tests."""
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != CLOCK and "tests" not in path.relative_to(PACKAGE).parts
    ]


def test_only_the_clock_module_reads_the_wall_clock():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {call}"
        for path in production_modules()
        for line, call in wall_clock_reads(path.read_text())
    ]
    assert offenders == []


def test_the_scan_finds_each_kind_of_read():
    source = "\n".join(
        [
            "a = date.today()",
            "b = datetime.now(UTC)",
            "c = timezone.now()",
            "d = timezone.localdate()",
            "e = time.time()",
            "f = models.DateTimeField(default=timezone.now)",
            "g = timezone.localdate(checked_in_at)",
        ]
    )
    assert [line for line, _ in wall_clock_reads(source)] == [1, 2, 3, 4, 5, 6]


def test_the_clock_follows_the_tests_calendar(clock):
    from datetime import date

    from okrs import clock as okrs_clock

    clock.move_to("2028-02-29 23:30:00+00:00", tick=False)
    assert okrs_clock.today() == date(2028, 2, 29)
    assert okrs_clock.now().isoformat() == "2028-02-29T23:30:00+00:00"
    assert okrs_clock.timestamp() == okrs_clock.now().timestamp()
