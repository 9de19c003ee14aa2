"""Forms to draft an objective and its key results."""

from collections.abc import Sequence

from django import forms
from django.db.models import Q
from django.utils.text import capfirst

from okrs.cycles.models import Cycle
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.forms import limit_length
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Team

REASON_LENGTH = 2000


class ObjectiveForm(forms.ModelForm):
    """An objective: a qualitative outcome for a team in a cycle, aligned to objectives above."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    aligned_to = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        label="Aligned to",
        help_text="The company or strategic objectives this one supports.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    contributing_teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.none(),
        required=False,
        label="Shared with",
        help_text="Other teams that share this objective and contribute to it.",
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    class Meta:
        model = Objective
        fields = ["title", "team", "cycle", "status", "ambition", "description", "hypothesis"]
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "A qualitative, inspiring outcome, without numbers"}
            ),
            "description": forms.Textarea(attrs={"rows": 2}),
            "hypothesis": forms.Textarea(
                attrs={
                    "rows": 3,
                    "placeholder": "We believe that by achieving [KR1] and [KR2] we will achieve "
                    "[objective] because [reasoning]. This will be validated by [indicators].",
                }
            ),
        }
        help_texts = {
            "ambition": "A roofshot is expected to reach 1.0; a moonshot succeeds at 0.7."
        }

    def __init__(self, *args, organization, writable_team_ids, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self, "description", "hypothesis")
        # An archived team takes no new objectives; the one an objective already has stays.
        teams = Team.objects.of(organization).filter(
            Q(archived_at=None) | Q(pk=self.instance.team_id)
        )
        if writable_team_ids is not None:
            teams = teams.filter(pk__in=writable_team_ids)
        self.fields["team"].queryset = teams
        self.fields["team"].required = True
        self.fields["team"].empty_label = None
        cycles = Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED)
        if self.instance.pk:
            cycles = Cycle.objects.of(organization).filter(
                Q(pk=self.instance.cycle_id) | ~Q(state="closed")
            )
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].empty_label = None
        self.fields["status"].choices = [
            c
            for c in Objective.State.choices
            if c[0] in ("draft", "active") or c[0] == self.instance.status
        ]
        parents = (
            Objective.objects.of(organization)
            .filter(
                team__level__in=["company", "strategic"], cycle__state__in=["planning", "active"]
            )
            .exclude(status=Objective.State.ABANDONED)
            .select_related("team")
            .order_by("team__level", "team__name", "title")
        )
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["aligned_to"].initial = list(
                self.instance.aligned_to.values_list("pk", flat=True)
            )
            self.fields["version"].initial = self.instance.version
        self.fields["aligned_to"].queryset = parents
        self.fields["aligned_to"].label_from_instance = lambda o: f"{o.team.name}: {o.title}"
        shared = self.instance.contributions.values("team_id") if self.instance.pk else []
        sharing = self.fields["contributing_teams"]
        assert isinstance(sharing, forms.ModelMultipleChoiceField)
        sharing.queryset = (
            Team.objects.of(organization)
            .filter(Q(archived_at=None) | Q(pk__in=shared))
            .exclude(pk=self.instance.team_id)
        )
        if self.instance.pk:
            sharing.initial = [row["team_id"] for row in shared]

    def clean(self):
        data = super().clean() or {}
        team, shared = data.get("team"), data.get("contributing_teams") or []
        if team is not None and team in shared:
            self.add_error("contributing_teams", f"{team} owns this objective: it cannot share it.")
        return data


class KeyResultForm(forms.ModelForm):
    """One key result: a measurable achievement, from a start to a target, or a milestone."""

    reason = forms.CharField(
        label="Why re-plan?",
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.TextInput(attrs={"placeholder": "e.g. the vendor we counted on left"}),
        help_text="The cycle has started: a new start or target needs a reason. "
        "The original plan is kept and shown beside the new one.",
    )

    class Meta:
        model = KeyResult
        fields = [*KEY_RESULT_EDITABLE, "team"]
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "e.g. Increase 30-day activation from 45% to 78%"}
            ),
            "start": forms.NumberInput(attrs={"step": "any"}),
            "target": forms.NumberInput(attrs={"step": "any"}),
            "weight": forms.NumberInput(attrs={"step": "any", "min": 0}),
        }
        labels = {name: capfirst(label) for name, label in KEY_RESULT_EDITABLE.items()}

    def __init__(self, *args, teams: Sequence[Team] = (), **kwargs):
        """`teams`: the organisation's teams a key result may belong to, read once for the set."""
        super().__init__(*args, **kwargs)
        offered = [t for t in teams if t.archived_at is None or t.pk == self.instance.team_id]
        owner = self.fields["team"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Team.objects.filter(pk__in=[t.pk for t in offered])
        owner.widget.choices = [("", "The objective's team"), *((t.pk, t.name) for t in offered)]
        owner.required = False
        owner.label = "Owned by"
        owner.help_text = "Another team that runs this key result, if one does."
        self.fields["direction"].required = False
        self.fields["direction"].choices = [
            ("", "Infer from start and target"),
            *KeyResult.DIRECTION_CHOICES,
        ]
        self.fields["indicator"].choices = [("", "–"), *KeyResult.Indicator.choices]
        self.fields["target"].required = False
        if not self.instance.pk:
            self.initial["target"] = (
                None  # the model's default of 1 suits milestones, not a blank metric
            )

    def has_changed(self) -> bool:
        """Return False for a blank new row, whatever its selects say, so it is skipped."""
        if not self.instance.pk and not (self.data.get(self.add_prefix("title")) or "").strip():
            return False
        return super().has_changed()

    def clean(self):
        data = super().clean()
        if data.get("type") == "binary":
            data["start"], data["target"] = 0, 1
        elif data.get("title") and data.get("target") is None:
            self.add_error("target", "Say where the key result should land (the target).")
        return data


KeyResultFormSet = forms.inlineformset_factory(
    Objective,
    KeyResult,
    form=KeyResultForm,
    fk_name="objective",
    extra=2,
    can_delete=True,
    max_num=10,
)
