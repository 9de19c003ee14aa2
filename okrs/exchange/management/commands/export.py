"""`okrs export [FILE] [--organization SLUG]`: write an organisation's OKRs as YAML."""

import io

from django.core.management.base import BaseCommand, CommandError

from okrs.exchange.stream import export_to_file, export_yaml
from okrs.organizations.models import Organization

# Characters of YAML gathered before each write to standard output.
BUFFER = 1 << 20


class _Buffered(io.StringIO):
    """A text stream that passes its text to a command's output in large pieces."""

    def __init__(self, out):
        super().__init__()
        self.out = out

    def write(self, text: str) -> int:
        """Gather the text; pass everything on once enough has gathered."""
        written = super().write(text)
        if self.tell() >= BUFFER:
            self.flush_out()
        return written

    def flush_out(self) -> None:
        """Pass the gathered text on and start again."""
        self.out.write(self.getvalue(), ending="")
        self.seek(0)
        self.truncate()


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
        chosen = pick_organization(organization)
        if file is None:
            stream = _Buffered(self.stdout)
            export_yaml(chosen, stream)
            stream.flush_out()
            return
        try:
            export_to_file(chosen, file)
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror}.", returncode=2) from error
        self.stderr.write(f"Wrote {file}.")


def pick_organization(slug: str | None) -> Organization:
    """Return the organisation with the slug, or the only one when no slug is given."""
    if slug:
        found = Organization.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Organization.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"No organisation with the slug {slug!r} (known: {known}).", returncode=2
            )
        return found
    organizations = list(Organization.objects.all()[:2])
    if not organizations:
        raise CommandError("There is no organisation to export yet.", returncode=2)
    if len(organizations) > 1:
        known = ", ".join(Organization.objects.values_list("slug", flat=True))
        raise CommandError(
            f"Several organisations exist: name one with --organization ({known}).", returncode=2
        )
    return organizations[0]
