"""What the chat shows: the list of key results due, and the check-in dialog and its answers."""

import json

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from okrs.domain.numbers import kr_value, plain_number
from okrs.objectives.models import KeyResult
from okrs.reminders.chat import with_buttons
from okrs.reminders.due import DueKeyResult

CHECK_IN_VIEW = "okrs_check_in"
VALUE, CONFIDENCE, NOTE, KEEP = "value", "confidence", "progress_note", "keep_value"
NOTE_LIMIT = 2000


def escape(text: str) -> str:
    """Escape the three characters Slack reads as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ephemeral(text: str) -> dict:
    """Return an answer only the person who asked sees."""
    return {"response_type": "ephemeral", "text": text}


def due_list(due: list[DueKeyResult], organization_name: str) -> dict:
    """Return the answer to /okrs: the person's key results due a check-in, each with a button."""
    if not due:
        return ephemeral(
            f"Nothing is due at {organization_name}: each of your key results has a check-in "
            "within its team's cadence."
        )
    count = len(due)
    head = f"*{count} key result{'s' if count != 1 else ''} due a check-in*"
    lines = [
        (
            item.key_result.pk,
            escape(
                f"*{item.key_result.title}*\n{item.objective.title} · now "
                f"{kr_value(item.key_result)} · last check-in: {item.since()}"
            ),
        )
        for item in due
    ]
    return {**ephemeral(head.replace("*", "")), "blocks": with_buttons(head, lines)}


def due_links(due: list[DueKeyResult], organization_name: str, person, link_for) -> dict:
    """Return the answer to /okrs in Mattermost: the key results due, each with a quick link."""
    if not due:
        return due_list(due, organization_name)
    lines = [f"**{len(due)} key result{'s' if len(due) != 1 else ''} due a check-in**"]
    lines += [
        f"- {item.key_result.title}: now {kr_value(item.key_result)}, last check-in "
        f"{item.since()}. [Check in]({link_for(person, item.key_result)})"
        for item in due
    ]
    lines.append("Each link checks in once, without signing in, for 7 days.")
    return ephemeral("\n".join(lines))


def check_in_view(key_result: KeyResult) -> dict:
    """Return the check-in dialog of a key result: value, confidence (0-10) and a note."""
    value_element: StaticSelectElement | NumberInputElement
    if key_result.type == "binary":
        done = [Option(value="0", text="Not done"), Option(value="1", text="Done")]
        value_element = StaticSelectElement(
            action_id=VALUE, options=done, initial_option=done[1 if key_result.current else 0]
        )
    else:
        value_element = NumberInputElement(
            action_id=VALUE,
            is_decimal_allowed=True,
            initial_value=plain_number(key_result.current) or None,
        )
    levels = [Option(value=str(level), text=str(level)) for level in range(11)]
    confidence = key_result.confidence if key_result.confidence is not None else 5
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=escape(f"*{key_result.title}*"))),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=escape(f"{key_result.objective.title} · now {kr_value(key_result)}")
                )
            ]
        ),
        InputBlock(block_id=VALUE, label="Value", element=value_element),
        InputBlock(
            block_id=CONFIDENCE,
            label="Confidence (0-10)",
            element=StaticSelectElement(
                action_id=CONFIDENCE, options=levels, initial_option=levels[int(confidence)]
            ),
        ),
        InputBlock(
            block_id=NOTE,
            label="Note",
            optional=True,
            element=PlainTextInputElement(
                action_id=NOTE,
                multiline=True,
                max_length=NOTE_LIMIT,
                placeholder="What moved since the last check-in?",
            ),
        ),
        InputBlock(
            block_id=KEEP,
            label="If the value looks mistyped",
            optional=True,
            element=CheckboxesElement(
                action_id=KEEP,
                options=[Option(value="keep", text="Keep it as I typed it")],
            ),
        ),
    ]
    view = View(
        type="modal",
        callback_id=CHECK_IN_VIEW,
        title=PlainTextObject(text="Check in"),
        submit=PlainTextObject(text="Record"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps({"key_result": key_result.pk}),
        blocks=blocks,
    )
    return view.to_dict()


def _state(values: dict, block_id: str) -> dict:
    found = values.get(block_id) or {}
    return found.get(block_id) or {}


def answers(view: dict) -> dict:
    """Return the dialog's answers as the check-in form reads them (all text, maybe missing)."""
    values = (view.get("state") or {}).get("values") or {}
    value = _state(values, VALUE)
    selected = value.get("selected_option") or {}
    confidence = (_state(values, CONFIDENCE).get("selected_option") or {}).get("value")
    data = {
        VALUE: value.get("value") if value.get("value") is not None else selected.get("value"),
        CONFIDENCE: confidence,
        NOTE: _state(values, NOTE).get("value") or "",
    }
    if _state(values, KEEP).get("selected_options"):
        data[KEEP] = "1"
    return {name: answer for name, answer in data.items() if answer is not None}


def key_result_id(view: dict) -> int | None:
    """Return the key result the dialog was opened on, or None if its metadata was changed."""
    try:
        found = json.loads(view.get("private_metadata") or "{}")
        return int(found["key_result"])
    except (ValueError, TypeError, KeyError):
        return None


def refused(errors: dict[str, str]) -> dict:
    """Return the answer that shows each error under its field and keeps the dialog open."""
    return {"response_action": "errors", "errors": errors}


def cannot_check_in(reason: str) -> dict:
    """Return the dialog that tells a person who clicked a button why they cannot check in."""
    view = View(
        type="modal",
        callback_id="okrs_cannot_check_in",
        title=PlainTextObject(text="Cannot check in"),
        close=PlainTextObject(text="Close"),
        blocks=[SectionBlock(text=MarkdownTextObject(text=escape(reason)))],
    )
    return view.to_dict()


def recorded(key_result: KeyResult) -> dict:
    """Return the answer that replaces the dialog with a confirmation."""
    view = View(
        type="modal",
        callback_id="okrs_recorded",
        title=PlainTextObject(text="Checked in"),
        close=PlainTextObject(text="Done"),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=escape(f"Recorded: {key_result.title} is now {kr_value(key_result)}.")
                )
            )
        ],
    )
    return {"response_action": "update", "view": view.to_dict()}
