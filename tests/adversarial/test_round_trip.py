"""An organisation imports the file it exported, past the 5 MB that used to refuse it, and the
document read back is the one written."""

from datetime import date

import pytest
from django.core.management import call_command

from okrs.exchange.stream import export_to_file
from okrs.generator.build import Plan, generate
from okrs.objectives.models import CheckIn
from okrs.organizations.models import Organization, Person

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

NOTE = ("We met the district water boards and signed two more of them this week. " * 66).strip()


def test_an_organisation_imports_what_it_exported_past_5_mb(db, tmp_path, settings):
    assert settings.MAX_IMPORT_BYTES == 1 << 30
    plan = Plan(
        teams=4, cycles=2, people_per_team=2, slug="wordy", today=date(2026, 12, 1), progress=False
    )
    organization = generate(plan).organization
    CheckIn.objects.update(progress_note=NOTE, problems_note=NOTE, plans_note=NOTE)
    exported = tmp_path / "wordy.yaml"
    export_to_file(organization, exported)
    assert exported.stat().st_size > 5 << 20
    Organization.objects.all().delete()
    Person.objects.all().delete()
    call_command("import", str(exported))
    again = tmp_path / "again.yaml"
    export_to_file(Organization.objects.get(slug="wordy"), again)
    assert again.read_text() == exported.read_text()
