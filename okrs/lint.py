"""`okrs lint FILE`: check an OKRs-as-code document against the drafting guidelines, no database."""

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from okrs import clock
from okrs.domain.document import PROFILES, Document
from okrs.domain.limits import FILE_BYTES
from okrs.domain.okrfile import read_document, read_document_file
from okrs.domain.reading import FIRST_DAY, LAST_DAY, DocumentError, Problem
from okrs.env import env_int
from okrs.gc_pause import collector_paused

DOCS = "docs/coach-rules.md"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def parser() -> argparse.ArgumentParser:
    """Return the command-line parser of `okrs lint`."""
    found = argparse.ArgumentParser(
        prog="okrs lint",
        description="Check an OKRs-as-code YAML or JSON file against the OKR drafting guidelines.",
        epilog="Exit status: 0 no errors, 1 at least one error, 2 the file cannot be read.",
    )
    found.add_argument("file", help="the YAML or JSON document ('-' reads standard input)")
    found.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    found.add_argument("--profile", choices=PROFILES, help="practice profile (default: the file's)")
    found.add_argument(
        "--today", help="the date time-based rules use, YYYY-MM-DD (default: the file's or today)"
    )
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the linter and return the exit status."""
    from okrs.domain.coach import lint

    args = parser().parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(
            f"okrs lint: --today must be a date written YYYY-MM-DD, not {args.today!r}",
            file=sys.stderr,
        )
        return 2
    if today and not FIRST_DAY <= today <= LAST_DAY:
        print(f"okrs lint: --today must be a date from 1970 to 2200, not {today}", file=sys.stderr)
        return 2
    try:
        # A large document is hundreds of thousands of objects, all alive to the end: the cyclic
        # collector's passes over them would find nothing and cost a quarter of the time.
        with collector_paused():
            document = _read(args.file)
            on = today or document.today or clock.today()
            findings = lint(document, profile=args.profile, today=on)
    except FileNotFoundError:
        print(f"okrs lint: no such file: {args.file}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as error:
        print(f"okrs lint: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    except ImproperlyConfigured as error:
        print(f"okrs lint: {error}", file=sys.stderr)
        return 2
    except DocumentError as error:
        for problem in error.problems:
            print(problem.in_file(args.file), file=sys.stderr)
        return 2
    if args.format == "json":
        rows = [
            {
                "rule": f.rule,
                "severity": f.severity,
                "target": f.target,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in findings
        ]
        print(json.dumps({"findings": rows}, indent=2, ensure_ascii=False))
    else:
        print(render_text(args.file, document, findings))
    return 1 if any(f.severity == "error" for f in findings) else 0


def _read(file: str) -> Document:
    """Return the document of the file, or of standard input for '-', within the file size limit."""
    limit = env_int("OKRS_MAX_IMPORT_BYTES", FILE_BYTES)
    if file != "-":
        return read_document_file(Path(file), limit)
    text = sys.stdin.read(limit + 1)
    if len(text) > limit:
        message = f"past the file size limit (OKRS_MAX_IMPORT_BYTES): {limit:,} bytes at most"
        raise DocumentError([Problem("", message)])
    return read_document(text)


def _groups(document: Document, findings) -> list[tuple[str, list]]:
    """Return the findings grouped under their objective (with its key results) or team."""
    owner = {}
    for objective in document.objectives:
        heading = f"Objective {objective.id}: {objective.title}"
        owner[objective.id] = heading
        for kr in objective.key_results:
            owner[kr.id] = heading
    for team in document.teams:
        owner.setdefault(team.id, f"Team {team.id}: {team.name}")
    groups: dict[str, list] = {}
    for finding in findings:
        groups.setdefault(owner.get(finding.target, f"{finding.target}"), []).append(finding)
    return list(groups.items())


def render_text(name: str, document: Document, findings) -> str:
    """Return the findings for people, by objective, with the reason, a rewrite and the docs."""
    counts = Counter(f.severity for f in findings)
    if not findings:
        return f"{name}: no findings. These OKRs follow the drafting guidelines."
    lines = []
    for heading, group in _groups(document, findings):
        lines.append(heading)
        for f in sorted(group, key=lambda f: SEVERITY_ORDER.get(f.severity, 3)):
            where = f"{name}:{f.line}: " if f.line else ""
            lines.append(f"  {where}{f.severity} [{f.rule}] {f.target}: {f.message}")
            if f.reason:
                lines.append(f"      why: {f.reason}")
            if f.suggestion:
                lines.append(f"      Try: {f.suggestion}")
            lines.append(f"      see: {DOCS}#{f.rule}")
        lines.append("")
    summary = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITY_ORDER
    )
    lines.append(f"{name}: {summary}.")
    return "\n".join(lines)
