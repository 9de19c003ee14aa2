"""Database routing: dashboards and the alignment tree may read from an optional replica."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def replica_configured() -> bool:
    """Return whether a read replica is configured."""
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Send the reads inside the block to the replica, when one is configured."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    """Serve a read-only view's queries from the replica, when one is configured."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Route marked reads to the replica; everything else, and every write, to the primary."""

    def db_for_read(self, model, **hints):
        """Return the replica inside replica_reads(), else the primary."""
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        """Return the primary: the replica is read-only."""
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        """Allow relations: both aliases hold the same data."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """Migrate the primary only; the replica follows it by replication."""
        return db == "default"
