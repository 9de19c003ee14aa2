"""Every request okrs sends out goes through okrs/outbound: no other module opens a connection."""

import ast
from pathlib import Path

import okrs

PACKAGE = Path(okrs.__file__).parent
OUTBOUND = PACKAGE / "outbound"
NETWORK_CLIENTS = {
    "aiohttp",
    "http.client",
    "httpx",
    "pycurl",
    "requests",
    "slack_sdk",  # its WebClient and webhook clients would bypass the guard; models are fine
    "slack_sdk.web",
    "slack_sdk.webhook",
    "socket",
    "ssl",
    "urllib.request",
    "urllib3",
}


def network_imports(source: str) -> list[tuple[int, str]]:
    """Return the line and name of each import of a network client in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [(node.lineno, name) for name in names if name in NETWORK_CLIENTS]
    return found


def test_only_the_outbound_module_opens_connections():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if OUTBOUND not in path.parents and "tests" not in path.relative_to(PACKAGE).parts
        for line, name in network_imports(path.read_text())
    ]
    assert offenders == []


def test_the_scan_finds_each_kind_of_import():
    source = "\n".join(
        [
            "import requests",
            "import urllib.request",
            "from http import client",
            "from socket import create_connection",
            "from urllib.parse import urlsplit",
            "import json",
        ]
    )
    assert network_imports(source) == [
        (1, "requests"),
        (2, "urllib.request"),
        (3, "http.client"),
        (4, "socket"),
    ]
