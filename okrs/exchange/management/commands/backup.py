"""`okrs backup FILE [--organization SLUG]`: write a consistent snapshot of organisations."""

from django.core.management.base import BaseCommand, CommandError

from okrs.exchange.backup import BackupError, write_backup
from okrs.exchange.management.commands.export import pick_organization


class Command(BaseCommand):
    help = (
        "Write a consistent backup of one organisation or all of them: every row, and each "
        "organisation's OKRs as a readable document (gzip-compressed when FILE ends in .gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. okrs-backup.json.gz.")
        parser.add_argument(
            "--organization", help="The organisation's slug; every organisation when left out."
        )

    def handle(self, *args, file, organization, **options):
        chosen = pick_organization(organization) if organization else None
        try:
            counts = write_backup(file, chosen)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        what = f"the organisation {chosen.slug}" if chosen else "every organisation"
        self.stdout.write(
            f"Backed up {what}: {sum(counts.values())} rows of "
            f"{sum(1 for n in counts.values() if n)} kinds to {file}."
        )
