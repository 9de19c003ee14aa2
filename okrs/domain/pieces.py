"""Read a large YAML document one section item at a time, so its node tree is never whole."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO

import yaml
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from okrs.domain.limits import Refused
from okrs.domain.loader import Loader
from okrs.domain.reading import Data, FieldPath, Lines, Problem, _lines


class NotInPieces(Exception):
    """The document cannot be read in pieces: read it whole instead, unless it is too long.

    Carries how many nodes were read, and the problems or the YAML error found on the way.
    """

    def __init__(
        self, problems: Iterable[Problem] = (), nodes: int = 0, error: yaml.YAMLError | None = None
    ) -> None:
        super().__init__(*problems)
        self.problems = list(problems)
        self.nodes = nodes
        self.error = error


# Reads one item of a section: (item data, path, lines of the item and the top level) -> kept.
ReadSectionItem = Callable[[Any, FieldPath, Lines], Any]


def read_in_pieces(
    text: str | BinaryIO,
    sections: Mapping[str, ReadSectionItem],
    top_lines: Lines,
    known: set[str],
) -> tuple[Data, dict[str, list[Any]], int]:
    """Return the top-level mapping with each section's items read by its function, and the
    number of nodes read.

    The text may be a binary file, which is then read from the disk as parsing goes.

    Each function takes (item data, path, lines of the item and the top level) and returns what
    the section keeps; the item's data and nodes are dropped at once. top_lines receives the line
    of every top-level path. The value of a key not known is read but not kept: None stands for
    it. Raises Refused when the document is past a limit or gives a key twice, and NotInPieces
    when it is not a plain mapping or not valid YAML.
    """
    loader = Loader(text)
    try:
        loader.get_event()  # the stream's start
        if not loader.check_event(DocumentStartEvent):
            raise NotInPieces
        loader.get_event()
        if not loader.check_event(MappingStartEvent):
            raise NotInPieces
        start: Any = loader.peek_event()
        if start.anchor is not None or start.tag not in (None, "!"):
            raise NotInPieces
        loader.start_part(0)
        loader.enter()
        top_lines[()] = start.start_mark.line + 1
        top: dict[str, Any] = {}
        read: dict[str, list[Any]] = {}
        while not loader.check_event(MappingEndEvent):
            loader.start_part(1)
            key_node = loader.compose_node(None, None)
            key = loader.construct_document(key_node)
            if not isinstance(key, str) or key != key_node.value or key == "<<":
                raise NotInPieces
            if key in top:
                raise _twice(key, key_node, top_lines[(key,)])
            event = loader.peek_event()
            try:
                if key in sections and isinstance(event, SequenceStartEvent) and not event.anchor:
                    loader.enter()
                    read[key] = _items(loader, key, sections[key], top_lines)
                    top[key] = []
                elif key in known:
                    node = loader.compose_node(None, None)
                    top[key] = loader.construct_document(node)
                    _lines(node, (key,), top_lines)
                else:
                    loader.compose_node(None, None)
                    top[key] = None
            except Refused as error:
                raise error.within(key) from None
            top_lines[(key,)] = key_node.start_mark.line + 1
        loader.get_event()  # the mapping's end
        loader.get_event()  # the document's end
        if not loader.check_event(StreamEndEvent):
            raise NotInPieces
        return top, read, loader.nodes
    except Refused:
        raise
    except yaml.YAMLError as error:
        raise NotInPieces(nodes=loader.nodes, error=error) from error
    finally:
        loader.dispose()


def _twice(key: str, node: yaml.Node, first: int) -> Refused:
    """Return the error of a top-level key given twice, as the whole document's reading says it."""
    message = f"the field {key!r} is given twice in one mapping (first on line {first})"
    return Refused(message, node.start_mark).within(key)


def _items(loader: Loader, key: str, read: ReadSectionItem, top_lines: Lines) -> list[Any]:
    found: list[Any] = []
    try:
        while not loader.check_event(SequenceEndEvent):
            loader.start_part(2)
            node = loader.compose_node(None, None)
            path = (key, len(found))
            item_lines = _lines(node, path)
            found.append(read(loader.construct_document(node), path, item_lines))
    except Refused as error:
        raise error.within(len(found)) from None
    loader.get_event()
    return found
