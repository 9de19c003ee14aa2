"""Fixtures of the webhook tests: a real HTTP receiver on loopback and subscribed endpoints."""

import pytest

from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import EVENTS
from tests.receiver import Receiver
from tests.receiver import closed_port_url as closed_port

SECRET = "receiver-shared-secret-0123456789"


@pytest.fixture
def receiver():
    """Return a running receiver; it is stopped after the test."""
    running = Receiver("/okrs-hook")
    yield running
    running.stop()


@pytest.fixture
def closed_port_url():
    """Return a loopback URL where nothing listens, so connecting is refused."""
    return closed_port(path="/nobody-home")


@pytest.fixture
def endpoint(world):
    """Return an Acme endpoint subscribed to every event, on a URL nothing is sent to."""
    return create_endpoint(world.org, "https://hooks.example.com/okrs", list(EVENTS), secret=SECRET)
