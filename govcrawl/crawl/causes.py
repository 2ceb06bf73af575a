"""A failure's cause in one word or two, for people: `dns`, `connect`, `tls`, `timeout`,
`http 404`, `blocked`, `robots`, `browser missing`, `extract unavailable` …

The stage (govcrawl.contract.errors.Stage) says where a page was lost and is what the archive
stores; the cause says why, in the words the end-of-crawl table and `govcrawl status` print.
"""

from __future__ import annotations

from govcrawl.contract.errors import Stage

BROWSER_MISSING = "browser missing"
EXTRACT_UNAVAILABLE = "extract unavailable"
# Causes that mean "install a tool", not "the portal failed".
TOOL_CAUSES = (BROWSER_MISSING, EXTRACT_UNAVAILABLE)

# Exception class names (anywhere in the MRO) → cause; first match wins.
_BY_TYPE = (
    (("DNSLookupError", "CannotResolveHostError", "gaierror"), "dns"),
    (("TimeoutError", "TCPTimedOutError", "DownloadTimeoutError", "UserTimeoutError"), "timeout"),
    (("SSLError", "Error_SSL", "CertificateError"), "tls"),
    (
        (
            "ConnectionRefusedError",
            "DownloadConnectionRefusedError",
            "ConnectError",
            "ConnectionLost",
            "ConnectionDone",
            "ResponseNeverReceived",
            "ResponseFailed",
            "ResponseDataLossError",
            "DownloadFailedError",
            "NoRouteError",
        ),
        "connect",
    ),
)


def _type_names(error: BaseException | type[BaseException]) -> set[str]:
    cls = error if isinstance(error, type) else type(error)
    return {c.__name__ for c in cls.__mro__}


def cause_of(
    stage: Stage | str, *, http_status: int | None = None, error: BaseException | type[BaseException] | None = None
) -> str:
    """The cause of one failure of `stage`, from the HTTP status or the exception when known."""
    stage = Stage(stage)
    if stage is Stage.HTTP:
        return f"http {http_status}" if http_status else "http"
    if stage is Stage.DOWNLOAD and error is not None:
        message = str(error).lower() if not isinstance(error, type) else ""
        if "executable doesn't exist" in message or "failed to launch" in message:
            return BROWSER_MISSING
        # Twisted's SSL failures arrive wrapped (ResponseNeverReceived around an OpenSSL error).
        if "ssl" in message or "certificate" in message:
            return "tls"
        names = _type_names(error)
        for types, cause in _BY_TYPE:
            if names.intersection(types):
                return cause
    return stage.value.replace("_", " ")
