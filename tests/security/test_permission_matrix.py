"""The permission matrix: every write view and API route x every role, as in docs/permissions.md.

Each case signs in one persona, performs one write with a valid body against Acme's Growth team and
checks both the answer and the database: an allowed write really changes the row, a refused one
leaves it as it was. Walking the URL configuration and the OpenAPI document makes a new write view
or route without a row here fail the suite.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PASSWORD, World
from okrs.administration.invitations import invite_person
from okrs.administration.models import Invitation, PeopleImport, ScimToken
from okrs.administration.orgchart import keep_upload
from okrs.administration.scim.tokens import create_scim_token
from okrs.api.actions import create_token
from okrs.api.models import ApiToken
from okrs.cadence.actions import create_feed, update_team_cadence
from okrs.cadence.models import CadenceEvent, CadenceSettings, CalendarFeed
from okrs.chat.actions import install_chat_app
from okrs.chat.models import ChatInstallation, DigestPreference, TeamChannel
from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.evaluation.actions import create_review
from okrs.evaluation.models import Decision, Evaluation, HypothesisVerdict, Review
from okrs.health.models import PulseAnswer
from okrs.kpis.actions import archive_kpi, create_kpi
from okrs.kpis.models import KPI, KPIResponse, Measurement
from okrs.kpis.responses import link_kpi
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    delete_objective,
    remove_key_result,
    update_objective,
)
from okrs.objectives.co_creation import invite_coaches
from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import (
    CheckIn,
    DraftCoach,
    Initiative,
    KeyResult,
    Objective,
    StatusOverride,
)
from okrs.objectives.overrides import override_status
from okrs.organizations.actions import add_person, archive_team, create_team, join_team
from okrs.organizations.models import Membership, Organization, Person, Role, Team
from okrs.organizations.people import deactivate_person
from okrs.planning.actions import add_candidate, add_planning_note, share_draft
from okrs.planning.models import CandidateObjective, PlanningSession, TeamPlanningNote
from okrs.reminders.links import make_token
from okrs.reminders.models import settings_of
from okrs.sources.actions import set_source
from okrs.sources.models import Source
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import Delivery, Endpoint
from tests.calendar import WORLD_TODAY, at_ten
from tests.receiver import closed_port_url

# The people, each seen from Acme's Growth team (the target of every write):
PERSONAS = (
    "anonymous",  # not signed in; the API without a token
    "stakeholder",  # role stakeholder, in no team
    "stakeholder-in-team",  # role stakeholder, a member of Growth
    "member",  # role member, in Support but not in Growth
    "member-in-team",  # role member, a member of Growth
    "lead-in-team",  # role member, the lead of Growth
    "okr-practitioner",  # in Support, not in Growth
    "okr-professional",  # in Support, not in Growth
    "okr-leader",  # in no team
    "admin",  # in no team
)

# Y  allowed: 2xx/3xx and the row changed
# r  allowed, stores nothing (the coach, lint): 2xx and nothing changed
# .  refused: 403 (web: the friendly page; anonymous: sign-in redirect, API 401)
# h  hidden: 404, the target is not one the person may see or answer for; nothing changed
# f  refused by the form: 422, the team is not among those offered; nothing changed
# fmt: off
#                                                   anon stak stIT memb mIT  lead prac prof ldr  adm
WEB = {
    "objective-new":                               ".    .    .    f    Y    Y    f    f    Y    Y",
    "objective-edit":                              ".    .    .    .    Y    Y    .    .    Y    Y",
    "objective-delete":                            ".    .    .    .    Y    Y    .    .    Y    Y",
    "objective-override":                          ".    .    .    .    .    Y    .    .    Y    Y",
    "objective-override-clear":                    ".    .    .    .    .    Y    .    .    Y    Y",
    "objective-finish":                            ".    .    .    .    Y    Y    .    .    .    .",
    "objective-accept":                            ".    h    .    h    Y    Y    h    h    .    h",
    "objective-coaches":                           ".    h    .    h    Y    Y    h    h    h    h",
    "objective-coach-revoke":                      ".    h    .    h    Y    Y    .    h    h    h",
    "restore-objective":                           ".    .    .    .    .    .    .    .    Y    Y",
    "restore-key-result":                          ".    .    .    .    .    .    .    .    Y    Y",
    "check-in":                                    ".    .    .    .    Y    Y    .    .    Y    Y",
    "initiative-add":                              ".    .    .    .    Y    Y    .    .    Y    Y",
    "initiative-edit":                             ".    .    .    .    Y    Y    .    .    Y    Y",
    "initiative-status":                           ".    .    .    .    Y    Y    .    .    Y    Y",
    "initiative-remove":                           ".    .    .    .    Y    Y    .    .    Y    Y",
    "move-to-action-plan":                         ".    .    .    .    Y    Y    .    .    Y    Y",
    "check-in-all":                                ".    f    f    f    Y    Y    f    f    f    f",
    "coach-draft":                                 ".    r    r    r    r    r    r    r    r    r",
    "tokens":                                      ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "account":                                     ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "sign-out-everywhere":                         ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "token-revoke":                                ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "cadence-schedule":                            ".    .    .    .    .    .    .    .    Y    Y",
    "cadence-event-notes":                         ".    .    .    .    Y    Y    .    .    Y    Y",
    "cadence-event-time":                          ".    .    .    .    Y    Y    .    .    Y    Y",
    "cadence-organization-settings":               ".    .    .    .    .    .    .    .    Y    Y",
    "cadence-team-settings":                       ".    .    .    .    .    Y    .    .    Y    Y",
    "cadence-team-daily-alignment":                ".    .    .    .    Y    Y    .    .    .    .",
    "cadence-feed-new":                            ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "cadence-feed-renew":                          ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-next-quarter":                       ".    .    .    .    .    .    .    .    Y    Y",
    "planning-open":                               ".    .    .    .    .    .    .    .    Y    Y",
    "planning-start":                              ".    .    .    .    .    .    .    .    Y    Y",
    "planning-note-add":                           ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-note-remove":                        ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-carry-over-one":                     ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-share":                              ".    h    .    h    Y    Y    h    h    h    h",
    "planning-withdraw":                           ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-publish":                            ".    .    .    .    .    Y    .    .    Y    Y",
    "planning-backlog":                            ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-promote":                            ".    .    .    .    Y    Y    .    .    Y    Y",
    "planning-drop":                               ".    .    .    .    Y    Y    .    .    Y    Y",
    "reminders-settings":                          ".    .    .    .    .    .    .    .    .    Y",
    "reminders-quick-check-in":                    ".    .    .    .    Y    Y    .    .    Y    Y",
    "evaluation:team":                             ".    .    .    .    Y    Y    .    .    .    .",
    "evaluation:close":                            ".    .    .    .    .    .    .    .    Y    Y",
    "evaluation:review-new":                       ".    .    .    f    Y    Y    Y    Y    Y    Y",
    "evaluation:review-notes":                     ".    .    .    .    Y    Y    Y    Y    Y    Y",
    "evaluation:decide-objective":                 ".    .    .    .    Y    Y    Y    Y    Y    Y",
    "evaluation:verdict":                          ".    .    .    .    Y    Y    Y    Y    Y    Y",
    "evaluation:decide-key-result":                ".    .    .    .    Y    Y    Y    Y    Y    Y",
    "health-pulse":                                ".    .    .    h    Y    Y    h    h    h    h",
    "source":                                      ".    .    .    .    Y    Y    .    .    Y    Y",
    "source-renew":                                ".    .    .    .    Y    Y    .    .    Y    Y",
    "source-remove":                               ".    .    .    .    Y    Y    .    .    Y    Y",
    "source-pull":                                 ".    .    .    .    Y    Y    .    .    Y    Y",
    "webhook-new":                                 ".    .    .    .    .    .    .    .    .    Y",
    "webhook-active":                              ".    .    .    .    .    .    .    .    .    Y",
    "webhook-delete":                              ".    .    .    .    .    .    .    .    .    Y",
    "webhook-redeliver":                           ".    .    .    .    .    .    .    .    .    Y",
    "administration-import":                       ".    .    .    .    .    .    .    .    .    Y",
    "administration-import-apply":                 ".    .    .    .    .    .    .    .    .    Y",
    "people-invite":                               ".    .    .    .    .    .    .    .    .    Y",
    "people-invite-not-joined":                    ".    .    .    .    .    .    .    .    .    Y",
    "invitation-resend":                           ".    .    .    .    .    .    .    .    .    Y",
    "invitation-cancel":                           ".    .    .    .    .    .    .    .    .    Y",
    "person-role":                                 ".    .    .    .    .    .    .    .    .    Y",
    "person-invite":                               ".    .    .    .    .    .    .    .    .    Y",
    "person-deactivate":                           ".    .    .    .    .    .    .    .    .    Y",
    "person-reactivate":                           ".    .    .    .    .    .    .    .    .    Y",
    "person-place":                                ".    .    .    .    .    .    .    .    .    Y",
    "person-move":                                 ".    .    .    .    .    .    .    .    .    Y",
    "person-leave":                                ".    .    .    .    .    .    .    .    .    Y",
    "invitation":                                  "Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "administration-scim":                         ".    .    .    .    .    .    .    .    .    Y",
    "administration-scim-revoke":                  ".    .    .    .    .    .    .    .    .    Y",
    "administration-chat":                         ".    .    .    .    .    .    .    .    .    Y",
    "administration-chat-teams":                   ".    .    .    .    .    .    .    .    .    Y",
    "administration-chat-uninstall":               ".    .    .    .    .    .    .    .    .    Y",
    "digest-preference":                           ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "administration-team-new":                     ".    .    .    .    .    .    .    .    .    Y",
    "administration-team":                         ".    .    .    .    .    .    .    .    .    Y",
    "administration-team-archive":                 ".    .    .    .    .    .    .    .    .    Y",
    "administration-team-unarchive":               ".    .    .    .    .    .    .    .    .    Y",
    "administration-member-add":                   ".    .    .    .    .    .    .    .    .    Y",
    "administration-member-role":                  ".    .    .    .    .    .    .    .    .    Y",
    "administration-member-remove":                ".    .    .    .    .    .    .    .    .    Y",
    "administration-cycle-new":                    ".    .    .    .    .    .    .    .    .    Y",
    "administration-cycle-next-quarter":           ".    .    .    .    .    .    .    .    .    Y",
    "administration-cycle":                        ".    .    .    .    .    .    .    .    .    Y",
    "kpi-new":                                     ".    .    .    .    Y    Y    .    .    Y    Y",
    "kpi-edit":                                    ".    .    .    .    Y    Y    .    .    Y    Y",
    "kpi-measure":                                 ".    .    .    .    Y    Y    .    .    Y    Y",
    "kpi-archive":                                 ".    .    .    .    Y    Y    .    .    Y    Y",
    "kpi-unarchive":                               ".    .    .    .    Y    Y    .    .    Y    Y",
    "administration-settings":                     ".    .    .    .    .    .    .    .    .    Y",
    "setup":                                       "h    h    h    h    h    h    h    h    h    h",
}
API = {
    "POST /teams":                                 ".    .    .    .    .    .    .    .    Y    Y",
    "PATCH /teams/{team_id}":                      ".    .    .    .    .    .    .    .    Y    Y",
    "DELETE /teams/{team_id}":                     ".    .    .    .    .    .    .    .    Y    Y",
    "PUT /key-results/{key_result_id}/source":     ".    .    .    .    Y    Y    .    .    Y    Y",
    "DELETE /key-results/{key_result_id}/source":  ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /key-results/{key_result_id}/source/renew": ".    .    .    .    Y    Y    .    .    Y    Y",  # noqa: E501
    "POST /key-results/{key_result_id}/source/test":  ".    .    .    .    r    r    .    .    r    r",  # noqa: E501
    "POST /cycles":                                ".    .    .    .    .    .    .    .    Y    Y",
    "PATCH /cycles/{cycle_id}":                    ".    .    .    .    .    .    .    .    Y    Y",
    "DELETE /cycles/{cycle_id}":                   ".    .    .    .    .    .    .    .    Y    Y",
    "POST /objectives":                            ".    .    .    .    Y    Y    .    .    Y    Y",
    "PATCH /objectives/{objective_id}":            ".    .    .    .    Y    Y    .    .    Y    Y",
    "DELETE /objectives/{objective_id}":           ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /objectives/{objective_id}/restore":     ".    .    .    .    .    .    .    .    Y    Y",
    "POST /objectives/{objective_id}/override":    ".    .    .    .    .    Y    .    .    Y    Y",
    "POST /objectives/{objective_id}/publish":     ".    .    .    .    .    Y    .    .    Y    Y",
    "PUT /reviews/{review_id}/objectives/{objective_id}/verdict":
                                                   ".    .    .    .    Y    Y    Y    Y    Y    Y",
    "DELETE /objectives/{objective_id}/override":  ".    .    .    .    .    Y    .    .    Y    Y",
    "POST /objectives/{objective_id}/finish":      ".    .    .    .    Y    Y    .    .    .    .",
    "POST /objectives/{objective_id}/accept":      ".    .    .    h    Y    Y    h    h    .    h",
    "POST /objectives/{objective_id}/coaches":     ".    .    .    h    Y    Y    h    h    h    h",
    "DELETE /objectives/{objective_id}/coaches/{person_id}":
                                                   ".    .    .    h    Y    Y    .    h    h    h",
    "POST /key-results":                           ".    .    .    .    Y    Y    .    .    Y    Y",
    "PATCH /key-results/{key_result_id}":          ".    .    .    .    Y    Y    .    .    Y    Y",
    "DELETE /key-results/{key_result_id}":         ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /key-results/{key_result_id}/restore":   ".    .    .    .    .    .    .    .    Y    Y",
    "POST /key-results/{key_result_id}/check-ins": ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /key-results/{key_result_id}/initiatives":
                                                   ".    .    .    .    Y    Y    .    .    Y    Y",
    "PATCH /initiatives/{initiative_id}":          ".    .    .    .    Y    Y    .    .    Y    Y",
    "DELETE /initiatives/{initiative_id}":         ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /key-results/{key_result_id}/move-to-action-plan":
                                                   ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /kpis":                                  ".    .    .    .    Y    Y    .    .    Y    Y",
    "PATCH /kpis/{kpi_id}":                        ".    .    .    .    Y    Y    .    .    Y    Y",
    "DELETE /kpis/{kpi_id}":                       ".    .    .    .    Y    Y    .    .    Y    Y",
    "POST /kpis/{kpi_id}/measurements":            ".    .    .    .    Y    Y    .    .    Y    Y",
    "PUT /kpis/{kpi_id}/objectives/{objective_id}":    ".  .  .  .  Y  Y  .  .  Y  Y",
    "DELETE /kpis/{kpi_id}/objectives/{objective_id}": ".  .  .  .  Y  Y  .  .  Y  Y",
    "POST /lint":                                  ".    r    r    r    r    r    r    r    r    r",
    "POST /import":                                ".    .    .    .    .    .    .    .    Y    Y",
    "POST /webhooks":                              ".    .    .    .    .    .    .    .    .    Y",
    "PATCH /webhooks/{endpoint_id}":               ".    .    .    .    .    .    .    .    .    Y",
    "DELETE /webhooks/{endpoint_id}":              ".    .    .    .    .    .    .    .    .    Y",
    "PUT /me/digest":                              ".    Y    Y    Y    Y    Y    Y    Y    Y    Y",
    "POST /people/import":                         ".    .    .    .    .    .    .    .    .    Y",
}
# Fields of an API write that fewer people may set than the rest of its route: `ROUTE field`.
API_FIELDS = {
    "PATCH /teams/{team_id} archived":             ".    .    .    .    .    .    .    .    .    Y",
    "PATCH /kpis/{kpi_id} archived":               ".    .    .    .    Y    Y    .    .    Y    Y",
}
# SCIM (/scim/v2/) opens only to an organisation's SCIM token, which no persona holds: a session
# or a personal API token, even an admin's, is refused with 401. The token's writes: see below.
SCIM = {
    "POST /Users":                                 ".    .    .    .    .    .    .    .    .    .",
    "PUT /Users/{id}":                             ".    .    .    .    .    .    .    .    .    .",
    "PATCH /Users/{id}":                           ".    .    .    .    .    .    .    .    .    .",
    "DELETE /Users/{id}":                          ".    .    .    .    .    .    .    .    .    .",
    "POST /Groups":                                ".    .    .    .    .    .    .    .    .    .",
    "PUT /Groups/{id}":                            ".    .    .    .    .    .    .    .    .    .",
    "PATCH /Groups/{id}":                          ".    .    .    .    .    .    .    .    .    .",
    "DELETE /Groups/{id}":                         ".    .    .    .    .    .    .    .    .    .",
}
# fmt: on

# Pages that only read: a POST to them stores nothing (most answer GET only).
# fmt: off
READ_VIEWS = {
    "home", "tree", "map", "team", "objective", "coach-rules", "quality", "dashboard",
    "cadence", "cadence-event", "cadence-settings", "cadence-calendar",
    "planning", "planning-board", "planning-team", "planning-carry-over", "planning-event-people",
    "reminders", "reminders-team",
    "evaluation:index", "evaluation:cycle", "evaluation:reviews", "evaluation:review",
    "evaluation:calibration", "evaluation:calibration-team", "evaluation:report",
    "health", "webhooks", "objective-history", "objective-why", "dashboard-attention", "trash",
    "administration", "administration-history", "administration-people", "administration-person",
    "administration-import-preview", "administration-people-csv",
    "administration-teams", "administration-cycles", "administration-jobs",
    "kpi",
    "tree-export-csv", "tree-export-xlsx", "team-check-ins-csv", "team-check-ins-xlsx",
    "dashboard-export-csv", "dashboard-export-xlsx",
}
# fmt: on
# Signing in and out (by password or single sign-on) change only the visitor's own session.
SESSION_VIEWS = {"login", "logout", "sso-start", "sso-callback", "invitation-sso"}
# Requests from the chat app carry its signature, not a session; okrs/chat/tests checks them.
CHAT_VIEWS = {"chat-command", "chat-interaction"}
# A source's push URL answers only its own secret, not a person: okrs/sources/tests/test_push.py.
SECRET_VIEWS = {"source-push"}
# Django admin serves the platform's operators (is_staff), not an organisation's roles; the API
# lives under its own namespace and is walked through its OpenAPI document; SCIM through its routes.
NOT_WALKED_PREFIXES = ("admin/", "api/v1/", "scim/v2/")

FRIENDLY_403 = {"403.html", "evaluation/private.html", "reminders/quick_refused.html"}


def expectations(table: dict[str, str]) -> dict[str, dict[str, str]]:
    """Return {action: {persona: symbol}} from the table's rows."""
    rows = {}
    for action, row in table.items():
        symbols = row.split()
        assert len(symbols) == len(PERSONAS), f"{action}: one symbol per persona"
        rows[action] = dict(zip(PERSONAS, symbols, strict=True))
    return rows


