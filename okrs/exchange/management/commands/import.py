"""`okrs import FILE`: load an OKRs-as-code document, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from okrs.domain.okrfile import read_document_file
from okrs.domain.reading import DocumentError
from okrs.exchange.importer import ImportRefused, import_document
from okrs.gc_pause import collector_paused

# The exit status of a file that cannot be imported, as `okrs lint` exits on a file it cannot read.
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Load an OKRs-as-code YAML or JSON document; importing it again changes nothing. "
        "Exits 2, importing nothing, when the file cannot be read or imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The YAML or JSON document to load.")

    def handle(self, *args, file, **options):
        # The document and what is built from it stay alive to the end: the cyclic collector's
        # passes over them would find nothing to free.
        with collector_paused():
            document = read_file(file)
            try:
                organization, counts = import_document(document)
            except ImportRefused as error:
                raise CommandError(
                    f"{file}: {error} Nothing was imported.", returncode=REFUSED
                ) from error
        summary = (
            ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing changed"
        )
        self.stdout.write(
            f"Imported {file} into {organization.name} ({organization.slug}): {summary}."
        )


def read_file(file: str):
    """Return the document in the file, or raise CommandError naming every problem, one a line:
    the file, the line, the field and what is wrong."""
    try:
        return read_document_file(Path(file), settings.MAX_IMPORT_BYTES)
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {file}.", returncode=REFUSED) from error
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.", returncode=REFUSED) from error
    except DocumentError as error:
        lines = [problem.in_file(file) for problem in error.problems]
        lines.append("Nothing was imported.")
        raise CommandError("\n".join(lines), returncode=REFUSED) from error
