"""Tenant isolation: every page and API route answers another organisation's ids as unknown.

Globex gets a row of every kind; Ada, Acme's admin, then walks every URL pattern of the urlconf
and every route of the OpenAPI schema with Globex's ids and slugs in the path. Each answer must
be the same as for an id that does not exist (404, or 405 when the method is never accepted),
must not mention anything Globex wrote, and Globex's rows must be unchanged afterwards.
"""

import itertools
import json
import re
from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from okrs.administration.invitations import invite_person
from okrs.administration.orgchart import keep_upload
from okrs.administration.scim.provisioning import PersonChange, provision_person, provision_team
from okrs.administration.scim.tokens import create_scim_token
from okrs.api.actions import create_token
from okrs.cadence.actions import create_feed, edit_event, update_team_cadence
from okrs.cadence.models import CadenceEvent
from okrs.chat.actions import (
    claim_digest,
    install_chat_app,
    set_digest_preference,
    set_team_channel,
)
from okrs.cycles.actions import create_cycle
from okrs.evaluation.actions import create_review, decide, save_evaluation
from okrs.evaluation.hypotheses import record_verdict
from okrs.health.actions import answer_pulse
from okrs.health.targets import LETTER_FIELDS
from okrs.kpis.actions import archive_kpi, create_kpi, record_measurement
from okrs.kpis.responses import link_kpi
from okrs.objectives.actions import (
    add_contributor,
    add_key_result,
    create_objective,
    record_check_in,
)
from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import DraftCoach, KeyResultPlan
from okrs.objectives.overrides import override_status
from okrs.organizations.actions import (
    add_person,
    archive_team,
    company_team,
    create_team,
    join_team,
)
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Role, Team
from okrs.planning.actions import add_candidate, add_planning_note, open_planning
from okrs.reminders.actions import check_in_by_link, record_reminder, update_reminder_settings
from okrs.reminders.links import make_token, open_link
from okrs.sources.actions import receive_push, set_source
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import EVENTS
from tests.security.walking import (
    PARAM,
    api_operations,
    fill,
    rows_of,
    spread_ids,
    walked_patterns,
)

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

# Path parameters that are capabilities: holding the secret is the permission, like a password
# reset link; they are tested below with forged values instead.
CAPABILITIES = {"token", "key"}
NEVER = 2**31 - 7  # an id no table holds
NAMED_KINDS = {
    "cycle_id": "cycles.cycle",
    "objective_id": "objectives.objective",
    "key_result_id": "objectives.keyresult",
    "initiative_id": "objectives.initiative",
    "kpi_id": "kpis.kpi",
    "team_id": "organizations.team",
    "person_id": "organizations.person",
    "endpoint_id": "webhooks.endpoint",
    "invitation_id": "administration.invitation",
    "review_id": "evaluation.review",
}
POSTED = {
    "value": "3",
    "confidence": "5",
    "progress_note": "walked",
    "notes": "walked",
    "note": "walked",
    "choice": "keep",
    "title": "Walked objective",
    "text": "walked",
    "kind": "need",
    "name": "walked",
    "active": "on",
    "starts_at": "2027-02-01T10:00",
    "ends_at": "2027-02-01T11:00",
}


def _snapshot(organization: Organization) -> dict:
    """Return every row of the organisation, field by field."""
    return {
        model._meta.label: sorted(map(repr, queryset.values_list()))
        for model, queryset in rows_of(organization)
    }


def _texts(organization: Organization) -> set[str]:
    """Return the free texts the organisation's rows hold (names, titles, notes, secrets)."""
    found = set()
    for model, queryset in rows_of(organization):
        fields = [
            f.attname
            for f in model._meta.fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in queryset.values_list(*fields) if fields else ():
            found.update(v for v in row if isinstance(v, str) and len(v) >= 6)
    return found


@pytest.fixture
def orgs(db):
    """Return Acme and a Globex holding a row of every kind, with ids unique across tables."""
    spread_ids()
    world = _acme()
    globex = _globex()
    for model, queryset in rows_of(globex["org"]):
        if model._meta.app_label != "objectives" or "historical" not in model._meta.model_name:
            assert queryset.exists(), f"Globex has no {model._meta.label} row to walk with"
    ours = _texts(world.org) | set(EVENTS)  # webhook event names are vocabulary, not data
    secrets = {s for s in _texts(globex["org"]) - ours if not any(s in o for o in ours)}
    return world, globex, secrets


def _acme():
    """Return Acme with an objective, check-ins and a token of its admin."""
    from conftest import World

    world = World()
    objective = world.objective()
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)
    world.own_objective = objective
    world.own_kpi = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")
    world.token = create_token(world.admin, "Acme walker")[1]
    return world