WEB_EXPECTED = expectations(WEB)
API_EXPECTED = expectations(API) | expectations(API_FIELDS)
SCIM_EXPECTED = expectations(SCIM)


@dataclass
class Cast:
    """The personas of one test, with Acme's world."""

    world: Any
    people: dict

    def person(self, persona: str):
        """Return the persona's person, None for anonymous."""
        return self.people.get(persona)


def build_cast() -> Cast:
    """Return Acme with one person per persona and Growth's active objective."""
    w = World()
    w.goal = w.objective()
    w.signatures = w.goal.key_results.get(position=0)

    def person(email, name, role, team=None):
        someone = add_person(w.org, email, name, role, PASSWORD)
        if team is not None:
            join_team(someone, team)
        return someone

    people = {
        "stakeholder": w.sam,
        "stakeholder-in-team": person("stella@acme.test", "Stella", Role.STAKEHOLDER, w.growth),
        "member": w.bob,
        "member-in-team": person("mo@acme.test", "Mo Member", Role.MEMBER, w.growth),
        "lead-in-team": w.alice,
        "okr-practitioner": person("pia@acme.test", "Pia", Role.OKR_PRACTITIONER, w.support),
        "okr-professional": person("pro@acme.test", "Pro", Role.OKR_PROFESSIONAL, w.support),
        "okr-leader": person("leo@acme.test", "Leo Leader", Role.OKR_LEADER),
        "admin": w.admin,
    }
    assert not Membership.objects.filter(person=w.bob, team=w.growth).exists()
    return Cast(w, people)


