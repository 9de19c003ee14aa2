"""import-linter keeps the layers one way: an upward import, or Django in the domain, fails."""

import shutil
import subprocess
import sys
from pathlib import Path

import okrs

ROOT = Path(okrs.__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Return the result of lint-imports on the okrs package under root, with its contracts."""
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", root / "pyproject.toml"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )


def python_only(folder: str, names: list[str]) -> set[str]:
    """Leave out of a copy what is neither Python nor a folder: templates, styles, data."""
    return {name for name in names if "." in name and not name.endswith(".py")}


def test_okrs_keeps_its_import_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_django_in_the_domain_and_an_unplaced_app_break_the_contracts(tmp_path):
    shutil.copytree(ROOT / "okrs", tmp_path / "okrs", ignore=python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "okrs" / "cycles" / "actions.py").open("a") as actions:
        actions.write("\nfrom okrs.cadence.actions import schedule_cycle  # noqa\n")
    with (tmp_path / "okrs" / "domain" / "progress.py").open("a") as progress:
        progress.write("\nfrom django.db import models  # noqa\n")
    (tmp_path / "okrs" / "unplaced.py").write_text('"""An app nobody put in a layer."""\n')
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "Contracts: 0 kept, 2 broken." in result.stdout
    assert "okrs.cycles.actions -> okrs.cadence.actions" in result.stdout
    assert "okrs.domain.progress -> django (l." in result.stdout
    assert "- okrs.unplaced" in result.stdout
