"""A persistent HTTP cache on hishel's storages, with per-source TTLs and nothing secret in it.

Marketplace answers are cached *before* the rate limiter, so a warm re-run costs no quota
and no waiting. The cache sits in altfinder's HTTP layer rather than in the transport
because the key and the stored copy must be free of credentials (Rakuten and Yahoo carry
keys in query strings; Rakuten even echoes the application id in every item URL):

* the **key** is a hash of the source name, the method, the redacted URL and the redacted
  body;
* the **stored request** is the redacted URL only (no headers);
* the **stored response** keeps the status, the content type and the body with every
  registered credential replaced by ``***``.

Storage is hishel's: SQLite by default (WAL mode with a busy timeout, so several
processes can share one file), Redis optionally. Each source declares a TTL that
respects its marketplace's terms (Rakuten: prices at most 24 h), capped by the
source's ``cache_ttl_max``. Answers with no offers are cached like any other answer
(negative caching), so a batch does not re-ask about codes nobody sells.

Example:
    >>> import asyncio, tempfile
    >>> from altfinder import find_alternatives
    >>> from altfinder.sandbox import Sandbox
    >>> sandbox = Sandbox(time_scale=50)
    >>> path = tempfile.mkdtemp() + "/cache.sqlite"
    >>> cold = find_alternatives("4902370548495", sources=sandbox.sources(),
    ...                          client=sandbox.client(), cache=path)
    >>> warm = find_alternatives("4902370548495", sources=sandbox.sources(),
    ...                          client=sandbox.client(), cache=path)
    >>> warm.sources[0].requests, len(warm) == len(cold)
    (0, True)
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any, Literal

import httpx
import platformdirs
from hishel import AsyncBaseStorage, AsyncSqliteStorage, Headers
from hishel import Request as CachedRequest
from hishel import Response as CachedResponse

from altfinder.errors import ConfigurationError
from altfinder.http import redact

__all__ = ["CACHE_ENV", "CacheMode", "HttpCache", "default_cache_path", "resolve_cache"]

logger = logging.getLogger("altfinder.cache")

#: ``ALTFINDER_CACHE``: a path to a cache file, ``on`` for the default location, ``off``.
CACHE_ENV = "ALTFINDER_CACHE"

#: ``use``: read and write; ``refresh``: ask the marketplaces again and store the new
#: answers; ``bypass``: neither read nor write.
CacheMode = Literal["use", "refresh", "bypass"]

_KEPT_HEADERS = ("content-type",)


def default_cache_path() -> Path:
    """Where the cache lives by default (the user's cache directory).

    Example:
        >>> default_cache_path().name
        'http-cache.sqlite'
    """
    return Path(platformdirs.user_cache_dir("altfinder")) / "http-cache.sqlite"


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _scrub(data: bytes) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    cleaned = redact(text)
    return data if cleaned == text else cleaned.encode("utf-8", "surrogateescape")


class HttpCache:
    """The persistent cache altfinder's HTTP layer reads before asking a marketplace.

    Args:
        storage: a hishel async storage (``AsyncSqliteStorage``, ``AsyncRedisStorage``);
            default: SQLite at ``path``.
        path: the SQLite file (default: :func:`default_cache_path`).
        ttl: seconds per source name, overriding each source's own ``cache_ttl`` (still
            capped by the source's ``cache_ttl_max``, which encodes its terms).
        mode: ``"use"``, ``"refresh"`` or ``"bypass"`` (see :data:`CacheMode`).

    Example:
        >>> import tempfile
        >>> cache = HttpCache(path=tempfile.mkdtemp() + "/c.sqlite", ttl={"yahoo_shopping": 600})
        >>> cache.mode
        'use'
    """

    def __init__(
        self,
        storage: AsyncBaseStorage | None = None,
        *,
        path: str | Path | None = None,
        ttl: Mapping[str, float] | None = None,
        mode: CacheMode = "use",
    ) -> None:
        if mode not in ("use", "refresh", "bypass"):
            raise ConfigurationError(f"cache mode must be use, refresh or bypass, got {mode!r}")
        if storage is None:
            target = Path(path) if path is not None else default_cache_path()
            target.parent.mkdir(parents=True, exist_ok=True)
            storage = AsyncSqliteStorage(database_path=target)
        self.storage = storage
        self.path = Path(path) if path is not None else None
        self.ttl = dict(ttl or {})
        self.mode: CacheMode = mode
        self.hits = 0
        self.misses = 0
        self.stored = 0

    @classmethod
    def redis(cls, client: Any, *, ttl: Mapping[str, float] | None = None,
              mode: CacheMode = "use") -> HttpCache:
        """A cache on Redis (``redis.asyncio.Redis``), shared by machines and processes.

        Needs the ``redis`` package (``pip install "altfinder[redis]"``).

        Example:
            >>> # cache = HttpCache.redis(redis.asyncio.Redis.from_url("redis://cache:6379/0"))
        """
        from hishel import AsyncRedisStorage

        return cls(AsyncRedisStorage(client=client), ttl=ttl, mode=mode)

    def ttl_for(self, source: str, default: float, maximum: float | None) -> float:
        """The TTL for ``source``: the override or the source's own, capped by its terms.

        Example:
            >>> import tempfile
            >>> HttpCache(path=tempfile.mkdtemp() + "/c", ttl={"rakuten": 10**6}).ttl_for(
            ...     "rakuten", 3600, 86400)
            86400
        """
        ttl = self.ttl.get(source, default)
        if maximum is not None and ttl > maximum:
            logger.warning("%s: cache TTL %ss exceeds the marketplace's terms; using %ss",
                           source, ttl, maximum)
            ttl = maximum
        return ttl

    @staticmethod
    def key(source: str, request: httpx.Request, identity: str | None = None) -> str:
        """The cache key: source, method, redacted URL and redacted body, hashed.

        ``identity`` replaces the body for requests whose body carries per-request noise
        (a search session id): the source names what makes two requests the same.

        Example:
            >>> r = httpx.Request("GET", "https://x.jp/s?appid=secret&jan_code=1")
            >>> HttpCache.key("x", r) == HttpCache.key(
            ...     "x", httpx.Request("GET", "https://x.jp/s?appid=other&jan_code=1"))
            True
        """
        if identity is None:
            body = request.content if isinstance(request.stream, httpx.ByteStream) else b""
            identity = body.decode("utf-8", "replace")
        text = "\n".join((source, request.method, redact(str(request.url)), redact(identity)))
        return hashlib.sha256(text.encode()).hexdigest()

    async def get(self, key: str, request: httpx.Request) -> httpx.Response | None:
        """The cached answer stored under ``key`` (see :meth:`key`), or ``None``.

        Example:
            >>> # response = await cache.get(HttpCache.key("yahoo_shopping", request), request)
        """
        if self.mode != "use":
            return None
        entries = await self.storage.get_entries(key)
        if not entries:
            self.misses += 1
            return None
        cached = entries[0].response
        body = b""
        if cached.stream is not None:
            body = b"".join([chunk async for chunk in cached.stream])  # type: ignore[union-attr]
        self.hits += 1
        headers = [(k, v) for k in cached.headers for v in cached.headers.get_list(k) or []]
        return httpx.Response(cached.status_code, headers=headers, content=body, request=request,
                              extensions={"altfinder_cache": "hit"})

    async def put(self, key: str, request: httpx.Request, response: httpx.Response,
                  ttl: float) -> None:
        """Store an answer (scrubbed of credentials) under ``key`` for ``ttl`` seconds.

        Example:
            >>> # await cache.put(key, request, response, ttl=3600)
        """
        if self.mode == "bypass" or ttl <= 0:
            return
        headers = Headers({name: [response.headers[name]] for name in _KEPT_HEADERS
                           if name in response.headers})
        stored_request = CachedRequest(method=request.method, url=redact(str(request.url)))
        stored_response = CachedResponse(status_code=response.status_code, headers=headers,
                                         stream=_chunks(_scrub(response.content)))
        try:
            entry = await self.storage.create_entry(stored_request, stored_response, key,
                                                    ttl=ttl)
            if entry.response.stream is not None:
                async for _ in entry.response.stream:  # type: ignore[union-attr]
                    pass  # reading the stream is what commits the body
            self.stored += 1
        except Exception as exc:  # a cache failure never fails a search
            logger.warning("cache: could not store an answer from %s: %s", request.url.host,
                           redact(str(exc)))

    async def aclose(self) -> None:
        """Close the storage.

        Example:
            >>> # await cache.aclose()
        """
        await self.storage.close()


def resolve_cache(cache: HttpCache | bool | str | Path | None,
                  environ: Mapping[str, str] | None = None) -> tuple[HttpCache | None, bool]:
    """Turn ``cache=`` into ``(cache, owned)``; ``owned`` caches are closed by their creator.

    ``None`` follows ``ALTFINDER_CACHE`` (a path, ``on`` or ``off``; unset means off);
    ``True`` is the default location; a path is a SQLite file there.

    Example:
        >>> resolve_cache(False)
        (None, False)
        >>> resolve_cache(None, {"ALTFINDER_CACHE": "off"})
        (None, False)
    """
    if isinstance(cache, HttpCache):
        return cache, False
    if cache is None:
        env = os.environ if environ is None else environ
        setting = env.get(CACHE_ENV, "").strip()
        if not setting or setting.lower() in ("0", "off", "false", "no"):
            return None, False
        cache = True if setting.lower() in ("1", "on", "true", "yes") else setting
    if cache is False:
        return None, False
    if cache is True:
        return HttpCache(), True
    return HttpCache(path=cache), True
