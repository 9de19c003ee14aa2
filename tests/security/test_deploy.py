"""`okrs check-deploy` and the production settings, in subprocesses with their own environment."""

import json
import os
import secrets
import subprocess
import sys

import pytest

OKRS = [sys.executable, "-m", "okrs.cli"]
HOST = "okrs.example.com"


def environment(tmp_path, **extra) -> dict:
    """Return an environment for an okrs process: own data directory, no inherited okrs setup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OKRS_", "DJANGO_"))}
    env.update({"OKRS_DATA_DIR": str(tmp_path), "DATABASE_URL": "", **extra})
    return env


def production(tmp_path, **extra) -> dict:
    """Return a proper production environment: a long random secret and the allowed host."""
    proper = {
        "OKRS_ENV": "production",
        "OKRS_SECRET_KEY": secrets.token_urlsafe(50),
        "OKRS_ALLOWED_HOSTS": HOST,
    }
    return environment(tmp_path, **{**proper, **extra})


def okrs(args, env) -> subprocess.CompletedProcess:
    """Run an okrs command and return the finished process."""
    return subprocess.run([*OKRS, *args], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_a_proper_production_environment(tmp_path):
    done = okrs(["check-deploy"], production(tmp_path))

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_check_deploy_checks_the_production_settings_whatever_okrs_env_says(tmp_path):
    env = production(tmp_path, OKRS_ENV="development", OKRS_SECRET_KEY="")

    done = okrs(["check-deploy"], env)

    assert done.returncode != 0
    assert "OKRS_SECRET_KEY must be set when OKRS_ENV=production" in done.stderr


@pytest.mark.parametrize("command", [["check-deploy"], ["migrate"], ["serve", "--port", "0"]])
def test_production_refuses_to_start_with_the_default_secret(tmp_path, command):
    env = production(tmp_path, OKRS_SECRET_KEY="okrs-development-key-not-for-production")

    done = okrs(command, env)

    assert done.returncode != 0
    assert done.stderr.strip() == "okrs: OKRS_SECRET_KEY must be set when OKRS_ENV=production."
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("extra", "warning"),
    [
        ({"OKRS_SECRET_KEY": "too-short-a-secret"}, "security.W009"),
        ({"OKRS_ALLOWED_HOSTS": ""}, "security.W020"),
        ({"OKRS_DEBUG": "true"}, "security.W018"),
        ({"OKRS_SSL_REDIRECT": "false"}, "security.W008"),
        ({"OKRS_HSTS_SECONDS": "0"}, "security.W004"),
    ],
)
def test_check_deploy_fails_on_any_warning(tmp_path, extra, warning):
    done = okrs(["check-deploy"], production(tmp_path, **extra))

    assert done.returncode != 0
    assert warning in done.stderr


RESPONSES = """
import json, django
django.setup()
from django.test import Client
secure = Client().get("/login/", secure=True, HTTP_HOST="okrs.example.com")
plain = Client().get("/login/", HTTP_HOST="okrs.example.com")
evil = Client().get("/login/", secure=True, HTTP_HOST="evil.example.com")
print(json.dumps({
    "secure": [secure.status_code, dict(secure.headers), secure.cookies["csrftoken"]["secure"]],
    "plain": [plain.status_code, plain.headers.get("Location")],
    "evil": evil.status_code,
}))
"""


def test_production_responses_carry_the_security_headers(tmp_path):
    env = production(tmp_path, DJANGO_SETTINGS_MODULE="okrs.settings")
    done = subprocess.run(
        [sys.executable, "-c", RESPONSES], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])

    status, headers, csrf_cookie_secure = seen["secure"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(
        directive.strip().partition(" ")[::2]
        for directive in headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert not any("unsafe-eval" in sources for sources in policy.values())
    assert csrf_cookie_secure is True
    assert seen["plain"] == [301, f"https://{HOST}/login/"]
    assert seen["evil"] == 400
