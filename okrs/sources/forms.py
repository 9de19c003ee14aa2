"""The form that sets a key result's source."""

import re

from django import forms
from django.core.validators import URLValidator

from okrs.domain.readings import check_jsonpath
from okrs.domain.source_presets import PRESETS
from okrs.sources.fetch import SQL_MAX_QUERY, source_databases
from okrs.sources.models import Format, Kind, Schedule, Source

HEADER_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")
FORBIDDEN_HEADERS = {"host", "content-length", "transfer-encoding", "connection"}


def source_problems(data: dict, has_stored_header: bool = False) -> dict[str, str]:
    """Return what is wrong with a source's fields, by field name (empty when all is well)."""
    problems = {}
    kind = data.get("kind")
    if kind not in Kind.values:
        problems["kind"] = f"Choose one of: {', '.join(Kind.values)}."
    if not str(data.get("name") or "").strip():
        problems["name"] = 'Name the source, as the history shows it: "from <name>".'
    if kind == Kind.HTTP:
        try:
            URLValidator(schemes=["http", "https"])(data.get("url") or "")
        except forms.ValidationError:
            problems["url"] = "Enter the http:// or https:// URL okrs fetches."
        if data.get("format") == Format.CSV:
            if not str(data.get("column") or "").strip():
                problems["column"] = "Enter the CSV column: its header, or its number from 1."
            if not data.get("row"):
                problems["row"] = (
                    "Enter the data row: 1 is the first under the header, -1 the last."
                )
        elif data.get("format") == Format.JSON:
            problem = check_jsonpath(data.get("path") or "")
            if problem:
                problems["path"] = problem
        else:
            problems["format"] = "Choose json or csv."
        name = data.get("auth_header_name") or ""
        if name and (not HEADER_NAME.match(name) or name.lower() in FORBIDDEN_HEADERS):
            problems["auth_header_name"] = "Enter a header name such as Authorization."
        if name and not data.get("auth_header_value") and not has_stored_header:
            problems["auth_header_value"] = "Enter the header's value (stored encrypted)."
    if kind in (Kind.HTTP, Kind.SQL) and data.get("schedule") not in Schedule.values:
        problems["schedule"] = "Choose hourly, daily or weekly."
    if kind == Kind.SQL:
        known = source_databases()
        if data.get("database") not in known:
            listed = ", ".join(sorted(known)) or "none: the operator sets OKRS_SOURCE_DATABASES"
            problems["database"] = f"Choose a database the operator named ({listed})."
        query = str(data.get("query") or "")
        if not query.strip():
            problems["query"] = "Enter a query that answers one number."
        elif len(query) > SQL_MAX_QUERY:
            problems["query"] = f"A query has at most {SQL_MAX_QUERY} characters."
    return problems


class SourceForm(forms.Form):
    """Kind, name and where to read a key result's source, with an optional auth header."""

    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(
        max_length=80, help_text='The history says "from <name>", e.g. GitHub open bugs.'
    )
    schedule = forms.ChoiceField(choices=Schedule.choices, initial=Schedule.DAILY, required=False)
    url = forms.CharField(label="URL", max_length=2000, required=False)
    format = forms.ChoiceField(choices=Format.choices, initial=Format.JSON, required=False)
    path = forms.CharField(
        label="JSONPath",
        max_length=500,
        required=False,
        help_text="Where the number is in the JSON answer, e.g. $.total_count.",
    )
    column = forms.CharField(
        max_length=100, required=False, help_text="CSV: the column's header or its number from 1."
    )
    row = forms.IntegerField(
        initial=1,
        required=False,
        min_value=-100000,
        max_value=100000,
        help_text="CSV: 1 is the first row under the header; -1 the last.",
    )
    auth_header_name = forms.CharField(
        label="Authentication header",
        max_length=100,
        required=False,
        help_text="e.g. Authorization",
    )
    auth_header_value = forms.CharField(
        label="Header value",
        max_length=2000,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Stored encrypted; leave empty to keep the stored one.",
    )
    database = forms.ChoiceField(required=False, choices=())
    query = forms.CharField(
        max_length=SQL_MAX_QUERY,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="Read-only; answers one row of one number, e.g. SELECT count(*) FROM orders.",
    )

    def __init__(self, *args, source: Source | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        names = sorted(source_databases())
        database = self.fields["database"]
        assert isinstance(database, forms.ChoiceField)
        database.choices = [("", "—")] + [(name, name) for name in names]

    def clean(self):
        """Check the fields the chosen kind needs."""
        data = super().clean() or {}
        stored = bool(self.source and self.source.has_auth_header())
        for name, problem in source_problems(data, stored).items():
            self.add_error(name if name in self.fields else None, problem)
        data["row"] = data.get("row") or 1
        return data

    def source_fields(self) -> dict:
        """Return the cleaned fields as `set_source` takes them (the header value apart)."""
        data = dict(self.cleaned_data)
        data.pop("auth_header_value", None)
        data["schedule"] = data.get("schedule") or Schedule.DAILY
        data["format"] = data.get("format") or Format.JSON
        return data


def preset_initial(key: str) -> dict:
    """Return the form's initial fields for a preset, or {} for an unknown one."""
    preset = PRESETS.get(key)
    if preset is None:
        return {}
    return {
        "kind": Kind.HTTP,
        "name": preset.label,
        "url": preset.url,
        "format": preset.format,
        "path": preset.path,
        "column": preset.column,
        "row": preset.row,
    }
