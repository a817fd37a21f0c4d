"""The HTTP layer every source shares: rate limits, retries, deadlines and redaction.

* **Rate limits.** Each source declares its documented limit (:class:`RateLimit`). One
  :class:`aiolimiter.AsyncLimiter` per source *and credential* is shared by every
  concurrent lookup on the event loop, so ten parallel searches still send Rakuten one
  request per second per application id.
* **Retries.** tenacity retries only what may succeed later (rate limited, unavailable,
  connection errors, per-request timeouts), honouring ``Retry-After``, and never sleeps
  past the overall deadline.
* **Redaction.** Credentials travel in query strings (Rakuten, Yahoo) and headers
  (Amazon). URLs are redacted before they reach a log line or an error, and a logging
  filter scrubs every registered secret from the ``httpx``/``httpcore``/``altfinder``
  loggers.

Example:
    >>> redact_url("https://shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch?appid=abc&jan_code=1")
    'https://shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch?appid=***&jan_code=1'
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import httpx
from aiolimiter import AsyncLimiter
from pydantic import BaseModel, ConfigDict, Field
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    wait_exponential,
    wait_random,
)

from altfinder.errors import (
    AuthenticationError,
    RateLimitedError,
    RequestRejectedError,
    SourceError,
    SourceTimeoutError,
    SourceUnavailableError,
)

if TYPE_CHECKING:  # pragma: no cover
    from altfinder.cache import HttpCache

__all__ = [
    "USER_AGENT",
    "Deadline",
    "RateLimit",
    "SourceHttp",
    "parse_retry_after",
    "redact",
    "redact_url",
    "register_secret",
]

logger = logging.getLogger("altfinder.http")

USER_AGENT = "altfinder/0.1 (+https://github.com/altfinder/altfinder)"

#: Query parameters and headers that carry credentials on some marketplace.
SECRET_PARAMS = frozenset(
    {"appid", "applicationid", "accesskey", "affiliateid", "affiliate_id", "client_secret",
     "access_token", "credential_secret", "partner_tag", "partnertag", "token", "key", "api_key"}
)
SECRET_HEADERS = frozenset({"authorization", "accesskey", "dpop", "x-api-key", "cookie"})

_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_SECRET_PARAM_RE = re.compile(
    r"(?i)([?&](?:" + "|".join(sorted(SECRET_PARAMS)) + r")=)[^&#\s\"']*"
)


def register_secret(value: str | None) -> None:
    """Remember a credential so that every log line and message scrubs it.

    Sources call this for each credential they are given. Values shorter than four
    characters are ignored (they would scrub ordinary text).

    Example:
        >>> register_secret("s3cr3t-value"); redact("token s3cr3t-value")
        'token ***'
    """
    if value and len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """Remove every registered secret and every credential query value from ``text``.

    Example:
        >>> redact("GET /x?appid=dj00aiZ&jan_code=4902370548495")
        'GET /x?appid=***&jan_code=4902370548495'
    """
    text = _SECRET_PARAM_RE.sub(r"\1***", text)
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


def redact_url(url: str | httpx.URL) -> str:
    """A URL with credential query values replaced by ``***``.

    Example:
        >>> redact_url("https://openapi.rakuten.co.jp/x?applicationId=u-u-i-d&accessKey=pk_1&keyword=a")
        'https://openapi.rakuten.co.jp/x?applicationId=***&accessKey=***&keyword=a'
    """
    return redact(str(url))


class _RedactingFilter(logging.Filter):
    """Scrub secrets from records of the loggers that see URLs and headers."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # pragma: no cover - a broken record is not ours to fix
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_FILTER = _RedactingFilter()
for _name in ("httpx", "httpcore", "hishel", "altfinder"):
    logging.getLogger(_name).addFilter(_FILTER)


