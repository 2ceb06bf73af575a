"""Simulator: a loopback HTTP server that answers for every portal of a World.

It works as a forward proxy (absolute-URI requests `GET http://host/path HTTP/1.1`, as Scrapy's
HttpProxyMiddleware sends them) and as an origin server (origin-form requests routed by Host).
HTTP/1.1 keep-alive, Content-Length on every answer, conditional GET (ETag / Last-Modified → 304).
CONNECT host:443 opens a tunnel for portals served over https: the socket is wrapped in TLS with
that host's certificate (see certs.py: valid, self-signed, expired or for the wrong host) and the
requests inside are answered by the same World.respond(). Hosts that answer only on http get 502.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import _SocketWriter  # type: ignore[attr-defined]  # private, absent from typeshed
from typing import Any
from urllib.parse import urlsplit

from .certs import TlsFront
from .messages import Request, Response
from .world import World, etag_for


class RequestLog(list):
    """The requests served, as (method, url, status, bytes_sent); appends are locked."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def append(self, item: tuple[str, str, int, int]) -> None:
        with self._lock:
            super().append(item)

    def snapshot(self) -> list[tuple[str, str, int, int]]:
        with self._lock:
            return list(self)

    def clear(self) -> None:
        with self._lock:
            super().clear()


def _not_modified(req: Request, resp: Response, etag: str) -> bool:
    inm = req.headers.get("if-none-match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = req.headers.get("if-modified-since")
    last = resp.headers.get("Last-Modified")
    if ims and last:
        try:
            return email.utils.parsedate_to_datetime(last) <= email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, delayed ACKs cost ~40 ms a request.
    disable_nagle_algorithm = True
    simulator: Simulator  # set on the subclass made per Simulator
    tunnel_host: str | None = None  # set inside a CONNECT tunnel: requests there are https

    def version_string(self) -> str:
        return "nginx"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the request log is the record
        pass

    def _request(self) -> Request:
        target = self.path
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            host, path, query = parts.netloc, parts.path or "/", parts.query
        else:
            host = self.headers.get("Host", "") or (self.tunnel_host or "")
            path, _, query = target.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        return Request(self.command, host.lower(), path, query, headers, body)

    def _serve(self) -> None:
        sim = self.simulator
        req = self._request()
        resp = sim.world.respond(req, slow_seconds=sim.slow_seconds, scheme="https" if self.tunnel_host else "http")
        if resp.delay:
            time.sleep(resp.delay)
        if resp.reset:
            # As a portal that refuses the client: the connection is reset, no answer at all.
            sim.request_log.append((req.method, f"http://{req.host}{req.target}", 0, 0))
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        etag = None
        if resp.status == 200 and req.method in ("GET", "HEAD"):
            etag = etag_for(resp.body)
            resp.headers["ETag"] = etag
            if _not_modified(req, resp, etag):
                resp = Response(
                    304,
                    b"",
                    resp.content_type,
                    {"ETag": etag, **{k: v for k, v in resp.headers.items() if k == "Last-Modified"}},
                )
        body = resp.body if req.method != "HEAD" and resp.status != 304 else b""
        # Logged before writing, so a client that has its answer always finds it in the log.
        scheme = "https" if self.tunnel_host else "http"
        sim.request_log.append((req.method, f"{scheme}://{req.host}{req.target}", resp.status, len(body)))
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(0 if resp.status == 304 else len(resp.body)))
        for k, v in resp.headers.items():
            self.send_header(k, v)
        if req.headers.get("connection", "").lower() == "close":
            self.close_connection = True
        self.end_headers()
        if body:
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _serve

    def do_CONNECT(self) -> None:
        sim = self.simulator
        host = self.path.rsplit(":", 1)[0].lower()
        portal = sim.world.by_host.get(host)
        if portal is None or portal.scheme != "https" or sim.tls is None:
            # Like a real proxy whose upstream refuses port 443 (many gov.cn hosts answer only on http).
            sim.request_log.append(("CONNECT", self.path, 502, 0))
            self.send_response(502, "Bad Gateway")
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return
        sim.request_log.append(("CONNECT", self.path, 200, 0))
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        try:
            tls = sim.tls.context_for(host).wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            self.close_connection = True  # the client gave up on our certificate
            return
        # Keep serving on the TLS socket: handle()'s loop reads the next request from the new rfile.
        self.connection = self.request = tls
        # As StreamRequestHandler.setup() does; rbufsize is -1, so this is a BufferedReader.
        self.rfile = tls.makefile("rb", self.rbufsize)  # type: ignore[assignment]  # typeshed: IOBase for an int size
        self.wfile = _SocketWriter(tls)
        self.tunnel_host = host
        self.close_connection = False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


class Simulator:
    """Serve `world` on 127.0.0.1; use as a context manager or call start()/stop()."""

    def __init__(self, world: World, slow_seconds: float = 2.0, port: int = 0, host: str = "127.0.0.1"):
        self.world = world
        self.slow_seconds = slow_seconds
        self.request_log = RequestLog()
        self._address = (host, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        https = {p.host: p.tls_cert for p in world.portals if p.scheme == "https"}
        self.tls: TlsFront | None = TlsFront(https) if https else None

    @property
    def ca_file(self) -> str | None:
        """PEM of the CA that signs the simulator's "valid" certificates (trust it to see them verify)."""
        return str(self.tls.ca_file) if self.tls else None

    def start(self) -> Simulator:
        handler = type("Handler", (_Handler,), {"simulator": self})
        self._server = _Server(self._address, handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="govcrawl-simulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self.tls is not None:
            self.tls.close()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("simulator not started")
        return self._server.server_address[1]

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def seeds(self, home_only: bool = False) -> list[dict[str, Any]]:
        return self.world.seeds(home_only=home_only)

    def manifest(self) -> list[dict[str, Any]]:
        return self.world.manifest()
