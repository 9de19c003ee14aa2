"""Who may open a page at all: a signed-in person of an organisation; admins for administration."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from okrs.organizations.models import Role


def organization_required(view):
    """Require a signed-in person who belongs to an organisation."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.organization is None:
            return render(request, "organizations/no_organization.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view):
    """Require an admin of the organisation (a page of its administration)."""

    @organization_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.ADMIN:
            raise PermissionDenied("Only the organisation's admins may do this.")
        return view(request, *args, **kwargs)

    return wrapper
