"""`okrs purge-deleted`: delete for good what has been in Deleted OKRs for more than 30 days."""

from django.core.management.base import BaseCommand

from okrs.objectives.actions import purge_deleted


def summary(counts: dict[str, int]) -> str:
    """Return a one-line account of a purge."""
    return "Purged " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "."


class Command(BaseCommand):
    help = "Delete for good the objectives and key results deleted more than 30 days ago."

    def handle(self, *args, **options):
        self.stdout.write(summary(purge_deleted()))
