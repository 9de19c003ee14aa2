"""Fixtures of the chat tests: a stand-in for slack.com and Acme's installed app."""

import pytest

from okrs.chat.actions import install_chat_app
from okrs.chat.tests.slack import BOT_TOKEN, SIGNING_SECRET, WORKSPACE, FakeSlack


@pytest.fixture
def slack(settings):
    """Return a running stand-in for slack.com; okrs's Web API calls go to it."""
    running = FakeSlack()
    settings.OKRS_SLACK_API_URL = running.url
    yield running
    running.stop()


@pytest.fixture
def installed(world, slack):
    """Return Acme's Slack app, installed by its admin; Alice and Bob are known to Slack."""
    slack.users.update({"UALICE": "Alice@acme.test", "UBOB": "bob@acme.test"})
    return install_chat_app(
        world.org,
        world.admin,
        "slack",
        WORKSPACE,
        signing_secret=SIGNING_SECRET,
        bot_token=BOT_TOKEN,
    )


@pytest.fixture
def growth(world):
    """Return Growth's active objective; its two key results have never been checked in."""
    return world.objective()
