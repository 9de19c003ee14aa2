"""`okrs demo`: loads the demo once, prints the logins, and never runs in production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from okrs.demo.content import DEMO_PASSWORD
from okrs.objectives.models import CheckIn
from okrs.organizations.actions import create_organization
from okrs.organizations.models import Organization

ON = "2026-01-15"  # Early in the year: a short history keeps these tests quick.


def demo(*args, **options) -> str:
    """Run `okrs demo` with the arguments and return what it printed."""
    out = StringIO()
    call_command("demo", *args, stdout=out, **options)
    return out.getvalue()


def test_demo_command_loads_the_demo_and_prints_the_logins(db):
    printed = demo("--today", ON)
    organization = Organization.objects.get(slug="demo")
    assert organization.name in printed
    assert f"all use the password {DEMO_PASSWORD}" in printed
    for email in ["admin@example.com", "alice@example.com", "erin@example.com"]:
        assert email in printed
    assert CheckIn.objects.of(organization).filter(checked_in_at__date__lt=ON).exists()


def test_demo_command_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="OKRS_ENV=production"):
        demo("--today", ON)
    assert not Organization.objects.exists()


def test_if_empty_is_a_no_op_the_second_time(db):
    demo("--if-empty", today=ON)
    check_ins = CheckIn.objects.count()
    printed = demo("--if-empty", today=ON)
    assert "not loaded" in printed
    assert Organization.objects.count() == 1
    assert CheckIn.objects.count() == check_ins


def test_if_empty_leaves_any_other_organisation_alone(db):
    create_organization("Acme Water", slug="acme")
    assert "not loaded" in demo("--if-empty")
    assert list(Organization.objects.values_list("slug", flat=True)) == ["acme"]


def test_demo_command_refuses_a_second_demo(db):
    demo(today=ON)
    with pytest.raises(CommandError, match="already exists.*--if-empty"):
        demo(today=ON)
    assert Organization.objects.count() == 1


@pytest.mark.parametrize("bad", ["tomorrow", "2026-02-30", "15/01/2026"])
def test_a_bad_today_is_a_clear_error(db, bad):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        demo("--today", bad)
    assert not Organization.objects.exists()
