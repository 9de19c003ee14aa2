"""Forms of a review, its decisions and a team's evaluation."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from okrs.cycles.dates import validate_supported_day
from okrs.cycles.models import Cycle
from okrs.domain.reading import LONG_TEXT
from okrs.evaluation import scale
from okrs.evaluation.actions import REFLECTION
from okrs.evaluation.models import Decision, HypothesisVerdict
from okrs.evaluation.scoring import TeamEvaluation, computed_score
from okrs.organizations.models import Person, Role, Team

FACILITATORS_LISTED_UP_TO = 500  # people; a larger organisation lists those with an OKR role
OKR_ROLES = [Role.ADMIN, Role.OKR_LEADER, Role.OKR_PRACTITIONER, Role.OKR_PROFESSIONAL]


class ReviewForm(forms.Form):
    """Hold a review: the team, cycle, date, facilitator, invited stakeholders and notes."""

    team = forms.ModelChoiceField(queryset=Team.objects.none(), empty_label="Choose a team")
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.none(), empty_label="Choose a cycle")
    held_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_supported_day],
    )
    facilitator = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, empty_label="Nobody in particular"
    )
    invited = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Invited stakeholders",
        widget=forms.CheckboxSelectMultiple,
        help_text="They see the review; they do not write in it.",
    )
    notes = forms.CharField(
        label="Discussion notes",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "What did the review find?"}),
    )

    def __init__(self, *args, organization, team_ids: set[int] | None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.of(organization)
        self.fields["team"].queryset = teams if team_ids is None else teams.filter(pk__in=team_ids)
        self.fields["cycle"].queryset = Cycle.objects.of(organization).exclude(
            state=Cycle.State.CLOSED
        )
        people = Person.objects.filter(organization=organization)
        facilitators = people.exclude(role=Role.STAKEHOLDER)
        if facilitators.count() > FACILITATORS_LISTED_UP_TO:
            # Tens of thousands of names make no list: the people with an OKR role, and you.
            mine = Q(pk=person.pk) if person is not None else Q()
            facilitators = facilitators.filter(Q(role__in=OKR_ROLES) | mine)
            self.fields["facilitator"].help_text = (
                "The people with an OKR role (admins, OKR leaders, practitioners and "
                "professionals), and you."
            )
        self.fields["facilitator"].queryset = facilitators.order_by("name", "email")
        self.fields["invited"].queryset = people.filter(role=Role.STAKEHOLDER)
        self.fields["held_on"].error_messages["required"] = "Give the review's date."
        self.fields["team"].error_messages["required"] = "Choose the team under review."
        self.fields["cycle"].error_messages["required"] = "Choose an open cycle."


class NotesForm(forms.Form):
    """The review's discussion notes."""

    notes = forms.CharField(
        label="Discussion notes",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DecisionForm(forms.Form):
    """Keep, adjust or abandon a key result or objective, with a note."""

    choice = forms.ChoiceField(
        label="Decision", choices=[("", "Choose…"), *Decision.Choice.choices]
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "Why, and what changes"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].error_messages["required"] = "Choose keep, adjust or abandon."


class VerdictForm(forms.Form):
    """Whether the objective's hypothesis held at this review, and what the team saw."""

    just_saved = False  # set by the page that shows it right after a save

    verdict = forms.ChoiceField(
        label="Did the hypothesis hold?",
        choices=[("", "Choose…"), *HypothesisVerdict.Verdict.choices],
        error_messages={"required": "Choose supported, refuted or too early to tell."},
    )
    note = forms.CharField(
        label="What we saw",
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "The evidence, and what we learn"}),
    )


def score_field_name(objective_id: int, key_result_id: int | None = None) -> str:
    """Return the name of the form field that scores the objective or key result."""
    return f"kr-{key_result_id}" if key_result_id else f"objective-{objective_id}"


