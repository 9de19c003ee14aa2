"""`okrs export [FILE] [--organization SLUG]`: write an organisation's OKRs as YAML."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from okrs.domain.writing import dump_yaml
from okrs.exchange.export import export_document
from okrs.organizations.models import Organization


class Command(BaseCommand):
    help = "Write an organisation's OKRs as an OKRs-as-code YAML document (default: stdout)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="Where to write; standard output when left out."
        )
        parser.add_argument(
            "--organization", help="The organisation's slug; needed when there are several."
        )

    def handle(self, *args, file, organization, **options):
        text = dump_yaml(export_document(pick_organization(organization)))
        if file is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.") from error
        self.stderr.write(f"Wrote {file}.")


def pick_organization(slug: str | None) -> Organization:
    """Return the organisation with the slug, or the only one when no slug is given."""
    if slug:
        found = Organization.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Organization.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No organisation with the slug {slug!r} (known: {known}).")
        return found
    organizations = list(Organization.objects.all()[:2])
    if not organizations:
        raise CommandError("There is no organisation to export yet.")
    if len(organizations) > 1:
        known = ", ".join(Organization.objects.values_list("slug", flat=True))
        raise CommandError(f"Several organisations exist: name one with --organization ({known}).")
    return organizations[0]