@pytest.fixture(scope="module")
def acme(django_db_setup, django_db_blocker):
    """Build the cast once for the module, in a transaction undone when the module is done.

    Each test then runs in a savepoint inside it (pytest-django's db fixture), so every write a
    test makes is rolled back and the next test starts from the same rows.
    """
    md5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the tests' own fixture
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=md5),
        time_machine.travel(at_ten(WORLD_TODAY)),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_cast()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cast(acme, db, clock):
    """Return the module's cast with every row read afresh from the database, on its day."""
    clock.move_to(at_ten(WORLD_TODAY))
    w = acme.world
    rows = [value for value in vars(w).values() if isinstance(value, Model)]
    for row in rows + list(acme.people.values()):
        row.refresh_from_db()
    return acme


@dataclass
class Write:
    """One write: where to send it, with what, and a probe of the rows it should change."""

    url: str
    body: dict | None
    probe: Callable[[], Any]
    method: str = "post"
    signed_in: bool = True  # False: the request carries its own authority (a quick link)


WEB_CASES: dict[str, Callable[[Cast, Any], Write]] = {}
API_CASES: dict[str, Callable[[Cast, Any], Write]] = {}
SCIM_CASES: dict[str, Callable[[Cast, Any], Write]] = {}


def web(name):
    """Register the write of a web view."""

    def register(make):
        WEB_CASES[name] = make
        return make

    return register


def api(route):
    """Register the write of an API route."""

    def register(make):
        API_CASES[route] = make
        return make

    return register


def scim(route):
    """Register the write of a SCIM route."""

    def register(make):
        SCIM_CASES[route] = make
        return make

    return register


def alive(model, pk) -> bool:
    """Return whether the row is still there and not in the trash."""
    row = model._base_manager.filter(pk=pk).first()
    return row is not None and getattr(row, "deleted_at", None) is None


def count(queryset) -> Callable[[], int]:
    """Return a probe counting the queryset's rows."""
    return lambda: queryset.all().count()


def field(model, pk, *names) -> Callable[[], tuple]:
    """Return a probe reading fields of one row."""
    return lambda: model._base_manager.filter(pk=pk).values_list(*names).first()


def growth_draft(w, shared=False) -> Objective:
    """Return Growth's draft in 2027-Q1, shared on the planning board when asked."""
    draft = create_objective(w.quarter, "Win the hearts of young donors", team=w.growth)
    return share_draft(draft) if shared else draft


def planning_quarter(w) -> Cycle:
    """Return 2027-Q2, in planning under the annual cycle."""
    return create_cycle(w.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), parent=w.annual)


def growth_review(w) -> Review:
    """Return a review of Growth in 2027-Q1 with nobody as facilitator."""
    return create_review(w.growth, w.quarter, date(2027, 2, 15))


# --- web views -------------------------------------------------------------------------------


@web("objective-new")
def _(c, person):
    w = c.world
    body = {
        "title": "Make every school a clean water ambassador",
        "team": w.growth.pk,
        "cycle": w.quarter.pk,
        "status": "draft",
        "ambition": "roofshot",
        "kr-TOTAL_FORMS": "0",
        "kr-INITIAL_FORMS": "0",
    }
    return Write(reverse("objective-new"), body, count(Objective.objects.filter(team=w.growth)))


@web("objective-edit")
def _(c, person):
    w, goal = c.world, c.world.goal
    body = {
        "title": "Make clean water the topic of the year",
        "team": w.growth.pk,
        "cycle": w.quarter.pk,
        "status": "active",
        "ambition": "roofshot",
        "version": goal.version,
        "kr-TOTAL_FORMS": "0",
        "kr-INITIAL_FORMS": "0",
    }
    return Write(
        reverse("objective-edit", args=[goal.pk]), body, field(Objective, goal.pk, "title")
    )


@web("objective-delete")
def _(c, person):
    goal = c.world.goal
    url = reverse("objective-delete", args=[goal.pk])
    return Write(url, {}, lambda: alive(Objective, goal.pk))


def overrides_of(goal) -> Callable[[], list]:
    """Return a probe reading the statuses set by hand on the objective, and their endings."""
    rows = StatusOverride.objects.filter(objective=goal).order_by("pk")
    return lambda: list(rows.values_list("pk", "ending"))


def overridden(c) -> Objective:
    """Return Growth's objective with a status set by hand by its lead."""
    override_status(c.world.goal, "at-risk", "Blocked by the vendor", by=c.world.alice)
    return c.world.goal


@web("objective-override")
def _(c, person):
    goal = c.world.goal
    body = {"state": "at-risk", "reason": "Blocked by the vendor"}
    return Write(reverse("objective-override", args=[goal.pk]), body, overrides_of(goal))


@web("objective-override-clear")
def _(c, person):
    goal = overridden(c)
    return Write(reverse("objective-override-clear", args=[goal.pk]), {}, overrides_of(goal))


def leader_draft(c) -> Objective:
    """Return a draft the OKR leader wrote for Growth, waiting for Growth to accept it."""
    leader = c.person("okr-leader")
    return create_objective(
        c.world.quarter, "Win the hearts of young donors", team=c.world.growth, drafted_by=leader
    )


def coached_draft(c) -> Objective:
    """Return Growth's unshared draft with the practitioner invited to coach it."""
    draft = growth_draft(c.world)
    invite_coaches(draft, [c.person("okr-practitioner")], c.world.alice)
    return draft


def coaches_of(draft) -> Callable[[], list]:
    """Return a probe reading who is invited to coach the draft."""
    rows = DraftCoach.objects.filter(objective=draft).order_by("person_id")
    return lambda: list(rows.values_list("person_id", flat=True))


@web("objective-finish")
def _(c, person):
    goal = c.world.goal
    body = {"state": "abandoned", "note": "The vendor left"}
    return Write(
        reverse("objective-finish", args=[goal.pk]), body, field(Objective, goal.pk, "status")
    )


@web("objective-accept")
def _(c, person):
    draft = leader_draft(c)
    url = reverse("objective-accept", args=[draft.pk])
    return Write(url, {}, field(Objective, draft.pk, "accepted_at"))


@web("objective-coaches")
def _(c, person):
    draft = growth_draft(c.world)
    body = {"people": [c.world.admin.pk]}
    return Write(reverse("objective-coaches", args=[draft.pk]), body, coaches_of(draft))


@web("objective-coach-revoke")
def _(c, person):
    draft = coached_draft(c)
    pia = c.person("okr-practitioner")
    url = reverse("objective-coach-revoke", args=[draft.pk, pia.pk])
    return Write(url, {}, coaches_of(draft))


@web("restore-objective")
def _(c, person):
    goal = c.world.goal
    delete_objective(goal, by=c.world.alice)
    url = reverse("restore-objective", args=[goal.pk])
    return Write(url, {}, lambda: alive(Objective, goal.pk))


@web("restore-key-result")
def _(c, person):
    kr = c.world.signatures
    remove_key_result(kr, by=c.world.alice)
    url = reverse("restore-key-result", args=[kr.pk])
    return Write(url, {}, lambda: alive(KeyResult, kr.pk))


@web("check-in")
def _(c, person):
    kr = c.world.signatures
    body = {"value": "31000", "confidence": "7", "progress_note": "Two districts more"}
    return Write(
        reverse("check-in", args=[kr.pk]), body, count(CheckIn.objects.filter(key_result=kr))
    )


def growth_initiative(c) -> Initiative:
    """Return an initiative in the action plan of Growth's signatures key result."""
    return add_initiative(c.world.signatures, "Door-to-door petition weekends")


def growth_activity(c) -> KeyResult:
    """Return an activity written as a key result of Growth's objective, for the coach's move."""
    return add_key_result(c.world.goal, "Launch the petition website", type="binary")


@web("initiative-add")
def _(c, person):
    kr = c.world.signatures
    body = {"title": "Partner with schools", "status": "planned"}
    return Write(
        reverse("initiative-add", args=[kr.pk]),
        body,
        count(Initiative.objects.filter(key_result=kr)),
    )


