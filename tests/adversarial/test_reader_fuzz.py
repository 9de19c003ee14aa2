"""Fuzz of the OKRs-as-code reader: random documents and random damage to real ones are read into a
document or refused with DocumentError, never anything else, and what is read is linted."""

import json
import os
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrs.domain.coach import lint
from okrs.domain.document import Document
from okrs.domain.okrfile import TOP, read_document, read_document_file
from okrs.domain.reading import DocumentError
from okrs.exchange.tests.test_exchange import FILE

FUZZ = settings(
    max_examples=int(os.environ.get("OKRS_FUZZ_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

FIELDS = sorted(
    TOP
    | {"id", "name", "title", "start", "end", "target", "current", "value", "confidence", "date"}
    | {"team", "cycle", "owner", "parent", "aligned_to", "key_results", "check_ins", "weight"}
    | {"type", "direction", "kind", "level", "role", "teams", "score", "note", "<<"}
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.text(max_size=30),
    st.sampled_from(["2027-02-30", "2027-01-01", "Q1", "acme", "O1", "metric", "1e300", "0"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5),
    ),
    max_leaves=40,
)
items = st.lists(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8), max_size=4)
documents = st.fixed_dictionaries(
    {"organization": st.one_of(st.text(max_size=20), values)},
    optional={
        "cycles": items,
        "teams": items,
        "people": items,
        "objectives": items,
        "today": scalars,
        "profile": scalars,
        "version": scalars,
        "junk": values,
    },
)


# Documents that read: every value at the edges of what the reader takes.
numbers = st.one_of(
    st.sampled_from([0, 1, -1, 1e15, -1e15, 1e-300, 0.5, 7, 100]),
    st.floats(min_value=-1e15, max_value=1e15),
)
days = st.one_of(
    st.sampled_from([date(1970, 1, 1), date(2200, 12, 31), date(2027, 2, 15), date(2027, 3, 31)]),
    st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)),
)
check_ins = st.fixed_dictionaries(
    {"date": days, "value": numbers, "confidence": st.integers(min_value=0, max_value=10)},
    optional={"note": st.text(max_size=20)},
)
key_results = st.fixed_dictionaries(
    {"title": st.text(min_size=1, max_size=40)},
    optional={
        "type": st.sampled_from(["metric", "binary"]),
        "start": numbers,
        "target": numbers,
        "current": numbers,
        "weight": st.sampled_from([0, 1, 2.5, 1e15]),
        "direction": st.sampled_from(
            ["increase", "decrease", "stay-above", "stay-below", "maintain"]
        ),
        "score": st.sampled_from([0, 10, 3.5]),
        "check_ins": st.lists(check_ins, max_size=4),
    },
)


@st.composite
def plausible(draw) -> dict:
    """Return a document whose references hold, with values drawn at the edges."""
    start, end = sorted(draw(st.lists(days, min_size=2, max_size=2, unique=True)))
    objectives = [
        {
            "id": f"O{n}",
            "title": draw(st.text(min_size=1, max_size=60)),
            "team": "acme",
            "cycle": "Q",
            "status": draw(st.sampled_from(["draft", "active", "achieved", "abandoned", "closed"])),
            "aligned_to": [f"O{n - 1}"] if n and draw(st.booleans()) else [],
            "key_results": draw(st.lists(key_results, max_size=6)),
        }
        for n in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    return {
        "organization": "Acme Water",
        "profile": draw(st.sampled_from(["p-okr", "okr-institute", "scaled-okrs"])),
        "today": draw(days),
        "cycles": [{"id": "Q", "start": start, "end": end}],
        "teams": [{"id": "acme", "name": "Acme", "level": "company"}],
        "objectives": objectives,
    }


def read_and_lint(text: str) -> None:
    """Read the text; lint what is read. Anything but a document or DocumentError fails."""
    try:
        document = read_document(text)
    except DocumentError as error:
        assert error.problems
        return
    assert isinstance(document, Document)
    lint(document, today=document.today or date(2027, 2, 15))


@FUZZ
@given(documents)
def test_random_yaml_documents_are_read_or_refused(data):
    read_and_lint(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@FUZZ
@given(documents)
def test_random_json_documents_are_read_or_refused(data):
    read_and_lint(json.dumps(data, default=str))


@FUZZ
@given(plausible())
def test_documents_at_the_edges_are_read_and_linted(data):
    read_and_lint(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


# Damage to a real document: characters that mean something in YAML, cuts, repeated lines.
damage = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace", "repeat"]),
        st.integers(min_value=0, max_value=len(FILE)),
        st.text(alphabet="&*!|>{}[]:,-#%@`'\"?<\\\n\t 0123456789.eE+abc\x00\ufeff", max_size=6),
    ),
    min_size=1,
    max_size=4,
)


def damaged(text: str, changes) -> str:
    """Return the text with the changes made, one after another."""
    for kind, at, piece in changes:
        at = min(at, len(text))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(piece) + 1 :]
        elif kind == "replace":
            text = text[:at] + piece + text[at + len(piece) :]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
    return text


@FUZZ
@given(damage)
def test_a_damaged_document_is_read_or_refused(changes):
    read_and_lint(damaged(FILE, changes))


@FUZZ
@given(damage, st.binary(max_size=8), st.integers(min_value=0, max_value=len(FILE)))
def test_a_damaged_file_is_read_or_refused(tmp_path, changes, noise, at):
    raw = damaged(FILE, changes).encode()
    path = tmp_path / "okrs.yaml"
    path.write_bytes(raw[:at] + noise + raw[at:])
    try:
        document = read_document_file(path)
    except DocumentError as error:
        assert error.problems
        return
    lint(document, today=document.today or date(2027, 2, 15))
