"""The export streams: chunk by chunk, a bounded number of queries, the same text as before."""

import io
import math
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.domain.okrfile import read_document
from okrs.domain.writing import dump_yaml
from okrs.exchange import export
from okrs.exchange.export import export_document
from okrs.exchange.importer import import_document
from okrs.exchange.stream import export_yaml
from okrs.objectives.actions import (
    add_contributor,
    align,
    delete_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.models import Objective
from okrs.organizations.models import Organization, Person

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

HEADER_QUERIES = 6  # cycles, teams, people, memberships, KPIs, their readings
# objectives, alignments, contributions, key results, check-ins, initiatives, the KPIs responded
# to, sources
CHUNK_QUERIES = 8
SNAPSHOT_QUERIES = 2  # the savepoint the one-moment read opens and releases inside a test


def streamed(organization) -> str:
    """Return the organisation's document as the export command writes it."""
    out = io.StringIO()
    export_yaml(organization, out)
    return out.getvalue()


def build(world, count: int) -> list[Objective]:
    """Give Acme count objectives that align, share, link and check in across chunk borders."""
    company = world.objective(team=world.company, title="Be trusted", cycle=world.annual)
    objectives = [company]
    for n in range(1, count):
        team = world.growth if n % 2 else world.support
        objective = world.objective(team=team, title=f"Win donors in region {n}")
        align(objective, objectives[n // 2] if n > 1 else company)
        if n % 3 == 0:
            add_contributor(objective, world.support if team == world.growth else world.growth)
        kr = objective.key_results.get(position=0)
        record_check_in(kr, 20000 + n, 6, author=world.alice, progress_note=f"Week {n}")
        record_check_in(kr, 21000 + n, 7, author=world.bob, problems_note="Rain\nand wind")
        objectives.append(objective)
    link_key_result(company.key_results.get(position=1), objectives[-1])
    return objectives


@pytest.mark.parametrize("count", [7, 6])
def test_every_chunk_size_writes_the_same_text(world, monkeypatch, count):
    build(world, count)
    whole = dump_yaml(export_document(world.org))
    assert streamed(world.org) == whole
    for size in (1, 3, count, count + 1):
        monkeypatch.setattr(export, "CHUNK", size)
        assert streamed(world.org) == whole, size
    assert whole.count("\n  - id: O") == count
    assert whole.count("author: alice") == count - 1


def test_streamed_export_round_trips_through_an_empty_organisation(world, monkeypatch):
    build(world, 7)
    monkeypatch.setattr(export, "CHUNK", 3)
    first = streamed(world.org)
    Organization.objects.filter(pk=world.org.pk).delete()
    organization, counts = import_document(read_document(first))
    assert counts["objectives created"] == 7
    assert counts["check-ins created"] == 12
    assert streamed(organization) == first


@pytest.mark.parametrize("count,size", [(7, 3), (6, 3), (7, 50)])
def test_queries_are_fixed_per_chunk(world, monkeypatch, count, size):
    build(world, count)
    monkeypatch.setattr(export, "CHUNK", size)
    chunks = math.ceil(count / size)
    empty_last_read = 1 if count % size == 0 else 0
    with CaptureQueriesContext(connection) as queries:
        streamed(world.org)
    expected = SNAPSHOT_QUERIES + HEADER_QUERIES + CHUNK_QUERIES * chunks + empty_last_read
    assert len(queries) == expected


def test_deleted_objectives_and_links_to_them_are_left_out(world, monkeypatch):
    objectives = build(world, 5)
    delete_objective(objectives[-1])
    monkeypatch.setattr(export, "CHUNK", 2)
    text = streamed(world.org)
    assert text == dump_yaml(export_document(world.org))
    document = read_document(text)
    assert [o.id for o in document.objectives] == [objective_id(o) for o in objectives[:-1]]
    assert all(kr.linked_objective is None for o in document.objectives for kr in o.key_results)


def objective_id(objective: Objective) -> str:
    """Return the objective's id in files."""
    return objective.ref or f"O{objective.pk}"


def test_demo_organisation_streams_as_it_dumps(db, monkeypatch):
    from okrs.demo.loader import load_demo

    organization = load_demo(today=date(2026, 11, 23))
    whole = dump_yaml(export_document(organization))
    monkeypatch.setattr(export, "CHUNK", 4)
    first = streamed(organization)
    assert first == whole
    Organization.objects.filter(pk=organization.pk).delete()
    Person.objects.filter(organization__isnull=True).delete()
    imported, _ = import_document(read_document(first))
    assert streamed(imported) == first


def test_export_command_leaves_no_partial_file(world, tmp_path):
    build(world, 3)
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export", str(tmp_path / "missing" / "okrs.yaml"))
    path = tmp_path / "okrs.yaml"
    path.write_text("old")
    call_command("export", str(path))
    assert path.read_text() == streamed(world.org)
    assert [p.name for p in tmp_path.iterdir()] == ["okrs.yaml"]
