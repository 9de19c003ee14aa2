"""Forms for check-ins and statuses set by hand."""

from django import forms
from django.core.validators import MaxLengthValidator

from okrs.domain.plausibility import Doubt, doubt_for
from okrs.domain.reading import LONG_TEXT
from okrs.domain.states import OVERRIDE_REASON_LIMIT, OVERRIDE_REASON_REQUIRED
from okrs.objectives.models import CheckIn, StatusOverride


def limit_length(form: forms.BaseForm, *names: str, limit: int = LONG_TEXT) -> None:
    """Refuse more than `limit` characters in the form's long text fields (model TextFields)."""
    for name in names:
        field = form.fields[name]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)


NOTES = ("progress_note", "problems_note", "plans_note")


class CheckInForm(forms.ModelForm):
    """A check-in: the new value, the confidence and an optional three-part note."""

    class Meta:
        model = CheckIn
        fields = ["value", "confidence", "progress_note", "problems_note", "plans_note"]
        widgets = {
            "value": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "confidence": forms.NumberInput(attrs={"min": 0, "max": 10, "step": 1}),
            "progress_note": forms.Textarea(
                attrs={"rows": 2, "placeholder": "What moved since the last check-in?"}
            ),
            "problems_note": forms.Textarea(
                attrs={"rows": 2, "placeholder": "What is in the way?"}
            ),
            "plans_note": forms.Textarea(attrs={"rows": 2, "placeholder": "What comes next?"}),
        }
        labels = {"confidence": "Confidence (0-10)"}
        error_messages = {
            "value": {
                "required": "Enter the key result's current value.",
                "invalid": "Enter a number.",
            },
            "confidence": {"required": "Say how confident you are, from 0 to 10."},
        }

    def __init__(self, data=None, *args, key_result=None, **kwargs):
        if data is not None and data.get("use_value"):
            # "Did you mean...?" answered with the value suggested: it replaces the one typed.
            data = data.copy()
            data["value"] = data["use_value"]
        super().__init__(data, *args, **kwargs)
        self.key_result = key_result
        self.doubt: Doubt | None = None
        if key_result is not None and key_result.type == "binary":
            self.fields["value"] = forms.TypedChoiceField(
                choices=[(0, "Not done"), (1, "Done")],
                coerce=float,
                label="Done?",
                initial=key_result.current or 0,
            )
        for name, field in self.fields.items():
            field.widget.attrs.setdefault(
                "id", f"id_{name}_{key_result.pk if key_result else 'new'}"
            )
        limit_length(self, *(n for n in NOTES if n in self.fields))

    def clean_value(self) -> float:
        """Ask "did you mean...?" before saving a value far outside the plan, unless it is kept."""
        value = self.cleaned_data["value"]
        key_result = self.key_result
        if key_result is None or value is None or self.data.get("keep_value"):
            return value
        self.doubt = doubt_for(key_result, value)
        if self.doubt is not None:
            raise forms.ValidationError(self.doubt.question(value, key_result.unit), "doubtful")
        return value


class StatusOverrideForm(forms.Form):
    """A status set by hand: one of the pace states and the reason; the action checks both."""

    state = forms.ChoiceField(label="Status", choices=StatusOverride.STATE_CHOICES)
    reason = forms.CharField(
        label="Reason",
        error_messages={"required": OVERRIDE_REASON_REQUIRED},  # the API's words
        widget=forms.TextInput(
            attrs={"maxlength": OVERRIDE_REASON_LIMIT, "placeholder": "e.g. blocked by the vendor"}
        ),
        help_text=(
            f"Shown beside the computed status, {OVERRIDE_REASON_LIMIT} characters at most. "
            "The next check-in clears it."
        ),
    )
