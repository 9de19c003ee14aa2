"""Forms of KPIs: the metric and its healthy range, and a reading."""

import math

from django import forms
from django.db.models import Q

from okrs import clock
from okrs.kpis.models import KPI, Measurement


class KPIForm(forms.ModelForm):
    """A KPI's name, unit, description and the range it is healthy within."""

    class Meta:
        model = KPI
        fields = ["name", "unit", "lower_bound", "upper_bound", "description"]
        labels = {"lower_bound": "Healthy from", "upper_bound": "Healthy up to"}
        help_texts = {
            "lower_bound": "The lowest healthy value; leave empty when only a ceiling matters.",
            "upper_bound": "The highest healthy value; leave empty when only a floor matters.",
            "unit": "e.g. %, days, tickets",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "lower_bound": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "upper_bound": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields["description"]
        assert isinstance(description, forms.CharField)
        description.max_length = 5000

    def clean(self):
        super().clean()
        data = self.cleaned_data
        lower, upper = data.get("lower_bound"), data.get("upper_bound")
        for name in ("lower_bound", "upper_bound"):
            if data.get(name) is not None and not math.isfinite(data[name]):
                self.add_error(name, "Enter a finite number.")
        if "lower_bound" not in self.errors and "upper_bound" not in self.errors:
            if lower is None and upper is None:
                self.add_error("lower_bound", "Give a lower or an upper bound, or both.")
            elif lower is not None and upper is not None and lower > upper:
                self.add_error("upper_bound", "The upper bound must not lie below the lower one.")
        return data

    def values(self) -> dict:
        """Return the fields to hand to the KPI's action."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MeasurementForm(forms.Form):
    """A reading of the KPI on a day."""

    day = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date like 2027-04-01."},
    )
    value = forms.FloatField(
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})
    )
    note = forms.CharField(
        required=False,
        max_length=Measurement._meta.get_field("note").max_length,
        widget=forms.TextInput(attrs={"placeholder": "Optional: what explains it"}),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > clock.today():
            raise forms.ValidationError("A reading cannot be in the future.")
        if day.year < 1970:
            raise forms.ValidationError("Choose a date from 1970 on.")
        return day

    def clean_value(self):
        value = self.cleaned_data["value"]
        if not math.isfinite(value):
            raise forms.ValidationError("Enter a finite number.")
        return value


class KPIChoices(forms.ModelMultipleChoiceField):
    """KPIs to choose from, each named with its team."""

    def label_from_instance(self, obj) -> str:
        """Return the KPI as "Team: name"."""
        return f"{obj.team.name}: {obj.name}"


class RespondsToForm(forms.Form):
    """The KPIs an objective responds to, chosen on the drafting form."""

    responds_to = KPIChoices(
        queryset=KPI.objects.none(),
        required=False,
        label="Responds to KPIs",
        help_text="The health metrics that prompted this objective; their page lists it.",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, organization, linked=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responds_to"]
        assert isinstance(field, KPIChoices)
        # An archived KPI takes no new objectives; the links an objective already has stay.
        kpis = KPI.objects.of(organization).filter(Q(archived_at=None) | Q(pk__in=list(linked)))
        field.queryset = kpis.select_related("team").order_by("team__name", "name")