@web("initiative-edit")
def _(c, person):
    initiative = growth_initiative(c)
    body = {"title": "Door-to-door weekends in 3 districts", "status": "doing"}
    url = reverse("initiative-edit", args=[initiative.pk])
    return Write(url, body, field(Initiative, initiative.pk, "title", "status"))


@web("initiative-status")
def _(c, person):
    initiative = growth_initiative(c)
    url = reverse("initiative-status", args=[initiative.pk])
    return Write(url, {"status": "done"}, field(Initiative, initiative.pk, "status"))


@web("initiative-remove")
def _(c, person):
    initiative = growth_initiative(c)
    url = reverse("initiative-remove", args=[initiative.pk])
    return Write(url, {}, lambda: alive(Initiative, initiative.pk))


@web("move-to-action-plan")
def _(c, person):
    activity = growth_activity(c)
    url = reverse("move-to-action-plan", args=[activity.pk])
    return Write(url, {}, lambda: alive(KeyResult, activity.pk))


@web("check-in-all")
def _(c, person):
    kr = c.world.signatures
    prefix = f"kr-{kr.pk}"
    body = {f"{prefix}-value": "31000", f"{prefix}-confidence": "7"}
    return Write(reverse("check-in-all"), body, count(CheckIn.objects.filter(key_result=kr)))


@web("coach-draft")
def _(c, person):
    body = {"title": "Increase revenue by 20%", "kr-TOTAL_FORMS": "0", "kr-INITIAL_FORMS": "0"}
    return Write(reverse("coach-draft"), body, count(Objective.objects))


@web("tokens")
def _(c, person):
    return Write(reverse("tokens"), {"name": "sheet sync"}, count(ApiToken.objects))


@web("token-revoke")
def _(c, person):
    token, _ = create_token(person or c.world.admin, "old laptop")
    return Write(
        reverse("token-revoke", args=[token.pk]), {}, field(ApiToken, token.pk, "revoked_at")
    )


@web("account")
def _(c, person):
    new = "a-brand-new-long-passphrase-42"
    body = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    target = person or c.world.admin
    return Write(reverse("account"), body, field(Person, target.pk, "password"))


@web("sign-out-everywhere")
def _(c, person):
    target = person or c.world.admin
    url = reverse("sign-out-everywhere")
    return Write(url, {}, field(Person, target.pk, "session_salt"))


def growth_check_in_event(w) -> CadenceEvent:
    update_team_cadence(w.growth, {"check_in_days": 7})
    return CadenceEvent.objects.filter(cycle=w.quarter, team=w.growth, kind="check-in").first()


@web("cadence-schedule")
def _(c, person):
    w = c.world
    CadenceEvent.objects.filter(cycle=w.quarter).delete()
    events = CadenceEvent.objects.filter(cycle=w.quarter)
    return Write(reverse("cadence-schedule"), {"cycle": w.quarter.pk}, count(events))


@web("cadence-event-notes")
def _(c, person):
    event = growth_check_in_event(c.world)
    body = {"notes": "Bring the funnel numbers", "location": "Room 4"}
    url = reverse("cadence-event-notes", args=[event.pk])
    return Write(url, body, field(CadenceEvent, event.pk, "notes"))


@web("cadence-event-time")
def _(c, person):
    event = growth_check_in_event(c.world)
    day = event.first_day() + timedelta(days=1)
    body = {"day": day.isoformat(), "starts": "11:00", "ends": "11:45"}
    url = reverse("cadence-event-time", args=[event.pk])
    return Write(url, body, field(CadenceEvent, event.pk, "starts_at", "ends_at"))


@web("cadence-organization-settings")
def _(c, person):
    rows = CadenceSettings.objects.filter(organization=c.world.org, team=None)
    probe = lambda: list(rows.values_list("planning_weeks", flat=True))  # noqa: E731
    url = reverse("cadence-organization-settings")
    return Write(url, {"org-planning_weeks": "3"}, probe)


@web("cadence-team-settings")
def _(c, person):
    rows = CadenceSettings.objects.filter(team=c.world.growth)
    probe = lambda: list(rows.values_list("check_in_days", flat=True))  # noqa: E731
    url = reverse("cadence-team-settings", args=[c.world.growth.slug])
    return Write(url, {"team-check_in_days": "14"}, probe)


@web("cadence-team-daily-alignment")
def _(c, person):
    rows = CadenceSettings.objects.filter(team=c.world.growth)
    probe = lambda: list(rows.values_list("daily_alignment", flat=True))  # noqa: E731
    url = reverse("cadence-team-daily-alignment", args=[c.world.growth.slug])
    return Write(url, {"daily_alignment": "on"}, probe)


@web("cadence-feed-new")
def _(c, person):
    feeds = CalendarFeed.objects.filter(team=c.world.growth)
    return Write(reverse("cadence-feed-new"), {"team": c.world.growth.pk}, count(feeds))


@web("cadence-feed-renew")
def _(c, person):
    feed = create_feed(c.world.org, c.world.growth)
    url = reverse("cadence-feed-renew", args=[feed.pk])
    return Write(url, {}, field(CalendarFeed, feed.pk, "revoked_at"))


@web("planning-next-quarter")
def _(c, person):
    return Write(reverse("planning-next-quarter"), {}, count(Cycle.objects))


@web("planning-open")
def _(c, person):
    w = c.world
    q2 = planning_quarter(w)
    strategic = w.objective(team=w.marketing, title="Make our cause known", cycle=w.annual)
    body = {"strategic_objectives": [strategic.pk], "message": "Support these"}
    url = reverse("planning-open", args=[q2.pk])
    return Write(url, body, count(PlanningSession.objects.filter(cycle=q2)))


@web("planning-start")
def _(c, person):
    q2 = planning_quarter(c.world)
    return Write(reverse("planning-start", args=[q2.pk]), {}, field(Cycle, q2.pk, "state"))


@web("planning-note-add")
def _(c, person):
    w = c.world
    body = {"kind": "need", "text": "Two days of data engineering a week"}
    url = reverse("planning-note-add", args=[w.quarter.pk, w.growth.slug])
    return Write(url, body, count(TeamPlanningNote.objects.filter(team=w.growth)))


@web("planning-note-remove")
def _(c, person):
    w = c.world
    note = add_planning_note(w.quarter, w.growth, "need", "A designer", author=w.alice)
    url = reverse("planning-note-remove", args=[w.quarter.pk, note.pk])
    return Write(url, {}, lambda: alive(TeamPlanningNote, note.pk))


@web("planning-carry-over-one")
def _(c, person):
    w = c.world
    q2 = planning_quarter(w)
    url = reverse("planning-carry-over-one", args=[q2.pk, w.growth.slug, w.goal.pk])
    return Write(url, {}, count(Objective.objects.filter(carried_from=w.goal)))


@web("planning-share")
def _(c, person):
    draft = growth_draft(c.world)
    url = reverse("planning-share", args=[draft.pk])
    return Write(url, {}, field(Objective, draft.pk, "shared_at"))


@web("planning-withdraw")
def _(c, person):
    draft = growth_draft(c.world, shared=True)
    url = reverse("planning-withdraw", args=[draft.pk])
    return Write(url, {}, field(Objective, draft.pk, "shared_at"))


@web("planning-publish")
def _(c, person):
    draft = growth_draft(c.world, shared=True)
    url = reverse("planning-publish", args=[draft.pk])
    body = {"publish_despite": "The key results come after the donor survey."}
    return Write(url, body, field(Objective, draft.pk, "status"))


@web("planning-backlog")
def _(c, person):
    team = c.world.growth
    body = {"title": "Be the charity young people talk about", "ambition": "roofshot"}
    url = reverse("planning-backlog", args=[team.slug])
    return Write(url, body, count(CandidateObjective.objects.filter(team=team)))


def growth_candidate(w) -> CandidateObjective:
    return add_candidate(w.growth, "Be the charity young people talk about", added_by=w.alice)


@web("planning-promote")
def _(c, person):
    candidate = growth_candidate(c.world)
    url = reverse("planning-promote", args=[candidate.pk])
    body = {"cycle": c.world.quarter.pk}
    return Write(url, body, field(CandidateObjective, candidate.pk, "promoted_at"))


@web("planning-drop")
def _(c, person):
    candidate = growth_candidate(c.world)
    url = reverse("planning-drop", args=[candidate.pk])
    return Write(url, {}, lambda: alive(CandidateObjective, candidate.pk))


@web("reminders-settings")
def _(c, person):
    org = c.world.org
    settings_of(org)
    body = {"chat_webhook_url": ""}  # an unticked box: reminders off
    return Write(reverse("reminders-settings"), body, lambda: settings_of(org).enabled)


@web("administration-settings")
def _(c, person):
    org = c.world.org
    body = {"name": "Acme Clean Water", "profile": org.profile, "score_scale": org.score_scale}
    return Write(reverse("administration-settings"), body, field(Organization, org.pk, "name"))


@web("setup")
def _(c, person):
    body = {
        "name": "Blue Harbour",
        "profile": "p-okr",
        "time_zone": "UTC",
        "admin_name": "Hana",
        "email": "hana@harbour.test",
        "password": "tide-charts-at-dawn",
        "password_again": "tide-charts-at-dawn",
    }
    # The first-run setup exists only while okrs has no organisation: here it is gone for all.
    return Write(reverse("setup"), body, count(Organization.objects), signed_in=False)


@web("reminders-quick-check-in")
def _(c, person):
    kr = c.world.signatures
    token = make_token(person, kr) if person is not None else "not-a-signed-link"
    body = {"value": "31000", "confidence": "7", "progress_note": "From the e-mail"}
    url = reverse("reminders-quick-check-in", args=[token])
    return Write(url, body, count(CheckIn.objects.filter(key_result=kr)), signed_in=False)


