"""`okrs setup`: scripted installs get the same organisation, admin and cycles as the setup page."""

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from okrs.cycles.models import Cycle
from okrs.organizations.models import AdministrativeChange, Organization, Person, Role

OKRS = [sys.executable, "-m", "okrs.cli"]
PASSWORD = "tide-charts-at-dawn"
# The subprocesses set up a data directory of their own: one run of the suite is enough for them.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="runs on its own SQLite database"
)


def once(test):
    """Run the test on SQLite only, as one that starts okrs in processes of its own."""
    return pytest.mark.server(sqlite_only(test))


@pytest.fixture
def password(monkeypatch):
    """Give the command its password through the environment."""
    monkeypatch.setenv("OKRS_ADMIN_PASSWORD", PASSWORD)
    return PASSWORD


def setup(*args: str) -> None:
    """Run `okrs setup` in this process."""
    call_command("setup", *args)


def test_setup_creates_an_organisation_with_its_admin_and_active_cycles(db, clock, password):
    clock.move_to("2027-05-03T09:00:00Z")

    setup("--organization", "Blue Harbour", "--admin", "hana@harbour.test", "--name", "Hana",
          "--profile", "scaled-okrs", "--time-zone", "Asia/Tokyo")  # fmt: skip

    organization = Organization.objects.get()
    assert (organization.profile, organization.score_scale) == ("scaled-okrs", "0-1")
    assert organization.time_zone == "Asia/Tokyo"
    admin = Person.objects.get()
    assert (admin.name, admin.role, admin.organization) == ("Hana", Role.ADMIN, organization)
    assert admin.check_password(PASSWORD)
    states = dict(Cycle.objects.of(organization).values_list("name", "state"))
    assert states == {"2027": "active", "2027-Q2": "active"}
    change = AdministrativeChange.objects.get()
    assert change.actor is None and "okrs setup command" in change.summary


def test_setup_adds_a_further_organisation(world, password):
    setup("--organization", "Globex", "--admin", "gina@globex.test", "--scale", "0-10")

    globex = Organization.objects.get(name="Globex")
    assert globex.score_scale == "0-10"
    assert Person.objects.get(email="gina@globex.test").organization == globex
    assert Organization.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--time-zone", "Mars/Olympus"], "--time-zone: Unknown time zone 'Mars/Olympus'"),
        (["--admin", "hana-at-harbour"], "--admin: 'hana-at-harbour' is not an e-mail address."),
        (["--admin", "admin@acme.test"], "--admin: Someone already signs in as admin@acme.test."),
        (["--organization", " "], "--organization: Give the organisation a name."),
    ],
)
def test_bad_input_is_one_clear_line_and_writes_nothing(world, password, args, message):
    before = (Organization.objects.count(), Person.objects.count(), Cycle.objects.count())
    base = {"--organization": "Globex", "--admin": "gina@globex.test"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))

    with pytest.raises(CommandError) as raised:
        setup(*[part for pair in base.items() for part in pair])

    assert str(raised.value).startswith(message), str(raised.value)
    assert raised.value.returncode == 2
    after = (Organization.objects.count(), Person.objects.count(), Cycle.objects.count())
    assert after == before


def test_a_weak_password_from_the_environment_is_refused(db, monkeypatch):
    monkeypatch.setenv("OKRS_ADMIN_PASSWORD", "12345678")

    with pytest.raises(CommandError) as raised:
        setup("--organization", "Globex", "--admin", "gina@globex.test")

    assert "the password: This password is too common." in str(raised.value)
    assert not Organization.objects.exists()


# --- as an operator runs it -------------------------------------------------------------------


def environment(tmp_path, **extra) -> dict:
    """Return the environment of an okrs process with its own data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OKRS_", "DJANGO_"))}
    env.update({"OKRS_DATA_DIR": str(tmp_path), "DATABASE_URL": "", **extra})
    return env


def run(args, env, **kwargs) -> subprocess.CompletedProcess:
    """Run an okrs command and return the finished process."""
    return subprocess.run(
        [*OKRS, *args], env=env, capture_output=True, text=True, timeout=120, **kwargs
    )


@once
def test_the_command_sets_up_an_empty_data_directory(tmp_path):
    env = environment(tmp_path, OKRS_ADMIN_PASSWORD=PASSWORD)

    done = run(["setup", "--organization", "Blue Harbour", "--admin", "hana@harbour.test"], env)

    assert done.returncode == 0, done.stderr
    assert "Set up Blue Harbour (blue-harbour): hana@harbour.test is its admin" in done.stdout
    again = run(["setup", "--organization", "Red Harbour", "--admin", "hana@harbour.test"], env)
    assert again.returncode == 2
    assert again.stderr.strip() == (
        "CommandError: --admin: Someone already signs in as hana@harbour.test."
    )
    assert "Traceback" not in again.stderr


@once
def test_without_a_password_and_a_terminal_the_command_says_what_to_do(tmp_path):
    done = run(
        ["setup", "--organization", "Blue Harbour", "--admin", "hana@harbour.test"],
        environment(tmp_path),
        stdin=subprocess.DEVNULL,
    )

    assert done.returncode == 2
    assert "set OKRS_ADMIN_PASSWORD, or run okrs setup in a terminal" in done.stderr


@once
def test_a_bad_option_exits_with_status_two(tmp_path):
    done = run(
        ["setup", "--organization", "X", "--admin", "x@x.test", "--profile", "gurus"],
        environment(tmp_path, OKRS_ADMIN_PASSWORD=PASSWORD),
    )

    assert done.returncode == 2
    assert "invalid choice: 'gurus'" in done.stderr


PROMPT = re.compile(rb"assword[^\n]*:")


def typed(command: list[str], env: dict, answers: list[str]) -> tuple[int, str]:
    """Run the command on a terminal, typing each answer after its prompt; return status, screen."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: okrs setup, on the terminal
        os.execvpe(command[0], command, env)
    screen, deadline = b"", time.monotonic() + 60
    pending = list(answers)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(terminal, 1024)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
            # Answer each password prompt once it is on the screen: getpass flushes typed-ahead
            # input, so an answer sent before its prompt would be lost.
            if pending and len(PROMPT.findall(screen)) > len(answers) - len(pending):
                os.write(terminal, pending.pop(0).encode() + b"\n")
    else:  # past the deadline: the command waits for something never typed
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode(errors="replace")


@once
@pytest.mark.terminal
def test_the_password_is_asked_twice_on_a_terminal_and_never_shown(tmp_path):
    env = environment(tmp_path)
    command = [*OKRS, "setup", "--organization", "Blue Harbour", "--admin", "hana@harbour.test"]

    status, screen = typed(command, env, [PASSWORD, PASSWORD])

    assert status == 0, screen
    assert "Password for hana@harbour.test:" in screen
    assert "The same password again:" in screen
    assert PASSWORD not in screen
    assert "Set up Blue Harbour" in screen


@once
@pytest.mark.terminal
def test_two_different_passwords_set_up_nothing(tmp_path):
    env = environment(tmp_path)
    command = [*OKRS, "setup", "--organization", "Blue Harbour", "--admin", "hana@harbour.test"]

    status, screen = typed(command, env, [PASSWORD, "something-else-entirely"])

    assert status == 2
    assert "The two passwords differ; nothing was set up." in screen
    again = run([*command[3:]], env | {"OKRS_ADMIN_PASSWORD": PASSWORD})
    assert again.returncode == 0, again.stderr  # the e-mail is still free
