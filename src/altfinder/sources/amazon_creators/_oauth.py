"""OAuth2 client credentials: each credential version's token endpoint and scope, and the
access tokens cached per credential.

A token lives about an hour; it is shared by every source instance of the same credentials
(across threads), refreshed :data:`TOKEN_MARGIN` seconds early, fetched by one task at a time
per event loop, and forgotten when the API refuses it.

Example:
    >>> TOKEN_URLS["3.3"], LWA_SCOPE
    ('https://api.amazon.co.jp/auth/o2/token', 'creatorsapi::default')
"""

from __future__ import annotations

import asyncio
import threading
import time
import weakref
from dataclasses import dataclass

from altfinder.http import RateLimit

#: Token endpoints by credential version (3.x: Login with Amazon; 2.x: legacy Cognito).
TOKEN_URLS = {
    "3.1": "https://api.amazon.com/auth/o2/token",
    "3.2": "https://api.amazon.co.uk/auth/o2/token",
    "3.3": "https://api.amazon.co.jp/auth/o2/token",
    "2.1": "https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token",
    "2.2": "https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token",
    "2.3": "https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token",
}
LWA_SCOPE = "creatorsapi::default"
COGNITO_SCOPE = "creatorsapi/default"
#: Refresh a cached token this many seconds before it expires.
TOKEN_MARGIN = 60.0
#: Pace of token requests (they are rare: one an hour per credential).
TOKEN_RATE = RateLimit(requests=5, per_seconds=1.0)


@dataclass
class _Token:
    value: str
    expires_at: float  # time.monotonic()

    def fresh(self) -> bool:
        return time.monotonic() < self.expires_at - TOKEN_MARGIN


_tokens: dict[str, _Token] = {}
_tokens_lock = threading.Lock()
_fetch_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]]
_fetch_locks = weakref.WeakKeyDictionary()


def _fetch_lock(key: str) -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    with _tokens_lock:
        per_loop = _fetch_locks.setdefault(loop, {})
        lock = per_loop.get(key)
        if lock is None:
            lock = per_loop[key] = asyncio.Lock()
        return lock


def _cached(key: str) -> _Token | None:
    with _tokens_lock:
        token = _tokens.get(key)
    return token if token is not None and token.fresh() else None


def _forget(key: str, value: str) -> None:
    with _tokens_lock:
        token = _tokens.get(key)
        if token is not None and token.value == value:
            del _tokens[key]


def _remember(key: str, value: str, expires_in: float) -> None:
    with _tokens_lock:
        _tokens[key] = _Token(value, time.monotonic() + expires_in)