@web("source")
def _(c, person):
    kr = c.world.signatures
    body = {"kind": "push", "name": "Nightly job", "action": "save"}
    return Write(reverse("source", args=[kr.pk]), body, count(Source.objects.filter(key_result=kr)))


@web("source-renew")
def _(c, person):
    source = set_source(c.world.signatures, name="Nightly job", kind="push").source
    url = reverse("source-renew", args=[c.world.signatures.pk])
    return Write(url, {}, field(Source, source.pk, "push_secret_hash"))


@web("source-remove")
def _(c, person):
    set_source(c.world.signatures, name="Nightly job", kind="push")
    url = reverse("source-remove", args=[c.world.signatures.pk])
    return Write(url, {}, count(Source.objects))


@web("source-pull")
def _(c, person):
    url = closed_port_url("/nobody")
    source = set_source(c.world.signatures, name="Down", kind="http", url=url, path="$.n").source
    probe = field(Source, source.pk, "failures_in_row")
    return Write(reverse("source-pull", args=[c.world.signatures.pk]), {}, probe)


@web("evaluation:team")
def _(c, person):
    w = c.world
    url = reverse("evaluation:team", args=[w.quarter.pk, w.growth.slug])
    body = {"worked": "Weekly check-ins kept us honest"}
    return Write(url, body, count(Evaluation.objects.filter(team=w.growth)))


@web("evaluation:close")
def _(c, person):
    w = c.world
    url = reverse("evaluation:close", args=[w.quarter.pk])
    return Write(url, {"confirm": "yes"}, field(Cycle, w.quarter.pk, "state"))


@web("evaluation:review-new")
def _(c, person):
    w = c.world
    body = {"team": w.growth.pk, "cycle": w.quarter.pk, "held_on": "2027-02-15"}
    url = reverse("evaluation:review-new")
    return Write(url, body, count(Review.objects.filter(team=w.growth)))


@web("evaluation:review-notes")
def _(c, person):
    review = growth_review(c.world)
    url = reverse("evaluation:review-notes", args=[review.pk])
    return Write(url, {"notes": "Signatures lag"}, field(Review, review.pk, "notes"))


@web("evaluation:decide-objective")
def _(c, person):
    w = c.world
    review = growth_review(w)
    url = reverse("evaluation:decide-objective", args=[review.pk, w.goal.pk])
    body = {f"o{w.goal.pk}-choice": "keep", f"o{w.goal.pk}-note": "On track"}
    return Write(url, body, count(Decision.objects.filter(review=review)))


@web("evaluation:verdict")
def _(c, person):
    w = c.world
    update_objective(w.goal, hypothesis="We believe petitions move MPs.")
    review = growth_review(w)
    url = reverse("evaluation:verdict", args=[review.pk, w.goal.pk])
    body = {f"h{w.goal.pk}-verdict": "supported", f"h{w.goal.pk}-note": "MPs replied"}
    return Write(url, body, count(HypothesisVerdict.objects.filter(review=review)))


@web("evaluation:decide-key-result")
def _(c, person):
    w = c.world
    review = growth_review(w)
    kr = w.signatures
    url = reverse("evaluation:decide-key-result", args=[review.pk, kr.pk])
    body = {f"kr{kr.pk}-choice": "adjust", f"kr{kr.pk}-note": "Lower the target"}
    return Write(url, body, count(Decision.objects.filter(review=review)))


@web("health-pulse")
def _(c, person):
    team = c.world.growth
    body = {"team": team.pk}
    for letter in ("focus", "alignment", "commitment", "tracking", "stretching"):
        body[f"team-{team.pk}-{letter}"] = "4"
    return Write(reverse("health-pulse"), body, count(PulseAnswer.objects.filter(team=team)))


def endpoint(w) -> Endpoint:
    return create_endpoint(w.org, "https://example.com/okrs-hook", ["objective.updated"])


@web("webhook-new")
def _(c, person):
    body = {"url": "https://example.com/okrs-hook", "events": ["objective.updated"]}
    return Write(reverse("webhook-new"), body, count(Endpoint.objects))


@web("webhook-active")
def _(c, person):
    hook = endpoint(c.world)
    return Write(reverse("webhook-active", args=[hook.pk]), {}, field(Endpoint, hook.pk, "active"))


@web("webhook-delete")
def _(c, person):
    hook = endpoint(c.world)
    return Write(reverse("webhook-delete", args=[hook.pk]), {}, lambda: alive(Endpoint, hook.pk))


@web("webhook-redeliver")
def _(c, person):
    hook = endpoint(c.world)
    delivery = Delivery.objects.create(
        organization=c.world.org,
        endpoint=hook,
        event="objective.updated",
        payload={},
        status=Delivery.Status.FAILED,
        attempts=8,
        next_attempt_at=None,
    )
    url = reverse("webhook-redeliver", args=[delivery.pk])
    return Write(url, {}, field(Delivery, delivery.pk, "status", "attempts"))


ORG_CHART = "email,name,team,parent team,level,role,team role\nnia@acme.test,Nia New,Growth,,,,\n"


@web("administration-import")
def _(c, person):
    body = {"file": SimpleUploadedFile("people.csv", ORG_CHART.encode())}
    return Write(reverse("administration-import"), body, count(PeopleImport.objects))


@web("administration-import-apply")
def _(c, person):
    kept = keep_upload(c.world.org, c.world.admin, "people.csv", ORG_CHART.encode(), False)
    url = reverse("administration-import-apply", args=[kept.pk])
    return Write(url, {}, count(Person.objects.filter(email="nia@acme.test")))


def tess(w) -> Person:
    """Return Tess, a member of Growth whom the admin's people pages act on."""
    person = add_person(w.org, "tess@acme.test", "Tess Target", Role.MEMBER, PASSWORD)
    join_team(person, w.growth)
    return person


def teams_of(person) -> Callable[[], list]:
    """Return a probe of the person's teams and team roles."""
    rows = Membership.objects.filter(person=person).order_by("team_id")
    return lambda: list(rows.values_list("team_id", "role"))


def ivy_invited(w) -> Invitation:
    """Return an invitation of Ivy to Acme, sent by its admin."""
    return invite_person(w.org, "ivy@acme.test", "Ivy", by=w.admin).invitation


@web("people-invite")
def _(c, person):
    body = {"email": "ivy@acme.test", "role": "member", "teams": [c.world.growth.pk]}
    return Write(reverse("people-invite"), body, count(Invitation.objects))


@web("people-invite-not-joined")
def _(c, person):
    add_person(c.world.org, "ivy@acme.test", "Ivy", Role.MEMBER)  # imported: no password yet
    return Write(reverse("people-invite-not-joined"), {}, count(Invitation.objects))


@web("invitation-resend")
def _(c, person):
    invitation = ivy_invited(c.world)
    url = reverse("invitation-resend", args=[invitation.pk])
    return Write(url, {}, field(Invitation, invitation.pk, "token_hash"))


@web("invitation-cancel")
def _(c, person):
    invitation = ivy_invited(c.world)
    url = reverse("invitation-cancel", args=[invitation.pk])
    return Write(url, {}, field(Invitation, invitation.pk, "cancelled_at"))


@web("invitation")
def _(c, person):
    ivy_invited(c.world)
    token = mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]
    new = "river-delta-lantern-77"
    body = {"name": "Ivy Invited", "password1": new, "password2": new}
    probe = count(Person.objects.filter(email="ivy@acme.test"))
    return Write(reverse("invitation", args=[token]), body, probe, signed_in=False)


@web("person-role")
def _(c, person):
    target = tess(c.world)
    url = reverse("person-role", args=[target.pk])
    return Write(url, {"role": "okr-practitioner"}, field(Person, target.pk, "role"))


@web("person-invite")
def _(c, person):
    target = add_person(c.world.org, "uma@acme.test", "Uma Imported", Role.MEMBER)  # no password
    url = reverse("person-invite", args=[target.pk])
    return Write(url, {}, count(Invitation.objects.filter(person=target)))


@web("person-deactivate")
def _(c, person):
    target = tess(c.world)
    url = reverse("person-deactivate", args=[target.pk])
    return Write(url, {}, field(Person, target.pk, "is_active"))


@web("person-reactivate")
def _(c, person):
    target = deactivate_person(tess(c.world), by=c.world.admin)
    url = reverse("person-reactivate", args=[target.pk])
    return Write(url, {}, field(Person, target.pk, "is_active"))


@web("person-place")
def _(c, person):
    target = tess(c.world)
    body = {"team": c.world.growth.pk, "team_role": "lead"}
    return Write(reverse("person-place", args=[target.pk]), body, teams_of(target))


@web("person-move")
def _(c, person):
    w = c.world
    target = tess(w)
    url = reverse("person-move", args=[target.pk, w.growth.pk])
    return Write(url, {"to_team": w.support.pk}, teams_of(target))


@web("person-leave")
def _(c, person):
    w = c.world
    target = tess(w)
    return Write(reverse("person-leave", args=[target.pk, w.growth.pk]), {}, teams_of(target))


@web("administration-scim")
def _(c, person):
    return Write(reverse("administration-scim"), {"name": "Okta"}, count(ScimToken.objects))


@web("administration-scim-revoke")
def _(c, person):
    token, _ = create_scim_token(c.world.org, "Okta", c.world.admin)
    url = reverse("administration-scim-revoke", args=[token.pk])
    return Write(url, {}, field(ScimToken, token.pk, "revoked_at"))


