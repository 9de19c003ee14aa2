"""Fixtures of the outbound tests: real receivers on 127.0.0.1, plain and over TLS."""

import ssl
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.receiver import Flood, Receiver


@pytest.fixture
def receiver():
    """Return a running receiver; it is stopped after the test."""
    running = Receiver("/hook", ok_status=200, ok_body=b"taken")
    yield running
    running.stop()


@pytest.fixture
def other_receiver():
    """Return a second receiver, somewhere a redirect may point."""
    running = Receiver("/other", ok_status=200, ok_body=b"other")
    yield running
    running.stop()


@pytest.fixture
def flood(request):
    """Return a receiver whose answer never ends (mode by indirect parameter, else endless)."""
    running = Flood(getattr(request, "param", "endless"))
    yield running
    running.stop()


def _certificate(subject: str, key, issuer_name, issuer_key, names=(), ca=False):
    start = datetime(2020, 1, 1, tzinfo=UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * 30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture
def tls_receiver(tmp_path, monkeypatch):
    """Return the https:// URL of a receiver whose certificate names localhost, from a test CA.

    The CA is what okrs trusts for the test (SSL_CERT_FILE).
    """
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "okrs test CA")])
    ca = _certificate("okrs test CA", ca_key, ca_name, ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = _certificate("localhost", key, ca_name, ca_key, names=["localhost"])
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"hello {self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield server.server_port
    server.shutdown()
    server.server_close()
