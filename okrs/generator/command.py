"""`okrs generate`: build a large synthetic organisation, deterministically for a seed."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from okrs.domain.reading import FIRST_DAY, LAST_DAY
from okrs.generator.build import GenerateError, Plan, generate
from okrs.generator.structure import ADMIN_PASSWORD, PEOPLE_PASSWORD, admin_email


class Command(BaseCommand):
    """Generate an organisation of the given size with its OKR history."""

    help = (
        "Generate a large synthetic organisation (teams, people, quarters of OKRs with weekly "
        "check-ins) in bulk, the same for the same seed."
    )

    def add_arguments(self, parser):
        """Accept the size, the history, the seed and the organisation's slug."""
        parser.add_argument("--teams", type=int, default=2000, help="Teams in all (default 2000).")
        parser.add_argument(
            "--cycles", type=int, default=8, help="Quarters up to the current one (default 8)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--people-per-team", type=int, default=25, help="People in each team (default 25)."
        )
        parser.add_argument(
            "--organization", default="scale", metavar="SLUG", help="Slug (default scale)."
        )
        parser.add_argument("--name", default="", help="Organisation name (default Scale Org).")
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="Generate as of this date (default today)."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Delete the organisation first if it exists."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args, **options):
        """Generate the organisation and say who can sign in."""
        plan = Plan(
            teams=options["teams"],
            cycles=options["cycles"],
            seed=options["seed"],
            people_per_team=options["people_per_team"],
            slug=options["organization"],
            name=options["name"],
            today=_parse_date(options["today"]),
            replace=options["replace"],
            progress=not options["no_progress"],
        )
        started = time.monotonic()
        try:
            done = generate(plan)
        except GenerateError as error:
            raise CommandError(str(error), returncode=2) from error
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated “{done.organization.name}” ({done.organization.slug}) in "
                f"{seconds:.0f} s: {done.teams} teams, {done.people} people, {done.quarters} "
                f"quarters, {done.objectives} objectives, {done.key_results} key results, "
                f"{done.check_ins} check-ins, {done.kpis} KPIs."
            )
        )
        self.stdout.write(
            f"Sign in as {admin_email(plan.slug)} with the password {ADMIN_PASSWORD}; "
            f"everyone else @{plan.slug}.test has the password {PEOPLE_PASSWORD}."
        )


def _parse_date(value) -> date | None:
    """Return the --today value as a date, refusing anything but YYYY-MM-DD."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today must be a date written YYYY-MM-DD, not {value!r}.", returncode=2
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CommandError(f"--today must be a date from 1970 to 2200, not {day}.", returncode=2)
    return day
