"""okrs serve collects and compresses static files only when they changed since the last time."""

import os

import pytest

from okrs.web.static_files import collect_static


@pytest.fixture
def static_tree(settings, tmp_path):
    """Point the static settings at one source file and an empty target; return the source."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "app.css").write_text("body { color: #123; }\n" * 100)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    return source


def test_the_first_start_collects_and_compresses(static_tree, settings):
    assert collect_static() is True
    assert (settings.STATIC_ROOT / "app.css").read_text() == (static_tree / "app.css").read_text()
    assert (settings.STATIC_ROOT / "app.css.gz").exists()


def test_a_restart_with_the_same_files_skips_the_work(static_tree, settings):
    collect_static()
    (settings.STATIC_ROOT / "app.css.gz").unlink()

    assert collect_static() is False
    assert not (settings.STATIC_ROOT / "app.css.gz").exists()


def test_a_changed_or_added_file_is_collected_again(static_tree, settings):
    collect_static()
    (static_tree / "app.css").write_text("body { color: #456; }\n")
    later = (settings.STATIC_ROOT / "app.css").stat().st_mtime_ns + 10**9
    os.utime(static_tree / "app.css", ns=(later, later))

    assert collect_static() is True
    assert "#456" in (settings.STATIC_ROOT / "app.css").read_text()

    (static_tree / "extra.js").write_text("console.log(1);\n")
    assert collect_static() is True
    assert (settings.STATIC_ROOT / "extra.js").exists()
