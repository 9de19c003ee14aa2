"""Template context shared by every page."""


def organization(request):
    """Return the current organisation for templates."""
    return {"organization": getattr(request, "organization", None)}
