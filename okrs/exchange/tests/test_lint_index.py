"""Linting a whole exported organisation finds objectives by id at once, with the same findings."""

from datetime import date

from okrs.domain.coach import linter
from okrs.domain.okrfile import read_document
from okrs.exchange.tests.test_stream import build, streamed


def test_lint_finds_the_same_with_and_without_the_index(world, monkeypatch):
    build(world, 9)
    document = read_document(streamed(world.org))
    document.objectives.append(document.objectives[1])  # a repeated id: the first one counts
    document.objectives[2].aligned_to.append("nowhere")
    indexed = linter.lint(document, today=date(2027, 3, 1))
    monkeypatch.setattr(linter, "_indexed", lambda document: document)
    assert linter.lint(document, today=date(2027, 3, 1)) == indexed
    assert {f.rule for f in indexed} >= {"no-recent-check-in", "objective-has-number"}
