"""The chat app's pages: its installation in the administration, and the digest preference."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs.chat.actions import (
    install_chat_app,
    set_digest_preference,
    set_team_channel,
    uninstall_chat_app,
)
from okrs.chat.forms import ChatInstallationForm, TeamChannelForm
from okrs.chat.models import ChatInstallation, TeamChannel
from okrs.organizations.access import admin_required, organization_required
from okrs.organizations.models import Team


def _urls(installation: ChatInstallation | None) -> dict:
    """Return the request URLs the chat app is configured with."""
    if installation is None:
        return {}
    return {
        "command_url": settings.BASE_URL + reverse("chat-command", args=[installation.key]),
        "interaction_url": settings.BASE_URL + reverse("chat-interaction", args=[installation.key]),
    }


@admin_required
def chat_app(request):
    """Show the organisation's chat app and install or reconfigure it."""
    organization = request.organization
    installation = ChatInstallation.objects.filter(organization=organization).first()
    initial = {}
    if installation is not None:
        initial = {
            "platform": installation.platform,
            "workspace_id": installation.workspace_id,
            "api_url": installation.api_url,
        }
    form = ChatInstallationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            install_chat_app(organization, request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, "Chat app saved.")
            return redirect("administration-chat")
    if form.errors:
        status = 422
    channels = {c.team_id: c for c in TeamChannel.objects.of(organization)}
    teams = [
        (team, channels.get(team.pk))
        for team in Team.objects.filter(organization=organization, archived_at__isnull=True)
    ]
    context = {
        "organization": organization,
        "installation": installation,
        "form": form,
        "teams": teams,
        **_urls(installation),
    }
    return render(request, "chat/administration.html", context, status=status)


@require_POST
@admin_required
def team_channels(request):
    """Set one team's chat channel and whether its weekly digest goes there."""
    team = get_object_or_404(
        Team.objects.filter(organization=request.organization), pk=request.POST.get("team")
    )
    form = TeamChannelForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{team.name}: " + form.errors.as_text())
        return redirect("administration-chat")
    try:
        set_team_channel(team, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, f"{team.name}: " + " ".join(error.messages))
        return redirect("administration-chat")
    messages.success(request, f"Chat channel of {team.name} saved.")
    return redirect("administration-chat")


@require_POST
@admin_required
def uninstall(request):
    """Remove the organisation's chat app and its secrets."""
    uninstall_chat_app(request.organization)
    messages.success(request, "Chat app removed: okrs no longer answers its requests.")
    return redirect("administration-chat")


@require_POST
@organization_required
def digest_preference(request):
    """Switch the signed-in person's weekly digest e-mail on or off."""
    wanted = request.POST.get("weekly_email") == "on"
    set_digest_preference(request.user, wanted)
    messages.success(
        request,
        "You will get the weekly digest by e-mail." if wanted else "Weekly digest e-mail off.",
    )
    return redirect("account")
