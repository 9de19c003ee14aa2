"""`okrs import FILE`: load an OKRs-as-code document, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from okrs.domain.okrfile import read_document_file
from okrs.domain.reading import DocumentError
from okrs.exchange.importer import ImportRefused, import_document
from okrs.gc_pause import collector_paused


class Command(BaseCommand):
    help = "Load an OKRs-as-code YAML or JSON document; importing it again changes nothing."

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
                raise CommandError(f"{file}: {error} Nothing was imported.") from error
        summary = (
            ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing changed"
        )
        self.stdout.write(
            f"Imported {file} into {organization.name} ({organization.slug}): {summary}."
        )


def read_file(file: str):
    """Return the document in the file, or raise CommandError naming every problem."""
    path = Path(file)
    try:
        limit = settings.MAX_IMPORT_BYTES
        if path.stat().st_size > limit:
            raise CommandError(
                f"{file} is larger than {limit:,} bytes (OKRS_MAX_IMPORT_BYTES); nothing imported."
            )
        return read_document_file(path)
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {file}.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {file}: {error}.") from error
    except DocumentError as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)
        raise CommandError(f"{file} cannot be imported:\n{lines}\nNothing was imported.") from error
