"""Every okrs command that takes a file or arguments answers bad input with exit 2 and a clear
message, never a traceback."""

import gzip
import os
import subprocess
import sys

import pytest
from django.db import connections

from okrs.cli import main
from okrs.organizations.models import Organization
from tests.adversarial.test_corpus import FILES

ALIGNMENT_LOOP = """\
organization: Loop Water
cycles: [{id: Q1, start: 2027-01-01, end: 2027-03-31}]
teams: [{id: acme, name: Acme, level: company}]
objectives:
  - {id: O1, title: One, team: acme, cycle: Q1, aligned_to: [O2]}
  - {id: O2, title: Two, team: acme, cycle: Q1, aligned_to: [O1]}
"""


def run(capsys, *args: str) -> tuple[int, str]:
    """Run `okrs ARGS` as the console script does; return its exit status and what it printed
    on standard error."""
    # A management command closes every database connection when it ends; in a test that is the
    # connection holding the test's transaction (PostgreSQL), so it stays open here.
    close_all, connections.close_all = connections.close_all, lambda: None
    try:
        main(list(args))
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else 1
    else:
        code = 0
    finally:
        connections.close_all = close_all
    return code, capsys.readouterr().err


@pytest.fixture
def bad(tmp_path):
    """Return paths of files a command may be given: missing, a folder, broken, not a backup."""
    (tmp_path / "loop.yaml").write_text(ALIGNMENT_LOOP)
    (tmp_path / "cut.json.gz").write_bytes(gzip.compress(b'{"format_version": 1, "rows')[:30])
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    return {
        "missing": str(tmp_path / "nowhere.yaml"),
        "folder": str(tmp_path),
        "broken": str(FILES / "duplicate-key.yaml"),
        "binary": str(FILES / "binary.bin"),
        "loop": str(tmp_path / "loop.yaml"),
        "cut": str(tmp_path / "cut.json.gz"),
        "deep": str(tmp_path / "deep.json"),
        "unwritable": "/proc/okrs/nowhere/out.yaml",
    }


CASES = [
    # (arguments, with {name} for a path from `bad`, and what the message says)
    ("lint {missing}", "no such file"),
    ("lint {folder}", "cannot read"),
    ("lint {broken}", ":20: objectives[0].key_results[0].target: the field 'target' is given"),
    ("lint {binary}", ":1: document: unreadable text (files are UTF-8)"),
    ("lint {loop} --today someday", "--today must be a date written YYYY-MM-DD"),
    ("lint {loop} --today 9999-12-31", "--today must be a date from 1970 to 2200"),
    ("lint {loop} --format xml", "invalid choice: 'xml'"),
    ("lint {loop} --profile nope", "invalid choice: 'nope'"),
    ("import {missing}", "No such file"),
    ("import {folder}", "Cannot read"),
    ("import {broken}", ":20: objectives[0].key_results[0].target: the field 'target' is given"),
    ("import {binary}", ":1: document: unreadable text (files are UTF-8)"),
    ("import {loop}", "loop"),
    ("restore {missing}", "There is no file"),
    ("restore {folder}", "Nothing was restored"),
    ("restore {broken}", "is not a whole okrs backup"),
    ("restore {cut}", "Nothing was restored"),
    ("restore {deep}", "its lists and mappings nest too deep to read"),
    ("backup {unwritable}", "Cannot write"),
    ("backup {folder} --organization nope", "No organisation with the slug 'nope'"),
    ("export {unwritable}", "Cannot write"),
    ("export --organization nope", "No organisation with the slug 'nope'"),
    ("demo --today garbage", "--today must be a date written YYYY-MM-DD"),
    ("demo --today 9999-12-31", "--today must be a date from 1970 to 2200"),
    ("demo --today 0001-01-01", "--today must be a date from 1970 to 2200"),
    ("token create --user nobody@acme.test", "Nobody signs in as nobody@acme.test"),
    ("token list --user nobody@acme.test", "Nobody signs in as nobody@acme.test"),
    ("token revoke 999999", "No token with the id 999999"),
    ("token revoke abc", "invalid int value: 'abc'"),
    ("token create --user admin@acme.test --name " + "n" * 101, "at most 100 characters"),
    ("token", "the following arguments are required"),
    ("generate --teams lots", "invalid int value: 'lots'"),
    ("generate --teams -5", "--teams must be at least 3"),
    ("generate --cycles 0", "--cycles must be at least 1"),
    ("generate --people-per-team 0", "--people-per-team must be at least 1"),
    ("generate --organization NOT/A/SLUG", "--organization must be a slug"),
    ("generate --today garbage", "--today must be a date written YYYY-MM-DD"),
    ("generate --today 9999-12-31", "--today must be a date from 1970 to 2200"),
    ("serve --port 70000", "--port must be between 1 and 65535"),
    ("serve --port http", "invalid int value: 'http'"),
    ("serve --workers 0", "--workers must be at least 1"),
    ("serve --threads 0", "--threads must be at least 1"),
    ("remind --organization nope", "No organisation with the slug 'nope'"),
    ("remind --today soon", "'soon' is not a date like 2027-02-15"),
    ("remind --today 9999-12-31", "'9999-12-31' is not a date from 1970 to 2200"),
    ("deliver-webhooks --interval 0", "--interval must be a positive number of seconds"),
    ("deliver-webhooks --interval nan", "--interval must be a positive number of seconds"),
    ("deliver-webhooks --interval inf", "--interval must be a positive number of seconds"),
]


