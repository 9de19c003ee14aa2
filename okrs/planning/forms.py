"""Forms of the planning pages: opening planning, planning notes and the backlog."""

from django import forms

from okrs.cycles.models import Cycle
from okrs.domain.reading import LONG_TEXT
from okrs.objectives.forms import limit_length
from okrs.organizations.models import Team
from okrs.planning.actions import strategic_choices
from okrs.planning.models import CandidateObjective, TeamPlanningNote


class OpenPlanningForm(forms.Form):
    """Leadership's start of planning: the strategic objectives to communicate and a message."""

    strategic_objectives = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Strategic objectives to communicate",
        help_text="Drafts among them are published (set active) for every team to see.",
        error_messages={"required": "Choose at least one objective the teams should support."},
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
        label="Message to the teams",
        help_text="Why these objectives, and what you expect from this planning.",
    )

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["strategic_objectives"]
        field.queryset = strategic_choices(cycle)
        field.label_from_instance = lambda o: f"{o.team.name} ({o.cycle.name}): {o.title}"


class PlanningNoteForm(forms.Form):
    """A team's need, provision or dependency, towards another team when it concerns one."""

    kind = forms.ChoiceField(choices=TeamPlanningNote.Kind.choices, label="Kind")
    text = forms.CharField(
        max_length=300,
        label="What",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Two days of data engineering a week"}),
    )
    other_team = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Other team",
        empty_label="No team in particular",
        help_text="Needed from, offered to or depended on.",
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_team"].queryset = (
            Team.objects.of(team.organization_id)
            .filter(archived_at=None)
            .exclude(pk=team.pk)
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == TeamPlanningNote.Kind.DEPENDENCY and not data.get("other_team"):
            self.add_error("other_team", "Say which team you depend on.")
        return data


class CandidateForm(forms.ModelForm):
    """A candidate objective for the team's backlog."""

    class Meta:
        model = CandidateObjective
        fields = ["title", "description", "hypothesis", "ambition", "notes"]
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "A qualitative, inspiring outcome, without numbers"}
            ),
            "description": forms.Textarea(attrs={"rows": 2}),
            "hypothesis": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self, "description", "hypothesis", "notes")


class PromoteForm(forms.Form):
    """The cycle a backlog candidate moves into as a draft."""

    cycle = forms.ModelChoiceField(queryset=None, label="Into cycle", empty_label=None)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = (
            Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED).order_by("start")
        )
