"""The sandbox's request handling: routing by host, fault knobs and rate limits.

Each marketplace is a :class:`Service` written from that marketplace's published
contract (hosts, paths, parameters, JSON/HTML shapes, error bodies, rate-limit
answers). Services never import altfinder's adapters: a fake that reused the parser it
tests would prove nothing.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Fault",
    "SandboxRequest",
    "SandboxResponse",
    "Service",
]


@dataclass(frozen=True)
class SandboxRequest:
    """A request as a marketplace sees it.

    Example:
        >>> r = SandboxRequest.build("GET", "https://shopping.yahooapis.jp/x?a=1&b=2")
        >>> r.host, r.path, r.query["b"]
        ('shopping.yahooapis.jp', '/x', '2')
    """

    method: str
    url: str
    host: str
    path: str
    query: Mapping[str, str]
    query_list: tuple[tuple[str, str], ...]
    headers: Mapping[str, str]
    body: bytes = b""

    @classmethod
    def build(cls, method: str, url: str, headers: Mapping[str, str] | None = None,
              body: bytes = b"") -> SandboxRequest:
        """Build a request from a full URL.

        Example:
            >>> SandboxRequest.build("GET", "https://h.jp/p").method
            'GET'
        """
        parts = urlsplit(url)
        pairs = tuple(parse_qsl(parts.query, keep_blank_values=True))
        return cls(
            method=method.upper(),
            url=url,
            host=(parts.hostname or "").lower(),
            path=parts.path or "/",
            query=dict(pairs),
            query_list=pairs,
            headers={k.lower(): v for k, v in (headers or {}).items()},
            body=body,
        )

    def form(self) -> dict[str, str]:
        """The body as ``application/x-www-form-urlencoded`` fields.

        Example:
            >>> SandboxRequest.build("POST", "https://h.jp/t", body=b"a=1").form()
            {'a': '1'}
        """
        return dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))

    def json(self) -> Any:
        """The body parsed as JSON (``None`` when empty).

        Example:
            >>> SandboxRequest.build("POST", "https://h.jp/t", body=b'{"a": 1}').json()
            {'a': 1}
        """
        return json.loads(self.body) if self.body else None


@dataclass
class SandboxResponse:
    """What the marketplace answers.

    Example:
        >>> SandboxResponse.json_body({"ok": True}).status
        200
    """

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Raise a connection error instead of answering (the "connection refused" fault).
    refuse: bool = False

    @classmethod
    def json_body(cls, payload: Any, status: int = 200,
                  headers: Mapping[str, str] | None = None) -> SandboxResponse:
        """A JSON answer, UTF-8, non-ASCII kept as is (as the marketplaces send it).

        Example:
            >>> SandboxResponse.json_body({"a": "新品"}).body.decode()
            '{"a": "新品"}'
        """
        return cls(status=status, body=json.dumps(payload, ensure_ascii=False).encode(),
                   headers={"Content-Type": "application/json;charset=UTF-8", **(headers or {})})

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/html; charset=UTF-8",
             headers: Mapping[str, str] | None = None) -> SandboxResponse:
        """A text answer (HTML, XML) with the given content type.

        Example:
            >>> SandboxResponse.text("<p>x</p>").headers["Content-Type"]
            'text/html; charset=UTF-8'
        """
        return cls(status=status, body=text.encode(),
                   headers={"Content-Type": content_type, **(headers or {})})


class Fault(BaseModel):
    """Knobs that make one marketplace misbehave, for tests and benchmarks.

    Attributes:
        latency: seconds to wait before answering.
        status: answer with this HTTP status and the marketplace's own error body.
        retry_after: seconds for the ``Retry-After`` header of that error.
        hang: never answer (the client's deadline must handle it).
        malformed: a truncated, unparseable body with status 200.
        antibot: the marketplace's anti-bot or captcha answer.
        empty: a well-formed answer with no results.
        unexpected_schema: well-formed JSON/HTML in a shape the contract does not describe.
        refuse: refuse the connection.
        times: apply to the next ``times`` requests only (``None``: until cleared).

    Example:
        >>> Fault(status=429, retry_after=1, times=1).status
        429
    """

    model_config = ConfigDict(extra="forbid")

    latency: float = Field(default=0.0, ge=0.0)
    status: int | None = None
    retry_after: float | None = None
    hang: bool = False
    malformed: bool = False
    antibot: bool = False
    empty: bool = False
    unexpected_schema: bool = False
    refuse: bool = False
    times: int | None = Field(default=None, ge=1)

    @property
    def disrupts(self) -> bool:
        """Whether the fault replaces the normal answer (not only delays it).

        Example:
            >>> Fault(latency=1).disrupts, Fault(status=500).disrupts
            (False, True)
        """
        return bool(self.status or self.hang or self.malformed or self.antibot or self.empty
                    or self.unexpected_schema or self.refuse)


class RateWindow:
    """Per-credential request rate, as the marketplace enforces it.

    Two checks, as a limiter that tolerates jitter but not excess would make them:

    * **spacing** — a request arriving sooner than half the interval after the previous
      accepted one is refused (a client without any pacing, or bursting, fails at once);
    * **rate** — a request that would make the last ``window`` gaps average less than
      97 % of the interval is refused (a client a few percent too fast fails within a
      few requests).

    A request sent on time that arrives a little late (the network, a process paused by
    the garbage collector) shortens one gap and lengthens the next; it is not an excess,
    and is not refused.

    Example:
        >>> w = RateWindow(interval=1.0)
        >>> w.admit("k", now=10.0), w.admit("k", now=10.4), w.admit("k", now=11.0)
        (True, False, True)
        >>> fast = RateWindow(interval=1.0)
        >>> [fast.admit("k", now=n * 0.9) for n in range(12)].count(False) > 0
        True
    """

    def __init__(self, interval: float, *, window: int = 10) -> None:
        self.interval = interval
        self.window = window
        self._recent: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self.refused = 0
        self.admitted = 0

    def admit(self, key: str, now: float | None = None) -> bool:
        """Whether a request by ``key`` at ``now`` is within the limit (and count it).

        Example:
            >>> RateWindow(interval=0.1).admit("k")
            True
        """
        moment = time.monotonic() if now is None else now
        with self._lock:
            recent = self._recent.setdefault(key, deque(maxlen=self.window))
            too_close = bool(recent) and moment - recent[-1] < 0.5 * self.interval
            too_fast = (len(recent) == self.window
                        and moment - recent[0] < 0.97 * self.window * self.interval)
            if too_close or too_fast:
                self.refused += 1
                return False
            recent.append(moment)
            self.admitted += 1
            return True


class Service(ABC):
    """One marketplace in the sandbox.

    Subclasses set ``name`` (the altfinder source name it serves), ``hosts``,
    ``interval`` (seconds between requests per credential) and ``demo_credentials``, and
    implement
    :meth:`handle` plus the fault answers in the marketplace's own shapes.

    Example:
        >>> from altfinder.sandbox.services.yahoo_shopping import YahooShoppingService
        >>> YahooShoppingService.hosts
        ('shopping.yahooapis.jp',)
    """

    name: str = ""
    hosts: tuple[str, ...] = ()
    interval: float = 1.0
    #: The credentials the sandbox accepts for this marketplace, as the source's
    #: constructor keyword arguments (``{"client_id": "sandbox-yahoo-client-id"}``).
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        self.sandbox = sandbox
        self.rate = RateWindow(interval=self.interval / sandbox.time_scale)

    @abstractmethod
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer a request as the marketplace would."""

    @abstractmethod
    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """The marketplace's own answer for an HTTP error ``status``."""

    def malformed(self) -> SandboxResponse:
        """A truncated body with status 200.

        Example:
            >>> # service.malformed().status == 200
        """
        return SandboxResponse.text('{"totalResultsAvailable": 3, "hits": [{"name": "',
                                    content_type="application/json;charset=UTF-8")

    def antibot(self) -> SandboxResponse:
        """The marketplace's anti-bot answer (APIs: an HTML block page from the edge).

        Example:
            >>> # service.antibot().status == 403
        """
        return SandboxResponse.text(
            "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
            "<p>Request blocked.</p></body></html>", status=403)

    @abstractmethod
    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A well-formed answer with no results."""

    def unexpected_schema(self) -> SandboxResponse:
        """Valid JSON in a shape the contract does not describe.

        Example:
            >>> # service.unexpected_schema().status == 200
        """
        return SandboxResponse.json_body({"data": {"results": "moved"}, "version": 99})

    async def answer(self, request: SandboxRequest, fault: Fault | None) -> SandboxResponse:
        """Apply ``fault`` (if any) and answer.

        Example:
            >>> # response = await service.answer(request, Fault(latency=0.2))
        """
        if fault is not None:
            if fault.latency:
                await asyncio.sleep(fault.latency)
            if fault.refuse:
                return SandboxResponse(status=0, refuse=True)
            if fault.hang:
                await asyncio.sleep(3600)
            if fault.status:
                return self.error(fault.status, fault.retry_after)
            if fault.malformed:
                return self.malformed()
            if fault.antibot:
                return self.antibot()
            if fault.empty:
                return self.empty(request)
            if fault.unexpected_schema:
                return self.unexpected_schema()
        return await self.handle(request)
