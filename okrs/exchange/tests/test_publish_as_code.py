"""OKRs as code: a file that publishes a draft the coach marks errors in says why, or is refused."""

import pytest

from okrs.domain.okrfile import read_document
from okrs.exchange.export import export_document
from okrs.exchange.importer import ImportRefused, import_document
from okrs.objectives.models import Objective

FILE = """\
version: 1
organization: Acme Water
cycles:
  - {{id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}}
teams:
  - {{id: growth, name: Growth, level: tactical}}
objectives:
  - id: O1
    title: Make clean water a topic no household can ignore
    team: growth
    cycle: 2027-Q1
    status: {status}
{extra}    key_results:
      - {{title: Grow petition signatures from 20000 to 100000, start: 20000, target: 100000}}
"""


def load(status: str, extra: str = ""):
    """Import the file with the objective in the given status."""
    return import_document(read_document(FILE.format(status=status, extra=extra)))


def test_publishing_a_draft_with_an_error_is_refused_and_nothing_changes(db):
    load("draft")
    with pytest.raises(ImportRefused, match=r"objective O1: publishing the draft: .*only 1 key"):
        load("active")
    assert Objective.objects.get(ref="O1").status == Objective.State.DRAFT


def test_publish_despite_publishes_and_keeps_the_reason(db):
    load("draft")
    load("active", "    publish_despite: The second key result waits for the survey.\n")
    objective = Objective.objects.get(ref="O1")
    assert objective.status == Objective.State.ACTIVE
    assert objective.publish_reason == "The second key result waits for the survey."


def test_the_reason_travels_in_the_export(db):
    load("draft")
    organization, _ = load("active", "    publish_despite: The survey comes in May.\n")
    [exported] = export_document(organization).objectives
    assert exported.publish_despite == "The survey comes in May."


def test_a_file_loading_active_objectives_afresh_is_not_a_publish(db):
    load("active")
    assert Objective.objects.get(ref="O1").status == Objective.State.ACTIVE
