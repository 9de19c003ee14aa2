"""The API tokens page: create one (shown once), see them, revoke them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.api.actions import create_token, revoke_token
from okrs.api.models import ApiToken
from okrs.organizations.access import organization_required

NAME_LIMIT: int = ApiToken._meta.get_field("name").max_length or 0


@organization_required
def tokens(request):
    """List the person's API tokens and create a new one."""
    raw, refusal = None, ""
    name = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            refusal = "Give the token a name, so you know later what uses it."
        elif len(name) > NAME_LIMIT:
            refusal = f"Name: at most {NAME_LIMIT} characters, got {len(name)}."
        else:
            _, raw = create_token(request.user, name)
        if refusal:
            messages.error(request, refusal)
    context = {
        "tokens": ApiToken.objects.filter(person=request.user),
        "raw": raw,
        "name": "" if raw else name,
    }
    return render(request, "api/tokens.html", context, status=422 if refusal else 200)


@require_POST
@organization_required
def revoke(request, pk):
    """Revoke one of the person's tokens."""
    token = get_object_or_404(ApiToken.objects.filter(person=request.user), pk=pk)
    revoke_token(token)
    messages.success(request, f"Revoked “{token.name}”: it no longer opens the API.")
    return redirect("tokens")
