"""Read a large YAML document one section item at a time, so its node tree is never whole."""

from collections.abc import Callable
from typing import Any, BinaryIO

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from okrs.domain.reading import FieldPath, Lines, _lines

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None  # type: ignore[assignment, misc]

# Scalars whose implicit tag is remembered; the same keys, dates and numbers recur throughout.
RESOLVED_LIMIT = 100_000


class _Resolving(Resolver):
    """Resolves each distinct plain scalar's tag once."""

    def __init__(self) -> None:
        super().__init__()
        self.resolved: dict[tuple[Any, Any], str] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        """Return the tag of the node, remembering it for scalars."""
        if kind is not ScalarNode:
            resolved: str = super().resolve(kind, value, implicit)
            return resolved
        key = (value, implicit)
        tag = self.resolved.get(key)
        if tag is None:
            if len(self.resolved) >= RESOLVED_LIMIT:
                self.resolved.clear()
            tag = self.resolved[key] = super().resolve(kind, value, implicit)
        return tag


if CParser is not None:

    class _Loader(CParser, Composer, SafeConstructor, _Resolving):
        """libyaml's events, composed node by node in Python."""

        def __init__(self, text: str | BinaryIO) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            _Resolving.__init__(self)

else:  # pragma: no cover

    class _Loader(yaml.SafeLoader, _Resolving):  # type: ignore[no-redef]
        """PyYAML's own parser, composed node by node."""

        def __init__(self, text: str | BinaryIO) -> None:
            yaml.SafeLoader.__init__(self, text)
            _Resolving.__init__(self)


class NotInPieces(Exception):
    """The document is not a plain top-level mapping: read it whole instead."""


# Reads one item of a section: (item data, path, lines of the item and the top level) -> kept.
ReadSectionItem = Callable[[Any, FieldPath, Lines], Any]


def read_in_pieces(
    text: str | BinaryIO, sections: dict[str, ReadSectionItem], top_lines: Lines
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Return the top-level mapping with each section's items read by its function.

    The text may be a binary file, which is then read from the disk as parsing goes.

    Each function takes (item data, path, lines of the item and the top level) and returns what
    the section keeps; the item's data and nodes are dropped at once. top_lines receives the line
    of every top-level path. Raises NotInPieces when the document is not a plain mapping with
    distinct keys, and yaml.YAMLError when it is not valid YAML.
    """
    # Typed loosely: PyYAML's stubs miss how its composer is driven (compose_node(None, None)).
    loader: Any = _Loader(text)
    try:
        loader.get_event()  # the stream's start
        if not loader.check_event(DocumentStartEvent):
            raise NotInPieces
        loader.get_event()
        if not loader.check_event(MappingStartEvent):
            raise NotInPieces
        start = loader.get_event()
        if start.anchor is not None or start.tag not in (None, "!"):
            raise NotInPieces
        top_lines[()] = start.start_mark.line + 1
        top: dict[str, Any] = {}
        read: dict[str, list[Any]] = {}
        while not loader.check_event(MappingEndEvent):
            key_node = loader.compose_node(None, None)
            key = loader.construct_document(key_node)
            if not isinstance(key, str) or key != key_node.value or key in top or key == "<<":
                raise NotInPieces
            event = loader.peek_event()
            if key in sections and isinstance(event, SequenceStartEvent) and not event.anchor:
                loader.get_event()
                read[key] = _items(loader, key, sections[key], top_lines)
                top[key] = []
            else:
                node = loader.compose_node(None, None)
                top[key] = loader.construct_document(node)
                _lines(node, (key,), top_lines)
            top_lines[(key,)] = key_node.start_mark.line + 1
        loader.get_event()  # the mapping's end
        loader.get_event()  # the document's end
        if not loader.check_event(StreamEndEvent):
            raise NotInPieces
        return top, read
    finally:
        loader.dispose()


def _items(loader: Any, key: str, read: ReadSectionItem, top_lines: Lines) -> list[Any]:
    found: list[Any] = []
    while not loader.check_event(SequenceEndEvent):
        node = loader.compose_node(None, None)
        path = (key, len(found))
        item_lines = _lines(node, path)
        found.append(read(loader.construct_document(node), path, item_lines))
    loader.get_event()
    return found
