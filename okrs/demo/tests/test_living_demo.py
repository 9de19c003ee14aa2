"""A demo built long ago is built again for today by `okrs serve --demo`: it stays alive."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from okrs.cycles.models import Cycle
from okrs.demo.content import DEMO_SLUG
from okrs.demo.loader import demo_is_stale, load_demo
from okrs.organizations.actions import create_organization
from okrs.organizations.models import Organization, Person
from tests.calendar import at_ten


def demo_command(**options) -> str:
    """Run `okrs demo` with the options and return what it printed."""
    out = StringIO()
    call_command("demo", stdout=out, **options)
    return out.getvalue()


def quarter_covering(organization, day: date) -> Cycle | None:
    """Return the organisation's quarter covering the day, if any."""
    quarters = Cycle.objects.of(organization).filter(kind=Cycle.Kind.QUARTER)
    return quarters.filter(start__lte=day, end__gte=day).first()


def test_a_demo_of_two_years_ago_is_built_again_for_today(db, clock):
    clock.move_to(at_ten(date(2026, 5, 20)))
    load_demo()
    people = Person.objects.count()
    clock.move_to(at_ten(date(2028, 2, 29)))
    assert demo_is_stale(date(2028, 2, 29))

    said = demo_command(if_empty=True, refresh=True)

    assert "built again for 2028-02-29" in said
    demo = Organization.objects.get(slug=DEMO_SLUG)
    quarter = quarter_covering(demo, date(2028, 2, 29))
    assert quarter is not None and quarter.state == Cycle.State.ACTIVE
    assert quarter.objectives.filter(status="active").exists()
    assert Organization.objects.count() == 1 and Person.objects.count() == people
    assert not demo_is_stale(date(2028, 2, 29))


def test_a_current_demo_is_left_as_it_is(db, clock):
    clock.move_to(at_ten(date(2026, 5, 20)))
    first = load_demo()
    clock.move_to(at_ten(date(2026, 6, 1)))

    said = demo_command(if_empty=True, refresh=True)

    assert "already exists" in said
    assert Organization.objects.get(slug=DEMO_SLUG).pk == first.pk


def test_another_organisation_is_never_touched(db, clock):
    clock.move_to(at_ten(date(2029, 12, 7)))
    create_organization("Acme Water", slug="acme")

    said = demo_command(if_empty=True, refresh=True)

    assert "already exists" in said
    assert list(Organization.objects.values_list("slug", flat=True)) == ["acme"]