class EvaluationForm(forms.Form):
    """A team's scores on the organisation's scale and its reflection; all scores to share."""

    worked = forms.CharField(
        label="What worked", required=False, max_length=LONG_TEXT, widget=forms.Textarea
    )
    did_not_work = forms.CharField(
        label="What did not work", required=False, max_length=LONG_TEXT, widget=forms.Textarea
    )
    why = forms.CharField(label="Why", required=False, max_length=LONG_TEXT, widget=forms.Textarea)
    outside_factors = forms.CharField(
        label="Factors outside the team's control",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea,
    )
    improvement_plan = forms.CharField(
        label="Improvement plan agreed with stakeholders",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        help_text="What the team and its stakeholders agreed to change in the next cycle.",
    )

    def __init__(self, *args, entry: TeamEvaluation, score_scale: str, sharing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry, self.score_scale, self.sharing = entry, score_scale, sharing
        for name in REFLECTION:
            self.fields[name].widget.attrs["rows"] = 3
            if entry.evaluation is not None:
                self.fields[name].initial = getattr(entry.evaluation, name)
        for card in entry.cards:
            self._add_score(card.objective.title, card.progress, card.objective.pk)
            for kr_card in card.key_results:
                kr = kr_card.key_result
                self._add_score(kr.title, kr_card.progress, card.objective.pk, kr.pk)

    def _add_score(self, title, progress, objective_id, key_result_id=None):
        top, places = scale.top(self.score_scale), scale.decimals(self.score_scale)
        given = self.entry.score_of(objective_id, key_result_id)
        ten = given if given is not None else computed_score(progress)
        self.fields[score_field_name(objective_id, key_result_id)] = forms.DecimalField(
            label=f"Score of “{title}”",
            required=False,
            min_value=Decimal(0),
            max_value=Decimal(top),
            decimal_places=places,
            initial=scale.from_ten(ten, self.score_scale),
            widget=forms.NumberInput(
                attrs={"step": "0.01" if places == 2 else "0.1", "inputmode": "decimal"}
            ),
            error_messages={
                "min_value": f"A score runs from 0 to {top}.",
                "max_value": f"A score runs from 0 to {top}.",
                "invalid": "Enter a number.",
            },
        )

    def clean(self):
        cleaned = super().clean()
        if self.sharing:
            for name, field in self.fields.items():
                blank = cleaned.get(name) is None and name not in self.errors
                if isinstance(field, forms.DecimalField) and blank:
                    self.add_error(name, "Give a score before sharing.")
        return cleaned

    def scores(self) -> dict[tuple[int, int | None], float]:
        """Return the typed scores on 0-10, keyed by (objective id, key result id)."""
        found = {}
        for card in self.entry.cards:
            subjects = [(card.objective.pk, None)] + [
                (card.objective.pk, k.key_result.pk) for k in card.key_results
            ]
            for objective_id, key_result_id in subjects:
                value = self.cleaned_data.get(score_field_name(objective_id, key_result_id))
                if value is not None:
                    found[(objective_id, key_result_id)] = scale.to_ten(value, self.score_scale)
        return found

    def reflection(self) -> dict[str, str]:
        """Return the typed reflection."""
        return {name: self.cleaned_data.get(name, "") for name in REFLECTION}

    def rows(self) -> list[tuple]:
        """Return (card, bound field, computed score label, key result rows) for the template.

        A key result row is (card, bound field, computed score label, re-plan or None).
        """
        found = []
        for card in self.entry.cards:
            pk = card.objective.pk
            key_results = [
                (
                    k,
                    self[score_field_name(pk, k.key_result.pk)],
                    self._computed(k.progress),
                    self.entry.replan_of(k.key_result.pk),
                )
                for k in card.key_results
            ]
            field = self[score_field_name(pk)]
            found.append((card, field, self._computed(card.progress), key_results))
        return found

    def _computed(self, progress: float) -> str:
        value = scale.from_ten(computed_score(progress), self.score_scale)
        return f"{value:.{scale.decimals(self.score_scale)}f}"


def add_action_error(form: forms.Form, error: ValidationError) -> None:
    """Put an action's error next to its field when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
