"""The administration's front page and its history of changes."""

from django.core.paginator import Paginator
from django.shortcuts import render

from okrs.organizations.access import admin_required
from okrs.organizations.models import AdministrativeChange

CHANGES_PER_PAGE = 50


@admin_required
def overview(request):
    """Show the sections of the administration and the latest changes."""
    changes = AdministrativeChange.objects.of(request.organization).select_related(
        "actor", "person", "team"
    )[:10]
    return render(request, "administration/overview.html", {"changes": changes})


@admin_required
def history(request):
    """List every administrative change of the organisation, newest first."""
    changes = AdministrativeChange.objects.of(request.organization).select_related(
        "actor", "person", "team"
    )
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "administration/history.html", {"page": page})