class RateLimit(BaseModel):
    """A documented request rate: ``requests`` per ``per_seconds``.

    Example:
        >>> RateLimit(requests=1, per_seconds=1.0).interval
        1.0
    """

    model_config = ConfigDict(frozen=True)

    requests: float = Field(gt=0)
    per_seconds: float = Field(default=1.0, gt=0)

    @property
    def interval(self) -> float:
        """Seconds between two requests at full rate.

        Example:
            >>> RateLimit(requests=30, per_seconds=60).interval
            2.0
        """
        return self.per_seconds / self.requests

    def scaled(self, factor: float) -> RateLimit:
        """The same limit with time running ``factor`` times faster (for benchmarks).

        Example:
            >>> RateLimit(requests=1, per_seconds=1).scaled(100).per_seconds
            0.01
        """
        return RateLimit(requests=self.requests, per_seconds=self.per_seconds / factor)


_LimiterTable = dict[tuple[str, RateLimit], AsyncLimiter]
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LimiterTable]
_limiters = weakref.WeakKeyDictionary()
_limiters_lock = threading.Lock()


_last_sent: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, float]]
_last_sent = weakref.WeakKeyDictionary()


async def pace(key: str, limit: RateLimit) -> None:
    """Wait until one interval has passed since the last request of ``key`` was *sent*.

    The limiter hands out slots one interval apart, but a task that got its slot can be
    held up by other work on the event loop (parsing a page) and send late, so that the
    next one, on time, follows it too closely. Checking the send time as well keeps the
    spacing the marketplace sees at or above its limit.

    Example:
        >>> async def twice():
        ...     started = asyncio.get_running_loop().time()
        ...     for _ in range(2):
        ...         await pace("doc", RateLimit(requests=10))
        ...     return asyncio.get_running_loop().time() - started >= 0.1
        >>> asyncio.run(twice())
        True
    """
    loop = asyncio.get_running_loop()
    sent = _last_sent.setdefault(loop, {})
    while True:
        wait = sent.get(key, float("-inf")) + limit.interval - loop.time()
        if wait <= 0:
            sent[key] = loop.time()
            return
        await asyncio.sleep(wait)


def shared_limiter(key: str, limit: RateLimit) -> AsyncLimiter:
    """The limiter for ``key`` (source and credential) on the running event loop.

    Limiters are per event loop because asyncio primitives cannot cross loops; the
    synchronous API runs every call on one background loop, so its calls share them too.

    Example:
        >>> async def same():
        ...     return shared_limiter("k", RateLimit(requests=1)) is shared_limiter(
        ...         "k", RateLimit(requests=1))
        >>> asyncio.run(same())
        True
    """
    loop = asyncio.get_running_loop()
    with _limiters_lock:
        per_loop = _limiters.setdefault(loop, {})
        limiter = per_loop.get((key, limit))
        if limiter is None:
            # max_rate = 1 over one interval: no bursts, requests spaced by the interval.
            limiter = AsyncLimiter(1, limit.interval)
            per_loop[(key, limit)] = limiter
        return limiter


