"""`okrs deliver-webhooks`: send the queued webhook deliveries once; `okrs worker` keeps sending."""

import math
from collections import Counter

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from okrs.webhooks.delivery import deliver_due

BATCH = 100


def summary(outcomes: Counter) -> str:
    """Return a one-line account of a delivery run."""
    return (
        f"Webhook deliveries: {outcomes['delivered']} delivered, "
        f"{outcomes['retrying']} to retry, {outcomes['failed']} failed."
    )


class Command(BaseCommand):
    help = (
        "Send due webhook deliveries once. --forever is replaced by `okrs worker`, which it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--forever",
            action="store_true",
            help="Replaced by `okrs worker`: runs the worker, with all its jobs, until stopped.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="With --forever: seconds between looks at the schedule (default 1).",
        )

    def handle(self, *args, forever, interval, **options):
        if not 0 < interval < math.inf:
            raise CommandError(
                f"--interval must be a positive number of seconds, not {interval}.", returncode=2
            )
        if not forever:
            self.stdout.write(summary(deliver_due(limit=BATCH)))
            return
        self.stderr.write(
            "okrs deliver-webhooks --forever is replaced by okrs worker, which also sends "
            "reminders and purges the trash; running it now."
        )
        call_command("worker", interval=interval, stdout=self.stdout, stderr=self.stderr)
