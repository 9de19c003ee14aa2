"""Publishing a draft: the OKR Institute's validation test, and the coach's errors to fix first.

The Institute tests every OKR before it is published; okrs asks its questions (an inspiring
objective, measurable and binary key results that together meet it, ambitious ones) and whether
the key results are within the team's influence. A "no" is something to work on, never a block.
The coach's errors (a single key result, one not measurable) block publishing until they are
fixed, or until the team says why it publishes despite them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrs.domain.coach.findings import Finding

# (key, the question as the team reads it, the guide's short name for it)
QUESTIONS = (
    (
        "inspiring",
        "Is the objective inspiring and directional, without numbers?",
        "an inspiring, directional objective",
    ),
    (
        "complete",
        "If we achieve every key result, will we have met the objective?",
        "achieving the key results meets the objective",
    ),
    ("ambitious", "Are the key results ambitious?", "ambitious key results"),
    (
        "measurable",
        "Is every key result measurable, and clearly reached or not (binary)?",
        "measurable, binary key results",
    ),
    (
        "influence",
        "Is every key result within the team's own influence?",
        "within the team's influence",
    ),
)
QUESTION_KEYS = tuple(key for key, _, _ in QUESTIONS)
ANSWERS = ("yes", "no")
NOTE_LIMIT = 1000
REASON_LIMIT = 2000


class AnswerError(ValueError):
    """A validation answer that cannot be kept: the field it is about and what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ValidationAnswer:
    """The team's answer to one question of the validation test, with its note."""

    key: str
    question: str
    answer: str
    note: str = ""

    def to_work_on(self) -> bool:
        """Return whether the answer is a "no": something the team still has to work on."""
        return self.answer == "no"


def read_answers(raw: Mapping[str, object] | None) -> dict[str, dict[str, str]]:
    """Return the answers to keep, keyed by question: {"answer": "yes"|"no", "note": text}.

    Each value is "yes", "no", or a mapping with `answer` and an optional `note`; a question left
    out stays unanswered. An unknown question, another answer or a long note raises AnswerError.
    """
    kept: dict[str, dict[str, str]] = {}
    for key, value in (raw or {}).items():
        if key not in QUESTION_KEYS:
            known = ", ".join(QUESTION_KEYS)
            raise AnswerError(key, f"Unknown validation question “{key}”: ask {known}.")
        if isinstance(value, Mapping):
            answer, note = value.get("answer"), value.get("note") or ""
        else:
            answer, note = value, ""
        if answer in (None, ""):
            if note:
                raise AnswerError(key, "Answer yes or no before adding a note.")
            continue
        if answer not in ANSWERS:
            raise AnswerError(key, f"Answer “yes” or “no”, not “{answer}”.")
        if not isinstance(note, str):
            raise AnswerError(key, "The note is text.")
        note = note.strip()
        if len(note) > NOTE_LIMIT:
            raise AnswerError(key, f"Keep the note under {NOTE_LIMIT} characters.")
        kept[key] = {"answer": str(answer), "note": note}
    return kept


def answers_of(kept: Mapping[str, Mapping[str, str]] | None) -> list[ValidationAnswer]:
    """Return the kept answers in the order of the questions, the unanswered left out."""
    found = []
    for key, question, _ in QUESTIONS:
        value = (kept or {}).get(key)
        if value and value.get("answer") in ANSWERS:
            found.append(ValidationAnswer(key, question, value["answer"], value.get("note", "")))
    return found


def validation_summary(kept: Mapping[str, Mapping[str, str]] | None) -> str:
    """Return the answers in one line, e.g. "ambitious key results: no (why)", for the history."""
    names = {key: name for key, _, name in QUESTIONS}
    parts = []
    for answer in answers_of(kept):
        note = f" ({answer.note})" if answer.note else ""
        parts.append(f"{names[answer.key]}: {answer.answer}{note}")
    return "; ".join(parts)


def coach_errors(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings the coach marks as errors: those to fix before publishing."""
    return [finding for finding in findings if finding.severity == "error"]


def errors_message(errors: list[Finding]) -> str:
    """Return what publishing with these errors asks: fix them, or give the reason."""
    named = "; ".join(f"{finding.target}: {finding.message}" for finding in errors)
    return (
        f"The coach marks {len(errors)} error{'s' if len(errors) != 1 else ''} in this draft "
        f"({named}). Fix them first, or say why you publish despite them."
    )


def read_reason(reason: str | None) -> str:
    """Return the reason to publish despite the coach's errors, trimmed; too long raises."""
    reason = (reason or "").strip()
    if len(reason) > REASON_LIMIT:
        raise AnswerError("publish_despite", f"Keep the reason under {REASON_LIMIT} characters.")
    return reason
