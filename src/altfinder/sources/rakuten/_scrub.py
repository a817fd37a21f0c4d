"""Keeping the application id out of results: Rakuten's ``rafcid`` tracking parameter.

Rakuten appends ``rafcid=wsc_i_is_<applicationId>`` to the URLs it serves, so every URL an
offer shows and every raw payload it keeps goes through here.

Example:
    >>> _scrub({"itemUrl": "https://item.rakuten.co.jp/s/1/?rafcid=wsc_i_is_0a1b-uuid"})
    {'itemUrl': 'https://item.rakuten.co.jp/s/1/'}
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from altfinder.http import redact


def strip_rafcid(url: str) -> str:
    """Remove Rakuten's ``rafcid`` tracking parameter (it carries the application id).

    Only the ``rafcid`` pair goes; every other parameter keeps its exact encoding. The item
    URL an affiliate link wraps (``pc=``/``m=``) is cleaned too.

    Example:
        >>> strip_rafcid("https://item.rakuten.co.jp/shop/x/?rafcid=wsc_i_is_0a1b-uuid")
        'https://item.rakuten.co.jp/shop/x/'
        >>> strip_rafcid("https://hb.afl.rakuten.co.jp/hgc/12ab/?pc=https%3A%2F%2Fitem"
        ...              ".rakuten.co.jp%2Fs%2F1%2F%3Frafcid%3Dwsc_i_is_1&m=x&rafcid=wsc_i_is_1")
        'https://hb.afl.rakuten.co.jp/hgc/12ab/?pc=https%3A%2F%2Fitem.rakuten.co.jp%2Fs%2F1%2F&m=x'
    """
    if "rafcid" not in url.lower():
        return url
    parts = urlsplit(url)
    kept: list[str] = []
    for pair in parts.query.split("&") if parts.query else []:
        key, _, value = pair.partition("=")
        if unquote(key).lower() == "rafcid":
            continue
        if "rafcid" in value.lower():
            inner = unquote(value)
            if inner.startswith(("http://", "https://")):
                value = quote(strip_rafcid(inner), safe="")
        kept.append(f"{key}={value}" if _ or value else key)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _scrub(value: Any) -> Any:
    """A copy of a raw payload with ``rafcid`` and every registered credential removed."""
    if isinstance(value, str):
        return redact(strip_rafcid(value)) if "rafcid" in value.lower() else redact(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value
