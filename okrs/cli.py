"""The `okrs` command: Django's management commands under one name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run an okrs management command, such as `okrs serve` or `okrs demo`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okrs.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["okrs", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
