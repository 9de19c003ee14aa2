"""A corpus of hostile and broken files: `okrs lint` and `okrs import` refuse each with one line
naming the file, the line, the field and the limit or fault, exit 2 and import nothing; the worst
stay within 200 MB and 5 seconds of CPU in a process of their own."""

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from okrs.lint import main as lint
from okrs.organizations.models import Organization

FILES = Path(__file__).parent / "files"
ALIASES = "past the aliases limit: aliases stand for 10,000 nodes in all at most"
DEPTH = "past the depth limit: mappings and lists nest 64 deep at most"
RANGE = "expected a number from -1e15 to 1e15, got"
UNREADABLE = "document: unreadable text (files are UTF-8): "

# Each file, and the line of what `okrs lint` says: "file:LINE: FIELD: MESSAGE".
REFUSED = {
    "alias-bomb.yaml": f":7: laughs.e[0]: {ALIASES}",
    "alias-bomb-in-key-results.yaml": f":155: objectives[0].key_results[139]: {ALIASES}",
    "alias-bomb-in-objectives.yaml": f":1123: objectives[1112]: {ALIASES}",
    "alias-bomb-in-merge-keys.yaml": f":7: teams[4].<<[0]: {ALIASES}",
    "alias-inside-itself.yaml": ":2: teams[1]: the alias *t lies inside the node it names",
    "deep-nesting-flow.yaml": ":2: mission[0][0][0][0][0]",
    "deep-nesting-block.yaml": ":66: teams[0][0][0]",
    "deep-nesting.json": f": document: {DEPTH}",
    "long-string.yaml": ":3: teams[0].mission: past the string length limit: a value or key "
    "holds 100,000 characters at most",
    "impossible-date.yaml": ":5: cycles[0].start: expected a date like 2027-01-31, got "
    "'2027-02-30'",
    "date-in-year-9999.yaml": ":5: cycles[0].end: expected a date from 1970 to 2200, got "
    "9999-12-31",
    "date-with-a-time.yaml": ":21: objectives[0].key_results[0].check_ins[0].date: expected a "
    "date like 2027-01-31, got 2027-02-10 10:30:00",
    "huge-number.yaml": f":19: objectives[0].key_results[0].target: {RANGE} '1e300'",
    "huge-integer.yaml": f":19: objectives[0].key_results[0].target: {RANGE} '99999999",
    "infinite-number.yaml": f":19: objectives[0].key_results[0].target: {RANGE} inf",
    "not-a-number.yaml": f":21: objectives[0].key_results[0].check_ins[0].value: {RANGE} nan",
    "sexagesimal-number.yaml": ":19: objectives[0].key_results[0].target: expected a number, "
    "got '1:30:30",
    "number-as-confidence.yaml": ":21: objectives[0].key_results[0].check_ins[0].confidence: "
    "expected a whole number from 0 to 10, got 7.5",
    "duplicate-key.yaml": ":20: objectives[0].key_results[0].target: the field 'target' is "
    "given twice in one mapping (first on line 19)",
    "duplicate-top-level-key.yaml": ":26: organization: the field 'organization' is given twice "
    "in one mapping (first on line 2)",
    "duplicate-key.json": ": level: the field 'level' is given twice in one mapping",
    "duplicate-key-result-id.yaml": ":22: objectives[0].key_results[1].id: the id 'O1-KR1' is "
    "used twice",
    "nul-character.yaml": ":12: objectives[0].title: a text cannot hold the NUL character",
    "latin-1.yaml": f":9: {UNREADABLE}invalid trailing UTF-8 octet",
    "utf-16-without-bom.yaml": f":1: {UNREADABLE}control characters are not allowed",
    "binary.bin": f":1: {UNREADABLE}",
    "truncated.yaml": ":22: document: not valid YAML: did not find expected ',' or '}'",
    "truncated.json": ":34: document: not valid JSON: Unterminated string",
    "empty.yaml": ": document: expected a mapping of fields, got nothing",
    "only-comments.yaml": ": document: expected a mapping of fields, got nothing",
    "python-tag.yaml": ":2: document: not valid YAML: could not determine a constructor for the "
    "tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    "top-level-list.yaml": ":1: document: expected a mapping of fields, got a list",
    "two-documents.yaml": ":26: document: not valid YAML: but found another document",
    "unhashable-key.yaml": ":2: document: not valid YAML: found unhashable key",
    "tab-indentation.yaml": ":12: document: not valid YAML: found a tab character",
}
# Read as they are: YAML allows UTF-16 that starts with a byte-order mark.
READ = ["utf-16.yaml"]


def test_every_file_of_the_corpus_is_checked():
    assert sorted(p.name for p in FILES.iterdir()) == sorted([*REFUSED, *READ])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_lint_refuses_the_file_in_one_line_naming_where(name, capsys):
    path = FILES / name
    assert lint([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}{REFUSED[name]}"), err
    assert err.count("\n") == 1, err


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_import_refuses_the_file_with_exit_2_and_imports_nothing(name, db):
    path = FILES / name
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    assert refused.value.returncode == 2
    first, rest = str(refused.value).split("\n", 1)
    assert first.startswith(f"{path}{REFUSED[name]}"), first
    assert rest == "Nothing was imported."
    assert not Organization.objects.exists()


@pytest.mark.parametrize("name", READ)
def test_utf16_with_a_byte_order_mark_is_read(name, db, capsys):
    assert lint([str(FILES / name)]) == 0
    call_command("import", str(FILES / name))
    assert Organization.objects.get().name == "Acme Water"


# In a process of its own, with 200 MB of address space and 5 seconds of CPU at most.

MEMORY = 200 << 20
CPU_SECONDS = 5


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _generated(folder: Path) -> dict[str, str]:
    """Return files too large to keep in the corpus, written to the folder: name -> message."""
    held = "past the nodes at once limit: 250,000 nodes of YAML"
    written = {
        "a-long-list.yaml": (
            "organization: Acme Water\njunk: [" + "1, " * 300_000 + "]\n",
            f":2: junk[249998]: {held}",
        ),
        "a-long-top-level-list.yaml": ("- {id: x}\n" * 100_000, f":83334: [83333]: {held}"),
        "many-unknown-fields.yaml": (
            "organization: Acme Water\n" + "".join(f"x{n}: [1, 2, 3]\n" for n in range(50_000)),
            ":2: x0: unknown field 'x0'",
        ),
    }
    for name, (text, _) in written.items():
        (folder / name).write_text(text)
    return {name: message for name, (_, message) in written.items()}


WORST = [
    "alias-bomb.yaml",
    "alias-bomb-in-key-results.yaml",
    "alias-bomb-in-objectives.yaml",
    "alias-bomb-in-merge-keys.yaml",
    "deep-nesting-flow.yaml",
    "deep-nesting.json",
    "long-string.yaml",
    "huge-integer.yaml",
    "sexagesimal-number.yaml",
]


def test_lint_of_the_worst_files_stays_within_200_mb_and_5_seconds(tmp_path):
    files = {FILES / name: REFUSED[name] for name in WORST}
    files.update({tmp_path / name: said for name, said in _generated(tmp_path).items()})
    for path, said in files.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-m", "okrs.cli", "lint", str(path)],
            capture_output=True,
            text=True,
            preexec_fn=_limited,
            timeout=60,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        assert done.returncode == 2, (path.name, done.stderr[-2000:])
        assert done.stderr.startswith(f"{path}{said}"), (path.name, done.stderr[:500])
        assert "Traceback" not in done.stderr
        assert seconds < CPU_SECONDS, (path.name, seconds)
