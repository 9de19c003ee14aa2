"""`okrs worker`: run the background jobs (webhooks, reminders, the trash purge) until stopped."""

import math
import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from okrs.worker.runner import run_forever, run_once
from okrs.worker.schedule import JOBS


def run_until_signalled(interval: float) -> None:
    """Run the worker loop until SIGTERM or SIGINT, then finish the task in hand and return."""
    stop = threading.Event()
    previous = {
        number: signal.signal(number, lambda *_: stop.set())
        for number in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        run_forever(stop, interval)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Command(BaseCommand):
    help = (
        "Run the scheduled background jobs: webhook deliveries, check-in reminders, the trash "
        "purge and the others of the schedule. Any number of workers may share a database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Start the jobs due now, run every waiting task, and exit (for cron or tests).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at the schedule and the queue (default 1).",
        )

    def handle(self, *args, once, interval, **options):
        if not 0 < interval < math.inf:
            raise CommandError(
                f"--interval must be a positive number of seconds, not {interval}.", returncode=2
            )
        if once:
            started = run_once()
            self.stdout.write(f"Started: {', '.join(started) or 'nothing was due'}.")
            return
        names = ", ".join(job.name for job in JOBS)
        self.stdout.write(f"Worker running the jobs {names}; stop with Ctrl-C.")
        self.stdout.flush()
        run_until_signalled(interval)
        self.stdout.write("Stopped.")
