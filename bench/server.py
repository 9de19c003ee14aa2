"""A gunicorn server over the benchmark database (`okrs serve`), its workers and their memory."""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    """Ask the kernel to stop the server when the benchmark process dies, however it dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Server:
    """A running gunicorn master on 127.0.0.1."""

    process: subprocess.Popen
    port: int

    @property
    def base(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        """Return the process ids of the gunicorn workers."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(p) for p in children.read_text().split()] if children.exists() else []


def memory(pid: int) -> dict[str, float]:
    """Return the process's current and peak resident memory in MB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def _wait_until_up(server: Server, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"okrs serve stopped at start; see {log}:\n{log.read_text()[-2000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{server.base}/login/", timeout=5),
        ):
            if len(server.workers()) > 0:
                return
        time.sleep(0.3)
    raise SystemExit(f"okrs serve did not answer within {timeout:.0f} s; see {log}")


@contextlib.contextmanager
def serving(workers: int, log: Path) -> Iterator[Server]:
    """Run `okrs serve --workers N --no-webhooks` and stop it (and its workers) afterwards."""
    port = free_port()
    command = [
        sys.executable, "-m", "okrs.cli", "serve", "--workers", str(workers), "--no-webhooks",
        "--port", str(port),
    ]  # fmt: skip
    env = os.environ | {"OKRS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent, start_new_session=True,
        )  # fmt: skip
    server = Server(process, port)
    try:
        _wait_until_up(server, log)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def get(url: str, headers: dict[str, str], timeout: float = 300) -> int:
    """GET the url and return the size of its body; fail on anything but 200."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if response.status != 200:
            raise SystemExit(f"GET {url} answered {response.status}")
        return len(response.read())


def peak_memory(server: Server, requests: list[tuple[str, dict]], rounds: int = 3) -> dict:
    """Serve the requests from every worker at once, rounds times; return the workers' memory."""
    pids = server.workers()
    before = {pid: memory(pid) for pid in pids}
    with ThreadPoolExecutor(max_workers=len(pids)) as pool:
        for _ in range(rounds):
            for path, headers in requests:
                calls = [(server.base + path, headers)] * len(pids)
                list(pool.map(lambda call: get(*call), calls))
    after = {pid: memory(pid) for pid in pids}
    return {
        "workers": len(pids),
        "rss_before_mb": max(m["VmRSS"] for m in before.values()),
        "peak_rss_mb": max(m["VmHWM"] for m in after.values()),
        "per_worker_peak_mb": sorted(m["VmHWM"] for m in after.values()),
    }
