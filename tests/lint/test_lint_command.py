"""`okrs lint FILE`: findings for people or machines, exit codes, and no database at all."""

import json
import os
import subprocess
import sys

import pytest

GOOD = """\
version: 1
organization: Acme Water
today: 2027-02-15
cycles:
  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}
teams:
  - {id: acme, name: Acme Water, level: company}
objectives:
  - id: O1
    title: Make clean water a topic no household can ignore
    team: acme
    cycle: 2027-Q1
    hypothesis: We believe that by growing signatures and reach we will make water a topic.
    key_results:
      - title: Grow petition signatures from 20,000 to 100,000
        start: 20000
        target: 100000
        check_ins: [{date: 2027-02-10, value: 31000, confidence: 7}]
      - title: Increase monthly newsletter readers from 2,000 to 8,000
        start: 2000
        target: 8000
        check_ins: [{date: 2027-02-10, value: 3000, confidence: 6}]
"""

BAD = GOOD.split("    key_results:")[0] + (
    "    key_results:\n"
    "      - title: Launch the onboarding module\n"
    "        type: binary\n"
    "        check_ins: [{date: 2027-02-10, value: 0, confidence: 7}]\n"
)


def lint(tmp_path, text, *args):
    """Run `okrs lint` on the text in a fresh process; return (exit status, stdout, stderr)."""
    path = tmp_path / "okrs.yaml"
    path.write_text(text)
    data_dir = tmp_path / "never-created"
    env = {
        **os.environ,
        "OKRS_DATA_DIR": str(data_dir),
        "DATABASE_URL": "postgresql://nowhere:1/none",
    }
    done = subprocess.run(
        [sys.executable, "-m", "okrs.cli", "lint", str(path), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert not data_dir.exists(), "lint must not touch a database or data directory"
    return done.returncode, done.stdout, done.stderr


def test_good_document_exits_0(tmp_path):
    status, out, _ = lint(tmp_path, GOOD)
    assert status == 0, out
    assert "no findings" in out


def test_error_finding_exits_1_and_json_lists_it(tmp_path):
    status, out, _ = lint(tmp_path, BAD, "--format", "json")
    assert status == 1
    findings = json.loads(out)["findings"]
    assert {
        k: v
        for k, v in next(f for f in findings if f["rule"] == "too-few-key-results").items()
        if k not in ("message", "suggestion")
    } == {"rule": "too-few-key-results", "severity": "error", "target": "O1"}
    activity = next(f for f in findings if f["rule"] == "kr-is-activity")
    assert activity["target"] == "O1-KR1"
    assert all(set(f) == {"rule", "severity", "target", "message", "suggestion"} for f in findings)
    assert "30-day activation" in activity["suggestion"]


def test_text_output_groups_by_objective_and_links_the_docs(tmp_path):
    status, out, _ = lint(tmp_path, BAD)
    assert status == 1
    assert "Objective O1: Make clean water a topic no household can ignore" in out
    assert "[kr-is-activity] O1-KR1" in out
    assert "see: docs/coach-rules.md#kr-is-activity" in out
    assert "      Try: Ask what the work should change" in out
    assert "1 error" in out


def test_unreadable_file_exits_2_naming_line_and_field(tmp_path):
    status, out, err = lint(tmp_path, GOOD.replace("target: 100000", "target: lots"))
    assert status == 2
    assert "okrs.yaml:17: objectives[0].key_results[0].target: expected a number, got 'lots'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\norganization: [unclosed\n", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        (GOOD.replace("team: acme\n    cycle", "team: ghost\n    cycle"), "unknown team 'ghost'"),
    ],
)
def test_broken_documents_exit_2_with_a_clear_message(tmp_path, text, message):
    status, _, err = lint(tmp_path, text)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_profile_and_today_options(tmp_path):
    status, out, _ = lint(tmp_path, GOOD, "--today", "2027-03-30", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "no-recent-check-in" in rules
    status, _, err = lint(tmp_path, GOOD, "--today", "soon")
    assert status == 2 and "--today must be a date" in err


def test_missing_file_exits_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "okrs.cli", "lint", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "no such file" in done.stderr


def test_a_json_file_is_linted_like_its_yaml(tmp_path):
    import yaml

    as_json = json.dumps(yaml.safe_load(BAD), default=str)
    status, out, _ = lint(tmp_path, as_json, "--format", "json")
    yaml_status, yaml_out, _ = lint(tmp_path, BAD, "--format", "json")
    assert (status, json.loads(out)) == (yaml_status, json.loads(yaml_out))
    assert status == 1


def test_a_file_that_is_not_utf8_exits_2_naming_its_line(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.encode() + b"# caf\xe9\n")
    done = subprocess.run(
        [sys.executable, "-m", "okrs.cli", "lint", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}:23: document: unreadable text (files are UTF-8)")
    assert "Traceback" not in done.stderr


def test_a_milestone_left_as_a_metric_is_a_warning_that_does_not_fail(tmp_path):
    text = GOOD.replace(
        "      - title: Increase monthly newsletter readers",
        "      - title: Obtain the water utility's operating licence\n"
        "        check_ins: [{date: 2027-02-10, value: 0, confidence: 6}]\n"
        "      - title: Increase monthly newsletter readers",
    )
    status, out, _ = lint(tmp_path, text, "--format", "json")
    assert status == 0, out
    found = [f for f in json.loads(out)["findings"] if f["target"] == "O1-KR2"]
    assert [(f["rule"], f["severity"]) for f in found] == [("kr-binary-by-nature", "warning")]
    assert "`type: binary`" in found[0]["suggestion"]


ANNUAL_PARENT = """\
version: 1
organization: Acme Water
today: 2027-02-15
cycles:
  - {id: "2027", start: 2027-01-01, end: 2027-12-31, kind: annual}
  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, parent: "2027"}
teams:
  - {id: acme, name: Acme Water, level: company}
  - {id: growth, name: Growth, level: tactical, parent: acme}
objectives:
  - id: A1
    title: Make clean water a topic no household can ignore
    team: acme
    cycle: "2027"
    key_results:
      - {title: "Grow petition signatures from 20,000 to 100,000", start: 20000, target: 100000}
      - {title: "Increase newsletter readers from 2,000 to 8,000", start: 2000, target: 8000}
  - id: Q1
    title: Grow petition signatures
    team: growth
    cycle: 2027-Q1
    aligned_to: [A1]
    key_results:
      - {title: "Raise the share of visitors who sign from 2% to 5%", start: 2, target: 5}
      - {title: "Grow shares of the petition from 300 to 2,000 a week", start: 300, target: 2000}
"""


def test_lint_catches_an_annual_key_result_reused_as_a_quarterly_objective(tmp_path):
    _, out, _ = lint(tmp_path, ANNUAL_PARENT, "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "cascade-kr-as-objective"]
    assert [f["target"] for f in found] == ["Q1"]
