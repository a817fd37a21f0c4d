"""Error mapping: the Creators API's and its token endpoint's error answers → typed errors.

The catalog answers ``{"type": ..., "reason": ..., "message": ...}`` (or a PA-API style
``errors`` list); the token endpoint answers OAuth2's ``{"error", "error_description"}``.
Messages are redacted and never name a credential.

Example:
    >>> _check_token_answer(400, {"error": "invalid_scope"}, None, source="amazon_creators",
    ...                     scope="creatorsapi/default", credential_version="3.3",
    ...                     token_url="https://api.amazon.co.jp/auth/o2/token")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    altfinder.errors.AuthenticationError: amazon_creators: HTTP 400 ... — scope 'creatorsapi/...
"""

from __future__ import annotations

from typing import Any

import httpx

from altfinder.errors import (
    AuthenticationError,
    RateLimitedError,
    RequestRejectedError,
    SourceUnavailableError,
)
from altfinder.http import default_check, redact

ELIGIBILITY_HELP = (
    "the Associates account behind these credentials does not currently qualify for the "
    "Creators API: Amazon requires at least 10 qualifying (shipped) sales referred in the "
    "last 30 days and revokes access while the account is below that. Until it qualifies, "
    "the amazon source (All Offers Display pages) needs no credentials for ASIN inputs"
)
_TOKEN_REFUSALS = {"TokenExpired", "InvalidToken"}


class _TokenRefusedError(AuthenticationError):
    """The API refused a cached token (expired or revoked early): fetch a new one once."""


def _check_api_answer(response: httpx.Response, body: dict[str, Any],
                      retry_after: float | None, *, source: str, marketplace: str) -> None:
    """Raise the typed error of the catalog's error answer; a 404 ("no results") passes."""
    status = response.status_code
    kind = str(body.get("type") or body.get("__type") or "").rpartition("#")[2]
    reason = str(body.get("reason") or "")
    errors = body.get("errors") or body.get("Errors") or []
    if not reason and errors and isinstance(errors[0], dict):
        reason = str(errors[0].get("code") or errors[0].get("Code") or "")
    message = redact(str(body.get("message") or body.get("Message") or (
        errors[0].get("message") or errors[0].get("Message") if errors and isinstance(
            errors[0], dict) else "") or "")).strip()
    said = f": {message}" if message else ""
    what = " ".join(p for p in (kind, reason) if p) or f"HTTP {status}"
    if status == 429 or "Throttl" in kind or reason == "TooManyRequests":
        raise RateLimitedError(f"{source}: HTTP {status} {what}{said} — the API grants "
                               "new accounts about 1 request per second and 8,640 a day",
                               source=source, retry_after=retry_after)
    if status == 401:
        if reason in _TOKEN_REFUSALS:
            raise _TokenRefusedError(f"{source}: HTTP 401 {what}{said}", source=source)
        raise AuthenticationError(f"{source}: HTTP 401 {what}{said} — the API refused "
                                  "the access token", source=source)
    if status == 403:
        if reason == "AssociateNotEligible":
            raise AuthenticationError(f"{source}: HTTP 403 AssociateNotEligible: "
                                      f"{ELIGIBILITY_HELP}", source=source)
        raise AuthenticationError(f"{source}: HTTP 403 {what}{said} — the credentials "
                                  "are not allowed to use the Creators API",
                                  source=source)
    if status == 400:
        if reason in ("InvalidPartnerTag", "InvalidAssociate"):
            raise AuthenticationError(
                f"{source}: HTTP 400 {reason}{said} — the partner tag is not an "
                f"Associates tracking id of these credentials for {marketplace}",
                source=source)
        raise RequestRejectedError(f"{source}: HTTP 400 {what}{said}", source=source)
    if status == 404:
        return
    if status >= 500:
        raise SourceUnavailableError(f"{source}: HTTP {status} {what}{said}",
                                     source=source, retry_after=retry_after)
    default_check(response, source)


def _check_token_answer(status: int, body: dict[str, Any], retry_after: float | None, *,
                        source: str, scope: str, credential_version: str,
                        token_url: str) -> None:
    """Raise the typed error of the token endpoint's error answer."""
    error = str(body.get("error") or "")
    description = redact(str(body.get("error_description") or "")).strip()
    said = f" ({error}: {description})" if error or description else ""
    if status == 429:
        raise RateLimitedError(f"{source}: the token endpoint says too many requests",
                               source=source, retry_after=retry_after)
    if status >= 500:
        raise SourceUnavailableError(f"{source}: the token endpoint answered HTTP "
                                     f"{status}{said}", source=source,
                                     retry_after=retry_after)
    if error == "invalid_scope":
        hint = (f"scope {scope!r} is not the one of credential version "
                f"{credential_version}")
    else:
        hint = (f"the credential id or secret was refused; check that they are "
                f"Creators API credentials of version {credential_version} "
                f"(token endpoint {token_url})")
    raise AuthenticationError(f"{source}: HTTP {status} from the token endpoint{said} — "
                              f"{hint}", source=source)
