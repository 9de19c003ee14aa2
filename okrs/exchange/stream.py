"""Write an organisation's OKRs as YAML a piece at a time, in the same text as dump_yaml."""

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from okrs.domain import document as d
from okrs.domain.writing import _Dumper, document_to_data
from okrs.exchange.backup import read_snapshot
from okrs.exchange.export import export_header, iter_objectives
from okrs.organizations.models import Organization

SECTIONS = ("cycles", "teams", "people", "objectives")
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"


# Distinct scalars whose analysis and tag are remembered: keys, dates and numbers recur.
REMEMBERED = 100_000


class _StreamDumper(_Dumper):
    """dump_yaml's dumper that analyses each distinct scalar once: the same text, sooner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.analysed: dict = {}
        self.resolved: dict = {}

    def analyze_scalar(self, scalar):
        """Return the scalar's analysis, which depends on its text alone."""
        found = self.analysed.get(scalar)
        if found is None:
            if len(self.analysed) >= REMEMBERED:
                self.analysed.clear()
            found = self.analysed[scalar] = super().analyze_scalar(scalar)
        return found

    def resolve(self, kind, value, implicit):
        """Return the node's tag; a scalar's depends on its text and implicitness alone."""
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        found = self.resolved.get(key)
        if found is None:
            if len(self.resolved) >= REMEMBERED:
                self.resolved.clear()
            found = self.resolved[key] = super().resolve(kind, value, implicit)
        return found


def _dumper(stream: TextIO) -> _Dumper:
    """Return a dumper set up as dump_yaml sets up yaml.dump."""
    return _StreamDumper(
        stream, default_flow_style=None, sort_keys=False, allow_unicode=True, width=110
    )


def _emit(dumper: _Dumper, data) -> None:
    """Write one value in place, then forget its nodes so memory does not grow."""
    node = dumper.represent_data(data)
    dumper.anchor_node(node)
    dumper.serialize_node(node, None, None)
    dumper.represented_objects = {}
    dumper.object_keeper = []
    dumper.alias_key = None
    dumper.anchors = {}
    dumper.serialized_nodes = {}


def _item(section: str, item) -> dict:
    """Return one cycle, team, person or objective as the plain data dump_yaml writes for it."""
    alone = d.Document(organization="", **{section: [item]})
    return document_to_data(alone)[section][0]


def write_yaml(document: d.Document, stream: TextIO, **sections: Iterable) -> None:
    """Write the document as dump_yaml would, taking cycles, teams, people and objectives from
    the keyword iterables when given (so they are never all in memory), else from the document.

    A value shared by two items is written out in each rather than as a YAML alias; exported
    documents share none.
    """
    header = document_to_data(replace(document, **{s: [] for s in SECTIONS}))
    dumper = _dumper(stream)
    dumper.open()
    dumper.emit(
        DocumentStartEvent(
            explicit=dumper.use_explicit_start, version=dumper.use_version, tags=dumper.use_tags
        )
    )
    dumper.emit(MappingStartEvent(None, MAP, True, flow_style=False))
    for key, value in header.items():
        _emit(dumper, key)
        if key not in SECTIONS:
            _emit(dumper, value)
            continue
        items = iter(sections.get(key, getattr(document, key)))
        first = next(items, None)
        if first is None:
            _emit(dumper, [])
            continue
        dumper.emit(SequenceStartEvent(None, SEQ, True, flow_style=False))
        _emit(dumper, _item(key, first))
        for item in items:
            _emit(dumper, _item(key, item))
        dumper.emit(SequenceEndEvent())
    dumper.emit(MappingEndEvent())
    dumper.emit(DocumentEndEvent(explicit=dumper.use_explicit_end))
    dumper.close()


def export_yaml(organization: Organization, stream: TextIO) -> None:
    """Write the organisation's OKRs-as-code document to the stream, objectives chunk by chunk.

    Every chunk is read from the same moment of the database, as if the document were read whole.
    """
    with read_snapshot():
        document, handles = export_header(organization)
        write_yaml(document, stream, objectives=iter_objectives(organization, handles))


def export_to_file(organization: Organization, path: str | os.PathLike) -> None:
    """Write the document to a file, replacing it only once the whole document is written."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8") as stream:
            export_yaml(organization, stream)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
