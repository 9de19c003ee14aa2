"""The forms of the first-run setup and of the organisation's settings."""

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from okrs.domain.cadence import WEEKDAY_NAMES
from okrs.domain.profiles import PROFILES, explain
from okrs.domain.vocabulary import ScoreScale
from okrs.organizations.models import Organization, Person, validate_time_zone

SCALE_CHOICES = [
    (ScoreScale.TEN.value, "0 to 10 (the Professional OKR Guide)"),
    (ScoreScale.ONE.value, "0.0 to 1.0 (the OKR Institute, Scaled OKRs)"),
]


def profile_choices() -> list[tuple[str, str]]:
    """Return the practice profiles to choose from, each with its one-line explanation."""
    return [(p.slug, p.name) for p in PROFILES.values()]


def explained_profiles() -> list[dict]:
    """Return each profile's slug, name and one-line explanation, for the radio list."""
    return [{"slug": p.slug, "name": p.name, "explanation": explain(p)} for p in PROFILES.values()]


def time_zone_field(**kwargs) -> forms.CharField:
    """Return a time zone field: type or pick a name, checked against the system's zones."""
    return forms.CharField(
        label="Time zone",
        max_length=64,
        validators=[validate_time_zone],
        widget=forms.TextInput(
            attrs={"list": "time-zones", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text="Where the organisation's days begin and end, e.g. Europe/Berlin.",
        **kwargs,
    )


class OrganizationFields(forms.Form):
    """The organisation's name, practice profile, score scale and time zone."""

    name = forms.CharField(
        label="Organisation name",
        max_length=Organization._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    profile = forms.ChoiceField(
        label="Practice profile", choices=profile_choices, widget=forms.RadioSelect
    )
    score_scale = forms.ChoiceField(
        label="Score scale",
        choices=[("", "As the profile says"), *SCALE_CHOICES],
        required=False,
        help_text="How scores are shown; okrs stores them the same way on either scale.",
    )
    time_zone = time_zone_field()

    def profiles(self) -> list[dict]:
        """Return the profiles with their explanations and whether each is chosen."""
        chosen = self["profile"].value()
        return [p | {"checked": p["slug"] == chosen} for p in explained_profiles()]

    def add_errors(self, error: ValidationError) -> None:
        """Show an action's errors beside the fields they name (the rest above the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    def clean_name(self) -> str:
        """Trim the name."""
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError("Give the organisation a name.")
        return name


class SetupForm(OrganizationFields):
    """The first run: the organisation and its first admin."""

    admin_name = forms.CharField(
        label="Your name",
        max_length=Person._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your e-mail",
        max_length=Person._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="You sign in with it.",
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common password.",
    )
    password_again = forms.CharField(
        label="Password, again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"profile": "p-okr", "score_scale": "", "time_zone": settings.TIME_ZONE}
        )
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["time_zone"].widget.attrs["data-suggest-zone"] = "browser"

    def clean(self):
        """Check both passwords are the same."""
        super().clean()
        data = self.cleaned_data
        first, again = data.get("password"), data.get("password_again")
        if first and again and first != again:
            self.add_error("password_again", "The two passwords differ; type the same one twice.")
        return data


class OrganizationSettingsForm(OrganizationFields):
    """The organisation's settings an admin changes."""

    score_scale = forms.ChoiceField(
        label="Score scale",
        choices=SCALE_CHOICES,
        help_text="How scores are shown; okrs stores them the same way on either scale.",
    )
    time_zone = time_zone_field(required=False)
    check_in_weekday = forms.TypedChoiceField(
        label="Check-in day", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, default_weekday: str, **kwargs):
        super().__init__(*args, **kwargs)
        weekday = cast(forms.TypedChoiceField, self.fields["check_in_weekday"])
        weekday.choices = [
            ("", f"As the profile: {default_weekday}"),
            *enumerate(WEEKDAY_NAMES),
        ]
        self.fields[
            "check_in_weekday"
        ].help_text = "The day of the team check-ins the cadence schedules in each open cycle."
        zone = self.fields["time_zone"]
        zone.help_text = f"Where its days begin and end. Empty: the server's, {settings.TIME_ZONE}."
        zone.widget.attrs["placeholder"] = settings.TIME_ZONE
