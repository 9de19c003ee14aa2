"""`okrs help` lists every command, the ones outside Django's registry included."""

import pytest

from okrs.cli import main


def test_help_lists_the_okrs_commands(capsys):
    main(["help"])
    listed = capsys.readouterr().out
    for command in ("serve", "import", "backup", "generate", "lint", "check-deploy"):
        assert f"    {command}" in listed


@pytest.mark.parametrize(("command", "option"), [("generate", "--teams"), ("lint", "--format")])
def test_help_of_an_own_command_shows_its_usage(capsys, command, option):
    with pytest.raises(SystemExit) as stopped:
        main(["help", command])
    assert stopped.value.code == 0
    assert f"usage: okrs {command}" in capsys.readouterr().out
