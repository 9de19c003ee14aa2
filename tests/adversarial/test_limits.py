"""Each limit on a document from outside refuses it by name, with the line and the field, whether
it comes from a file, standard input or an API request (okrs/domain/limits.py)."""

import io

import pytest

from okrs.api.tests.conftest import ApiClient
from okrs.domain import limits, loader, okrfile, reading
from okrs.domain.okrfile import read_document, read_document_file
from okrs.domain.reading import DocumentError
from okrs.exchange.tests.test_exchange import FILE
from okrs.lint import main as lint
from okrs.organizations.models import Organization


def refused(text: str) -> list[str]:
    """Return the problems reading the text raises, as `okrs lint` prints them."""
    with pytest.raises(DocumentError) as error:
        read_document(text)
    return [problem.in_file("okrs.yaml") for problem in error.value.problems]


def test_aliases_stand_for_10000_nodes_at_most_and_anchors_within_it_read():
    ten = "[" + ", ".join(["x"] * 10) + "]"
    text = f"organization: A\nlaughs:\n  a: &a {ten}\n" + "".join(
        f"  {name}: &{name} [{', '.join([f'*{before}'] * 10)}]\n"
        for before, name in zip("abc", "bcd", strict=True)
    )
    assert refused(text) == [
        "okrs.yaml:6: laughs.d[7]: past the aliases limit: aliases stand for 10,000 nodes in all "
        "at most"
    ]
    merged = FILE.replace("  - id: O0\n", "  - &base\n    id: O0\n").replace(
        "objectives:\n", "objectives:\n  - {<<: *base, id: O9}\n", 1
    )
    assert refused(merged) == [
        "okrs.yaml:14: document: not valid YAML: found undefined alias 'base'"
    ]
    later = FILE + "  - {<<: *objective, id: O9}\n"
    later = later.replace("  - id: O0\n", "  - &objective\n    id: O0\n")
    assert read_document(later).objective("O9").title == "Be the water charity people trust"


def test_an_alias_inside_the_node_it_names_is_refused():
    assert refused("organization: A\njunk: &loop {again: *loop}\n") == [
        "okrs.yaml:2: junk.again: the alias *loop lies inside the node it names"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("organization: A\njunk: " + "[" * 70 + "]" * 70 + "\n", "okrs.yaml:2: junk[0][0]"),
        ('{"organization": "A", "junk": ' + "[" * 70 + "]" * 70 + "}", "okrs.yaml: junk[0][0]"),
        ('{"organization": "A", "junk": ' + "[" * 5000 + "]" * 5000 + "}", "okrs.yaml: document"),
    ],
)
def test_mappings_and_lists_nest_64_deep_at_most(text, where):
    [problem] = refused(text)
    assert problem.startswith(where)
    assert problem.endswith(": past the depth limit: mappings and lists nest 64 deep at most")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("organization: A\nmission: " + "m" * 100_001 + "\n", "okrs.yaml:2: mission"),
        ("organization: A\n? " + "k" * 100_001 + "\n: 1\n", "okrs.yaml:2: document"),
        ('{"organization": "' + "o" * 100_001 + '"}', "okrs.yaml: organization"),
    ],
)
def test_a_value_or_key_holds_100000_characters_at_most(text, where):
    assert refused(text) == [
        f"{where}: past the string length limit: a value or key holds 100,000 characters at most"
    ]


def test_a_yaml_value_holds_250000_nodes_at_once_at_most():
    fine = "organization: A\njunk: [" + "1, " * 249_990 + "]\n"
    assert refused(fine) == ["okrs.yaml:2: junk: unknown field 'junk'" + KNOWN]
    [problem] = refused(fine.replace("junk: [", "junk: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "))
    assert problem.startswith("okrs.yaml:2: junk[249998]: past the nodes at once limit")


KNOWN = (
    "; known fields: cycles, kpis, objectives, organization, people, profile, score_scale, slug, "
    "teams, today, version"
)


def test_the_nodes_of_a_document_are_counted_in_all(monkeypatch):
    monkeypatch.setattr(loader, "DOCUMENT_NODES", 40)
    text = "organization: A\n" + "".join(f"x{n}: [1, 2]\n" for n in range(20))
    assert refused(text) == [
        "okrs.yaml:11: x9: past the nodes limit: a document holds 100,000,000 nodes at most"
    ]


