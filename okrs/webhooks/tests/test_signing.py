"""sign and verify: HMAC-SHA256 over "<timestamp>.<body>", with a bounded clock skew."""

import hashlib
import hmac

from okrs.webhooks.signing import sign
from tests.receiver import verify

SECRET = "a-receiver-secret-1234"
BODY = b'{"data":{},"event":"cycle.closed"}'
NOW = 1_800_000_000


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, NOW, BODY) == f"sha256={expected}"


def test_text_and_bytes_sign_alike():
    assert sign(SECRET, str(NOW), BODY.decode()) == sign(SECRET, NOW, BODY)


def test_verify_accepts_the_genuine_signature():
    assert verify(SECRET, str(NOW), BODY, sign(SECRET, NOW, BODY), now=NOW + 10)


def test_verify_refuses_a_changed_body_secret_or_timestamp():
    header = sign(SECRET, NOW, BODY)
    assert not verify(SECRET, NOW, BODY.replace(b"cycle", b"cycles"), header, now=NOW)
    assert not verify("another-secret-entirely", NOW, BODY, header, now=NOW)
    assert not verify(SECRET, NOW + 1, BODY, header, now=NOW)


def test_verify_refuses_a_stale_or_future_timestamp():
    header = sign(SECRET, NOW, BODY)
    assert verify(SECRET, NOW, BODY, header, now=NOW + 300)
    assert not verify(SECRET, NOW, BODY, header, now=NOW + 301)
    assert not verify(SECRET, NOW, BODY, header, now=NOW - 301)
    assert verify(SECRET, NOW, BODY, header, tolerance=3600, now=NOW + 3000)


def test_verify_refuses_garbage_without_raising():
    assert not verify(SECRET, "yesterday", BODY, "sha256=00", now=NOW)
    assert not verify(SECRET, NOW, BODY, "", now=NOW)
    assert not verify(SECRET, NOW, BODY, None, now=NOW)
