"""`okrs serve`: migrate, optionally load the demo, and serve with gunicorn."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

import okrs
from okrs.organizations.models import Organization
from okrs.web.static_files import collect_static


class Command(BaseCommand):
    help = "Migrate the database and serve okrs with a production-grade server (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to bind (default 127.0.0.1)."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to bind (default 8000).")
        parser.add_argument("--workers", type=int, default=2, help="Worker processes (default 2).")
        parser.add_argument(
            "--threads", type=int, default=4, help="Threads per worker (default 4)."
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Load the demo when the database is empty, and again once its quarters are past.",
        )
        parser.add_argument(
            "--no-worker",
            "--no-webhooks",
            dest="no_worker",
            action="store_true",
            help="Do not start the background worker (okrs worker) beside the web server.",
        )

    def handle(self, *args, host, port, workers, threads, demo, no_worker, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.", returncode=2)
        for option, value in (("--workers", workers), ("--threads", threads)):
            if value < 1:
                raise CommandError(f"{option} must be at least 1, not {value}.", returncode=2)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        collect_static()
        if demo and settings.PRODUCTION:
            self.stderr.write("Not loading the demo: OKRS_ENV is production.")
        elif demo:
            call_command("demo", if_empty=True, refresh=True)
            if not settings.PRODUCTION and Organization.objects.filter(slug="demo").exists():
                self.stdout.write("Demo sign-in: admin@example.com / okrs-demo")
        database = settings.DATABASES["default"]
        self.stdout.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        self.stdout.write(self.style.SUCCESS(f"Serving okrs at http://{host}:{port}/"))
        sys.stdout.flush()
        command = [
            *python(), "okrs.web.gunicorn_server", "okrs.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--graceful-timeout", "10",
        ]  # fmt: skip
        if no_worker:
            os.execv(command[0], command)
        worker = subprocess.Popen([*python(), "okrs.cli", "worker"])
        server = subprocess.Popen(command)

        def stop(signum, frame):
            server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            code = server.wait()
        finally:
            worker.terminate()
            worker.wait(timeout=15)
        sys.exit(code)


def python() -> list[str]:
    """Return the command that runs a module of okrs without the working directory on the import
    path (-P): a `concurrent.py` there would be imported instead of the standard library's.

    When okrs itself is imported from the working directory, that directory is named instead.
    """
    root = Path(okrs.__file__).resolve().parent.parent
    if root == Path.cwd().resolve():
        paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        os.environ["PYTHONPATH"] = os.pathsep.join([*paths, str(root)])
    return [sys.executable, "-P", "-m"]
