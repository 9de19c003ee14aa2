"""Importing people and teams from an org chart file (CSV or XLSX) over the API."""

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema

from okrs.administration.import_invitations import Applied
from okrs.administration.orgchart import ImportProblems, import_and_invite, preview
from okrs.administration.uploads import TOO_BIG, declared_too_big, limit_uploads, uploaded_file
from okrs.api.errors import ERRORS
from okrs.domain.orgchart import Plan
from okrs.domain.peoplefile import MAX_FILE_BYTES, FileRefused
from okrs.organizations.models import Role

router = Router(tags=["teams and people"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "The file: as multipart/form-data in the field `file`, or as the raw body (CSV in "
            "UTF-8, or XLSX). Columns: docs/administration.md. At most 10 MB."
        ),
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "text/csv": BINARY,
            XLSX: BINARY,
        },
    }
}


class ImportOptions(Schema):
    """How to import."""

    dry_run: bool = False
    deactivate_missing: bool = False
    invite: bool = Field(
        False,
        description=(
            "E-mail each person the import creates an invitation to choose a password (default "
            "false; people who already exist are never invited, nor anyone twice)."
        ),
    )


class TeamChange(Schema):
    """A team the import creates or changes."""

    row: int
    name: str
    level: str
    parent: str
    changes: list[str]


class PersonChange(Schema):
    """A person the import creates, changes or deactivates."""

    row: int
    email: str
    name: str
    role: str
    team: str
    team_role: str
    changes: list[str]
    note: str


class InvitationSent(Schema):
    """An invitation the import created; `problem` says why its e-mail did not leave."""

    email: str
    sent: bool
    problem: str


class PeopleImported(Schema):
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool
    nothing_to_change: bool
    changes: dict[str, int]
    teams_created: list[TeamChange]
    teams_moved: list[TeamChange]
    people_created: list[PersonChange]
    people_updated: list[PersonChange]
    people_deactivated: list[PersonChange]
    ignored_columns: list[str]
    invitations: list[InvitationSent]


def _file(request) -> bytes:
    """Return the posted file: the multipart field `file`, or else the raw body."""
    if declared_too_big(request):
        raise FileRefused(TOO_BIG)
    if request.content_type == "multipart/form-data":
        limit_uploads(request)
        return uploaded_file(request)[1]
    data = request.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(TOO_BIG)
    return data


def _imported(plan: Plan, dry_run: bool, applied: Applied | None = None) -> dict:
    """Return the answer for the plan, and the invitations the import sent."""

    def people(entries):
        return [vars(p) | {"changes": list(p.changes)} for p in entries]

    def teams(entries):
        return [vars(t) | {"changes": list(t.changes)} for t in entries]

    return {
        "dry_run": dry_run,
        "nothing_to_change": plan.nothing_to_change(),
        "changes": plan.counts(),
        "teams_created": teams(plan.new_teams),
        "teams_moved": teams(plan.moved_teams),
        "people_created": people(plan.new_people),
        "people_updated": people(plan.updated_people),
        "people_deactivated": people(plan.deactivated),
        "ignored_columns": plan.ignored_columns,
        "invitations": [
            {"email": s.invitation.email, "sent": not s.problem, "problem": s.problem}
            for s in (applied.sent if applied else [])
        ],
    }


def _problems(plan: Plan) -> dict:
    """Return the error body for a plan with problems: one error per problem, named by row."""
    errors = [
        {"field": f"row {p.row}" + (f", column {p.letter} ({p.column})" if p.column else ""),
         "message": p.message}
        for p in plan.problems
    ]  # fmt: skip
    count = len(errors)
    return {
        "detail": f"{count} problem{'s' if count > 1 else ''} in the file; nothing was imported.",
        "errors": errors,
    }


@router.post(
    "/people/import",
    response={200: PeopleImported, **ERRORS},
    openapi_extra=FILE_BODY,
    summary="Import people",
)
def import_people_file(request, options: Query[ImportOptions]):
    """Create and update people and teams from a CSV or XLSX file, all or nothing (admins)."""
    if request.user.role != Role.ADMIN:
        raise PermissionDenied("Only the organisation's admins import people.")
    try:
        data = _file(request)
        if options.dry_run:
            plan = preview(
                request.organization,
                data,
                actor=request.user,
                deactivate_missing=options.deactivate_missing,
            )
            if plan.problems:
                raise ImportProblems(plan)
            applied = None
        else:
            applied = import_and_invite(
                request.organization,
                data,
                request.user,
                invite=options.invite,
                file_name="a file posted to the API",
                deactivate_missing=options.deactivate_missing,
            )
            plan = applied.plan
    except FileRefused as error:
        status = 413 if str(error) == TOO_BIG else 422
        return status, {"detail": f"{error} Nothing was imported.", "errors": []}
    except ImportProblems as refused:
        return 422, _problems(refused.plan)
    return 200, _imported(plan, options.dry_run, applied)
