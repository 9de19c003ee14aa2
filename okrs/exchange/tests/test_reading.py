"""Large documents are read one item at a time, into the same document as reading them whole."""

import pytest

from okrs.domain import pieces
from okrs.domain.okrfile import document_from_data, read_document, read_document_file
from okrs.domain.reading import DocumentError, parse
from okrs.exchange.tests.test_exchange import FILE

ANCHORS = FILE.replace("  - id: O1\n", "  - &second\n    id: O1\n").replace(
    "      - {title: Reduce the average reply time from 9 to 3 days, start: 9, target: 3, score: 6}"
    "\n",
    "      - &reply {title: Reduce the average reply time from 9 to 3 days, start: 9, target: 3}"
    "\n"
    "  - id: O2\n    title: Answer every letter\n    team: growth\n    cycle: 2027-Q1\n"
    "    key_results:\n      - {<<: *reply, id: O2-KR1}\n      - {title: Ship it, type: binary}\n",
)


def whole(text: str):
    """Return the document read the way every document used to be read: all at once."""
    data, lines = parse(text)
    return document_from_data(data, lines)


def lines(document) -> list:
    """Return the line of every cycle, team, person, objective and key result."""
    found = [x.line for x in (*document.cycles, *document.teams, *document.people)]
    for objective in document.objectives:
        found += [objective.line, *(kr.line for kr in objective.key_results)]
    return found


def problems(text: str) -> list:
    """Return the problems reading the text raises."""
    with pytest.raises(DocumentError) as error:
        read_document(text)
    return error.value.problems


@pytest.mark.parametrize(
    "text",
    [
        FILE,
        ANCHORS,
        FILE.replace("today: 2027-02-15\n", "") + "today: 2027-02-15\n",
        FILE.replace("objectives:\n", "objectives: []\nlater:\n"),
        "organization: Empty\n",
        "organization: Flow\nteams: [{id: a, name: A, level: company}]\nobjectives: []\n",
    ],
)
def test_read_in_pieces_is_read_whole(text):
    try:
        expected = whole(text)
    except DocumentError as error:
        assert problems(text) == error.problems
        return
    found = read_document(text)
    assert found == expected
    assert lines(found) == lines(expected)


def test_every_document_is_read_in_pieces_when_it_can_be(monkeypatch):
    read = []
    real = pieces.read_in_pieces
    monkeypatch.setattr("okrs.domain.okrfile.read_in_pieces", lambda *a: read.append(1) or real(*a))
    assert read_document(ANCHORS).objective("O2").key_results[0].start == 9
    assert read == [1]


@pytest.mark.parametrize(
    "text",
    [
        FILE.replace("target: 100000", "target: lots").replace("cycle: 2027-Q1", "cycle: 2027-Q9"),
        FILE.replace("aligned_to: [O0]", "aligned_to: [O7]"),
        FILE + "organization: Twice\n",
        FILE + "---\norganization: Second\n",
        FILE.replace("  - id: O1\n", "  - id: O1\n    title: [unclosed\n"),
        "- just\n- a list\n",
        "",
        "<<: {organization: Merged}\n",
        "organization: A\nobjectives: {id: O1}\n",
    ],
)
def test_broken_documents_name_the_same_problems(text):
    try:
        whole(text)
    except DocumentError as error:
        assert problems(text) == error.problems
    else:
        assert read_document(text) == whole(text)


# Files are parsed from the disk, their text never held whole.

FILE_TEXTS = [
    FILE,
    ANCHORS,
    "organization: Empty\n",
    "   \n\n" + FILE,
    FILE.replace("target: 100000", "target: lots").replace("cycle: 2027-Q1", "cycle: 2027-Q9"),
    FILE + "organization: Twice\n",
    FILE.replace("  - id: O1\n", "  - id: O1\n    title: [unclosed\n"),
    "- just\n- a list\n",
    "",
    '{"organization": "From JSON", "teams": [{"id": "a", "name": "A", "level": "company"}]}',
    '  {"organization": "From JSON", "objectives": [{"id": "O1"}]}',
]


@pytest.mark.parametrize("text", FILE_TEXTS)
def test_a_file_reads_as_its_text_does(tmp_path, text):
    path = tmp_path / "okrs.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = read_document(text)
    except DocumentError as error:
        with pytest.raises(DocumentError) as found:
            read_document_file(path)
        assert found.value.problems == error.problems
        return
    found = read_document_file(path)
    assert found == expected
    assert lines(found) == lines(expected)


def test_a_yaml_file_is_parsed_from_the_disk_not_from_its_text(tmp_path, monkeypatch):
    path = tmp_path / "okrs.yaml"
    path.write_text(ANCHORS, encoding="utf-8")
    sources = []
    real = pieces.read_in_pieces
    monkeypatch.setattr(
        "okrs.domain.okrfile.read_in_pieces",
        lambda source, *a: sources.append(source) or real(source, *a),
    )
    assert read_document_file(path).objective("O2").key_results[0].start == 9
    assert len(sources) == 1 and not isinstance(sources[0], str)


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "okrs.yaml"
    path.write_bytes(FILE.encode() + b"# caf\xe9\n")
    with pytest.raises(DocumentError) as error:
        read_document_file(path)
    [problem] = error.value.problems
    assert (problem.line, problem.message) == (
        FILE.count("\n") + 1,
        "unreadable text (files are UTF-8): incomplete UTF-8 octet sequence",
    )
