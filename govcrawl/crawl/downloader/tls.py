"""TLS: connect to broken certificates, but know and record that they did not verify.

Many gov.cn hosts serve expired, self-signed or wrong-host certificates. Scrapy's default TLS
context accepts them without saying so. govcrawl's context factory (DOWNLOADER_CLIENTCONTEXTFACTORY)
still accepts every certificate, but runs OpenSSL's full chain verification against the system
trust store (plus GOVCRAWL_TLS_CA_FILE, if set) and the service_identity hostname check, and keeps
the verdict keyed by (host, leaf certificate fingerprint). `TlsVerdictMiddleware` finds the verdict
of each https response through `response.certificate` and:
- for hosts under GOVCRAWL_TLS_TOLERATED_SUFFIXES (gov.cn): records it in `request.meta["tls"]`
  = {"verified": bool, "error": str | None}, which the spider copies into provenance.tls;
- for any other host with a certificate that did not verify: refuses the page (failure stage
  "tls"). A .gov.cn name can only be registered by a government body, so a bad certificate there
  is neglect; on an arbitrary domain it can be interception, and a forged page must not be
  archived as a government report.
"""

from __future__ import annotations

import hashlib
import threading

from cryptography.hazmat.primitives.serialization import Encoding
from OpenSSL import SSL
from OpenSSL.crypto import X509
from scrapy.core.downloader.contextfactory import _ScrapyClientContextFactory
from service_identity import VerificationError
from service_identity.exceptions import CertificateError
from service_identity.hazmat import DNS_ID, IPAddress_ID, verify_service_identity
from service_identity.pyopenssl import extract_patterns
from twisted.internet._sslverify import ClientTLSOptions
from twisted.internet.ssl import CertificateOptions

from govcrawl.contract.errors import UntrustedCertificate
from govcrawl.registry.hosts import host_in

# Private parts of Scrapy, Twisted and pyOpenSSL this module relies on (checked by
# tests/test_private_apis.py, so an upgrade that drops one breaks a test, not a crawl). The
# ClientTLSOptions attributes are set per instance, so the test builds one.
PRIVATE_APIS = ((_ScrapyClientContextFactory, "_get_cert_options"),)
PRIVATE_INSTANCE_ATTRIBUTES = (
    "_createConnection",
    "_sendServerName",
    "_hostnameBytes",
    "_hostnameASCII",
    "_hostnameIsDnsName",
)
PRIVATE_MODULES = (("OpenSSL._util", ("ffi", "lib")),)


def _verify_error_text(code: int) -> str:
    try:
        from OpenSSL._util import ffi, lib  # pyOpenSSL's binding of OpenSSL itself

        return ffi.string(lib.X509_verify_cert_error_string(code)).decode()
    except Exception:  # binding layout changed: the number still says what went wrong
        return f"X509 verify error {code}"


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


class TlsVerdicts:
    """(host, leaf sha256) → error text, or None when the certificate verified. Shared per process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._verdicts: dict[tuple[str, str], str | None] = {}

    def record(self, host: str, leaf_sha256: str, errors: list[str]) -> None:
        with self._lock:
            self._verdicts[(host.lower(), leaf_sha256)] = "; ".join(dict.fromkeys(errors)) or None

    def lookup(self, host: str, leaf_sha256: str) -> tuple[bool, str | None] | None:
        with self._lock:
            key = (host.lower(), leaf_sha256)
            if key not in self._verdicts:
                return None
            error = self._verdicts[key]
        return error is None, error


VERDICTS = TlsVerdicts()
_DER = Encoding.DER


class _RecordingTLSOptions(ClientTLSOptions):
    """Like Scrapy's lenient options (every certificate is accepted), but the verify callback
    collects OpenSSL's chain errors and the hostname check, and files them in VERDICTS."""

    def clientConnectionForTLS(self, tlsProtocol):
        conn = self._createConnection(tlsProtocol)
        if self._sendServerName:
            conn.set_tlsext_host_name(self._hostnameBytes)
        conn.set_verify(SSL.VERIFY_PEER, self._callback())
        return conn

    def _callback(self):
        host = self._hostnameASCII
        service = DNS_ID(host) if self._hostnameIsDnsName else IPAddress_ID(host)
        errors: list[str] = []

        def verify(conn: SSL.Connection, cert: X509, err: int, depth: int, ok: int) -> bool:
            if not ok:
                errors.append(_verify_error_text(err))
            if depth == 0:
                try:
                    verify_service_identity(extract_patterns(cert), [service], [])
                except (CertificateError, VerificationError) as exc:
                    errors.append(f"certificate is not valid for {host}: {exc}")
                VERDICTS.record(host, fingerprint(cert.to_cryptography().public_bytes(_DER)), errors)
            return True  # tolerate: the verdict travels with the response instead

        return verify


class VerifyingContextFactory(_ScrapyClientContextFactory):
    """DOWNLOADER_CLIENTCONTEXTFACTORY: lenient like Scrapy's default, plus verification on the side."""

    # Set by from_crawler().
    extra_ca_file: str | None
    _options: CertificateOptions | None  # built on first use by _verifying_options()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        factory = super().from_crawler(crawler, *args, **kwargs)
        factory.extra_ca_file = crawler.settings.get("GOVCRAWL_TLS_CA_FILE")
        factory._options = None
        return factory

    def _verifying_options(self):
        if self._options is None:
            options = self._get_cert_options()
            ctx = options.getContext()
            ctx.set_default_verify_paths()
            if self.extra_ca_file:
                ctx.load_verify_locations(self.extra_ca_file)
            self._options = options
        return self._options

    def creatorForNetloc(self, hostname: bytes, port: int):
        return _RecordingTLSOptions(self._verifying_options()._makeTLSConnection, hostname.decode("ascii"))


class TlsVerdictMiddleware:
    def __init__(self, crawler):
        self.tolerated = tuple(
            s.lower().lstrip(".") for s in crawler.settings.getlist("GOVCRAWL_TLS_TOLERATED_SUFFIXES")
        )
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def tolerated_host(self, host: str) -> bool:
        host = host.lower()
        return host_in(host, self.tolerated)

    def process_response(self, request, response):
        certificate = getattr(response, "certificate", None)
        if certificate is None or not response.url.startswith("https://"):
            return response
        host = (request.url.split("://", 1)[1].split("/", 1)[0].split(":")[0]).lower()
        der = certificate.original.to_cryptography().public_bytes(_DER)
        verdict = VERDICTS.lookup(host, fingerprint(der))
        verified, error = verdict if verdict is not None else (False, "verification result unavailable")
        request.meta["tls"] = {"verified": verified, "error": error}
        if not verified:
            self.stats.inc_value("govcrawl/tls_unverified")
            if not self.tolerated_host(host):
                raise UntrustedCertificate(f"TLS certificate did not verify for {host} (not a tolerated host): {error}")
        return response
