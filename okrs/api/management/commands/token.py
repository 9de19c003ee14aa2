"""`okrs token create|list|revoke`: personal API tokens from the command line."""

from django.core.management.base import BaseCommand, CommandError

from okrs.api.actions import create_token, revoke_token
from okrs.api.models import ApiToken
from okrs.organizations.models import Person


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="The person's e-mail.")
        create.add_argument("--name", default="", help="What the token is for.")
        listing = commands.add_parser("list", help="List a person's tokens.")
        listing.add_argument("--user", required=True, help="The person's e-mail.")
        revoke = commands.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("id", type=int, help="The token's id, as `okrs token list` shows it.")

    def handle(self, *args, action, **options):
        if action == "revoke":
            token = ApiToken.objects.filter(pk=options["id"]).first()
            if token is None:
                raise CommandError(f"No token with the id {options['id']}.", returncode=2)
            revoke_token(token)
            self.stdout.write(f"Revoked {token}.")
            return
        email = options["user"].strip().lower()
        person = Person.objects.filter(email=email).first()
        if person is None:
            raise CommandError(f"Nobody signs in as {email}.", returncode=2)
        if action == "list":
            for token in person.api_tokens.all():
                state = "active" if token.is_active() else f"revoked {token.revoked_at:%Y-%m-%d}"
                self.stdout.write(f"{token.pk}\t{token.hint}…\t{token.name}\t{state}")
            return
        try:
            _, raw = create_token(person, options["name"])
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stderr.write(f"A token for {person.email}; it is shown only this once:")
        self.stdout.write(raw)
