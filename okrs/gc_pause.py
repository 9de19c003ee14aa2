"""Pausing Python's cyclic garbage collector while a request builds a large graph of rows.

Building the tree of thousands of objectives allocates hundreds of thousands of objects that all
stay alive until the response is written; the collector's passes over them find nothing to free
and cost a third of the page's CPU. Reference counting still frees everything as usual.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # requests inside collector_paused(); the collector runs again when none is left
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector in this block; concurrent blocks share one pause."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
