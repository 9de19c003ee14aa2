"""Forms of action plans: an initiative, and where an activity key result moves."""

from typing import cast

from django import forms

from okrs.domain.initiatives import INITIATIVE_LINK_LIMIT, link_problem
from okrs.objectives.models import Initiative
from okrs.organizations.models import Person


class InitiativeForm(forms.ModelForm):
    """An initiative: its title, owner, status, due date and link; the action checks them all."""

    link = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=INITIATIVE_LINK_LIMIT,
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )

    class Meta:
        model = Initiative
        fields = ["title", "owner", "status", "due", "link"]
        widgets = {
            "title": forms.TextInput(attrs={"placeholder": "e.g. Door-to-door petition weekends"}),
            "due": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"due": "Due", "link": "Link"}

    def __init__(self, *args, people=None, prefix_id: str = "new", **kwargs):
        super().__init__(*args, **kwargs)
        owners = cast(forms.ModelChoiceField, self.fields["owner"])
        owners.queryset = people if people is not None else Person.objects.none()
        owners.empty_label = "No owner"
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_initiative_{name}_{prefix_id}")

    def clean_link(self) -> str:
        """Refuse anything but an http or https address."""
        link = self.cleaned_data.get("link") or ""
        problem = link_problem(link)
        if problem:
            raise forms.ValidationError(f"Enter a web address: {problem}.")
        return link
