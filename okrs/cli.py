"""The `okrs` command: Django's management commands under one name."""

import os
import sys

OWN_COMMANDS = """
[okrs]
    check-deploy  (Django's deployment checks with the production settings)
    generate      (a large synthetic organisation, for benchmarks)
    lint          (check OKRs-as-code files without a database)"""


def main(argv: list[str] | None = None) -> None:
    """Run an okrs management command, such as `okrs serve` or `okrs demo`."""
    try:
        _run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # Whoever read the output stopped (`okrs export | head`): stop quietly, as Unix tools do;
        # pointing standard output at nothing keeps Python's flush at exit from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _run(args: list[str]) -> None:
    """Run the command the arguments name."""
    if args[:1] == ["help"] and args[1:2] in (["generate"], ["lint"], ["check-deploy"]):
        args = [args[1], "--help"]
    if args[:1] == ["lint"]:
        from okrs.lint import main as lint

        sys.exit(lint(args[1:]))
    if args[:1] == ["check-deploy"]:
        # Django's deployment checks against the production settings; any warning fails.
        os.environ["OKRS_ENV"] = "production"
        args = ["check", "--deploy", "--fail-level", "WARNING", *args[1:]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okrs.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        if args[:1] == ["generate"]:
            _generate(args)
        else:
            execute_from_command_line(["okrs", *args])
            if args in ([], ["help"], ["--help"], ["-h"]):
                print(OWN_COMMANDS)
    except ImproperlyConfigured as error:
        print(f"okrs: {error}", file=sys.stderr)
        sys.exit(2)


def _generate(args: list[str]) -> None:
    """Run `okrs generate`, which lives outside the apps as it has no models."""
    import django

    django.setup()
    from okrs.generator.command import Command

    Command().run_from_argv(["okrs", *args])


if __name__ == "__main__":
    main()