@web("administration-chat")
def _(c, person):
    body = {"platform": "slack", "workspace_id": "T0ACME", "signing_secret": "s3cret"}
    return Write(reverse("administration-chat"), body, count(ChatInstallation.objects))


@web("administration-chat-teams")
def _(c, person):
    body = {"team": c.world.growth.pk, "channel_id": "C0GROWTH", "weekly_digest": "on"}
    return Write(reverse("administration-chat-teams"), body, count(TeamChannel.objects))


@web("administration-chat-uninstall")
def _(c, person):
    install_chat_app(c.world.org, c.world.admin, "slack", "T0ACME", signing_secret="s3cret")
    return Write(reverse("administration-chat-uninstall"), {}, count(ChatInstallation.objects))


@web("digest-preference")
def _(c, person):
    wanted = DigestPreference.objects.filter(weekly_email=True)
    return Write(reverse("digest-preference"), {"weekly_email": "on"}, count(wanted))


# --- administration: teams and cycles; a team's KPIs ------------------------------------------


@web("administration-team-new")
def _(c, person):
    body = {"name": "Events", "level": "tactical", "parent": c.world.marketing.pk}
    return Write(
        reverse("administration-team-new"), body, count(Team.objects.filter(name="Events"))
    )


@web("administration-team")
def _(c, person):
    w = c.world
    body = {"name": "Growth", "level": "tactical", "parent": w.marketing.pk, "mission": "Reach"}
    url = reverse("administration-team", args=[w.growth.slug])
    return Write(url, body, field(Team, w.growth.pk, "mission"))


@web("administration-team-archive")
def _(c, person):
    w = c.world
    url = reverse("administration-team-archive", args=[w.growth.slug])
    return Write(url, {}, field(Team, w.growth.pk, "archived_at"))


@web("administration-team-unarchive")
def _(c, person):
    w = c.world
    archive_team(w.growth)
    url = reverse("administration-team-unarchive", args=[w.growth.slug])
    return Write(url, {}, field(Team, w.growth.pk, "archived_at"))


@web("administration-member-add")
def _(c, person):
    w = c.world
    url = reverse("administration-member-add", args=[w.growth.slug])
    body = {"person": w.bob.pk, "role": "member"}
    return Write(url, body, count(Membership.objects.filter(team=w.growth)))


@web("administration-member-role")
def _(c, person):
    w = c.world
    membership = Membership.objects.get(person=w.alice, team=w.growth)
    url = reverse("administration-member-role", args=[w.growth.slug, w.alice.pk])
    return Write(url, {"role": "member"}, field(Membership, membership.pk, "role"))


@web("administration-member-remove")
def _(c, person):
    w = c.world
    url = reverse("administration-member-remove", args=[w.growth.slug, w.alice.pk])
    return Write(url, {}, count(Membership.objects.filter(team=w.growth)))


@web("administration-cycle-new")
def _(c, person):
    body = {"name": "2027-Q2", "kind": "quarter", "start": "2027-04-01", "end": "2027-06-30"}
    return Write(reverse("administration-cycle-new"), body, count(Cycle.objects))


@web("administration-cycle-next-quarter")
def _(c, person):
    return Write(reverse("administration-cycle-next-quarter"), {}, count(Cycle.objects))


@web("administration-cycle")
def _(c, person):
    q2 = planning_quarter(c.world)
    url = reverse("administration-cycle", args=[q2.pk])
    body = {"start": "2027-04-05", "end": "2027-06-30"}
    return Write(url, body, field(Cycle, q2.pk, "start"))


@web("kpi-new")
def _(c, person):
    team = c.world.growth
    body = {"name": "Newsletter bounces", "upper_bound": "2", "unit": "%"}
    url = reverse("kpi-new", args=[team.slug])
    return Write(url, body, count(KPI.objects.filter(team=team)))


@web("kpi-edit")
def _(c, person):
    kpi = growth_kpi(c.world)
    body = {"name": "Monthly donor churn", "upper_bound": "5", "unit": "%"}
    return Write(reverse("kpi-edit", args=[kpi.pk]), body, field(KPI, kpi.pk, "name"))


@web("kpi-measure")
def _(c, person):
    kpi = growth_kpi(c.world)
    body = {"day": "2026-12-01", "value": "4.2"}
    url = reverse("kpi-measure", args=[kpi.pk])
    return Write(url, body, count(Measurement.objects.filter(kpi=kpi)))


@web("kpi-archive")
def _(c, person):
    kpi = growth_kpi(c.world)
    return Write(reverse("kpi-archive", args=[kpi.pk]), {}, field(KPI, kpi.pk, "archived_at"))


@web("kpi-unarchive")
def _(c, person):
    kpi = growth_kpi(c.world)
    archive_kpi(kpi)
    url = reverse("kpi-unarchive", args=[kpi.pk])
    return Write(url, {}, field(KPI, kpi.pk, "archived_at"))


# --- API routes ------------------------------------------------------------------------------


@api("POST /teams")
def _(c, person):
    body = {"name": "Partnerships", "level": "tactical", "parent_id": c.world.marketing.pk}
    return Write("/teams", body, count(Team.objects))


@api("PATCH /teams/{team_id}")
def _(c, person):
    team = c.world.growth
    body = {"mission": "Make every household care"}
    return Write(f"/teams/{team.pk}", body, field(Team, team.pk, "mission"), "patch")


@api("PATCH /teams/{team_id} archived")
def _(c, person):
    team = c.world.growth
    body = {"archived": True}
    return Write(f"/teams/{team.pk}", body, field(Team, team.pk, "archived_at"), "patch")


@api("DELETE /teams/{team_id}")
def _(c, person):
    team = create_team(c.world.org, "Events", "tactical", c.world.marketing)
    return Write(f"/teams/{team.pk}", None, lambda: alive(Team, team.pk), "delete")


@api("POST /cycles")
def _(c, person):
    body = {"name": "2027-Q2", "start": "2027-04-01", "end": "2027-06-30"}
    return Write("/cycles", body | {"parent_id": c.world.annual.pk}, count(Cycle.objects))


@api("PATCH /cycles/{cycle_id}")
def _(c, person):
    cycle = c.world.quarter
    return Write(
        f"/cycles/{cycle.pk}", {"name": "Q1 2027"}, field(Cycle, cycle.pk, "name"), "patch"
    )


@api("DELETE /cycles/{cycle_id}")
def _(c, person):
    cycle = planning_quarter(c.world)
    return Write(f"/cycles/{cycle.pk}", None, lambda: alive(Cycle, cycle.pk), "delete")


@api("POST /objectives")
def _(c, person):
    w = c.world
    body = {"title": "Make every school an ambassador", "cycle_id": w.quarter.pk}
    probe = count(Objective.objects.filter(team=w.growth))
    return Write("/objectives", body | {"team_id": w.growth.pk}, probe)


@api("PATCH /objectives/{objective_id}")
def _(c, person):
    goal = c.world.goal
    body = {"title": "Make clean water the topic of the year"}
    return Write(f"/objectives/{goal.pk}", body, field(Objective, goal.pk, "title"), "patch")


@api("DELETE /objectives/{objective_id}")
def _(c, person):
    goal = c.world.goal
    return Write(f"/objectives/{goal.pk}", None, lambda: alive(Objective, goal.pk), "delete")


@api("POST /objectives/{objective_id}/restore")
def _(c, person):
    goal = c.world.goal
    delete_objective(goal, by=c.world.alice)
    return Write(f"/objectives/{goal.pk}/restore", {}, lambda: alive(Objective, goal.pk))


@api("POST /objectives/{objective_id}/publish")
def _(c, person):
    draft = growth_draft(c.world, shared=True)
    body = {"publish_despite": "The key results come after the donor survey."}
    return Write(f"/objectives/{draft.pk}/publish", body, field(Objective, draft.pk, "status"))


@api("PUT /reviews/{review_id}/objectives/{objective_id}/verdict")
def _(c, person):
    w = c.world
    update_objective(w.goal, hypothesis="We believe petitions move MPs.")
    review = growth_review(w)
    url = f"/reviews/{review.pk}/objectives/{w.goal.pk}/verdict"
    probe = count(HypothesisVerdict.objects.filter(review=review))
    return Write(url, {"verdict": "supported"}, probe, "put")


@api("POST /objectives/{objective_id}/override")
def _(c, person):
    goal = c.world.goal
    body = {"state": "at-risk", "reason": "Blocked by the vendor"}
    return Write(f"/objectives/{goal.pk}/override", body, overrides_of(goal))


@api("POST /objectives/{objective_id}/finish")
def _(c, person):
    goal = c.world.goal
    body = {"state": "abandoned", "note": "The vendor left"}
    return Write(f"/objectives/{goal.pk}/finish", body, field(Objective, goal.pk, "status"))


@api("POST /objectives/{objective_id}/accept")
def _(c, person):
    draft = leader_draft(c)
    return Write(f"/objectives/{draft.pk}/accept", {}, field(Objective, draft.pk, "accepted_at"))


@api("POST /objectives/{objective_id}/coaches")
def _(c, person):
    draft = growth_draft(c.world)
    body = {"person_ids": [c.world.admin.pk]}
    return Write(f"/objectives/{draft.pk}/coaches", body, coaches_of(draft))


@api("DELETE /objectives/{objective_id}/coaches/{person_id}")
def _(c, person):
    draft = coached_draft(c)
    url = f"/objectives/{draft.pk}/coaches/{c.person('okr-practitioner').pk}"
    return Write(url, None, coaches_of(draft), method="delete")


@api("DELETE /objectives/{objective_id}/override")
def _(c, person):
    goal = overridden(c)
    return Write(f"/objectives/{goal.pk}/override", None, overrides_of(goal), "delete")


