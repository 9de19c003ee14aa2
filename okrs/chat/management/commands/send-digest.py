"""`okrs send-digest`: send this week's digests, once a week whatever how often it runs."""

from django.core.management.base import BaseCommand, CommandError

from okrs import clock
from okrs.chat.digest import send_weekly_digests


class Command(BaseCommand):
    """Send the weekly digests of every organisation that are not sent yet this week."""

    help = (
        "E-mail the weekly digest to each person who asked for it and post each team's to its "
        "chat channel. Safe to run often: each digest goes out once a week."
    )

    def handle(self, *args, **options):
        summary = send_weekly_digests(clock.now())
        for failure in summary.failures:
            self.stderr.write(failure)
        self.stdout.write(summary.describe())
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} digest(s) could not be sent.")
