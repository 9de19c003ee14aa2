"""Forms of the people pages: invite, accept an invitation, role and teams of a person."""

from typing import cast

from django import forms

from okrs.organizations.models import Membership, Organization, Role, Team

TEAM_ROLES = Membership.TeamRole.choices


def _offer_teams(field: forms.Field, organization: Organization) -> None:
    """Offer the organisation's teams, by name, in a team field."""
    cast(forms.ModelChoiceField, field).queryset = Team.objects.of(organization).order_by("name")


class InviteForm(forms.Form):
    """Who to invite, with which role and in which teams."""

    email = forms.CharField(label="E-mail", max_length=254, widget=forms.EmailInput)
    name = forms.CharField(
        label="Name", max_length=200, required=False, help_text="Optional: they can change it."
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.MEMBER)
    teams = forms.ModelMultipleChoiceField(
        label="Teams",
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional: they join these teams as members.",
    )

    def __init__(self, organization: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_teams(self.fields["teams"], organization)


class AcceptForm(forms.Form):
    """The invited person's name and password."""

    name = forms.CharField(label="Your name", max_length=200)
    password1 = forms.CharField(
        label="Password",
        help_text="At least 8 characters, not a common password, not only digits, "
        "and not like your name or e-mail.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self):
        """Require the same password twice."""
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The two passwords differ: type the same one twice.")
        return second


class RoleForm(forms.Form):
    """A person's role in the organisation."""

    role = forms.ChoiceField(label="Role", choices=Role.choices)


class PlaceForm(forms.Form):
    """A team to add the person to, or whose team role to change."""

    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none())
    team_role = forms.ChoiceField(label="Team role", choices=TEAM_ROLES)

    def __init__(self, organization: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_teams(self.fields["team"], organization)


class MoveForm(forms.Form):
    """The team to move the person to."""

    to_team = forms.ModelChoiceField(label="Move to", queryset=Team.objects.none())

    def __init__(self, organization: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_teams(self.fields["to_team"], organization)
