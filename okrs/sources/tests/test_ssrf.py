"""HTTP sources never reach the server's own network unless the operator allows it."""

from okrs import clock
from okrs.sources.pull import pull_due

from .conftest import http_source


def test_a_source_on_loopback_is_refused_without_the_allow_list(answers, signatures, settings):
    settings.OUTBOUND_ALLOW = []
    source = http_source(signatures, answers.base + "/search/issues")
    pull_due(clock.now())
    source.refresh_from_db()
    assert "loopback" in source.last_error and "OKRS_OUTBOUND_ALLOW" in source.last_error
    assert answers.requests == []


def test_a_redirect_to_a_private_address_is_refused(answers, signatures):
    answers.routes["/moved"] = (302, b"", {"Location": "http://10.0.0.7/secrets"})
    source = http_source(signatures, answers.base + "/moved")
    pull_due(clock.now())
    source.refresh_from_db()
    assert "redirected to http://10.0.0.7/secrets" in source.last_error
    assert "private address" in source.last_error


def test_a_metadata_address_is_refused(signatures):
    source = http_source(signatures, "http://169.254.169.254/latest/meta-data/")
    pull_due(clock.now())
    source.refresh_from_db()
    assert "metadata" in source.last_error