def _globex() -> dict:
    """Return Globex with a row of every kind the app stores."""
    org = Organization.objects.create(name="Globex Corporation", slug="globex")
    Team.objects.create(organization=org, name="Globex Corporation", slug="globex", level="company")
    strategy = create_team(
        org, "Globex Strategy Bureau", "strategic", mission="Globex mission: own the east coast"
    )
    ops = create_team(org, "Globex Ops", "tactical", strategy, mission="Globex ops mission text")
    gina = add_person(org, "gina@globex.test", "Gina Globex", Role.ADMIN, PASSWORD)
    gus = add_person(org, "gus@globex.test", "Gus Globexson", Role.MEMBER, PASSWORD)
    join_team(gina, ops, "lead")
    join_team(gus, ops)
    endpoint = create_endpoint(
        org,
        "https://hooks.globex.test/okrs",
        ["checkin.created", "objective.created"],
        description="Globex hook receiver",
    )
    year = create_cycle(
        org, "Globex Year 2027", date(2027, 1, 1), date(2027, 12, 31), "annual", state="active"
    )
    quarter = create_cycle(
        org, "Globex Quarter One", date(2027, 1, 1), date(2027, 3, 31), parent=year, state="active"
    )
    upcoming = create_cycle(
        org, "Globex Quarter Two", date(2027, 4, 1), date(2027, 6, 30), parent=year
    )
    strategic = create_objective(
        quarter,
        "Globex strategic objective",
        team=strategy,
        status="active",
        description="Globex strategic description",
        hypothesis="Globex strategic hypothesis",
    )
    objective = create_objective(
        quarter,
        "Globex secret objective",
        team=ops,
        status="active",
        aligned_to=[strategic],
        description="Globex secret description",
        hypothesis="Globex secret hypothesis",
    )
    add_contributor(objective, strategy)
    key_result = add_key_result(
        objective, "Globex secret key result from 1 to 5", start=1, target=5
    )
    add_key_result(strategic, "Globex strategic key result", start=0, target=10)
    add_initiative(
        key_result,
        "Globex secret initiative",
        owner=gus,
        link="https://tracker.globex.test/secret",
    )
    hidden = create_objective(quarter, "Globex hidden draft objective", team=ops, status="draft")
    DraftCoach.objects.create(organization=org, objective=hidden, person=gina, invited_by=gus)
    next_objective = create_objective(
        upcoming, "Globex planned objective", team=strategy, status="draft"
    )
    record_check_in(
        key_result,
        2,
        7,
        author=gina,
        progress_note="Globex progress secret",
        problems_note="Globex problem secret",
        plans_note="Globex plan secret",
    )
    pushed = set_source(key_result, name="Globex CI job", kind="push")
    receive_push(pushed.source, 3, "Globex pushed reading", "globex-run-1")
    kpi = create_kpi(
        ops, "Globex uptime KPI", lower_bound=99, unit="%", description="Globex KPI description"
    )
    record_measurement(kpi, 99.5, note="Globex measurement note")
    link_kpi(kpi, objective, by=gina)
    retired = create_team(org, "Globex Retired Squad", "tactical", strategy)
    archive_kpi(create_kpi(retired, "Globex retired KPI", upper_bound=3), by=gina)
    archive_team(retired, by=gina)
    update_team_cadence(ops, {"check_in_weekday": 2})
    event = CadenceEvent.objects.filter(organization=org).first()
    edit_event(event, notes="Globex event notes", location="Globex room 42")
    create_feed(org, created_by=gina)
    create_feed(org, ops, created_by=gina)
    review = create_review(
        ops,
        quarter,
        date(2027, 2, 1),
        facilitator=gina,
        notes="Globex review notes",
        created_by=gina,
    )
    decide(review, objective, "adjust", note="Globex decision note", key_result=key_result, by=gina)
    record_verdict(review, objective, "refuted", "Globex verdict note", by=gina)
    save_evaluation(
        ops,
        quarter,
        {(objective.pk, None): 6.0, (objective.pk, key_result.pk): 5.0},
        worked="Globex worked text",
        did_not_work="Globex failed text",
    )
    open_planning(upcoming, gina, [next_objective], message="Globex planning message")
    add_planning_note(upcoming, ops, "need", "Globex needs two engineers", strategy, author=gina)
    add_candidate(ops, "Globex backlog candidate", added_by=gina, notes="Globex candidate notes")
    create_token(gina, "Globex token name")
    answer_pulse(gus, ops, dict.fromkeys(LETTER_FIELDS, 4), comment="Globex pulse comment")
    update_reminder_settings(org, True, "https://chat.globex.test/hook")
    record_reminder(org, "email", [key_result.pk], timezone.now(), person=gina)
    check_in_by_link(open_link(make_token(gus, key_result)), 3, 6, progress_note="Globex quick")
    record_change(org, gina, "person.role_changed", "Globex secret role change", person=gus)
    keep_upload(
        org, gina, "globex-secret-people.csv", b"email,name\nsecret@globex.test,Sec\n", False
    )
    invite_person(org, "guest@globex.test", "Globex Guest Invitee", teams=[ops], by=gina)
    create_scim_token(org, "Globex Okta token", gina)
    install_chat_app(
        org, gina, "slack", "T0GLOBEX", signing_secret="globex-signing", bot_token="xoxb-globex"
    )
    set_team_channel(ops, "C0GLOBEXOPS", weekly_digest=True)
    set_digest_preference(gina, True)
    claim_digest(org, date(2027, 1, 4), timezone.now(), person=gina)
    provisioned = PersonChange(
        email="gale@globex.test",
        given_name="Gale",
        family_name="Globexworth",
        external_id="globex-00u7",
    )
    provision_person(org, provisioned)
    provision_team(org, "Globex Provisioned Guild", external_id="globex-00g9")
    override_status(objective, "at-risk", "Globex override reason", by=gina)
    # The cycle has not started on the walk's day, so a re-plan is written as kept plans are.
    KeyResultPlan.objects.create(organization=org, key_result=key_result, start=1, target=5)
    KeyResultPlan.objects.create(
        organization=org,
        key_result=key_result,
        start=1,
        target=4,
        set_by=gina,
        reason="Globex re-plan reason",
    )
    assert company_team(org) is not None and endpoint.deliveries.exists()
    return {"org": org, "gina": gina, "quarter": quarter, "ops": ops}


