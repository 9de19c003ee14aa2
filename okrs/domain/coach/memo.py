"""Findings kept by what they were computed from, so an unchanged objective is read once."""

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from operator import attrgetter
from threading import Lock
from typing import Any

from okrs.domain.coach.findings import Finding

LIMIT = 20_000  # objectives remembered (about 4 KB each); past it the memory starts afresh

Key = tuple[Any, ...]

_kept: dict[Key, list[Finding]] = {}
_lock = Lock()


def snapshot(value: Any) -> Any:
    """Return a hashable copy of a document part: every field, nested parts and lists included."""
    kind: Any = type(value)
    reads = _reader(kind)
    if reads is None:
        return tuple(map(snapshot, value)) if isinstance(value, list) else value
    return reads(value)


@cache
def _reader(kind: Any) -> Callable[[Any], Key] | None:
    """Return what copies every field of a document part at once, None for plain values."""
    if not is_dataclass(kind):
        return None
    plain = [f.name for f in fields(kind) if f.default_factory is not list]
    listed = [f.name for f in fields(kind) if f.default_factory is list]
    read_plain = attrgetter(*plain)

    def read(value: Any) -> Key:
        lists = [tuple(map(snapshot, getattr(value, name))) for name in listed]
        return (kind, read_plain(value), *lists)

    return read


def remembered(key: Key, compute: Callable[[], list[Finding]]) -> list[Finding]:
    """Return the findings kept under the key, computing and keeping them the first time."""
    try:
        found = _kept.get(key)
    except TypeError:  # a part holding something unhashable is computed every time
        return compute()
    if found is None:
        found = compute()
        with _lock:
            if len(_kept) >= LIMIT:
                _kept.clear()
            _kept[key] = found
    return list(found)


def forget() -> None:
    """Drop every kept finding."""
    with _lock:
        _kept.clear()
