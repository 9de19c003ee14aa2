"""The forms of the chat app's administration page and of the digest preference."""

from django import forms

from okrs.chat.models import ChatInstallation

SECRET_ATTRS = {"autocomplete": "off", "spellcheck": "false"}


class ChatInstallationForm(forms.Form):
    """The app's workspace and secrets; a secret left empty keeps the one stored."""

    platform = forms.ChoiceField(choices=ChatInstallation.Platform.choices, initial="slack")
    workspace_id = forms.CharField(
        label="Workspace (team) id",
        max_length=40,
        required=False,
        help_text="Slack's team id (T0123…). Requests from any other workspace are refused.",
    )
    signing_secret = forms.CharField(
        label="Signing secret",
        max_length=200,
        required=False,
        widget=forms.PasswordInput(attrs=SECRET_ATTRS),
        help_text="Slack: from the app's Basic Information page. Mattermost: the slash command's "
        "token. Stored encrypted; never shown again.",
    )
    bot_token = forms.CharField(
        label="Bot token",
        max_length=300,
        required=False,
        widget=forms.PasswordInput(attrs=SECRET_ATTRS),
        help_text="Slack: xoxb-… from OAuth & Permissions. Mattermost: a bot account's access "
        "token. Stored encrypted; never shown again.",
    )
    api_url = forms.URLField(
        label="API base URL",
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text="Leave empty for Slack. Mattermost: https://your-server/api/v4 (docs/chat.md).",
    )


class TeamChannelForm(forms.Form):
    """A team's chat channel and whether its weekly digest goes there."""

    channel_id = forms.CharField(label="Channel id", max_length=40, required=False)
    weekly_digest = forms.BooleanField(label="Weekly digest", required=False)
