"""`okrs demo`: load the demo organisation to try okrs out."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from okrs import clock
from okrs.demo.content import DEMO_PASSWORD, PEOPLE
from okrs.demo.loader import DemoAlreadyLoaded, demo_is_stale, load_demo, rebuild_demo
from okrs.domain.reading import FIRST_DAY, LAST_DAY
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.organizations.models import Organization, Role


class Command(BaseCommand):
    """Load the demo organisation, never in production."""

    help = "Load the demo organisation (Northwind Foundation) with its people, OKRs and history."

    def add_arguments(self, parser):
        """Accept --today, --if-empty and --refresh."""
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Build the demo as it stands on this date (default: today).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any organisation already exists.",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Build the demo again when all its quarters are behind today.",
        )

    def handle(self, *args, today=None, if_empty=False, refresh=False, **options):
        """Load the demo and print who can sign in, or say why not."""
        if settings.PRODUCTION:
            raise CommandError(
                "The demo is for trying okrs out; it is never loaded when OKRS_ENV=production.",
                returncode=2,
            )
        on = _parse_date(today) or clock.today()
        if refresh and demo_is_stale(on):
            organization = rebuild_demo(on)
            self.stdout.write(f"The demo's quarters were all past; it was built again for {on}.")
            self.stdout.write(self.style.SUCCESS(_summary(organization)))
            return
        if if_empty and Organization.objects.exists():
            self.stdout.write("An organisation already exists; the demo was not loaded.")
            return
        try:
            organization = load_demo(on)
        except DemoAlreadyLoaded as error:
            raise CommandError(
                f"{error} The demo is loaded once per database; use --if-empty to skip it.",
                returncode=2,
            ) from error
        self.stdout.write(self.style.SUCCESS(_summary(organization)))
        self.stdout.write(
            f"Sign in with any of these e-mails; all use the password {DEMO_PASSWORD}:"
        )
        width = max(len(person.email) for person in PEOPLE)
        for person in PEOPLE:
            self.stdout.write(
                f"  {person.email:<{width}}  {person.name}, {Role(person.role).label}"
            )


def _parse_date(value) -> date | None:
    """Return the --today value as a date, refusing anything but YYYY-MM-DD."""
    if value is None or isinstance(value, date):
        return value
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today must be a date written YYYY-MM-DD, not {value!r}.", returncode=2
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CommandError(f"--today must be a date from 1970 to 2200, not {day}.", returncode=2)
    return day


def _summary(organization: Organization) -> str:
    """Return one line saying what the demo holds."""
    objectives = Objective.objects.of(organization).count()
    key_results = KeyResult.objects.of(organization).count()
    check_ins = CheckIn.objects.of(organization).count()
    people = organization.people.count()
    return (
        f"Loaded the demo organisation “{organization.name}”: {people} people, "
        f"{objectives} objectives, {key_results} key results, {check_ins} check-ins."
    )
