"""Put an action's refusal on the form that asked for it."""

from django import forms
from django.core.exceptions import ValidationError


def add_action_error(form: forms.BaseForm, error: Exception) -> None:
    """Put an action's error next to its field when the form has one, else above the form."""
    if not isinstance(error, ValidationError):
        form.add_error(None, str(error))
    elif not hasattr(error, "error_dict"):
        form.add_error(None, error)
    else:
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
