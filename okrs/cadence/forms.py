"""Forms for the cadence settings and for editing one event."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms

from okrs.cadence.models import CadenceEvent, CadenceSettings
from okrs.cycles.dates import validate_supported_day
from okrs.domain.cadence import WEEKDAY_NAMES, Cadence
from okrs.domain.reading import LONG_TEXT


def time_input() -> forms.TimeInput:
    """Return a browser time picker showing hours and minutes."""
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def date_input() -> forms.DateInput:
    """Return a browser date picker."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _weeks(days: int) -> str:
    if days == 7:
        return "every week"
    if days % 7 == 0:
        return f"every {days // 7} weeks"
    return f"every {days} days"


def _months(months: int) -> str:
    return "every month" if months == 1 else f"every {months} months"


def time_zone_names() -> list[str]:
    """Return the time zone names people can pick, sorted."""
    return sorted(available_timezones())


SUGGESTION = "A suggestion shown to every team; each team decides whether it holds one."


class CadenceForm(forms.Form):
    """A team's cadence override, or with planning weeks the organisation's cadence."""

    check_in_days = forms.TypedChoiceField(
        label="OKR Check-in", required=False, coerce=int, empty_value=None
    )
    check_in_weekday = forms.TypedChoiceField(
        label="Check-in day", required=False, coerce=int, empty_value=None
    )
    check_in_time = forms.TimeField(label="Check-in time", required=False, widget=time_input())
    check_in_minutes = forms.IntegerField(
        label="Check-in length (minutes)", required=False, min_value=5, max_value=240
    )
    review_months = forms.TypedChoiceField(
        label="OKR Review", required=False, coerce=int, empty_value=None
    )
    planning_weeks = forms.TypedChoiceField(
        label="OKR Planning opens", required=False, coerce=int, empty_value=None
    )
    daily_alignment = forms.TypedChoiceField(
        label="Daily Alignment",
        required=False,
        coerce=lambda value: value == "on",
        empty_value=None,
    )
    daily_weekdays = forms.MultipleChoiceField(
        label="Daily Alignment days",
        required=False,
        choices=[(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
    )
    daily_time = forms.TimeField(label="Daily Alignment time", required=False, widget=time_input())
    daily_minutes = forms.IntegerField(
        label="Daily Alignment length (minutes)", required=False, min_value=5, max_value=120
    )
    time_zone = forms.CharField(
        label="Time zone",
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args,
        inherited: Cadence,
        for_team: bool,
        prefix: str = "",
        chooses_daily_alignment: bool = True,
        **kwargs,
    ):
        super().__init__(*args, prefix=prefix or None, **kwargs)
        self.for_team = for_team
        source = "as the organisation" if for_team else "profile default"
        fields = self.fields
        fields["check_in_days"].choices = [
            ("", f"{source.capitalize()}: {_weeks(inherited.check_in_days)}"),
            *[(d, _weeks(d).capitalize()) for d in (7, 14, 21, 28)],
        ]
        fields["check_in_weekday"].choices = [
            ("", f"{source.capitalize()}: {WEEKDAY_NAMES[inherited.check_in_weekday]}"),
            *enumerate(WEEKDAY_NAMES),
        ]
        fields["review_months"].choices = [
            ("", f"{source.capitalize()}: {_months(inherited.review_months)}"),
            *[(m, _months(m).capitalize()) for m in (1, 2)],
        ]
        fields["planning_weeks"].choices = [
            ("", f"{source.capitalize()}: {inherited.planning_weeks} weeks before the cycle"),
            *[(w, f"{w} week{'s' if w > 1 else ''} before the cycle") for w in (1, 2, 3, 4)],
        ]
        daily_field = fields["daily_alignment"]
        assert isinstance(daily_field, forms.ChoiceField)
        if for_team:
            suggested = " (the organisation suggests it)" if inherited.daily_alignment else ""
            daily_field.help_text = f"The team's own choice{suggested}."
            daily_field.choices = [("", "Not chosen: off"), ("on", "On"), ("off", "Off")]
        else:
            daily = "suggested" if inherited.daily_alignment else "not suggested"
            daily_field.label = "Suggest Daily Alignment to the teams"
            daily_field.help_text = SUGGESTION
            daily_field.choices = [
                ("", f"{source.capitalize()}: {daily}"),
                ("on", "Suggest it"),
                ("off", "Do not suggest it"),
            ]
        shown = {
            "check_in_time": f"{inherited.check_in_time:%H:%M}",
            "check_in_minutes": str(inherited.check_in_minutes),
            "daily_time": f"{inherited.daily_time:%H:%M}",
            "daily_minutes": str(inherited.daily_minutes),
            "time_zone": inherited.time_zone,
        }
        for name, value in shown.items():
            fields[name].help_text = f"Empty: {source}, {value}."
            fields[name].widget.attrs["placeholder"] = value
        days = ", ".join(WEEKDAY_NAMES[d][:3] for d in inherited.daily_weekdays)
        fields["daily_weekdays"].help_text = f"None ticked: {source}, {days}."
        if for_team:
            del fields["planning_weeks"]
        if for_team and not chooses_daily_alignment:
            # The team's members decide Daily Alignment; admins and OKR leaders only suggest it.
            del fields["daily_alignment"]

    @classmethod
    def initial_from(cls, row: CadenceSettings | None) -> dict:
        """Return the form's initial values from stored settings."""
        if row is None:
            return {}
        initial = {name: getattr(row, name) for name in cls.base_fields}
        initial["daily_alignment"] = {True: "on", False: "off"}.get(row.daily_alignment, "")
        initial["daily_weekdays"] = list(row.daily_weekdays)
        return initial

    def clean_time_zone(self) -> str:
        """Accept only time zones the system knows."""
        name = self.cleaned_data["time_zone"].strip()
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise forms.ValidationError(
                    "Unknown time zone; use a name such as Europe/Berlin."
                ) from error
        return name

    def values(self) -> dict:
        """Return the cleaned values in the shape the cadence actions take."""
        values = dict(self.cleaned_data)
        values["daily_weekdays"] = "".join(values.get("daily_weekdays") or [])
        return values


class EventNotesForm(forms.Form):
    """What the event is about and where it happens."""

    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Agenda, decisions, follow-ups"}),
    )
    location = forms.CharField(
        label="Place or video link",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Room 4 or https://meet.example.com/okr"}),
    )


class EventTimeForm(forms.Form):
    """When a timed event starts and ends, or which days an all-day event spans."""

    day = forms.DateField(label="Day", widget=date_input(), validators=[validate_supported_day])
    starts = forms.TimeField(label="Starts", required=False, widget=time_input())
    ends = forms.TimeField(label="Ends", required=False, widget=time_input())
    last_day = forms.DateField(
        label="Last day", required=False, widget=date_input(), validators=[validate_supported_day]
    )

    def __init__(self, *args, event: CadenceEvent, **kwargs):
        self.event = event
        zone = event.zone()
        if not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "day": event.first_day(),
                "last_day": event.last_day(),
                "starts": event.starts_at.astimezone(zone).time(),
                "ends": event.ends_at.astimezone(zone).time(),
            }
        super().__init__(*args, **kwargs)
        if event.all_day:
            del self.fields["starts"], self.fields["ends"]
            self.fields["day"].label = "First day"
            self.fields["last_day"].required = True
        else:
            del self.fields["last_day"]
            self.fields["starts"].required = self.fields["ends"].required = True

    def clean(self):
        """Check the event ends after it starts and return the aware moments."""
        data = super().clean()
        if self.errors:
            return data
        zone = self.event.zone()
        if self.event.all_day:
            if data["last_day"] < data["day"]:
                self.add_error("last_day", "The last day cannot come before the first.")
                return data
            starts = datetime.combine(data["day"], time(0), tzinfo=zone)
            ends = datetime.combine(data["last_day"] + timedelta(days=1), time(0), tzinfo=zone)
        else:
            starts = datetime.combine(data["day"], data["starts"], tzinfo=zone)
            ends = datetime.combine(data["day"], data["ends"], tzinfo=zone)
            if ends <= starts:
                self.add_error("ends", "The event must end after it starts.")
                return data
        data["starts_at"], data["ends_at"] = starts, ends
        return data
