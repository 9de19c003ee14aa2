"""OKRs as code over the API: lint, export and import documents."""

from datetime import date

from ninja import Body, Query, Router, Schema
from pydantic import Field

from okrs import clock
from okrs.api.common import require_organization_writer
from okrs.api.errors import ERRORS, READ_ERRORS, Error
from okrs.domain.coach import lint
from okrs.domain.okrfile import read_data
from okrs.domain.writing import document_to_data
from okrs.exchange.export import export_document
from okrs.exchange.importer import import_document

router = Router(tags=["okrs as code"])

DOCUMENT_HELP = (
    "An OKRs-as-code document as JSON: the same fields as the YAML file (docs/file-format.md)."
)


class FindingOut(Schema):
    """One thing the coach found."""

    rule: str
    severity: str
    target: str
    message: str
    reason: str
    suggestion: str


class Findings(Schema):
    """The coach's findings on a document."""

    findings: list[FindingOut]
    errors: int
    warnings: int


class Imported(Schema):
    """What an import created and changed."""

    organization: str
    changes: dict[str, int]


class LintOptions(Schema):
    """Options of the coach."""

    profile: str | None = Field(None, pattern="^(p-okr|okr-institute|scaled-okrs)$")
    today: date | None = None


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@router.post("/lint", response={200: Findings, **READ_ERRORS, 403: Error, 413: Error})
def lint_document(request, document: Body[dict], options: Query[LintOptions]):
    """Return the coach's findings for a posted OKRs-as-code document; nothing is stored."""
    read = read_data(document)
    found = lint(read, profile=options.profile, today=options.today or read.today or clock.today())
    return {
        "findings": [
            {
                k: getattr(f, k)
                for k in ("rule", "severity", "target", "message", "reason", "suggestion")
            }
            for f in found
        ],
        "errors": sum(1 for f in found if f.severity == "error"),
        "warnings": sum(1 for f in found if f.severity == "warning"),
    }


@router.get("/export", response={200: dict, **READ_ERRORS})
def export(request):
    """Return the organisation's OKRs as an OKRs-as-code document, others' drafts left out."""
    return _jsonable(document_to_data(export_document(request.organization, request.user)))


@router.post("/import", response={200: Imported, **ERRORS}, summary="Import")
def import_(request, document: Body[dict]):
    """Load a document into the organisation, all or nothing (admins and OKR leaders)."""
    require_organization_writer(request)
    parsed = read_data(document)
    parsed.organization, parsed.slug = request.organization.name, request.organization.slug
    organization, counts = import_document(parsed, discreet=True)
    return {"organization": organization.slug, "changes": dict(counts)}
