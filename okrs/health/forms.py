"""The F.A.C.T.S. pulse form: five scores of 1 to 5 and one optional comment."""

from django import forms

from okrs.health.targets import FACTS, LETTER_FIELDS

SCALE = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither"),
    (4, "Agree"),
    (5, "Strongly agree"),
]
LETTERS = {letter.field: letter for letter in FACTS}


def _score(name: str) -> forms.TypedChoiceField:
    letter = LETTERS[name]
    return forms.TypedChoiceField(
        label=letter.name,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=letter.statement,
        error_messages={"required": f"Choose how much you agree, for {letter.name}."},
    )


class PulseForm(forms.Form):
    """A team member's answer to the pulse, before it is stored without their name."""

    focus = _score("focus")
    alignment = _score("alignment")
    commitment = _score("commitment")
    tracking = _score("tracking")
    stretching = _score("stretching")
    comment = forms.CharField(
        label="One thing that would help (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the month's results, without your name. Leave names out, "
        "yours included.",
    )

    def letters(self) -> list[tuple]:
        """Return each F.A.C.T.S. letter with its bound field, in order."""
        return [(letter, self[letter.field]) for letter in FACTS]

    def scores(self) -> dict[str, int]:
        """Return the five scores of a valid form."""
        return {name: self.cleaned_data[name] for name in LETTER_FIELDS}