def _candidates(org) -> dict:
    """Return up to three of Globex's ids per table, keyed by the model's label."""
    return {
        model._meta.label_lower: list(queryset.order_by("pk").values_list("pk", flat=True)[:3])
        for model, queryset in rows_of(org)
    }


def _values(name, converter, ids, org, acme):
    """Return Globex's values, Acme's values and a value nothing has, for a path parameter."""
    if converter == "slug" or name == "slug":
        theirs = list(Team.objects.filter(organization=org).values_list("slug", flat=True))
        return theirs, ["growth"], "no-such-team"
    kind = NAMED_KINDS.get(name)
    if kind:
        model = apps.get_model(kind)
        ours = list(model._base_manager.filter(organization=acme).values_list("pk", flat=True)[:1])
        return ids[kind], ours, NEVER
    # A bare pk may mean a row of any table: one row of each of Globex's and Acme's tables, and
    # every objective (shared, draft, planned: they answer differently).
    firsts = {kind_ids[0] for kind_ids in ids.values()} | set(ids["objectives.objective"])
    theirs = sorted(pk for pk in firsts if isinstance(pk, int))
    ours = [pk for _, rows in rows_of(acme) for pk in rows.values_list("pk", flat=True)[:1]]
    ours = [pk for pk in ours if isinstance(pk, int)]
    return theirs, ours, NEVER


