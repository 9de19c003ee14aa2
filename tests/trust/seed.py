"""Seed an okrs database for a trust test and print what the test needs as JSON.

Run as `python seed.py PEOPLE KEY_RESULTS` with the okrs environment (OKRS_DATA_DIR or
DATABASE_URL): Acme Water with a Growth team, an admin and PEOPLE members, one objective with
KEY_RESULTS key results in a cycle running today, and a signed-in session and an API token each.
"""

import json
import os
import sys
import time
from datetime import timedelta
from importlib import import_module

import django


def signed_in_session(person) -> str:
    """Return the key of a new session signed in as the person (no password hashing needed)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    backends = settings.AUTHENTICATION_BACKENDS
    backend = next((b for b in backends if b.endswith(".PersonBackend")), backends[0])
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store["okrs_renewed_at"] = int(time.time())  # a fresh sign-in: no renewal write at first use
    store.create()
    return store.session_key


def seed(people: int, key_results: int) -> dict:
    """Create the organisation and return its ids, tokens and sessions."""
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from okrs.api.actions import create_token
    from okrs.cycles.actions import create_cycle
    from okrs.objectives.actions import add_key_result, create_objective
    from okrs.organizations.actions import (
        add_person,
        company_team,
        create_organization,
        create_team,
        join_team,
    )
    from okrs.organizations.models import Role

    today = timezone.localdate()
    with transaction.atomic():
        org = create_organization("Acme Water", slug="acme")
        growth = create_team(org, "Growth", "tactical", company_team(org))
        cycle = create_cycle(
            org, "Now", today - timedelta(days=30), today + timedelta(days=60), state="active"
        )
        objective = create_objective(
            cycle, "Make clean water a topic no household can ignore", team=growth, status="active"
        )
        krs = [
            add_key_result(
                objective, f"Grow petition signatures, part {n + 1}", start=0, target=1000
            )
            for n in range(key_results)
        ]
        everyone = [add_person(org, "admin@acme.test", "Ada Admin", Role.ADMIN)]
        for n in range(people):
            person = add_person(org, f"person{n}@acme.test", f"Person {n}", Role.MEMBER)
            join_team(person, growth)
            everyone.append(person)
        accounts = [
            {
                "email": p.email,
                "token": create_token(p, "trust test")[1],
                "session": signed_in_session(p),
            }
            for p in everyone
        ]
    return {
        "objective": objective.pk,
        "key_results": [kr.pk for kr in krs],
        "admin": accounts[0],
        "people": accounts[1:],
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okrs.settings")
    django.setup()
    print(json.dumps(seed(int(sys.argv[1]), int(sys.argv[2]))))
