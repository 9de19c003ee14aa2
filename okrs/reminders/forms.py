"""The forms of the reminder settings and of the quick check-in."""

from django import forms

from okrs.objectives.forms import CheckInForm
from okrs.reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    """Reminders on or off, and the chat webhook that team messages go to."""

    class Meta:
        model = ReminderSettings
        fields = ["enabled", "chat_webhook_url"]
        widgets = {
            "chat_webhook_url": forms.URLInput(
                attrs={
                    "placeholder": "https://hooks.slack.com/services/…",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
        }
        help_texts = {
            "chat_webhook_url": (
                "Optional. A Slack, Teams, Mattermost or Google Chat incoming webhook: "
                'okrs posts {"text": …} with one message per team. Leave empty for e-mail only.'
            ),
        }


class QuickCheckInForm(CheckInForm):
    """The one-line check-in of a quick link: value, confidence and a short note."""

    class Meta(CheckInForm.Meta):
        fields = ["value", "confidence", "progress_note"]
        widgets = {
            **CheckInForm.Meta.widgets,
            "progress_note": forms.TextInput(
                attrs={"maxlength": 2000, "placeholder": "What moved? (optional)"}
            ),
        }
        labels = {**CheckInForm.Meta.labels, "progress_note": "Note"}
