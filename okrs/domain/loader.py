"""The YAML loader of documents from outside: safe tags only, within the limits, one reading only.

libyaml parses (from the disk when given a file); the nodes are composed here, counting them as
they come, so a document past a limit is refused before it costs more than the limit. A key given
twice in one mapping is refused rather than read as the last one, and an impossible date or a
number too long to convert is left as its text for the reader to name with its line and field.
"""

from collections.abc import Callable
from datetime import date
from typing import Any, BinaryIO, TypeVar

from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from okrs.domain.limits import (
    ALIAS_NODES,
    DEPTH,
    DOCUMENT_NODES,
    HELD_NODES,
    STRING,
    Refused,
    over,
)

try:
    from yaml.cyaml import CParser as _Parsing  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parsing(Reader, Scanner, Parser):  # type: ignore[no-redef]
        """PyYAML's own parser, where libyaml is missing."""

        def __init__(self, stream: str | BinaryIO) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


# Scalars whose implicit tag is remembered; the same keys, dates and numbers recur throughout.
RESOLVED_LIMIT = 100_000
# Only short scalars are remembered: keys, dates, numbers and ids repeat, notes do not.
RESOLVED_LENGTH = 64
# Digits past which a number is left as text: Python's int() refuses 4,300, and a sexagesimal
# number (1:20:30) costs quadratic time in its length.
NUMBER_LENGTH = 100

# Whether a tag may be resolved: a scalar's (when plain, when quoted), or a collection's.
_Implicit = bool | tuple[bool, bool]
# A list or a mapping node, as _Composing._open makes it.
_Collection = TypeVar("_Collection", SequenceNode, MappingNode)


class _Resolving(Resolver):
    """Resolves each distinct short plain scalar's tag once."""

    def __init__(self) -> None:
        super().__init__()
        self.resolved: dict[tuple[str, _Implicit], str] = {}

    def resolve(self, kind: type[Node], value: str | None, implicit: _Implicit) -> str:
        """Return the tag of the node, remembering it for short scalars."""
        if kind is not ScalarNode or value is None or len(value) > RESOLVED_LENGTH:
            found: str = super().resolve(kind, value, implicit)  # PyYAML's resolver is untyped
            return found
        key = (value, implicit)
        tag = self.resolved.get(key)
        if tag is None:
            if len(self.resolved) >= RESOLVED_LIMIT:
                self.resolved.clear()
            tag = self.resolved[key] = super().resolve(kind, value, implicit)
        return tag


