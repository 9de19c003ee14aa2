"""Throwaway benchmark databases: a SQLite data directory or a PostgreSQL server on loopback."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATABASE_NAME = "okrs"


@dataclass
class Database:
    """Where one benchmark run keeps its data, and the environment that points okrs at it."""

    vendor: str
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int | None = None
    fsync: bool = True

    def url(self, name: str = DATABASE_NAME) -> str:
        """Return the DATABASE_URL of a database on this server (PostgreSQL only)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


def pg_bin() -> Path:
    """Return the newest installed PostgreSQL bin directory; install it from apt when root."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found and os.getuid() == 0 and shutil.which("apt-get"):
        print("== installing postgresql from apt", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postgresql"], check=True,
            env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return pg_bin()
    if not found:
        raise SystemExit(
            "PostgreSQL is not installed: run `make test` once as root, or "
            "apt-get install postgresql; or run with OKRS_BENCH_DB=sqlite."
        )
    return found[-1]


def as_postgres() -> list[str]:
    """Return the command prefix that runs PostgreSQL tools as the postgres user when root."""
    return ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def _home(keep: Path | None, name: str) -> tuple[Path, bool]:
    """Return the directory for one database and whether it is thrown away afterwards."""
    if keep is None:
        return Path(tempfile.mkdtemp(prefix=f"okrs-bench-{name}-")), True
    home = keep / name
    home.mkdir(parents=True, exist_ok=True)
    return home, False


@contextlib.contextmanager
def sqlite(keep: Path | None, teams: int) -> Iterator[Database]:
    """Yield a SQLite data directory, removed afterwards unless kept."""
    home, throwaway = _home(keep, f"sqlite-{teams}")
    try:
        yield Database("sqlite", home, {"DATABASE_URL": "", "OKRS_DATA_DIR": str(home / "data")})
    finally:
        if throwaway:
            shutil.rmtree(home, ignore_errors=True)


def _run_pg(*command: str, quiet: bool = True) -> None:
    subprocess.run(
        [*as_postgres(), *command],
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
        stdin=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def postgresql(keep: Path | None, teams: int, port: int, fsync: bool) -> Iterator[Database]:
    """Yield a PostgreSQL server on 127.0.0.1:port, stopped (and removed unless kept) afterwards."""
    binary = pg_bin()
    home, throwaway = _home(keep, f"postgresql-{teams}")
    data = home / "data"
    if os.getuid() == 0:
        shutil.chown(home, "postgres")
    home.chmod(0o700)
    if not (data / "PG_VERSION").exists():
        _run_pg(
            str(binary / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {home} -c max_connections=100"
    options += f" -c shared_buffers=256MB -c fsync={'on' if fsync else 'off'}"
    options += " -c random_page_cost=1.1 -c effective_cache_size=4GB"  # docs/scaling.md: SSD
    started = False
    try:
        _run_pg(
            str(binary / "pg_ctl"), "-D", str(data), "-w", "-l", str(home / "log"),
            "-o", options, "start",
        )  # fmt: skip
        started = True
        database = Database("postgresql", home, port=port, fsync=fsync)
        database.env = {"DATABASE_URL": database.url(), "OKRS_DATA_DIR": str(home / "files")}
        create_database(database, DATABASE_NAME)
        yield database
    finally:
        if started:
            with contextlib.suppress(subprocess.CalledProcessError):
                _run_pg(str(binary / "pg_ctl"), "-D", str(data), "-m", "fast", "stop")
        if throwaway:
            shutil.rmtree(home, ignore_errors=True)


def create_database(database: Database, name: str, fresh: bool = False) -> None:
    """Create a database on the server unless it exists; drop it first when fresh."""
    binary = pg_bin()
    where = ["-h", "127.0.0.1", "-p", str(database.port), "-U", "postgres"]
    if fresh:
        subprocess.run(
            [str(binary / "dropdb"), *where, "--if-exists", name], check=True,
            stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    listed = subprocess.run(
        [str(binary / "psql"), *where, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    if listed.stdout.strip() != "1":
        subprocess.run([str(binary / "createdb"), *where, name], check=True)


@contextlib.contextmanager
def throwaway(
    vendor: str, keep: Path | None, teams: int, port: int, fsync: bool
) -> Iterator[Database]:
    """Yield the benchmark database of the vendor, cleaned up afterwards."""
    if vendor == "sqlite":
        with sqlite(keep, teams) as database:
            yield database
    else:
        with postgresql(keep, teams, port, fsync) as database:
            yield database
