"""The chat's requests to okrs: the /okrs command, button clicks and dialog submissions."""

import json
import logging

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.chat import dialog
from okrs.chat.actions import check_in_from_chat
from okrs.chat.models import ChatInstallation
from okrs.chat.people import NotRecognised, person_for
from okrs.chat.verification import request_problem
from okrs.chat.web_api import ChatApiError, open_view
from okrs.cycles.models import Cycle
from okrs.objectives.models import KeyResult
from okrs.organizations.models import Person
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in
from okrs.reminders.chat import CHECK_IN_ACTION
from okrs.reminders.due import due_key_results
from okrs.reminders.forms import QuickCheckInForm
from okrs.reminders.links import quick_link_url

logger = logging.getLogger(__name__)


class CannotCheckIn(Exception):
    """The person cannot check in on the key result; the message says why."""


def _verified(request, key: str) -> tuple[ChatInstallation, QueryDict] | HttpResponse:
    """Return the installation and the form the request carries, or the refusal to answer."""
    installation = get_object_or_404(
        ChatInstallation.objects.select_related("organization"), key=key
    )
    problem = request_problem(installation, request.body, request.headers)
    if problem:
        return HttpResponse(f"Refused: {problem}.", status=401, content_type="text/plain")
    form = QueryDict(request.body, encoding="utf-8")
    return installation, form


def _other_workspace(installation: ChatInstallation, team_id: str) -> bool:
    return bool(installation.workspace_id) and team_id != installation.workspace_id


def key_result_to_check_in(person: Person, key_result_id: int | None) -> KeyResult:
    """Return the key result the person may check in on now, or say why they cannot."""
    rows = KeyResult.objects.of(person.organization_id).select_related(
        "objective__cycle", "objective__team", "team"
    )
    key_result = to_check_in(rows, person).filter(pk=key_result_id).first()
    if key_result is None:
        raise CannotCheckIn("This key result is gone, or not one you can see.")
    if key_result.objective.cycle.state == Cycle.State.CLOSED:
        raise CannotCheckIn("This key result's cycle is closed: its OKRs are frozen.")
    if not can_write_key_result(person, key_result, memberships_found(key_result)):
        raise CannotCheckIn("Only members of the team that owns this key result may check in.")
    return key_result


@csrf_exempt
@require_POST
def command(request, key):
    """Answer /okrs: the person's key results due a check-in, each with a check-in button."""
    verified = _verified(request, key)
    if isinstance(verified, HttpResponse):
        return verified
    installation, form = verified
    if _other_workspace(installation, form.get("team_id", "")):
        return JsonResponse(dialog.ephemeral("This okrs is installed for another workspace."))
    try:
        person = person_for(installation, form.get("user_id", ""))
    except NotRecognised as error:
        return JsonResponse(dialog.ephemeral(str(error)))
    organization = installation.organization
    if person.is_read_only():
        return JsonResponse(
            dialog.ephemeral(
                f"You follow the OKRs of {organization.name} without checking in on them: "
                "nothing is due from you."
            )
        )
    due = due_key_results(organization, clock.now(), person=person)
    if installation.platform == ChatInstallation.Platform.MATTERMOST:
        return JsonResponse(dialog.due_links(due, organization.name, person, quick_link_url))
    return JsonResponse(dialog.due_list(due, organization.name))


def _payload(form: QueryDict) -> dict | None:
    try:
        payload = json.loads(form.get("payload", ""))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


@csrf_exempt
@require_POST
def interaction(request, key):
    """Answer a click on a check-in button (open the dialog) or the dialog's submission."""
    verified = _verified(request, key)
    if isinstance(verified, HttpResponse):
        return verified
    installation, form = verified
    if installation.platform != ChatInstallation.Platform.SLACK:
        return HttpResponse("Refused: only Slack sends interactions here.", status=400)
    payload = _payload(form)
    if payload is None:
        return HttpResponse("Refused: the payload is not a JSON object.", status=400)
    if _other_workspace(installation, str((payload.get("team") or {}).get("id", ""))):
        return JsonResponse(dialog.ephemeral("This okrs is installed for another workspace."))
    user_id = str((payload.get("user") or {}).get("id", ""))
    if payload.get("type") == "block_actions":
        return _clicked(installation, payload, user_id)
    if payload.get("type") == "view_submission":
        return _submitted(installation, payload.get("view") or {}, user_id)
    return HttpResponse(status=200)  # other interactions are not okrs's: acknowledge them


def _clicked(installation: ChatInstallation, payload: dict, user_id: str) -> HttpResponse:
    """Open the check-in dialog of the clicked key result, or tell the person why not."""
    actions = [a for a in payload.get("actions") or [] if a.get("action_id") == CHECK_IN_ACTION]
    if not actions:
        return HttpResponse(status=200)
    try:
        person = person_for(installation, user_id)
        key_result = key_result_to_check_in(person, _int(actions[0].get("value")))
        view = dialog.check_in_view(key_result)
    except (NotRecognised, CannotCheckIn) as error:
        view = dialog.cannot_check_in(str(error))  # Slack shows nothing a click's answer says
    try:
        open_view(installation, str(payload.get("trigger_id", "")), view)
    except ChatApiError as error:
        logger.info("Opening the check-in dialog failed: %s", error)
    return HttpResponse(status=200)


def _submitted(installation: ChatInstallation, view: dict, user_id: str) -> HttpResponse:
    """Record the dialog's check-in as the person who answered, or show what is wrong."""
    if view.get("callback_id") != dialog.CHECK_IN_VIEW:
        return HttpResponse(status=200)
    try:
        person = person_for(installation, user_id)
        key_result = key_result_to_check_in(person, dialog.key_result_id(view))
    except (NotRecognised, CannotCheckIn) as error:
        return JsonResponse(dialog.refused({dialog.VALUE: str(error)}))
    checked = QuickCheckInForm(dialog.answers(view), key_result=key_result)
    if not checked.is_valid():
        errors = {name: " ".join(map(str, found)) for name, found in checked.errors.items()}
        if checked.doubt is not None:
            errors[dialog.VALUE] += " Tick “Keep it as I typed it” to record it anyway."
        return JsonResponse(dialog.refused(_on_blocks(errors)))
    try:
        check_in_from_chat(key_result, person, checked.cleaned_data)
    except ValidationError as error:
        errors = {name: " ".join(messages) for name, messages in error.message_dict.items()}
        return JsonResponse(dialog.refused(_on_blocks(errors)))
    return JsonResponse(dialog.recorded(key_result))


def _on_blocks(errors: dict[str, str]) -> dict[str, str]:
    """Put each error under a block of the dialog; those of no field go under the value."""
    blocks = {dialog.VALUE, dialog.CONFIDENCE, dialog.NOTE}
    placed: dict[str, str] = {}
    for name, message in errors.items():
        block = name if name in blocks else dialog.VALUE
        placed[block] = f"{placed[block]} {message}" if block in placed else message
    return placed


def _int(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
