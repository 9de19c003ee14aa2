"""E-mail settings from the environment (docs/configuration.md), read in fresh processes."""

import json
import os
import subprocess
import sys

import pytest
from django.core import mail

from okrs.administration.invitations import invite_person

READ = (
    "import json, okrs.settings as s; print(json.dumps([s.EMAIL_BACKEND.rsplit('.', 2)[-2], "
    "s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT, "
    "str(s.EMAIL_FILE_PATH)]))"
)


def email_settings(tmp_path, **variables):
    """Return the finished process that read the settings with these variables set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OKRS_", "DJANGO_"))}
    env.update({"OKRS_DATA_DIR": str(tmp_path), "DATABASE_URL": "", **variables})
    return subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, timeout=60
    )


def read(tmp_path, **variables) -> list:
    done = email_settings(tmp_path, **variables)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_mail_goes_to_the_console_until_told_otherwise(tmp_path):
    assert read(tmp_path)[0] == "console"


def test_an_smtp_host_turns_smtp_on_with_starttls(tmp_path):
    found = read(tmp_path, OKRS_SMTP_HOST="mail.example.com", OKRS_SMTP_TIMEOUT="5")

    assert found[:6] == ["smtp", "mail.example.com", 587, True, False, 5]


def test_implicit_tls_on_port_465(tmp_path):
    found = read(
        tmp_path, OKRS_SMTP_HOST="mail.example.com", OKRS_SMTP_PORT="465", OKRS_SMTP_SSL="1"
    )

    assert found[2:5] == [465, False, True]


def test_the_file_backend_writes_under_the_data_directory(tmp_path):
    found = read(tmp_path, OKRS_EMAIL_BACKEND="file")

    assert (found[0], found[6]) == ("filebased", str(tmp_path / "mail"))


@pytest.mark.parametrize(
    ("variables", "problem"),
    [
        ({"OKRS_EMAIL_BACKEND": "smpt"}, "OKRS_EMAIL_BACKEND='smpt': use console, file, smtp"),
        ({"OKRS_SMTP_SSL": "1", "OKRS_SMTP_TLS": "1"}, "OKRS_SMTP_SSL and OKRS_SMTP_TLS exclude"),
    ],
)
def test_settings_that_cannot_work_stop_okrs_with_what_to_fix(tmp_path, variables, problem):
    done = email_settings(tmp_path, **variables)

    assert done.returncode != 0
    assert problem in done.stderr


def test_an_invitation_through_the_file_backend_lands_in_a_file(world, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path

    invite_person(world.org, "carol@acme.test", by=world.admin)

    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "To: carol@acme.test" in written and "/invitations/" in written
    assert mail.outbox == []
