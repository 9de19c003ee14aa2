"""`okrs pull-sources`: read every key result source that is due, once."""

from django.core.management.base import BaseCommand

from okrs import clock
from okrs.sources.pull import pull_due


class Command(BaseCommand):
    help = "Read every HTTP and SQL key result source that is due, once, and record the readings."

    def handle(self, *args, **options):
        summary = pull_due(clock.now())
        for error in summary.errors:
            self.stderr.write(error)
        self.stdout.write(str(summary))