def _combinations(options: dict):
    """Yield (values, values with Globex's replaced by unknown ones) for a pattern's parameters.

    Each parameter takes each of Globex's values with the others Acme's, then all take Globex's.
    """
    names = list(options)
    for name in names:
        pools = [options[n][0] if n == name else options[n][1] for n in names]
        for choice in itertools.product(*pools):
            values = dict(zip(names, choice, strict=True))
            yield values, dict(values, **{name: options[name][2]})
    if len(names) > 1:
        for choice in itertools.product(*[options[n][0] for n in names]):
            yield dict(zip(names, choice, strict=True)), {n: options[n][2] for n in names}


def _check(response, secrets, what):
    body = response.content.decode(errors="replace")
    leaked = sorted(s for s in secrets if s in body)
    assert not leaked, f"{what} shows Globex's {leaked[:3]}"


def test_every_page_answers_globex_ids_as_unknown(client, orgs):
    world, globex, secrets = orgs
    before = _snapshot(globex["org"])
    ids = _candidates(globex["org"])
    assert client.login(username="admin@acme.test", password=PASSWORD)
    walked, expectations = set(), {}
    for route in walked_patterns():
        params = PARAM.findall(route)
        if not params or any(name in CAPABILITIES for _, name in params):
            continue
        options = {
            name: _values(name, conv, ids, globex["org"], world.org) for conv, name in params
        }
        for values, unknown in _combinations(options):
            url, baseline = fill(route, values), fill(route, unknown)
            for method in ("get", "post"):
                if (method, baseline) not in expectations:
                    expectations[method, baseline] = getattr(client, method)(baseline, POSTED)
                expected = expectations[method, baseline].status_code
                response = getattr(client, method)(url, POSTED)
                assert expected in (404, 405), f"{method.upper()} {baseline}: {expected}"
                assert response.status_code == expected, f"{method.upper()} {url}"
                _check(response, secrets, f"{method.upper()} {url}")
        walked.add(route)
    assert len(walked) > 25
    assert _snapshot(globex["org"]) == before


def _example(schema: dict, spec: dict, ids: dict):
    """Return a small valid value of the JSON schema; *_id fields take Globex's ids."""
    if "$ref" in schema:
        return _example(spec["components"]["schemas"][schema["$ref"].split("/")[-1]], spec, ids)
    if "anyOf" in schema:
        return _example(next(s for s in schema["anyOf"] if s.get("type") != "null"), spec, ids)
    if "enum" in schema:
        return schema["enum"][-1]
    kind = schema.get("type")
    if kind == "object":
        body = {}
        for name, field in schema.get("properties", {}).items():
            if name in schema.get("required", ()) or name in API_IDS:
                body[name] = (
                    ids[API_IDS[name]][0] if name in API_IDS else _example(field, spec, ids)
                )
        return body
    if kind == "array":
        return []
    if schema.get("format") == "date":
        return "2027-02-01"
    return {"integer": 1, "number": 1, "boolean": False}.get(kind, "walked")


API_IDS = {name: kind for name, kind in NAMED_KINDS.items()} | {"parent_id": "organizations.team"}


def _api_body(operation, spec, ids):
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return _example(content["schema"], spec, ids) if content else None


def _call(client, method, url, body):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_every_api_route_answers_globex_ids_as_unknown(orgs):
    world, globex, secrets = orgs
    before = _snapshot(globex["org"])
    ids = _candidates(globex["org"])
    ours = _candidates(world.org)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.token}")
    walked = 0
    for method, path, operation, spec in api_operations():
        names = re.findall(r"{(\w+)}", path)
        if not names:
            continue
        body = _api_body(operation, spec, ids)
        for name in names:
            # A route with two ids takes one of Globex's beside Acme's own for the other.
            # (or an id no table holds, where Acme has no such row)
            own = {
                other: next(iter(ours[NAMED_KINDS[other]]), NEVER)
                for other in names
                if other != name
            }
            for theirs in ids[NAMED_KINDS[name]]:
                for value in (theirs, NEVER):
                    url = path
                    for param, pk in (own | {name: value}).items():
                        url = url.replace("{" + param + "}", str(pk))
                    response = _call(client, method, url, body)
                    assert response.status_code == 404, (
                        f"{method.upper()} {url}: {response.content}"
                    )
                    _check(response, secrets, f"{method.upper()} {url}")
                    walked += 1
    assert walked > 30
    assert _snapshot(globex["org"]) == before


