"""Certificates for the simulator's TLS portals, made at runtime (nothing secret is kept in the repo).

Real .gov.cn hosts serve every kind of broken certificate: self-signed, expired, issued for
another host, missing intermediates. The simulator can serve, per host:
  "valid"      signed by the simulator's own CA (trusted only when the crawler is told to trust it)
  "self_signed" self-signed leaf for the right host
  "expired"    signed by the simulator CA, for the right host, expired a year ago
  "wrong_host" signed by the simulator CA, for another host

EC P-256 keys: generating one takes about a millisecond, so a test world costs nothing.
"""

from __future__ import annotations

import datetime as dt
import ssl
import tempfile
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CERT_KINDS = ("valid", "self_signed", "expired", "wrong_host")


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "govcrawl simulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


class CertificateAuthority:
    """A throwaway CA; `leaf(host, kind)` gives (cert PEM, key PEM) for a portal host."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        self.name = _name("govcrawl simulator root CA")
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    key_cert_sign=True,
                    crl_sign=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def leaf(self, host: str, kind: str) -> tuple[bytes, bytes]:
        if kind not in CERT_KINDS:
            raise ValueError(f"unknown certificate kind {kind!r} (kinds: {', '.join(CERT_KINDS)})")
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        named = "www.example-hosting.cn" if kind == "wrong_host" else host
        start, end = now - dt.timedelta(days=30), now + dt.timedelta(days=365)
        if kind == "expired":
            start, end = now - dt.timedelta(days=800), now - dt.timedelta(days=365)
        issuer_name, signer = (_name(named), key) if kind == "self_signed" else (self.name, self.key)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(named))
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(named)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        )
        if kind != "self_signed":
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
        cert = builder.sign(signer, hashes.SHA256())
        return cert.public_bytes(serialization.Encoding.PEM), _pem_key(key)


class TlsFront:
    """Server-side SSL contexts per host (picked by SNI), with the files kept in a temp dir."""

    def __init__(self, certs: dict[str, str]):
        self.ca = CertificateAuthority()
        self._dir = tempfile.TemporaryDirectory(prefix="govcrawl-sim-tls-")
        self.ca_file = Path(self._dir.name) / "simulator-ca.pem"
        self.ca_file.write_bytes(self.ca.pem)
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()
        self.kinds = dict(certs)

    def context_for(self, host: str) -> ssl.SSLContext:
        """The context serving `host`'s certificate; hosts without a configured kind get a valid one."""
        host = host.lower()
        with self._lock:
            ctx = self._contexts.get(host)
            if ctx is None:
                cert_pem, key_pem = self.ca.leaf(host, self.kinds.get(host, "valid"))
                cert_file = Path(self._dir.name) / f"{host}.pem"
                cert_file.write_bytes(cert_pem + key_pem)
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.load_cert_chain(cert_file)
                self._contexts[host] = ctx
            return ctx

    def close(self) -> None:
        self._dir.cleanup()
