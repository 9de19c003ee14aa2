"""`okrs restore FILE`: restore a backup into an empty database, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from okrs.exchange.backup import BackupError, read_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup written by `okrs backup` into a database that holds none of its rows "
        "(run `okrs migrate` first); all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file (.json or .json.gz).")

    def handle(self, *args, file, **options):
        try:
            backup = read_backup(file)
            counts = restore_backup(backup)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.", returncode=2) from error
        slugs = ", ".join(o["slug"] for o in backup.get("organizations", [])) or "no organisation"
        self.stdout.write(
            f"Restored {slugs} from {file} (backed up {backup.get('created_at', '?')} with okrs "
            f"{backup.get('okrs_version', '?')}): {sum(counts.values())} rows. "
            "Everyone signs in again: sessions are not part of a backup."
        )
