"""`okrs setup`: an organisation, its first admin and its first cycles, for scripted installs."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from okrs import clock
from okrs.administration.setup import set_up_organization
from okrs.domain.profiles import DEFAULT_PROFILE, PROFILES
from okrs.domain.vocabulary import ScoreScale

PASSWORD_VARIABLE = "OKRS_ADMIN_PASSWORD"
BAD_INPUT = 2
# The command's options, as the action's fields are named in its errors.
OPTION_OF = {
    "name": "--organization",
    "profile": "--profile",
    "score_scale": "--scale",
    "time_zone": "--time-zone",
    "admin_name": "--name",
    "email": "--admin",
    "password": "the password",
}


def bad_input(message: str) -> CommandError:
    """Return the error that ends the command with exit status 2 and one clear line."""
    return CommandError(message, returncode=BAD_INPUT)


class Command(BaseCommand):
    help = (
        "Set up an organisation with its first admin and its active year and quarter. "
        f"The password comes from {PASSWORD_VARIABLE} or is asked for twice; never an argument."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="The organisation's name.")
        parser.add_argument("--admin", required=True, help="The first admin's e-mail.")
        parser.add_argument("--name", default="", help="The first admin's name.")
        parser.add_argument(
            "--profile",
            default=DEFAULT_PROFILE,
            choices=list(PROFILES),
            help=f"The practice profile (default {DEFAULT_PROFILE}).",
        )
        parser.add_argument(
            "--scale",
            default="",
            choices=[s.value for s in ScoreScale],
            help="The score scale (default: the profile's).",
        )
        parser.add_argument(
            "--time-zone", default="", help="e.g. Europe/Berlin (default: OKRS_TIME_ZONE)."
        )

    def handle(self, *args, organization, admin, name, profile, scale, time_zone, **options):
        password = self._password(admin)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            made = set_up_organization(
                name=organization,
                email=admin,
                password=password,
                admin_name=name,
                profile=profile,
                score_scale=scale,
                time_zone=time_zone,
                today=clock.today(),
                by_command=True,
            )
        except ValidationError as error:
            raise bad_input(_one_line(error)) from None
        self.stdout.write(
            f"Set up {made.organization.name} ({made.organization.slug}): "
            f"{made.admin.email} is its admin; cycles {made.year.name} and {made.quarter.name} "
            "are active."
        )

    def _password(self, email: str) -> str:
        """Return the admin's password from the environment, or asked for twice."""
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if password:
            return password
        if not sys.stdin or not sys.stdin.isatty():
            raise bad_input(
                f"No password for {email}: set {PASSWORD_VARIABLE}, or run okrs setup in a "
                "terminal to type it."
            )
        try:
            first = getpass.getpass(f"Password for {email}: ")
            again = getpass.getpass("The same password again: ")
        except (EOFError, KeyboardInterrupt):
            raise bad_input("No password typed; nothing was set up.") from None
        if first != again:
            raise bad_input("The two passwords differ; nothing was set up.")
        return first


def _one_line(error: ValidationError) -> str:
    """Return the errors as one line, each after the option it is about."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for field, messages in error.message_dict.items():
        parts.append(f"{OPTION_OF.get(field, field)}: {' '.join(messages)}")
    return "; ".join(parts)