class _Constructing(SafeConstructor):
    """The safe constructor, leaving impossible dates and over-long numbers as their text."""

    # Each may return the scalar's text, which PyYAML's own constructors never do.

    def construct_yaml_timestamp(self, node: ScalarNode) -> date | str:  # type: ignore[override]
        """Return the date or time, or the text of an impossible one (2027-02-30)."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            text: str = node.value
            return text

    def construct_yaml_int(self, node: ScalarNode) -> int | str:  # type: ignore[override]
        """Return the whole number, or the text of one too long to convert."""
        text: str = node.value
        if len(text) > NUMBER_LENGTH:
            return text
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: ScalarNode) -> float | str:  # type: ignore[override]
        """Return the number, or the text of one too long to convert."""
        text: str = node.value
        if len(text) > NUMBER_LENGTH:
            return text
        return super().construct_yaml_float(node)

    yaml_constructors = {
        **SafeConstructor.yaml_constructors,
        "tag:yaml.org,2002:timestamp": construct_yaml_timestamp,
        "tag:yaml.org,2002:int": construct_yaml_int,
        "tag:yaml.org,2002:float": construct_yaml_float,
    }


class _Composing(Composer):
    """Composes nodes while counting them against the limits (see okrs/domain/limits.py)."""

    # The parser's, which the loader combines with this.
    get_event: Callable[[], Any]
    peek_event: Callable[[], Any]
    check_event: Callable[..., bool]

    def __init__(self) -> None:
        super().__init__()
        self.nodes = 0  # in the document so far, an alias counting as the nodes it stands for
        self.aliased = 0  # nodes the aliases so far stand for
        self.sizes: dict[str, int] = {}  # nodes each anchored node holds, once composed
        self.depth = 0
        self.anchoring = 0  # anchored nodes being composed
        self.kept = 0  # nodes of anchored nodes, alive as long as the document
        self.part = 0  # where the nodes of the part being read start
        self.stop = HELD_NODES

    def start_part(self, depth: int) -> None:
        """Start counting the nodes held at once afresh: the last part's nodes are dropped."""
        self.depth = depth
        self.part = self.nodes
        self.stop = min(DOCUMENT_NODES, self.nodes - self.kept + HELD_NODES)

    def enter(self) -> None:
        """Consume the start of a mapping or list read a piece at a time, counting it."""
        self._count(1, self.get_event().start_mark)
        self.depth += 1

    def _count(self, nodes: int, mark: Mark | None) -> None:
        self.nodes += nodes
        if self.nodes > self.stop:
            raise over("nodes" if self.nodes > DOCUMENT_NODES else "nodes at once", mark)

    def compose_node(self, parent: Node | None, index: Node | int | None) -> Node:
        """Return the next node, refusing it past a limit."""
        event = self.peek_event()
        if event.__class__ is AliasEvent:
            return self._alias(self.get_event())
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                raise ComposerError(
                    f"found duplicate anchor {anchor!r}; first occurrence",
                    self.anchors[anchor].start_mark,
                    "second occurrence",
                    event.start_mark,
                )
            self.anchoring += 1
            start = self.nodes
        node: Node
        if event.__class__ is ScalarEvent:
            node = self.compose_scalar_node(anchor)
        elif event.__class__ is MappingStartEvent:
            node = self.compose_mapping_node(anchor)
        else:
            node = self.compose_sequence_node(anchor)
        if anchor is not None:
            self.anchoring -= 1
            self.sizes[anchor] = size = self.nodes - start
            if not self.anchoring:
                self.kept += size
        return node

    def _alias(self, event: Any) -> Node:  # an AliasEvent, as the parser's untyped events come
        anchor = event.anchor
        size = self.sizes.get(anchor)
        if size is None:
            if anchor in self.anchors:
                raise Refused(
                    f"the alias *{anchor} lies inside the node it names", event.start_mark
                )
            raise ComposerError(None, None, f"found undefined alias {anchor!r}", event.start_mark)
        self.aliased += size
        if self.aliased > ALIAS_NODES:
            raise over("aliases", event.start_mark)
        self._count(size, event.start_mark)
        return self.anchors[anchor]

    # The stubs give the anchor of compose_*_node as a dict: it is the anchor's name, or None.

    def compose_scalar_node(self, anchor: str | None) -> ScalarNode:  # type: ignore[override]
        """Return the next value as a node, refusing an over-long one."""
        event = self.get_event()
        value = event.value
        if len(value) > STRING:
            raise over("string length", event.start_mark)
        self.nodes += 1
        if self.nodes > self.stop:
            self._count(0, event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(ScalarNode, value, event.implicit)  # type: ignore[attr-defined]
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def _open(self, kind: type[_Collection], anchor: str | None) -> _Collection:
        start = self.get_event()
        self.nodes += 1
        if self.nodes > self.stop:
            self._count(0, start.start_mark)
        self.depth += 1
        if self.depth > DEPTH:
            raise over("depth", start.start_mark)
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(kind, None, start.implicit)  # type: ignore[attr-defined]
        node = kind(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def compose_sequence_node(self, anchor: str | None) -> SequenceNode:  # type: ignore[override]
        """Return the next list as a node."""
        node = self._open(SequenceNode, anchor)
        items = node.value
        try:
            while not self.check_event(SequenceEndEvent):
                items.append(self.compose_node(node, None))
        except Refused as error:
            raise error.within(len(items)) from None
        node.end_mark = self.get_event().end_mark
        self.depth -= 1
        return node

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:  # type: ignore[override]
        """Return the next mapping as a node, refusing a key given twice."""
        node = self._open(MappingNode, anchor)
        pairs = node.value
        seen: set[str] = set()
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            if key.__class__ is ScalarNode:
                name = key.value
                if name in seen:
                    first = next(k for k, _ in pairs if k.value == name)
                    raise Refused(
                        f"the field {key.value!r} is given twice in one mapping "
                        f"(first on line {first.start_mark.line + 1})",
                        key.start_mark,
                    ).within(key.value)
                seen.add(name)
            try:
                value = self.compose_node(node, key)
            except Refused as error:
                raise error.within(key.value if key.__class__ is ScalarNode else "?") from None
            pairs.append((key, value))
        node.end_mark = self.get_event().end_mark
        self.depth -= 1
        return node


class Loader(_Parsing, _Composing, _Constructing, _Resolving):
    """libyaml's events, composed node by node within the limits, constructed safely."""

    def __init__(self, source: str | BinaryIO) -> None:
        _Parsing.__init__(self, source)
        _Composing.__init__(self)
        _Constructing.__init__(self)
        _Resolving.__init__(self)

    def document_node(self) -> Node | None:
        """Return the root node of the stream's single document, or None when it is empty."""
        self.get_event()  # the stream's start
        node: Node | None = None
        if not self.check_event(StreamEndEvent):
            self.get_event()  # the document's start
            self.start_part(0)
            node = self.compose_node(None, None)
            self.get_event()  # the document's end
        if not self.check_event(StreamEndEvent):
            event: Any = self.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                node.start_mark if node else None,
                "but found another document",
                event.start_mark,
            )
        return node
