"""`okrs deliver-webhooks`: send the queued webhook deliveries, once or until stopped."""

import math
import signal
import threading
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from okrs.objectives.actions import purge_deleted
from okrs.webhooks.delivery import deliver_due

BATCH = 100
PURGE_EVERY = 3600.0


def summary(outcomes: Counter) -> str:
    """Return a one-line account of a delivery run."""
    return (
        f"Webhook deliveries: {outcomes['delivered']} delivered, "
        f"{outcomes['retrying']} to retry, {outcomes['failed']} failed."
    )


class Command(BaseCommand):
    help = "Send due webhook deliveries once, or keep sending them with --forever."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forever",
            action="store_true",
            help="Keep running until SIGTERM or SIGINT (Ctrl-C).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to wait between runs with --forever (default 5).",
        )

    def handle(self, *args, forever, interval, **options):
        if not 0 < interval < math.inf:
            raise CommandError(
                f"--interval must be a positive number of seconds, not {interval}.", returncode=2
            )
        if not forever:
            self.stdout.write(summary(deliver_due(limit=BATCH)))
            return
        stop = threading.Event()
        previous = {
            number: signal.signal(number, lambda *_: stop.set())
            for number in (signal.SIGTERM, signal.SIGINT)
        }
        self.stdout.write(f"Sending webhook deliveries every {interval:g} s; stop with Ctrl-C.")
        next_purge = 0.0
        try:
            while not stop.is_set():
                next_purge = self._purge_when_due(next_purge)
                if self._run_once(stop) < BATCH:
                    stop.wait(interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.stdout.write("Stopped.")

    def _purge_when_due(self, due: float) -> float:
        """Purge the trash older than 30 days at most once an hour; return the next time."""
        if time.monotonic() < due:
            return due
        try:
            purged = purge_deleted()
            if any(purged.values()):
                self.stdout.write(f"Purged from Deleted OKRs: {purged}.")
        except DatabaseError as error:
            self.stderr.write(f"Database unavailable, purging later: {error}")
        return time.monotonic() + PURGE_EVERY

    def _run_once(self, stop: threading.Event) -> int:
        """Send up to a batch, one delivery at a time so that a stop is prompt; return the count."""
        close_old_connections()
        outcomes: Counter = Counter()
        try:
            while not stop.is_set() and outcomes.total() < BATCH:
                sent = deliver_due(limit=1)
                if not sent:
                    break
                outcomes += sent
        except DatabaseError as error:
            self.stderr.write(f"Database unavailable, trying again: {error}")
        if outcomes:
            self.stdout.write(summary(outcomes))
        return outcomes.total()