class Deadline:
    """An absolute point on the monotonic clock by which everything must be done.

    Example:
        >>> d = Deadline(5.0)
        >>> 4.9 < d.remaining() <= 5.0
        True
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left (never negative), or ``None`` without a deadline.

        Example:
            >>> Deadline(None).remaining() is None
            True
        """
        if self.at is None:
            return None
        return max(0.0, self.at - time.monotonic())


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date).

    Example:
        >>> parse_retry_after("3"), parse_retry_after(None), parse_retry_after("soon")
        (3.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


#: Checks a response; raises a typed SourceError or returns normally.
ResponseCheck = Callable[[httpx.Response], None]
#: Adjusts a request just before each attempt is sent (a per-request signature, e.g. DPoP).
RequestHook = Callable[[httpx.Request], None]


def default_check(response: httpx.Response, source: str) -> None:
    """Map an HTTP status to a typed error when the source has nothing more specific.

    Example:
        >>> req = httpx.Request("GET", "https://x.jp")
        >>> default_check(httpx.Response(200, request=req), "x")   # no error
        >>> default_check(httpx.Response(429, headers={"Retry-After": "2"}, request=req), "x")
        Traceback (most recent call last):
        altfinder.errors.RateLimitedError: x: HTTP 429 too many requests
    """
    status = response.status_code
    if status < 400:
        return
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if status == 429:
        raise RateLimitedError(f"{source}: HTTP 429 too many requests", source=source,
                               retry_after=retry_after)
    if status in (401, 403, 407):
        raise AuthenticationError(f"{source}: HTTP {status}: credentials refused", source=source)
    if status in (408, 504):
        raise SourceTimeoutError(f"{source}: HTTP {status}: the marketplace timed out",
                                 source=source)
    if status >= 500:
        raise SourceUnavailableError(f"{source}: HTTP {status}: the marketplace is unavailable",
                                     source=source, retry_after=retry_after)
    raise RequestRejectedError(f"{source}: HTTP {status}: request rejected", source=source)


class SourceHttp:
    """One source's view of the shared HTTP client.

    It waits for the source's rate limiter, sends the request, checks the answer with
    the source's own ``check`` (which raises typed errors), and retries retryable
    failures within the deadline.

    Example:
        >>> async def demo():
        ...     transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"ok": 1}))
        ...     async with httpx.AsyncClient(transport=transport) as client:
        ...         http = SourceHttp(client, source="demo", limiter_key="demo",
        ...                           rate_limit=RateLimit(requests=100))
        ...         return (await http.get("https://example.jp/api", params={"appid": "x"})).json()
        >>> asyncio.run(demo())
        {'ok': 1}
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        source: str,
        limiter_key: str,
        rate_limit: RateLimit,
        check: ResponseCheck | None = None,
        deadline: Deadline | None = None,
        request_timeout: float = 15.0,
        max_attempts: int = 3,
        headers: Mapping[str, str] | None = None,
        cache: HttpCache | None = None,
        cache_ttl: float = 0.0,
        prepare: RequestHook | None = None,
    ) -> None:
        self.client = client
        self.source = source
        self.limiter_key = limiter_key
        self.rate_limit = rate_limit
        self.check = check or (lambda response: default_check(response, source))
        self.deadline = deadline or Deadline(None)
        self.request_timeout = request_timeout
        self.max_attempts = max_attempts
        self.headers = dict(headers or {})
        #: Called with every attempt's request before it is sent (fresh signatures on retries).
        self.prepare = prepare
        self.requests_sent = 0
        self.cache = cache
        self.cache_ttl = cache_ttl
        #: Answers served from the cache (no request sent, no quota spent).
        self.cache_hits = 0
        #: HTTP 429 answers received (each one retried or reported).
        self.throttled = 0
        #: The last failure of a request, kept for reporting when the deadline cuts retries.
        self.last_error: SourceError | None = None

    async def get(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
        cache: bool | None = None,
        cache_identity: str | None = None,
    ) -> httpx.Response:
        """Send a GET through the cache, limiter, retries and checks.

        Example:
            >>> # response = await http.get("https://shopping.yahooapis.jp/...", params={...})
        """
        return await self.request("GET", url, params=params, headers=headers,
                                  extensions=extensions, cache=cache,
                                  cache_identity=cache_identity)

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, Any] | None = None,
        json: Any = None,
        extensions: Mapping[str, Any] | None = None,
        cache: bool | None = None,
        cache_identity: str | None = None,
    ) -> httpx.Response:
        """Send a request through the cache, limiter, retries and checks; return the response.

        ``cache``: whether the answer may be cached (default: GET requests only). Pass
        ``False`` for anything carrying or returning a secret (token endpoints); a source
        may pass ``True`` for a POST search whose body names no secret.
        ``cache_identity``: what makes two requests the same, when the body carries
        per-request noise (a session id); by default the redacted URL and body.

        Raises:
            SourceError: a typed error once retries are exhausted or not allowed.

        Example:
            >>> # response = await http.request("POST", token_url, data={...})
        """
        merged = {**self.headers, **(headers or {})}
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        cacheable = self.cache is not None and (method == "GET" if cache is None else cache)
        probe: httpx.Request | None = None
        cache_key = ""
        if cacheable and self.cache is not None:
            probe = self.client.build_request(method, url, params=clean_params or None,
                                              headers=merged, data=data, json=json)
            cache_key = self.cache.key(self.source, probe, cache_identity)
            hit = await self.cache.get(cache_key, probe)
            if hit is not None:
                self.cache_hits += 1
                logger.debug("%s: cache hit %s", self.source, redact_url(probe.url))
                return hit

        def stop(state: RetryCallState) -> bool:
            if state.attempt_number >= self.max_attempts:
                return True
            # The next attempt cannot start before the backoff nor before the rate limiter
            # frees a slot (one interval after the attempt that just failed).
            remaining = self.deadline.remaining()
            next_start = max(state.upcoming_sleep, self.rate_limit.interval)
            return remaining is not None and next_start >= remaining

        exponential = wait_exponential(multiplier=0.5, max=8.0) + wait_random(0, 0.25)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            retry_after = getattr(exc, "retry_after", None)
            return max(float(retry_after or 0.0), exponential(state))

        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda e: isinstance(e, SourceError) and e.retryable),
            stop=stop,
            wait=wait,
            reraise=True,
            before_sleep=self._log_retry,
        )
        async for attempt in retrying:
            with attempt:
                try:
                    response = await self._send_once(method, url, clean_params, merged, data,
                                                     json, extensions)
                except SourceError as exc:
                    self.last_error = exc
                    raise
                self.last_error = None
                if probe is not None and self.cache is not None and response.status_code < 500:
                    await self.cache.put(cache_key, probe, response, self.cache_ttl)
                return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        logger.info("%s: retrying in %.2fs after %s: %s", self.source, state.upcoming_sleep,
                    type(exc).__name__, redact(str(exc)))

    async def _send_once(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any],
        headers: Mapping[str, str],
        data: Mapping[str, Any] | None,
        json: Any,
        extensions: Mapping[str, Any] | None,
    ) -> httpx.Response:
        limiter = shared_limiter(self.limiter_key, self.rate_limit)
        await limiter.acquire()
        await pace(self.limiter_key, self.rate_limit)
        remaining = self.deadline.remaining()
        timeout = self.request_timeout if remaining is None else min(self.request_timeout,
                                                                     max(remaining, 0.001))
        request = self.client.build_request(
            method, url, params=params or None, headers=headers, data=data, json=json,
            timeout=timeout, extensions=dict(extensions or {}),
        )
        if self.prepare is not None:
            self.prepare(request)
        shown = redact_url(request.url)
        started = time.monotonic()
        self.requests_sent += 1
        logger.debug("%s: %s %s", self.source, method, shown)
        try:
            response = await self.client.send(request)
            await response.aread()
        except httpx.TimeoutException as exc:
            raise SourceTimeoutError(
                f"{self.source}: no answer from {request.url.host} within {timeout:.1f}s "
                f"({type(exc).__name__})", source=self.source) from None
        except httpx.TransportError as exc:
            raise SourceUnavailableError(
                f"{self.source}: cannot reach {request.url.host}: {type(exc).__name__}: "
                f"{redact(str(exc)) or 'connection failed'}", source=self.source) from None
        logger.debug("%s: %s %s -> %d in %.0f ms", self.source, method, shown,
                     response.status_code, (time.monotonic() - started) * 1000)
        if response.status_code == 429:
            self.throttled += 1
        self.check(response)
        return response


def clean_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers with credential values replaced by ``***`` (for debugging output).

    Example:
        >>> clean_headers([("Authorization", "Bearer x"), ("Accept", "json")])
        {'Authorization': '***', 'Accept': 'json'}
    """
    return {k: ("***" if k.lower() in SECRET_HEADERS else v) for k, v in headers}