def _cross_links(acme: Organization, globex: Organization) -> list[str]:
    """Return Acme rows that point at a Globex row."""
    found = []
    theirs = {m._meta.label: set(q.values_list("pk", flat=True)) for m, q in rows_of(globex)}
    for model, queryset in rows_of(acme):
        for field in model._meta.fields:
            target = field.related_model
            if field.is_relation and target is not None and target._meta.label in theirs:
                linked = queryset.filter(**{f"{field.attname}__in": theirs[target._meta.label]})
                found += [f"{model._meta.label}.{field.name}"] if linked.exists() else []
    return found


def test_api_lists_and_creations_never_reach_globex(orgs):
    world, globex, secrets = orgs
    before = _snapshot(globex["org"])
    ids = _candidates(globex["org"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.token}")
    filters = {name: ids[kind][0] for name, kind in API_IDS.items()}
    for method, path, operation, spec in api_operations():
        if re.search(r"{\w+}", path):
            continue
        if method == "get":
            for name, value in filters.items():
                response = client.get(path, {name: value})
                assert response.status_code in (200, 404, 422), f"GET {path}?{name}={value}"
                _check(response, secrets, f"GET {path}?{name}={value}")
        elif path.endswith(("/lint", "/import")):
            continue  # documents name teams by slug, within the token's organisation only
        elif path.endswith("/me/digest"):
            continue  # the caller's own preference: it names no row another could own
        else:
            body = _api_body(operation, spec, ids)
            response = _call(client, method, path, body)
            assert response.status_code in (404, 422), f"{method.upper()} {path} {body}"
            _check(response, secrets, f"{method.upper()} {path}")
    assert _cross_links(world.org, globex["org"]) == []
    assert _snapshot(globex["org"]) == before


def test_pages_without_ids_never_show_globex(client, orgs):
    world, globex, secrets = orgs
    assert client.login(username="admin@acme.test", password=PASSWORD)
    ops, quarter = globex["ops"], globex["quarter"]
    queries = [{}, {"cycle": quarter.pk}, {"team": ops.slug}, {"team": ops.pk}]
    for route in walked_patterns():
        if PARAM.search(route) or route in ("logout/",):
            continue
        for query in queries:
            response = client.get("/" + route, query)
            answers = (200, 302, 404, 405)
            if route.startswith("administration/jobs"):  # the operator's only, with two orgs
                answers = (403,)
            assert response.status_code in answers, f"/{route} {query}"
            _check(response, secrets, f"GET /{route} {query}")
        foreign = {"team": ops.pk, "cycle": quarter.pk, "other_team": ops.pk, **POSTED}
        response = client.post("/" + route, foreign)
        assert response.status_code != 500, f"POST /{route}"
        _check(response, secrets, f"POST /{route}")
        client.force_login(world.admin)  # "sign out everywhere" is one of the routes
    assert _cross_links(world.org, globex["org"]) == []


def test_capability_links_of_globex_are_refused_when_forged(client, orgs):
    world, globex, secrets = orgs
    assert client.login(username="admin@acme.test", password=PASSWORD)
    forged = (
        "/cadence/calendar/forged-token.ics",
        "/reminders/check-in/forged-token/",
        "/invitations/forged-token/",
        "/invitations/forged-token/single-sign-on/",
        "/chat/forged-key/command/",
        "/chat/forged-key/interaction/",
        "/sources/push/forged-token/",
    )
    for url in forged:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (400, 403, 404, 405, 410), f"{method} {url}"
            _check(response, secrets, f"{method.upper()} {url}")
    feed = client.get(f"/cadence/calendar/{_acme_feed(world)}.ics")
    assert feed.status_code == 200
    _check(feed, secrets, "Acme's calendar feed")


def _acme_feed(world) -> str:
    return create_feed(world.org, created_by=world.admin).token
