"""Forms of the cycles' administration: a new cycle, and a cycle's dates."""

from datetime import date

from django import forms

from okrs.cycles.models import Cycle
from okrs.organizations.models import Organization

# The dates a cycle may take: before 1970 or after 2200 is a typing slip, not a plan.
DATE_MIN = date(1970, 1, 1)
DATE_MAX = date(2200, 12, 31)
# The kind of cycle each kind lies inside, when its parent is left to be found.
PARENT_KIND = {Cycle.Kind.QUARTER: Cycle.Kind.ANNUAL, Cycle.Kind.ANNUAL: Cycle.Kind.MULTI_YEAR}


def _date_field(label: str) -> forms.DateField:
    """Return a date field picked in the browser's calendar, written 2027-04-01."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date like 2027-04-01."},
    )


class CycleDatesForm(forms.Form):
    """A cycle's first and last day, within the dates okrs keeps."""

    start = _date_field("First day")
    end = _date_field("Last day")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        for name in ("start", "end"):
            day = data.get(name)
            if day is not None and not DATE_MIN <= day <= DATE_MAX:
                self.add_error(name, f"Choose a date from {DATE_MIN} to {DATE_MAX}.")
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", "A cycle must end after it starts.")
        return data


class CycleChoiceField(forms.ModelChoiceField):
    """A cycle, shown with its kind."""

    def label_from_instance(self, obj: Cycle) -> str:
        """Return the cycle's name and kind."""
        return f"{obj.name} ({obj.get_kind_display()})"


class CycleForm(CycleDatesForm):
    """A new quarter, year or multi-year cycle: its name, kind, dates and the cycle above it."""

    name = forms.CharField(max_length=100, help_text="Unique in the organisation, e.g. 2027-Q2.")
    kind = forms.ChoiceField(choices=Cycle.Kind.choices)
    parent = CycleChoiceField(
        queryset=Cycle.objects.none(),
        required=False,
        label="Lies inside",
        empty_label="Found from the dates",
        help_text="Left empty, a quarter goes inside the year that holds it, a year inside "
        "the multi-year cycle that holds it.",
    )

    field_order = ["name", "kind", "start", "end", "parent"]

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = (
            Cycle.objects.of(organization)
            .exclude(kind=Cycle.Kind.QUARTER)
            .exclude(state=Cycle.State.CLOSED)
            .order_by("-start", "name")
        )

    def clean_name(self) -> str:
        """Refuse a name another cycle of the organisation has."""
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the cycle a name.")
        if Cycle.objects.of(self.organization).filter(name=name).exists():
            raise forms.ValidationError(f"A cycle named {name} already exists.")
        return name

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end, kind = data.get("start"), data.get("end"), data.get("kind")
        if data.get("parent") is None and start and end and kind in PARENT_KIND:
            data["parent"] = (
                Cycle.objects.of(self.organization)
                .filter(kind=PARENT_KIND[kind], start__lte=start, end__gte=end)
                .exclude(state=Cycle.State.CLOSED)
                .order_by("-start")
                .first()
            )
        return data
