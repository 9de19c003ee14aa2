"""Collecting static files only when they changed: a restart of okrs serve skips the work."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

STAMP = ".okrs-collected"
IGNORED = ["CVS", ".*", "*~"]  # collectstatic's default ignore patterns


def static_fingerprint() -> str:
    """Return a digest of every static file the finders see: its name, size and time."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for name, storage in sorted(finder.list(IGNORED), key=lambda found: found[0]):
            stat = Path(storage.path(name)).stat()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> bool:
    """Collect and compress the static files unless the same ones already are; tell if it ran."""
    stamp = Path(settings.STATIC_ROOT) / STAMP
    fingerprint = static_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True
