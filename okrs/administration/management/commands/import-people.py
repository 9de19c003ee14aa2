"""`okrs import-people FILE --organization SLUG`: people and teams from a CSV or XLSX file.

Exit status: 0 imported (or, with --dry-run, importable), also when invitation e-mails could not
be sent (each named on stderr: the import stands); 1 when rows have problems (one line each,
with row and column; nothing imported); 2 when the file cannot be read at all (missing, too large,
not UTF-8, no e-mail column, ...) or the organisation is unknown.
"""

from argparse import BooleanOptionalAction
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from okrs.administration.orgchart import ImportProblems, import_and_invite, preview
from okrs.domain.orgchart import Plan
from okrs.domain.peoplefile import MAX_FILE_BYTES, FileRefused
from okrs.organizations.models import Organization


def changes(plan: Plan) -> str:
    """Return a one-line account of what the plan changes."""
    counts = [
        f"{n} {what}" for what, n in plan.counts().items() if n and what != "people unchanged"
    ]
    return ", ".join(counts) or "nothing to change"


class Command(BaseCommand):
    help = (
        "Create and update people and teams from a CSV (UTF-8) or XLSX file, all or nothing "
        "(columns: docs/administration.md). Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--organization", required=True, help="The organisation's slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; change nothing."
        )
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="Also deactivate the organisation's active people the file does not list.",
        )
        parser.add_argument(
            "--invite",
            action=BooleanOptionalAction,
            default=False,
            help=(
                "E-mail each person the import creates an invitation to choose a password "
                "(default: --no-invite; people who already exist are never invited)."
            ),
        )

    def handle(self, *args, file, organization, dry_run, deactivate_missing, invite, **options):
        found = Organization.objects.filter(slug=organization).first()
        if found is None:
            raise CommandError(f"No organisation with the slug {organization!r}.", returncode=2)
        data = read_file(file)
        try:
            if dry_run:
                plan = preview(found, data, deactivate_missing=deactivate_missing)
                if plan.problems:
                    raise ImportProblems(plan)
            else:
                applied = import_and_invite(
                    found,
                    data,
                    None,
                    invite=invite,
                    file_name=Path(file).name,
                    deactivate_missing=deactivate_missing,
                    via="with okrs import-people",
                )
                plan = applied.plan
        except FileRefused as error:
            raise CommandError(f"{file}: {error} Nothing was imported.", returncode=2) from None
        except ImportProblems as refused:
            for problem in refused.plan.problems:
                self.stderr.write(f"{file}: {problem}")
            count = len(refused.plan.problems)
            raise CommandError(
                f"{file}: {count} problem{'s' if count > 1 else ''}; nothing was imported.",
                returncode=1,
            ) from None
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {file} into {found.name} ({found.slug}): {changes(plan)}.")
        if not dry_run and invite:
            self._tell_invitations(applied)

    def _tell_invitations(self, applied) -> None:
        """Say how many invitations went out; name each one whose e-mail could not be sent."""
        unsent = applied.unsent()
        self.stdout.write(f"Invitations sent: {len(applied.sent) - len(unsent)}.")
        for sent in unsent:
            self.stderr.write(
                f"The invitation of {sent.invitation.email} is saved but not sent ({sent.problem}):"
                " resend it from the people page."
            )
        if unsent:  # the import is applied; a mail server's failure is no reason to hide it
            self.stderr.write(f"Invitation e-mails not sent: {len(unsent)}.")


def read_file(file: str) -> bytes:
    """Return the file's bytes, refusing a missing or too large file before reading it."""
    path = Path(file)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CommandError(
                f"{file} has {size:,} bytes; at most {MAX_FILE_BYTES:,} (10 MB) are read. "
                "Nothing was imported.",
                returncode=2,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"No such file: {file}.", returncode=2) from None
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.", returncode=2) from None
