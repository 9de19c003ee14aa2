"""`okrs remind`: remind people of key results due a check-in, by e-mail and team chat."""

import argparse
from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from okrs import clock
from okrs.domain.reading import FIRST_DAY, LAST_DAY
from okrs.organizations.models import Organization
from okrs.reminders.messages import describe_plan
from okrs.reminders.models import settings_of
from okrs.reminders.plan import plan_reminders
from okrs.reminders.rules import count_label
from okrs.reminders.send import send_plan


def iso_date(text: str) -> date:
    """Return the date written as YYYY-MM-DD, or tell argparse it is not one."""
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-02-15") from error
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date from 1970 to 2200")
    return day


def moment_of(day: date | None) -> datetime:
    """Return now, or noon of the given day in the configured time zone."""
    if day is None:
        return clock.now()
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


class Command(BaseCommand):
    """Send the check-in reminders of every organisation, or of one."""

    help = (
        "E-mail each person the key results they are due to check in on, and post each team's "
        "to the organisation's chat webhook. `okrs worker` does it at each team's check-in time; "
        "run this by hand for a dry run or another day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; send nothing and store nothing.",
        )
        parser.add_argument(
            "--organization", metavar="SLUG", help="Remind one organisation only (default: all)."
        )
        parser.add_argument(
            "--today",
            metavar="DATE",
            type=iso_date,
            help="Act as if it were noon on this day (YYYY-MM-DD), e.g. to preview a date.",
        )

    def handle(self, *args, dry_run, organization, today, **options):
        organizations = Organization.objects.order_by("name")
        if organization:
            organizations = organizations.filter(slug=organization)
            if not organizations.exists():
                raise CommandError(f"No organisation with the slug {organization!r}.", returncode=2)
        now = moment_of(today)
        for each in organizations:
            self.remind(each, now, dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was sent and nothing was stored.")

    def remind(self, organization: Organization, now: datetime, dry_run: bool) -> None:
        """Plan one organisation's reminders, then describe or send them."""
        stored = settings_of(organization)
        if not stored.enabled:
            self.stdout.write(f"{organization.name}: reminders are switched off; nothing to do.")
            return
        plan = plan_reminders(organization, now, stored.chat_webhook_url)
        if dry_run:
            self.stdout.write(describe_plan(plan))
            return
        result = send_plan(plan)
        for failure in result.failures:
            self.stderr.write(f"{organization.name}: {failure}")
        self.stdout.write(
            f"{organization.name}: sent {count_label(result.emails, 'e-mail')} and "
            f"{count_label(result.chats, 'chat message')}"
            + (f"; {count_label(len(result.failures), 'failure')}." if result.failures else ".")
        )