@api("POST /key-results")
def _(c, person):
    goal = c.world.goal
    body = {"objective_id": goal.pk, "title": "Reach 40 schools", "start": 0, "target": 40}
    return Write("/key-results", body, count(KeyResult.objects.filter(objective=goal)))


@api("PATCH /key-results/{key_result_id}")
def _(c, person):
    kr = c.world.signatures
    body = {"title": "Grow signatures from 20,000 to 120,000", "target": 120000}
    return Write(f"/key-results/{kr.pk}", body, field(KeyResult, kr.pk, "title"), "patch")


@api("DELETE /key-results/{key_result_id}")
def _(c, person):
    kr = c.world.signatures
    return Write(f"/key-results/{kr.pk}", None, lambda: alive(KeyResult, kr.pk), "delete")


@api("POST /key-results/{key_result_id}/restore")
def _(c, person):
    kr = c.world.signatures
    remove_key_result(kr, by=c.world.alice)
    return Write(f"/key-results/{kr.pk}/restore", {}, lambda: alive(KeyResult, kr.pk))


@api("PUT /key-results/{key_result_id}/source")
def _(c, person):
    kr = c.world.signatures
    body = {"name": "Nightly job", "kind": "push"}
    return Write(
        f"/key-results/{kr.pk}/source", body, count(Source.objects.filter(key_result=kr)), "put"
    )


@api("DELETE /key-results/{key_result_id}/source")
def _(c, person):
    kr = c.world.signatures
    set_source(kr, name="Nightly job", kind="push")
    return Write(f"/key-results/{kr.pk}/source", None, count(Source.objects), "delete")


@api("POST /key-results/{key_result_id}/source/renew")
def _(c, person):
    kr = c.world.signatures
    source = set_source(kr, name="Nightly job", kind="push").source
    probe = field(Source, source.pk, "push_secret_hash")
    return Write(f"/key-results/{kr.pk}/source/renew", {}, probe)


@api("POST /key-results/{key_result_id}/source/test")
def _(c, person):
    kr = c.world.signatures
    body = {"name": "Down", "kind": "http", "url": closed_port_url("/n"), "path": "$.n"}
    return Write(f"/key-results/{kr.pk}/source/test", body, count(Source.objects))


@api("POST /key-results/{key_result_id}/check-ins")
def _(c, person):
    kr = c.world.signatures
    body = {"value": 31000, "confidence": 7, "progress_note": "Two districts more"}
    return Write(
        f"/key-results/{kr.pk}/check-ins", body, count(CheckIn.objects.filter(key_result=kr))
    )


@api("POST /key-results/{key_result_id}/initiatives")
def _(c, person):
    kr = c.world.signatures
    body = {"title": "Partner with schools", "owner_id": c.world.alice.pk}
    return Write(
        f"/key-results/{kr.pk}/initiatives", body, count(Initiative.objects.filter(key_result=kr))
    )


@api("PATCH /initiatives/{initiative_id}")
def _(c, person):
    initiative = growth_initiative(c)
    probe = field(Initiative, initiative.pk, "status")
    return Write(f"/initiatives/{initiative.pk}", {"status": "done"}, probe, "patch")


@api("DELETE /initiatives/{initiative_id}")
def _(c, person):
    initiative = growth_initiative(c)
    url = f"/initiatives/{initiative.pk}"
    return Write(url, None, lambda: alive(Initiative, initiative.pk), "delete")


@api("POST /key-results/{key_result_id}/move-to-action-plan")
def _(c, person):
    activity = growth_activity(c)
    url = f"/key-results/{activity.pk}/move-to-action-plan"
    return Write(url, {}, lambda: alive(KeyResult, activity.pk))


def growth_kpi(w) -> KPI:
    return create_kpi(w.growth, "Donor churn", upper_bound=5, unit="%")


@api("POST /kpis")
def _(c, person):
    body = {"name": "Newsletter bounces", "team_id": c.world.growth.pk, "upper_bound": 2}
    return Write("/kpis", body, count(KPI.objects.filter(team=c.world.growth)))


@api("PATCH /kpis/{kpi_id}")
def _(c, person):
    kpi = growth_kpi(c.world)
    return Write(
        f"/kpis/{kpi.pk}", {"name": "Monthly donor churn"}, field(KPI, kpi.pk, "name"), "patch"
    )


@api("PATCH /kpis/{kpi_id} archived")
def _(c, person):
    kpi = growth_kpi(c.world)
    body = {"archived": True}
    return Write(f"/kpis/{kpi.pk}", body, field(KPI, kpi.pk, "archived_at"), "patch")


@api("DELETE /kpis/{kpi_id}")
def _(c, person):
    kpi = growth_kpi(c.world)
    return Write(f"/kpis/{kpi.pk}", None, lambda: alive(KPI, kpi.pk), "delete")


@api("POST /kpis/{kpi_id}/measurements")
def _(c, person):
    kpi = growth_kpi(c.world)
    probe = lambda: kpi.measurements.count()  # noqa: E731
    return Write(f"/kpis/{kpi.pk}/measurements", {"value": 4.2}, probe)


@api("PUT /kpis/{kpi_id}/objectives/{objective_id}")
def _(c, person):
    kpi, goal = growth_kpi(c.world), c.world.goal
    probe = count(KPIResponse.objects.filter(kpi=kpi, objective=goal))
    return Write(f"/kpis/{kpi.pk}/objectives/{goal.pk}", None, probe, "put")


@api("DELETE /kpis/{kpi_id}/objectives/{objective_id}")
def _(c, person):
    kpi, goal = growth_kpi(c.world), c.world.goal
    link_kpi(kpi, goal)
    probe = count(KPIResponse.objects.filter(kpi=kpi, objective=goal))
    return Write(f"/kpis/{kpi.pk}/objectives/{goal.pk}", None, probe, "delete")


