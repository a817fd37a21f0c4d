"""A local stand-in for every supported marketplace, for demos, tests and other tools.

The sandbox speaks each marketplace's real protocol — the same hosts and paths,
parameters, JSON/HTML shapes, error bodies and rate-limit answers — over a bundled demo
catalogue. altfinder's adapters are not special-cased for it: they send the requests
they send in production, to the production URLs, and the sandbox answers them, either
in-process (an httpx transport) or on a loopback port (``altfinder sandbox serve``).

Example:
    >>> from altfinder import find_alternatives
    >>> from altfinder.sandbox import Sandbox
    >>> sandbox = Sandbox(time_scale=50)
    >>> res = find_alternatives("4902370548495", sources=sandbox.sources(),
    ...                         client=sandbox.client())
    >>> {"yahoo_shopping", "rakuten", "surugaya", "bookoff", "amazon"} <= {
    ...     r.offer.source for r in res}
    True
    >>> sandbox.set_fault("yahoo_shopping", status=503)
    >>> find_alternatives("4902370548495", sources=sandbox.sources(),
    ...                   client=sandbox.client()).errors[0].error_type
    'SourceUnavailableError'
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx

from altfinder.sandbox.app import Fault, SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS
from altfinder.sandbox.services import SERVICES

if TYPE_CHECKING:  # pragma: no cover
    from altfinder.sources.base import Source

__all__ = [
    "DEMO_CODE",
    "DEMO_CREDENTIALS",
    "PRODUCTS",
    "Fault",
    "LoopbackServer",
    "LoopbackTransport",
    "Sandbox",
    "SandboxRequest",
    "SandboxResponse",
    "SandboxTransport",
    "Service",
    "demo_sources",
    "loopback_client",
]

logger = logging.getLogger("altfinder.sandbox")

#: Credentials the sandbox accepts out of the box, by source name and argument.
DEMO_CREDENTIALS: dict[str, dict[str, str]] = {
    cls.name: dict(cls.demo_credentials) for cls in SERVICES
}


class Sandbox:
    """The marketplaces, local: services, demo catalogue, credentials and fault knobs.

    Args:
        time_scale: run time ``time_scale`` times faster: rate limits (the sandbox's and,
            through :meth:`sources`, the adapters') shrink by that factor. For benchmarks.
        clock: the sandbox's wall clock in Unix seconds (sale windows are judged by it).
        keep_requests: how many of the last requests :attr:`requests` keeps (for tests
            that check what was sent). Each is held until it falls out, so a long batch
            against the sandbox keeps only this many.

    Example:
        >>> sandbox = Sandbox(time_scale=100)
        >>> sandbox.sources()[0].rate_limit.interval
        0.01
    """

    def __init__(self, *, time_scale: float = 1.0,
                 clock: Callable[[], float] = time.time, keep_requests: int = 1_000) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        if keep_requests < 0:
            raise ValueError("keep_requests must not be negative")
        self.time_scale = time_scale
        self.clock = clock
        self._credentials = {name: dict(values) for name, values in DEMO_CREDENTIALS.items()}
        self._extra_credentials: dict[str, set[str]] = {}
        self._services: dict[str, Service] = {cls.name: cls(self) for cls in SERVICES}
        self._by_host = {host: s for s in self._services.values() for host in s.hosts}
        self._faults: dict[str, Fault] = {}
        self._fault_left: dict[str, int] = {}
        self._lock = threading.Lock()
        #: The last requests received, as ``(service name, request)``.
        self.requests: deque[tuple[str, SandboxRequest]] = deque(maxlen=keep_requests)

    # -- configuration ----------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """The source names the sandbox serves.

        Example:
            >>> "yahoo_shopping" in Sandbox().names
            True
        """
        return list(self._services)

    def service(self, name: str) -> Service:
        """The service that plays marketplace ``name``.

        Example:
            >>> Sandbox().service("yahoo_shopping").hosts
            ('shopping.yahooapis.jp',)
        """
        return self._services[name]

    def credentials(self, name: str) -> dict[str, str]:
        """The demo credentials for source ``name`` (constructor keyword arguments).

        Example:
            >>> Sandbox().credentials("yahoo_shopping")
            {'client_id': 'sandbox-yahoo-client-id'}
        """
        return dict(self._credentials.get(name, {}))

    def valid_credentials(self, name: str) -> set[str]:
        """Every credential value the service ``name`` accepts.

        Example:
            >>> "sandbox-yahoo-client-id" in Sandbox().valid_credentials("yahoo_shopping")
            True
        """
        return set(self._credentials.get(name, {}).values()) | self._extra_credentials.get(
            name, set())

    def allow_credential(self, name: str, *values: str) -> None:
        """Make the service ``name`` accept more credential values.

        Example:
            >>> sb = Sandbox(); sb.allow_credential("yahoo_shopping", "my-id")
            >>> "my-id" in sb.valid_credentials("yahoo_shopping")
            True
        """
        self._extra_credentials.setdefault(name, set()).update(values)

    def set_fault(self, name: str, fault: Fault | None = None, **knobs: Any) -> None:
        """Make marketplace ``name`` misbehave (see :class:`Fault`); ``None`` clears it.

        Example:
            >>> sb = Sandbox(); sb.set_fault("yahoo_shopping", latency=0.2)
            >>> sb.fault("yahoo_shopping").latency
            0.2
        """
        if name not in self._services:
            raise KeyError(f"the sandbox does not serve {name!r}; it serves {self.names}")
        if fault is None and not knobs:
            self._faults.pop(name, None)
            return
        fault = fault or Fault(**knobs)
        with self._lock:
            self._faults[name] = fault
            if fault.times is not None:
                self._fault_left[name] = fault.times
            else:
                self._fault_left.pop(name, None)

    def fault(self, name: str) -> Fault | None:
        """The fault set on ``name``, if any.

        Example:
            >>> Sandbox().fault("yahoo_shopping") is None
            True
        """
        return self._faults.get(name)

    def clear_faults(self) -> None:
        """Make every marketplace behave again.

        Example:
            >>> Sandbox().clear_faults()
        """
        with self._lock:
            self._faults.clear()
            self._fault_left.clear()

    def _take_fault(self, name: str) -> Fault | None:
        with self._lock:
            fault = self._faults.get(name)
            if fault is None:
                return None
            if name in self._fault_left:
                self._fault_left[name] -= 1
                if self._fault_left[name] <= 0:
                    self._faults.pop(name, None)
                    self._fault_left.pop(name, None)
            return fault

    # -- answering ----------------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer one request as the marketplace behind its host would.

        Example:
            >>> import asyncio
            >>> req = SandboxRequest.build("GET", "https://unknown.example/")
            >>> asyncio.run(Sandbox().handle(req)).refuse
            True
        """
        service = self._by_host.get(request.host)
        if service is None:
            logger.debug("sandbox: no service for host %s", request.host)
            return SandboxResponse(status=0, refuse=True)
        self.requests.append((service.name, request))
        return await service.answer(request, self._take_fault(service.name))

    def transport(self) -> SandboxTransport:
        """An httpx transport that answers in-process.

        Example:
            >>> isinstance(Sandbox().transport(), httpx.AsyncBaseTransport)
            True
        """
        return SandboxTransport(self)

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` whose requests the sandbox answers in-process.

        Example:
            >>> client = Sandbox().client()
        """
        return httpx.AsyncClient(transport=self.transport(), **kwargs)

    def sources(self, names: Iterable[str] | None = None,
                **overrides: Mapping[str, Any]) -> list[Source]:
        """Source instances with the sandbox's demo credentials (and scaled rate limits).

        ``overrides`` maps a source name to extra constructor arguments.

        Example:
            >>> [s.name for s in Sandbox().sources(names=["yahoo_shopping"])]
            ['yahoo_shopping']
        """
        from altfinder.sources import registered_sources

        wanted = set(names) if names is not None else None
        built: list[Source] = []
        for name, cls in registered_sources().items():
            if name not in self._services or (wanted is not None and name not in wanted):
                continue
            kwargs: dict[str, Any] = self.credentials(name)
            if self.time_scale != 1.0:
                kwargs["rate_limit"] = cls.rate_limit.scaled(self.time_scale)
            kwargs.update(overrides.get(name, {}))
            built.append(cls(**kwargs))
        return built

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> LoopbackServer:
        """Start a real HTTP server on loopback (in a background thread).

        Example:
            >>> with Sandbox().serve() as server:
            ...     server.url.startswith("http://127.0.0.1:")
            True
        """
        server = LoopbackServer(self, host, port)
        server.start()
        return server


class SandboxTransport(httpx.AsyncBaseTransport):
    """Answers requests in-process from a :class:`Sandbox`.

    Example:
        >>> client = httpx.AsyncClient(transport=SandboxTransport(Sandbox()))
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        answer = await self.sandbox.handle(
            SandboxRequest.build(request.method, str(request.url), dict(request.headers), body))
        if answer.refuse:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return httpx.Response(answer.status, headers=answer.headers, content=answer.body,
                              request=request)


class LoopbackTransport(httpx.AsyncBaseTransport):
    """Sends production requests to a sandbox on loopback, keeping the real ``Host``.

    Example:
        >>> with Sandbox().serve() as server:
        ...     client = httpx.AsyncClient(transport=LoopbackTransport(server.url))
    """

    def __init__(self, base_url: str) -> None:
        self.base = httpx.URL(base_url)
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        headers = dict(request.headers)
        headers["host"] = request.url.netloc.decode("ascii")
        headers["x-sandbox-scheme"] = request.url.scheme
        routed = httpx.Request(
            request.method,
            request.url.copy_with(scheme=self.base.scheme, host=self.base.host,
                                  port=self.base.port),
            headers=headers, content=body, extensions=request.extensions,
        )
        return await self._inner.handle_async_request(routed)

    async def aclose(self) -> None:
        await self._inner.aclose()


class LoopbackServer:
    """The sandbox on a real socket: a threaded HTTP server plus an asyncio loop thread.

    A request reaches a marketplace by its ``Host`` header (what
    :class:`LoopbackTransport` sends), by an absolute URL (HTTP proxy form), or by a
    path that starts with the host (``/shopping.yahooapis.jp/ShoppingWebService/…``).
    ``/_sandbox/health``, ``/_sandbox/credentials`` and ``POST /_sandbox/faults/<name>``
    (a JSON :class:`Fault`; ``DELETE`` clears) drive it from other tools.

    Example:
        >>> with Sandbox().serve() as server:
        ...     httpx.get(server.url + "/_sandbox/health").json()["ok"]
        True
    """

    def __init__(self, sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sandbox = sandbox
        self._loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self._loop.run_forever,
                                             name="altfinder-sandbox-loop", daemon=True)
        self._httpd = ThreadingHTTPServer((host, port), self._handler())
        self._httpd.daemon_threads = True
        self._server_thread = threading.Thread(target=self._httpd.serve_forever,
                                               name="altfinder-sandbox-http", daemon=True)

    @property
    def port(self) -> int:
        """The bound port.

        Example:
            >>> # server.port
        """
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``.

        Example:
            >>> # server.url
        """
        host = str(self._httpd.server_address[0])
        return f"http://{host}:{self.port}"

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` that sends production requests to this server.

        Example:
            >>> # client = server.client()
        """
        return httpx.AsyncClient(transport=LoopbackTransport(self.url), **kwargs)

    def start(self) -> None:
        """Start serving (returns at once).

        Example:
            >>> # server.start()
        """
        self._loop_thread.start()
        self._server_thread.start()

    def stop(self) -> None:
        """Stop serving and free the port.

        Example:
            >>> # server.stop()
        """
        self._httpd.shutdown()
        self._httpd.server_close()
        self._loop.call_soon_threadsafe(self._loop.stop)

    def serve_forever(self) -> None:
        """Block until interrupted (what ``altfinder sandbox serve`` does).

        Example:
            >>> # server.serve_forever()
        """
        try:
            while self._server_thread.is_alive():
                self._server_thread.join(0.5)
        finally:
            self.stop()

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self
        hosts = set(server.sandbox._by_host)

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                logger.debug("sandbox loopback: " + format, *args)

            def _target(self) -> str | None:
                path = self.path
                if path.startswith(("http://", "https://")):
                    return path
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                scheme = self.headers.get("X-Sandbox-Scheme", "https")
                if host in hosts:
                    return f"{scheme}://{host}{path}"
                first, _, rest = path.lstrip("/").partition("/")
                if first.lower() in hosts:
                    return f"https://{first.lower()}/{rest}"
                return None

            def _send(self, status: int, body: bytes, headers: Mapping[str, str]) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    if key.lower() not in ("content-length", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _admin(self, body: bytes) -> bool:
                if not self.path.startswith("/_sandbox/"):
                    return False
                sandbox = server.sandbox
                parts = self.path.strip("/").split("/")
                payload: Any
                if parts[1:] == ["health"]:
                    payload = {"ok": True, "services": sandbox.names,
                               "hosts": sorted(hosts)}
                elif parts[1:] == ["credentials"]:
                    payload = {name: sandbox.credentials(name) for name in sandbox.names}
                elif len(parts) == 3 and parts[1] == "faults" and self.command == "POST":
                    sandbox.set_fault(parts[2], Fault.model_validate_json(body or b"{}"))
                    payload = {"ok": True}
                elif parts[1:2] == ["faults"] and self.command == "DELETE":
                    if len(parts) == 3:
                        sandbox.set_fault(parts[2], None)
                    else:
                        sandbox.clear_faults()
                    payload = {"ok": True}
                else:
                    self._send(404, b'{"error": "unknown sandbox endpoint"}',
                               {"Content-Type": "application/json"})
                    return True
                self._send(200, json.dumps(payload).encode(), {"Content-Type": "application/json"})
                return True

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self._admin(body):
                    return
                target = self._target()
                if target is None:
                    self._send(404, b"not a marketplace host served by the altfinder sandbox",
                               {"Content-Type": "text/plain"})
                    return
                request = SandboxRequest.build(self.command, target, dict(self.headers.items()),
                                               body)
                future = asyncio.run_coroutine_threadsafe(server.sandbox.handle(request),
                                                          server._loop)
                answer = future.result()
                if answer.refuse:
                    self.close_connection = True
                    self.connection.close()
                    return
                self._send(answer.status, answer.body, answer.headers)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle  # noqa: N815

        return Handler


def demo_sources(time_scale: float = 1.0, names: Iterable[str] | None = None) -> list[Source]:
    """Sources with the sandbox's demo credentials, as a picklable factory for workers.

    Example:
        >>> [s.name for s in demo_sources(names=["yahoo_shopping"])]
        ['yahoo_shopping']
    """
    return Sandbox(time_scale=time_scale).sources(names=names)


def loopback_client(url: str) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` for a sandbox served at ``url`` (a picklable factory).

    Example:
        >>> client = loopback_client("http://127.0.0.1:8765")
    """
    return httpx.AsyncClient(transport=LoopbackTransport(url))
