"""One error hierarchy for everything altfinder raises.

Every error derives from :class:`AltfinderError`. Errors that describe a
marketplace's answer derive from :class:`SourceError` and carry the source's
registered name. Messages never contain credentials: the HTTP layer redacts
URLs before they reach an error (see :mod:`altfinder.http`).

Example:
    >>> from altfinder import parse_code, InvalidCodeError
    >>> try:
    ...     parse_code("4902370548494")
    ... except InvalidCodeError as exc:
    ...     print(exc)
    bad check digit in '4902370548494': expected 5, got 4
"""

from __future__ import annotations

__all__ = [
    "AltfinderError",
    "AuthenticationError",
    "BlockedError",
    "ConfigurationError",
    "InvalidCodeError",
    "ParseError",
    "RateLimitedError",
    "RequestRejectedError",
    "SourceError",
    "SourceTimeoutError",
    "SourceUnavailableError",
    "UnknownSourceError",
]


class AltfinderError(Exception):
    """Base class of every error altfinder raises.

    Example:
        >>> issubclass(InvalidCodeError, AltfinderError)
        True
    """


class ConfigurationError(AltfinderError, ValueError):
    """A source or policy is configured wrongly (missing credentials, bad option).

    Example:
        >>> from altfinder.sources import YahooShopping
        >>> YahooShopping(client_id="")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        altfinder.errors.ConfigurationError: ...
    """


class UnknownSourceError(ConfigurationError):
    """A source name that is not registered.

    Example:
        >>> from altfinder.sources import get_source_class
        >>> get_source_class("nope")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        altfinder.errors.UnknownSourceError: ...
    """


class InvalidCodeError(AltfinderError, ValueError):
    """The input is not a usable JAN, ISBN, ASIN or Amazon product URL.

    The message says why: wrong length, bad check digit, in-store code, …

    Example:
        >>> from altfinder import parse_code
        >>> parse_code("")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        altfinder.errors.InvalidCodeError: empty input: ...
    """


class SourceError(AltfinderError):
    """A marketplace answered with something other than offers.

    Attributes:
        source: the registered name of the marketplace (``"yahoo_shopping"``).

    Example:
        >>> err = SourceError("boom", source="yahoo_shopping")
        >>> err.source
        'yahoo_shopping'
    """

    #: Whether retrying the same request later may succeed.
    retryable: bool = False

    def __init__(self, message: str, *, source: str = "", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.source = source
        #: Seconds the marketplace asked us to wait, when it said.
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        """The human-readable message (never contains credentials).

        Example:
            >>> SourceError("down", source="x").message
            'down'
        """
        return str(self.args[0]) if self.args else ""


class AuthenticationError(SourceError):
    """The marketplace refused the credentials (wrong, missing, not allowed, over quota).

    Example:
        >>> AuthenticationError("bad appid", source="yahoo_shopping").retryable
        False
    """


class RequestRejectedError(SourceError):
    """The marketplace rejected the request's parameters (HTTP 400 and the like).

    Example:
        >>> RequestRejectedError("keyword too short", source="rakuten").source
        'rakuten'
    """


class RateLimitedError(SourceError):
    """The marketplace says too many requests; ``retry_after`` is in seconds when known.

    Example:
        >>> RateLimitedError("slow down", source="rakuten", retry_after=2.0).retry_after
        2.0
    """

    retryable = True


class SourceTimeoutError(SourceError, TimeoutError):
    """The marketplace did not answer before the deadline.

    Example:
        >>> isinstance(SourceTimeoutError("late", source="x"), TimeoutError)
        True
    """

    retryable = True


class SourceUnavailableError(SourceError):
    """The marketplace is down, in maintenance, or unreachable (5xx, connection errors).

    Example:
        >>> SourceUnavailableError("maintenance", source="yahoo_shopping").retryable
        True
    """

    retryable = True


class BlockedError(SourceError):
    """An anti-bot answer: a captcha, a robot check, a challenge page. Never retried.

    Example:
        >>> BlockedError("captcha", source="amazon").retryable
        False
    """


class ParseError(SourceError):
    """The marketplace answered, but not in the shape its contract describes.

    Example:
        >>> ParseError("expected JSON", source="yahoo_shopping").message
        'expected JSON'
    """
