"""Importing people and teams from an org chart file: upload, preview, apply; and the export."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from okrs import clock
from okrs.administration import orgchart
from okrs.administration.invitations import waiting_for_invitation
from okrs.administration.models import PeopleImport
from okrs.administration.uploads import TOO_BIG, declared_too_big, limit_uploads, uploaded_file
from okrs.domain.orgchart_rows import COLUMNS
from okrs.domain.peoplefile import MAX_ROWS, FileRefused
from okrs.organizations.access import admin_required

SHOWN = 200  # rows of each list the preview shows: a page stays light for a large file


def _page(request, status=200, **context):
    """Render the import page: the upload form, the columns, and a preview or an error."""
    context.setdefault("max_rows", MAX_ROWS)
    context.update(limit=SHOWN, shown=f":{SHOWN}")
    context.setdefault("columns", COLUMNS)
    if "plan" not in context and "refused" not in context:
        context["waiting"] = waiting_for_invitation(request.organization).count()
    return render(request, "administration/orgchart.html", context, status=status)


@csrf_exempt  # checked below, once the upload's size limit is in place
@admin_required
def upload(request):
    """Show the upload form; on a file, preview it (kept for applying when it has no problem)."""
    if request.method != "POST":
        return _page(request)
    if declared_too_big(request):
        return _page(request, 413, refused=TOO_BIG)
    limit_uploads(request)
    return csrf_protect(_preview_upload)(request)


def _preview_upload(request):
    """Read the uploaded file and show what importing it would do."""
    deactivate_missing = request.POST.get("deactivate_missing") == "on"
    try:
        file_name, data = uploaded_file(request)
        plan = orgchart.preview(
            request.organization, data, actor=request.user, deactivate_missing=deactivate_missing
        )
    except FileRefused as error:
        return _page(request, 422, refused=str(error))
    if plan.problems or plan.nothing_to_change():
        status = 422 if plan.problems else 200
        return _page(request, status, plan=plan, file_name=file_name)
    kept = orgchart.keep_upload(
        request.organization, request.user, file_name, data, deactivate_missing
    )
    return redirect("administration-import-preview", kept.pk)


def _kept(request, pk) -> PeopleImport:
    """Return the organisation's kept upload, or 404 (another organisation's, applied or old)."""
    fresh = clock.now() - orgchart.KEPT_FOR
    uploads = PeopleImport.objects.of(request.organization).filter(uploaded_at__gte=fresh)
    return get_object_or_404(uploads, pk=pk)


@require_GET
@admin_required
def preview(request, pk):
    """Show what applying a kept upload would do, with the button that applies it."""
    kept = _kept(request, pk)
    try:
        plan = orgchart.preview(
            request.organization,
            bytes(kept.content),
            actor=request.user,
            deactivate_missing=kept.deactivate_missing,
        )
    except FileRefused as error:  # the limits changed since it was kept
        return _page(request, 422, refused=str(error))
    return _page(request, plan=plan, file_name=kept.file_name, kept=kept)


@require_POST
@admin_required
def apply(request, pk):
    """Apply a kept upload, all or nothing."""
    kept = _kept(request, pk)
    try:
        applied = orgchart.apply_upload(
            kept, request.user, invite=request.POST.get("invite") == "on"
        )
    except orgchart.ImportProblems as refused:  # the organisation changed since the preview
        return _page(request, 409, plan=refused.plan, file_name=kept.file_name, changed=True)
    except IntegrityError:
        return _page(
            request, 409, refused="Someone changed these people meanwhile: upload the file again."
        )
    plan = applied.plan
    if plan.nothing_to_change():
        messages.info(request, f"{kept.file_name}: nothing to change.")
    else:
        counts = ", ".join(f"{n} {what}" for what, n in plan.counts().items() if n)
        messages.success(request, f"Imported {kept.file_name}: {counts}.")
    _tell_invitations(request, applied)
    return redirect("administration-import")


def _tell_invitations(request, applied) -> None:
    """Say how many invitations went out, and whose e-mail could not be sent."""
    unsent = applied.unsent()
    sent = len(applied.sent) - len(unsent)
    if sent:
        messages.success(request, f"{sent} invitation{'s' if sent > 1 else ''} sent.")
    if unsent:
        emails = ", ".join(s.invitation.email for s in unsent[:SHOWN])
        more = f" and {len(unsent) - SHOWN} more" if len(unsent) > SHOWN else ""
        are = "s are" if len(unsent) > 1 else " is"
        messages.error(
            request,
            f"The import is applied and {len(unsent)} invitation{are} saved, but their e-mails "
            f"could not be sent ({unsent[0].problem}): {emails}{more}. "
            "Check the e-mail settings, then resend them from the people page.",
        )


@require_GET
@admin_required
def people_csv(request):
    """Download the organisation's people and teams as a CSV the import reads."""
    response = HttpResponse(
        orgchart.export_csv(request.organization), content_type="text/csv; charset=utf-8"
    )
    name = f"{request.organization.slug}-people-{clock.today().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
