"""The quarter report as a PDF: printed on the server from HTML, with its own fonts and styles."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.evaluation.report import BOARD_LEVELS, MOST_CHARTED, quarter_report
from okrs.gc_pause import collector_paused
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team

STYLES = "okrs/report.css"  # its fonts sit beside it, in okrs/fonts/


def _static_root() -> Path:
    """Return the folder the report's own styles and fonts are read from."""
    found = finders.find(STYLES)
    if not found:
        raise RuntimeError(f"The report's styles {STYLES} are missing.")
    return Path(found).resolve().parent


def _local_only(root: Path):
    """Return a fetcher that reads files under the folder and refuses everything else."""
    from weasyprint import URLFetcher

    class LocalOnly(URLFetcher):
        """Reads the report's own styles and fonts; no network, no other file."""

        def fetch(self, url, headers=None):
            if not url.startswith("file://") or not Path(url[7:]).resolve().is_relative_to(root):
                raise ValueError(f"The report reads only its own files, not {url[:80]}.")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols=("file",))


def printed(html: str) -> bytes:
    """Return the PDF of the report's HTML, reading no file but its own styles and fonts."""
    from weasyprint import HTML

    root = _static_root()
    return HTML(
        string=html, base_url=f"{root.as_uri()}/", url_fetcher=_local_only(root)
    ).write_pdf()


@organization_required
@collector_paused()  # every card of the report lives until the file is written
def quarter_report_pdf(request, cycle_id: int):
    """Return the cycle's report as a PDF: the board's levels, or ?team= and the teams below it."""
    organization = request.organization
    cycle = get_object_or_404(Cycle.objects.of(organization), pk=cycle_id)
    team = None
    if request.GET.get("team"):
        team = Team.objects.of(organization).filter(slug=request.GET["team"]).first()
        if team is None:
            raise Http404("No such team.")
    report = quarter_report(organization, request.user, cycle, clock.today(), team)
    context = {"report": report, "today": report.on, "board_levels": BOARD_LEVELS}
    html = render_to_string("evaluation/report.html", context | {"charted": MOST_CHARTED})
    name = f"{organization.slug}-{cycle.name}{'-' + team.slug if team else ''}-report.pdf"
    try:
        pdf = printed(html)
    except OSError:  # the server lacks the Pango library WeasyPrint draws text with
        message = "This server cannot print PDFs yet: its operator installs Pango (libpango-1.0-0)."
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