def test_lint_with_a_file_size_limit_that_is_no_number_exits_2(bad, capsys, monkeypatch):
    monkeypatch.setenv("OKRS_MAX_IMPORT_BYTES", "lots")
    assert run(capsys, "lint", bad["loop"]) == (
        2,
        "okrs lint: OKRS_MAX_IMPORT_BYTES must be a whole number, not 'lots'.\n",
    )


@pytest.mark.parametrize(("command", "says"), CASES, ids=[c for c, _ in CASES])
def test_bad_input_exits_2_with_a_clear_message_and_no_traceback(command, says, world, bad, capsys):
    args = [part.format(**bad) for part in command.split()]
    organizations = Organization.objects.count()
    code, err = run(capsys, *args)
    assert code == 2, err
    assert says in err, err
    assert "Traceback" not in err
    if "usage:" not in err:  # argparse prints its usage before the line that says what is wrong
        assert len(err.strip().splitlines()) <= 2, err
    assert Organization.objects.count() == organizations


def test_output_cut_short_by_its_reader_ends_quietly(tmp_path):
    """`okrs lint ... | head -1`: when the reader stops, okrs stops without a traceback."""
    objectives = "".join(
        f"  - {{id: O{n}, title: Grow water {n}, team: acme, cycle: Q1, "
        "key_results: [{title: Ship it, type: binary}]}\n"
        for n in range(3000)
    )
    path = tmp_path / "many.yaml"
    path.write_text(
        "organization: Acme Water\ncycles: [{id: Q1, start: 2027-01-01, end: 2027-03-31}]\n"
        f"teams: [{{id: acme, name: Acme, level: company}}]\nobjectives:\n{objectives}"
    )
    lint = subprocess.Popen(
        [sys.executable, "-m", "okrs.cli", "lint", str(path), "--today", "2027-02-15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert lint.stdout.readline()
    lint.stdout.close()
    assert lint.wait(timeout=60) == 1
    assert lint.stderr.read() == b""


def test_a_setting_that_is_no_number_stops_every_command_in_one_line(tmp_path):
    env = {**os.environ, "OKRS_DATA_DIR": str(tmp_path), "OKRS_MAX_REQUEST_BYTES": "5 MB"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "okrs.cli", "check"], env=env, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (
        2,
        "okrs: OKRS_MAX_REQUEST_BYTES must be a whole number, not '5 MB'.\n",
    )
