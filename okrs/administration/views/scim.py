"""The SCIM tokens page: an admin makes a token (shown once) for the identity provider."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.administration.models import ScimToken
from okrs.administration.scim.tokens import NAME_LIMIT, create_scim_token, revoke_scim_token
from okrs.organizations.access import admin_required


@admin_required
def scim_tokens(request):
    """List the organisation's SCIM tokens and create a new one."""
    raw, name, refusal = None, "", ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        try:
            _, raw = create_scim_token(request.organization, name, request.user)
        except ValidationError as error:
            refusal = " ".join(error.message_dict["name"])
            messages.error(request, refusal)
    context = {
        "tokens": ScimToken.objects.of(request.organization).select_related("created_by"),
        "raw": raw,
        "name": "" if raw else name,
        "name_limit": NAME_LIMIT,
        "base_url": f"{settings.BASE_URL}/scim/v2",
    }
    return render(request, "administration/scim.html", context, status=422 if refusal else 200)


@require_POST
@admin_required
def revoke(request, pk):
    """Revoke one of the organisation's SCIM tokens."""
    token = get_object_or_404(ScimToken.objects.of(request.organization), pk=pk)
    revoke_scim_token(token, request.user)
    messages.success(
        request, f"Revoked “{token.name}”: the identity provider holding it can no longer connect."
    )
    return redirect("administration-scim")
