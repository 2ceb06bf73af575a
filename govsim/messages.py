"""What the simulated web exchanges: a `Request` as the server parsed it and the `Response` to send."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs


@dataclass
class Request:
    method: str
    host: str
    path: str  # path only, no query
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""

    @property
    def target(self) -> str:
        return self.path + ("?" + self.query if self.query else "")

    def form(self) -> dict[str, str]:
        """Query and urlencoded body fields, first value wins (Hanweb reads both)."""
        fields = {k: v[0] for k, v in parse_qs(self.query, keep_blank_values=True).items()}
        if self.body:
            for k, v in parse_qs(self.body.decode("latin-1"), keep_blank_values=True).items():
                fields.setdefault(k, v[0])
        return fields


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds the server waits before answering (slow pages)
    reset: bool = False  # the server drops the connection (TCP reset) instead of answering
