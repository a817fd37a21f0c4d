"""Rakuten's error answers, read from either envelope and mapped to typed errors.

Two envelopes are served: the classic ``{"error": "wrong_parameter", "error_description":
"..."}`` and the 2026 gateway's ``{"errors": {"errorCode": 403, "errorMessage": "..."}}``,
sometimes with HTTP 200. 404 ``not_found`` means "no items" and raises nothing.

Example:
    >>> import httpx
    >>> _error_fields(httpx.Response(400, json={"error": "wrong_parameter",
    ...                                         "error_description": "keyword is not valid"}))
    ('wrong_parameter', 'keyword is not valid')
"""

from __future__ import annotations

import re

import httpx

from altfinder.errors import (
    AuthenticationError,
    BlockedError,
    RateLimitedError,
    RequestRejectedError,
    SourceTimeoutError,
    SourceUnavailableError,
)
from altfinder.http import parse_retry_after, redact


def _error_fields(response: httpx.Response) -> tuple[str, str]:
    """``(code, message)`` from either envelope: classic ``error``/``error_description``
    or the 2026 gateway's ``errors: {errorCode, errorMessage}``."""
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        errors = errors[0]
    if isinstance(errors, dict):
        code = errors.get("errorCode", errors.get("code", ""))
        message = errors.get("errorMessage", errors.get("message", ""))
        return str(code), str(message)
    error = body.get("error")
    if isinstance(error, dict):  # tolerate {"error": {"code", "message"}}
        return str(error.get("code", "")), str(error.get("message", ""))
    if error is not None or "error_description" in body:
        return str(error or ""), str(body.get("error_description", ""))
    return "", ""


_ABOUT_ORIGIN = re.compile(r"referr?er|\borigin\b")
_ERROR_START = re.compile(rb'^\s*\{\s*"(?:errors?|error_description)"\s*:')


def _raise_for_error(response: httpx.Response, *, source: str, origin: str | None) -> None:
    """Raise the typed error an answer of Rakuten's means; return for a success or a 404.

    ``origin`` is the ``Origin`` the source sent (``None`` when none), named in the
    message of a refusal about it.
    """
    status = response.status_code
    if status < 400 and not _ERROR_START.match(response.content[:200]):
        return
    code, message = _error_fields(response)
    code, message = redact(code), redact(message)
    if status < 400:  # an error envelope served with 200: judge it by its own code
        status = int(code) if code.isdigit() else {
            "wrong_parameter": 400, "not_found": 404, "too_many_requests": 429,
            "system_error": 500, "service_unavailable": 503}.get(code, 500)
    label = "" if code.isdigit() else code
    said = f" {label}: {message}" if label and message else f" {label or message}".rstrip()
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    lowered = f"{code} {message}".lower()
    if status == 404:
        return  # not_found: no items (the search reads it as an empty page)
    if _ABOUT_ORIGIN.search(lowered):
        where = (f"the Origin sent was {origin}, which is not one of the app's "
                 "allowed websites" if origin else "no Origin/Referer was sent")
        raise AuthenticationError(
            f"{source}: HTTP {status}{said} — the app is registered as a web application "
            f"and {where}; set origin= (or ALTFINDER_RAKUTEN_ORIGIN) to a site registered "
            "for the app, or register an app of the API/backend type",
            source=source)
    if "applicationid" in lowered or "application_id" in lowered:
        raise AuthenticationError(
            f"{source}: HTTP {status}{said} — the applicationId was refused; check "
            "ALTFINDER_RAKUTEN_APPLICATION_ID (since 2026-05-14 only the UUID application "
            "id of an app registered on the new Rakuten Developers platform works)",
            source=source)
    if "accesskey" in lowered or "access_key" in lowered or "access key" in lowered:
        raise AuthenticationError(
            f"{source}: HTTP {status}{said} — the accessKey was refused; check "
            "ALTFINDER_RAKUTEN_ACCESS_KEY (the app's pk_… access key)", source=source)
    if status == 429:
        raise RateLimitedError(
            f"{source}: HTTP 429{said} — more than one request per second for this "
            "application id", source=source, retry_after=retry_after)
    if status in (401, 403):
        if not message and "html" in response.headers.get("content-type", ""):
            raise BlockedError(f"{source}: HTTP {status}: an HTML block page from "
                               "Rakuten's edge, not the API", source=source)
        raise AuthenticationError(
            f"{source}: HTTP {status}{said} — the application id and access key were "
            "refused (or the app may not use this API)", source=source)
    if status in (408, 504):
        raise SourceTimeoutError(f"{source}: HTTP {status}{said}", source=source)
    if status >= 500:
        raise SourceUnavailableError(f"{source}: HTTP {status}{said}", source=source,
                                     retry_after=retry_after)
    raise RequestRejectedError(f"{source}: HTTP {status}{said}", source=source)
