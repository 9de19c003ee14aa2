"""Attach the signed-in person's organisation to each request."""


class OrganizationMiddleware:
    """Set request.organization to the person's organisation, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.organization = (
            user.organization if user is not None and user.is_authenticated else None
        )
        return self.get_response(request)
