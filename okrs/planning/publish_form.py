"""The publish form: the validation test's questions, and the reason to publish despite errors."""

from django import forms

from okrs.domain.publishing import NOTE_LIMIT, QUESTIONS, REASON_LIMIT

ANSWER_CHOICES = [("yes", "Yes"), ("no", "No")]


class PublishForm(forms.Form):
    """A yes or no and a note per validation question, and the reason to publish despite errors."""

    publish_despite = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=REASON_LIMIT,
        label="Why publish despite the coach's errors?",
        help_text="Kept with the objective, shown on its page and in its history.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question, _ in QUESTIONS:
            self.fields[f"{key}_answer"] = forms.ChoiceField(
                choices=ANSWER_CHOICES, widget=forms.RadioSelect, required=False, label=question
            )
            self.fields[f"{key}_note"] = forms.CharField(
                required=False,
                max_length=NOTE_LIMIT,
                label="Note",
                widget=forms.TextInput(attrs={"placeholder": "Optional: what makes you say so"}),
            )

    def questions(self) -> list[tuple]:
        """Return each question with its answer and note fields, in the guide's order."""
        return [(key, self[f"{key}_answer"], self[f"{key}_note"]) for key, _, _ in QUESTIONS]

    def validation(self) -> dict:
        """Return the answers as the publish action reads them."""
        data = self.cleaned_data
        return {
            key: {"answer": data[f"{key}_answer"], "note": data[f"{key}_note"]}
            for key, _, _ in QUESTIONS
        }
