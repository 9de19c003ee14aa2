"""Throwaway PostgreSQL servers on loopback for tests that need their own server."""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def pg_bin() -> Path | None:
    """Return the newest PostgreSQL bin directory installed, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found else None


def free_port() -> int:
    """Return a TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres() -> list[str]:
    """Return the prefix that runs a command as the postgres user when we are root."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class Server:
    """A PostgreSQL server in its own directory, started and stopped by a test."""

    def __init__(self, data: Path, port: int):
        self.data, self.port = data, port
        self.log = data.parent / f"{data.name}.log"

    @property
    def url(self) -> str:
        """Return the URL of the okrs database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/okrs"

    def ctl(self, *args: str) -> None:
        """Run pg_ctl on this server."""
        subprocess.run(
            [*_as_postgres(), str(pg_bin() / "pg_ctl"), "-D", str(self.data), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self, *options: str) -> None:
        """Start the server listening on loopback."""
        flags = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data.parent}"
        flags += " -c fsync=off " + " ".join(options)
        self.ctl("-w", "-l", str(self.log), "-o", flags, "start")

    def stop(self) -> None:
        """Stop the server fast."""
        self.ctl("-m", "fast", "stop")

    def logged(self) -> str:
        """Return what the server logged so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class Cluster:
    """A temporary directory holding throwaway servers, removed at the end."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="okrs-pg-"))
        os.chmod(self.root, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.servers: list[Server] = []

    def primary(self) -> Server:
        """Initialise and start a primary server with an okrs database."""
        server = Server(self.root / "primary", free_port())
        subprocess.run(
            [*_as_postgres(), str(pg_bin() / "initdb"), "-D", str(server.data), "-U", "postgres"]
            + ["-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.start()
        self.servers.append(server)
        self.psql(server, "postgres", "CREATE DATABASE okrs")
        return server

    def replica(self, primary: Server, *options: str) -> Server:
        """Clone the primary with pg_basebackup and start it as a streaming replica."""
        server = Server(self.root / "replica", free_port())
        subprocess.run(
            # A fast checkpoint: by default the backup waits for a spread one, a minute and more.
            [*_as_postgres(), str(pg_bin() / "pg_basebackup"), "-D", str(server.data), "-R"]
            + ["--checkpoint=fast"]
            + ["-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "-X", "stream"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        server.start(*options)
        self.servers.append(server)
        return server

    def psql(self, server: Server, database: str, sql: str) -> str:
        """Run SQL on a server and return psql's unaligned output."""
        done = subprocess.run(
            [str(pg_bin() / "psql"), "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
            + ["-d", database, "-At", "-c", sql],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return done.stdout.strip()

    def remove(self) -> None:
        """Stop every server and remove the directory."""
        for server in self.servers:
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop()
        shutil.rmtree(self.root, ignore_errors=True)