LINTED = {
    "organization": "Acme Water",
    "cycles": [{"id": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31"}],
    "teams": [{"id": "growth", "name": "Growth"}],
    "objectives": [
        {
            "id": "O1",
            "title": "Increase revenue by 20%",
            "team": "growth",
            "cycle": "2027-Q1",
            "key_results": [{"title": "Launch the new website", "type": "binary"}],
        }
    ],
}


@api("POST /lint")
def _(c, person):
    return Write("/lint", LINTED, count(Objective.objects))


@api("POST /import")
def _(c, person):
    document = {
        "organization": "Acme Water",
        "slug": "acme",
        "teams": [{"id": "partnerships", "name": "Partnerships", "level": "tactical"}],
    }
    return Write("/import", document, count(Team.objects.filter(slug="partnerships")))


@api("POST /people/import")
def _(c, person):
    return Write("/people/import", ORG_CHART, count(Person.objects.filter(email="nia@acme.test")))


@api("PUT /me/digest")
def _(c, person):
    wanted = DigestPreference.objects.filter(weekly_email=True)
    return Write("/me/digest", {"weekly_email": True}, count(wanted), "put")


@api("POST /webhooks")
def _(c, person):
    body = {"url": "https://example.com/okrs-hook", "events": ["objective.updated"]}
    return Write("/webhooks", body, count(Endpoint.objects))


@api("PATCH /webhooks/{endpoint_id}")
def _(c, person):
    hook = endpoint(c.world)
    body = {"description": "The sales dashboard"}
    return Write(f"/webhooks/{hook.pk}", body, field(Endpoint, hook.pk, "description"), "patch")


@api("DELETE /webhooks/{endpoint_id}")
def _(c, person):
    hook = endpoint(c.world)
    return Write(f"/webhooks/{hook.pk}", None, lambda: alive(Endpoint, hook.pk), "delete")


# --- SCIM routes -----------------------------------------------------------------------------

SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def patch_of(*operations) -> dict:
    """Return a SCIM PATCH body."""
    return {"schemas": [SCIM_PATCH], "Operations": list(operations)}


@scim("POST /Users")
def _(c, person):
    body = {"userName": "newcomer@acme.test", "name": {"formatted": "Nia Newcomer"}}
    return Write("/Users", body, count(Person.objects.filter(email="newcomer@acme.test")))


@scim("PUT /Users/{id}")
def _(c, person):
    bob = c.world.bob
    body = {"userName": bob.email, "name": {"formatted": "Robert Roe"}}
    return Write(f"/Users/{bob.pk}", body, field(Person, bob.pk, "name"), "put")


@scim("PATCH /Users/{id}")
def _(c, person):
    bob = c.world.bob
    body = patch_of({"op": "replace", "path": "active", "value": False})
    return Write(f"/Users/{bob.pk}", body, field(Person, bob.pk, "is_active"), "patch")


@scim("DELETE /Users/{id}")
def _(c, person):
    bob = c.world.bob
    return Write(f"/Users/{bob.pk}", None, field(Person, bob.pk, "is_active"), "delete")


@scim("POST /Groups")
def _(c, person):
    return Write("/Groups", {"displayName": "Partnerships"}, count(Team.objects))


@scim("PUT /Groups/{id}")
def _(c, person):
    team = c.world.growth
    body = {"displayName": "Growth", "members": [{"value": str(c.world.bob.pk)}]}
    return Write(f"/Groups/{team.pk}", body, count(Membership.objects.filter(team=team)), "put")


@scim("PATCH /Groups/{id}")
def _(c, person):
    team = c.world.growth
    body = patch_of({"op": "replace", "path": "displayName", "value": "Young donors"})
    return Write(f"/Groups/{team.pk}", body, field(Team, team.pk, "name"), "patch")


@scim("DELETE /Groups/{id}")
def _(c, person):
    team = create_team(c.world.org, "Events", "tactical", c.world.marketing)
    return Write(f"/Groups/{team.pk}", None, lambda: alive(Team, team.pk), "delete")


# --- the walks: nothing writes without a row in the matrix ------------------------------------


def url_names(patterns=None, prefix="", namespace=""):
    """Yield (route, name) of every URL pattern outside Django admin and the API."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith(NOT_WALKED_PREFIXES):
            yield route, f"{namespace}{pattern.name or ''}"


def api_writes() -> set[str]:
    """Return 'METHOD /path' of every API operation that is not a GET."""
    from okrs.api.urls import api as ninja_api

    schema = ninja_api.get_openapi_schema()
    base = "/api/v1"
    return {
        f"{method.upper()} {path.removeprefix(base)}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method.lower() not in {"get", "head", "options"}
    }


def test_every_url_pattern_is_classified_in_the_matrix():
    walked = dict(url_names())
    unnamed = [route for route, name in walked.items() if not name or name.endswith(":")]
    assert not unnamed, f"Name these URL patterns so the matrix can list them: {unnamed}"
    names = set(walked.values())
    known = set(WEB) | READ_VIEWS | SESSION_VIEWS | CHAT_VIEWS | SECRET_VIEWS
    missing = sorted(names - known)
    assert not missing, (
        f"New pages without a row in the permission matrix: {missing}. Add each to WEB (with who "
        "may write) or to READ_VIEWS (if it stores nothing), and to docs/permissions.md."
    )
    assert not sorted(known - names), "Rows for pages that no longer exist"
    assert set(WEB_CASES) == set(WEB), "Every web row needs its write"


def test_every_api_write_route_is_in_the_matrix():
    routes = api_writes()
    missing = sorted(routes - set(API))
    assert not missing, (
        f"New API write routes without a row in the permission matrix: {missing}. Add each to "
        "API and to docs/permissions.md."
    )
    assert not sorted(set(API) - routes), "Rows for routes that no longer exist"
    assert {f.rsplit(" ", 1)[0] for f in API_FIELDS} <= routes, "Fields of routes that exist"
    assert set(API_CASES) == set(API) | set(API_FIELDS), "Every API row needs its write"


def scim_writes() -> set[str]:
    """Return 'METHOD /path' of every SCIM write: POST to a collection, the rest to one resource.

    The endpoint's catch-all answers 404 to every method and writes nothing.
    """
    from django_scim.views import SCIMView

    from okrs.administration.scim.urls import urlpatterns

    routes = set()
    for pattern in urlpatterns:
        view = pattern.callback.view_class
        if not issubclass(view, SCIMView):
            continue
        resource = re.search(r"[A-Z]\w+", str(pattern.pattern)).group(0)
        for method in view.http_method_names:
            if method in {"post", "put", "patch", "delete"}:
                path = f"/{resource}" if method == "post" else f"/{resource}/{{id}}"
                routes.add(f"{method.upper()} {path}")
    return routes


def test_every_scim_write_route_is_in_the_matrix():
    assert scim_writes() == set(SCIM), "SCIM needs one row per write route, and no other"
    assert set(SCIM_CASES) == set(SCIM), "Every SCIM row needs its write"


def test_the_documented_matrix_is_the_tested_one():
    document = (Path(__file__).parents[2] / "docs" / "permissions.md").read_text()
    for action in list(WEB) + list(API) + list(API_FIELDS) + list(SCIM):
        assert f"`{action}`" in document, f"docs/permissions.md does not list {action}"


# --- the matrix ------------------------------------------------------------------------------


def _params(expected: dict, kind: str):
    for action, row in expected.items():
        label = action if kind == "web" else action.replace(" ", "-")
        for persona, symbol in row.items():
            yield pytest.param(action, persona, symbol, id=f"{kind}-{label}-{persona}")


def _client(c: Cast, persona: str, signed_in: bool = True) -> Client:
    client = Client()
    person = c.person(persona)
    if person is not None and signed_in:
        client.force_login(person)
    return client


def _assert_outcome(symbol: str, response, before, after, refused: tuple[int, ...]):
    status = response.status_code
    if symbol == "Y":
        assert 200 <= status < 400, f"expected the write to be allowed, got {status}"
        assert after != before, f"answered {status} but nothing changed ({before!r})"
    elif symbol == "r":
        assert 200 <= status < 300, f"expected an answer, got {status}"
        assert after == before
    else:
        wanted = {".": refused, "h": (404,), "f": (422,)}[symbol]
        assert status in wanted, f"expected {wanted}, got {status}"
        assert after == before, (
            f"refused with {status} but the row changed: {before!r} -> {after!r}"
        )


@pytest.mark.parametrize(("action", "persona", "symbol"), list(_params(WEB_EXPECTED, "web")))
def test_web_write(cast, action, persona, symbol):
    write = WEB_CASES[action](cast, cast.person(persona))
    client = _client(cast, persona, write.signed_in)
    before = write.probe()
    response = getattr(client, write.method)(write.url, write.body or {})
    after = write.probe()
    if persona == "anonymous" and write.signed_in:
        assert response.status_code == 302, response.status_code
        assert response.url.startswith(reverse("login")) or response.url.startswith(
            settings.LOGIN_URL
        )
        assert after == before
        return
    refused = (400,) if persona == "anonymous" else (403,)
    _assert_outcome(symbol, response, before, after, refused)
    if symbol == "." and persona != "anonymous":
        shown = {t.name for t in response.templates}
        assert shown & FRIENDLY_403, f"a bare 403 without the friendly page: {shown}"


@pytest.mark.parametrize(("route", "persona", "symbol"), list(_params(API_EXPECTED, "api")))
def test_api_write(cast, route, persona, symbol):
    write = API_CASES[route](cast, cast.person(persona))
    method = route.split()[0].lower()
    headers = {}
    person = cast.person(persona)
    if person is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {create_token(person, 'matrix')[1]}"
    before = write.probe()
    client = Client()
    url = f"/api/v1{write.url}"
    if write.body is None:
        response = getattr(client, method)(url, **headers)
    elif isinstance(write.body, str):  # a file posted as the raw body
        response = getattr(client, method)(url, write.body, content_type="text/csv", **headers)
    else:
        body = json.dumps(write.body)
        response = getattr(client, method)(url, body, content_type="application/json", **headers)
    after = write.probe()
    refused = (401,) if persona == "anonymous" else (403,)
    _assert_outcome(symbol, response, before, after, refused)
    if symbol in ".h":
        assert "detail" in response.json(), "refusals answer the API's error shape"


def _scim_send(client: Client, write: Write, **headers):
    """Send a SCIM write with the client."""
    url = f"/scim/v2{write.url}"
    if write.body is None:
        return getattr(client, write.method)(url, **headers)
    body = json.dumps(write.body)
    return getattr(client, write.method)(url, body, content_type="application/scim+json", **headers)


@pytest.mark.parametrize(("route", "persona", "symbol"), list(_params(SCIM_EXPECTED, "scim")))
def test_scim_write(cast, route, persona, symbol):
    write = SCIM_CASES[route](cast, cast.person(persona))
    person = cast.person(persona)
    before = write.probe()
    attempts = [(_client(cast, persona), {})]  # the browser session, if any
    if person is not None:
        attempts.append(
            (Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(person, 'm')[1]}"})
        )
    for client, headers in attempts:
        response = _scim_send(client, write, **headers)
        _assert_outcome(symbol, response, before, write.probe(), (401,))
        assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


@pytest.mark.parametrize("route", list(SCIM), ids=lambda r: r.replace(" ", "-"))
def test_a_scim_token_makes_each_scim_write(cast, route):
    write = SCIM_CASES[route](cast, None)
    raw = create_scim_token(cast.world.org, "matrix", cast.world.admin)[1]
    before = write.probe()
    response = _scim_send(Client(), write, HTTP_AUTHORIZATION=f"Bearer {raw}")
    _assert_outcome("Y", response, before, write.probe(), ())


# --- signing in and out ----------------------------------------------------------------------


def test_anyone_may_sign_in_and_out_of_their_own_session(cast):
    client = Client()
    alice = cast.world.alice
    response = client.post(reverse("login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(alice.pk)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


# --- forged cross-site writes ----------------------------------------------------------------


def _first_allowed(row: dict) -> str:
    return next(p for p in PERSONAS if row[p] == "Y" and p != "anonymous")


@pytest.mark.parametrize(
    "action", [a for a, row in WEB_EXPECTED.items() if "Y" in row.values()], ids=lambda a: a
)
def test_a_web_write_without_the_csrf_token_is_refused(cast, action):
    persona = _first_allowed(WEB_EXPECTED[action])
    write = WEB_CASES[action](cast, cast.person(persona))
    client = Client(enforce_csrf_checks=True)
    if write.signed_in:
        client.force_login(cast.person(persona))
    before = write.probe()
    response = client.post(write.url, write.body or {})
    assert response.status_code == 403
    assert write.probe() == before


@pytest.mark.parametrize(
    "route", [r for r, row in API_EXPECTED.items() if "Y" in row.values()], ids=lambda r: r
)
def test_an_api_write_by_browser_session_without_the_csrf_token_is_refused(cast, route):
    persona = _first_allowed(API_EXPECTED[route])
    write = API_CASES[route](cast, cast.person(persona))
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.person(persona))
    before = write.probe()
    method = route.split()[0].lower()
    body = json.dumps(write.body) if write.body is not None else ""
    response = getattr(client, method)(f"/api/v1{write.url}", body, content_type="application/json")
    assert response.status_code in (401, 403)
    assert write.probe() == before
