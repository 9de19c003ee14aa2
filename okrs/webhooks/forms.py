"""The form that registers a webhook endpoint."""

from django import forms

from okrs.webhooks.models import EVENTS


class EndpointForm(forms.Form):
    """URL, events and an optional secret of a new endpoint."""

    url = forms.CharField(
        label="Payload URL",
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/okrs-webhook"}),
        help_text="okrs POSTs a signed JSON body to this http:// or https:// URL.",
    )
    events = forms.MultipleChoiceField(
        choices=list(EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event."},
    )
    secret = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="At least 16 characters. Leave empty to have a strong one generated.",
    )
    description = forms.CharField(
        required=False, max_length=200, help_text="What receives these events, for your colleagues."
    )