def test_json_is_read_whole_within_its_size_and_values(monkeypatch):
    monkeypatch.setattr(reading, "JSON_CHARACTERS", 40)
    assert refused('{"organization": "A", "slug": "a-rather-long-slug"}') == [
        "okrs.yaml: document: past the JSON size limit: JSON is read whole, 33,554,432 "
        "characters at most"
    ]
    monkeypatch.undo()
    monkeypatch.setattr(reading, "JSON_VALUES", 10)
    [problem] = refused('{"organization": "A", "junk": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}')
    assert problem.startswith("okrs.yaml: document: past the nodes at once limit")


def test_a_file_is_refused_past_its_size_limit_before_it_is_read(tmp_path):
    path = tmp_path / "okrs.yaml"
    path.write_text(FILE)
    with pytest.raises(DocumentError) as error:
        read_document_file(path, limit=100)
    assert str(error.value) == (
        f"document: past the file size limit (OKRS_MAX_IMPORT_BYTES): the file is "
        f"{len(FILE):,} bytes, 100 at most"
    )


def test_standard_input_is_read_within_the_file_size_limit(monkeypatch, capsys):
    monkeypatch.setenv("OKRS_MAX_IMPORT_BYTES", "100")
    monkeypatch.setattr("sys.stdin", io.StringIO(FILE))
    assert lint(["-"]) == 2
    assert capsys.readouterr().err == (
        "-: document: past the file size limit (OKRS_MAX_IMPORT_BYTES): 100 bytes at most\n"
    )


# A document too large to read again whole has its problems named as the pieces found them.


@pytest.fixture
def small_limits(monkeypatch):
    """Hold 60 nodes at once at most, so that FILE is too large to read whole."""
    monkeypatch.setattr(loader, "HELD_NODES", 60)
    monkeypatch.setattr(okrfile, "HELD_NODES", 60)


def test_problems_of_a_document_too_large_to_reread_are_named_in_pieces(small_limits, tmp_path):
    broken = FILE.replace("cycle: 2027-Q1", "cycle: 2027-Q9").replace(
        "target: 100000", "target: lots"
    )
    path = tmp_path / "okrs.yaml"
    path.write_text(broken)
    with pytest.raises(DocumentError) as error:
        read_document_file(path)
    assert [str(p) for p in error.value.problems] == [
        "line 32, objectives[1].key_results[0].target: expected a number, got 'lots'",
        "line 21, objectives[1].cycle: unknown cycle '2027-Q9'",  # the objective's line
    ]


def test_a_yaml_error_late_in_a_document_too_large_to_reread_is_named(small_limits):
    assert refused(FILE + "  - [unclosed\n") == [
        f"okrs.yaml:{FILE.count(chr(10)) + 2}: document: not valid YAML: did not find expected "
        "',' or ']'"
    ]


# The API's documents are held to the same limits.


def nested(depth: int) -> list:
    """Return lists within lists, depth deep."""
    found: list = []
    for _ in range(depth - 1):
        found = [found]
    return found


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        (
            {"organization": "A", "junk": nested(70)},
            "junk[0][0][0]",
            "past the depth limit",
        ),
        (
            {"organization": "A", "teams": [{"id": "t", "mission": "m" * 100_001}]},
            "teams[0].mission",
            "past the string length limit",
        ),
        (
            {"organization": "A", "teams": [{"id": "t", "name": "T\x00"}]},
            "teams[0].name",
            "a text cannot hold the NUL character",
        ),
    ],
)
@pytest.mark.parametrize("route", ["/lint", "/import"])
def test_api_documents_are_held_to_the_limits(world, route, document, field, message):
    response = ApiClient(world.admin).post(route, document)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"].startswith(field)
    assert error["message"].startswith(message)
    assert Organization.objects.count() == 1


def test_api_import_refuses_a_number_past_1e15(world):
    document = {
        "organization": "Acme Water",
        "cycles": [{"id": "Q", "start": "2027-01-01", "end": "2027-03-31"}],
        "teams": [{"id": "t", "name": "T", "level": "company"}],
        "objectives": [
            {
                "id": "O1",
                "title": "Grow",
                "team": "t",
                "cycle": "Q",
                "key_results": [{"title": "Grow", "start": 0, "target": 1e300}],
            }
        ],
    }
    response = ApiClient(world.admin).post("/import", document)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "objectives[0].key_results[0].target",
            "message": "expected a number from -1e15 to 1e15, got 1e+300",
        }
    ]


def test_limits_are_what_the_docs_say():
    assert (limits.DEPTH, limits.STRING, limits.ALIAS_NODES) == (64, 100_000, 10_000)
    assert (limits.HELD_NODES, limits.JSON_VALUES) == (250_000, 2_000_000)
    assert limits.FILE_BYTES == 1 << 30
