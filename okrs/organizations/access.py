"""Who may open a page at all: a signed-in person of an organisation."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def organization_required(view):
    """Require a signed-in person who belongs to an organisation."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.organization is None:
            return render(request, "organizations/no_organization.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
