"""Forms of the teams' administration: a team, and a person's place in it."""

from django import forms

from okrs.domain.hierarchy import teams_below
from okrs.domain.reading import LONG_TEXT
from okrs.domain.vocabulary import Level
from okrs.organizations.models import Membership, Organization, Person, Team

LEVELS_BELOW_COMPANY = [(Level.STRATEGIC.value, "Strategic"), (Level.TACTICAL.value, "Tactical")]


def hierarchy(teams: list[Team]) -> list[tuple[Team, int]]:
    """Return the teams depth first, each with its depth below the top, siblings by name."""
    children: dict[int | None, list[Team]] = {}
    known = {t.pk for t in teams}
    for team in teams:
        parent = team.parent_id if team.parent_id in known else None
        children.setdefault(parent, []).append(team)
    ordered: list[tuple[Team, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for team in sorted(children.get(parent, []), key=lambda t: (t.name.lower(), t.pk)):
            ordered.append((team, depth))
            walk(team.pk, depth + 1)

    walk(None, 0)
    return ordered


class TeamForm(forms.Form):
    """A team's name, level, parent team and mission."""

    name = forms.CharField(max_length=200)
    level = forms.ChoiceField(
        choices=LEVELS_BELOW_COMPANY,
        help_text="Strategic teams sit below the company; tactical teams below either.",
    )
    parent = forms.ChoiceField(
        label="Parent team",
        help_text="The team it belongs to. Tactical and archived teams take no teams below them.",
    )
    mission = forms.CharField(
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Why the team exists"}),
    )

    def __init__(self, *args, organization: Organization, team: Team | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        teams = list(Team.objects.of(organization).order_by("name"))
        ordered = hierarchy(teams)
        excluded: set[int] = set()
        if team is not None:
            parents = {t.pk: t.parent_id for t in teams}
            excluded = {team.pk} | teams_below(parents, team.pk)
        self.parents = {
            str(t.pk): t
            for t, _ in ordered
            if t.pk not in excluded and not t.is_archived() and t.level != Level.TACTICAL
        }
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ChoiceField)
        parent.choices = [
            (str(t.pk), f"{'— ' * depth}{t.name} ({t.level})")
            for t, depth in ordered
            if str(t.pk) in self.parents
        ]
        if team is not None and team.is_company():
            for name in ("level", "parent"):
                self.fields[name].disabled = True
                self.fields[name].required = False
            level = self.fields["level"]
            assert isinstance(level, forms.ChoiceField)
            level.choices = [(Level.COMPANY.value, "Company")]
            level.help_text = "The organisation's own team stays at the top."

    def clean_parent(self) -> Team | None:
        """Return the chosen parent team."""
        return self.parents.get(self.cleaned_data.get("parent") or "")

    def changes(self) -> dict:
        """Return the values to hand to the team's action."""
        data = self.cleaned_data
        values = {"name": data["name"], "mission": data["mission"]}
        if self.team is None or not self.team.is_company():
            values |= {"level": data["level"], "parent": data["parent"]}
        return values


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the organisation, shown with their e-mail address."""

    def label_from_instance(self, obj: Person) -> str:
        """Return the person's name and e-mail address."""
        return f"{obj} <{obj.email}>"


class MemberForm(forms.Form):
    """A person to add to the team, as member or lead."""

    person = PersonChoiceField(queryset=Person.objects.none(), empty_label="Choose a person")
    role = forms.ChoiceField(choices=Membership.TeamRole.choices, label="Team role")

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = (
            Person.objects.filter(organization_id=team.organization_id, is_active=True)
            .exclude(memberships__team=team)
            .order_by("name", "email")
        )


class TeamRoleForm(forms.Form):
    """A member's role in the team."""

    role = forms.ChoiceField(choices=Membership.TeamRole.choices, label="Team role")
