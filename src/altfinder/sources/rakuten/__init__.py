"""Rakuten Ichiba (楽天市場) and Rakuten Books (楽天ブックス) on Rakuten's 2026 API.

Since 2026-05-14 only the new gateway answers:
``GET https://openapi.rakuten.co.jp/ichibams/api/IchibaItem/Search/{version}`` with the
UUID ``applicationId`` of an app registered on the new platform plus its ``accessKey``;
apps registered as *web applications* must also send an ``Origin``/``Referer`` of one of
their allowed websites. Rakuten Books answers on the same host
(``/services/api/BooksTotal/Search/20170404``) and spends the same quota: one request
per second per application id, shared by every concurrent lookup.

Item Search has no JAN field. The JAN is searched as ``keyword``; an item whose name,
caption or item code carries the exact digits is identity-verified (``Identity.CODE``),
any other is ``Identity.TITLE`` with ``Flag.TITLE_MATCH`` for the finder to judge. Books
and media are also asked of Rakuten Books by ``isbnjan``, a real code index.

What Rakuten does not tell: the shipping fee (only 送料込 / 送料別), the shop's rating
(``reviewAverage`` is the item's), the user's own SPU (see
:attr:`~altfinder.PointsProfile.rakuten_bonus_percent`).

This module holds the source (options, requests, the search flow); the rest of the
package: ``_wire`` (the answers' pydantic models), ``_parse`` (pages to offers),
``_points`` (points, tax and campaigns), ``_identity`` (the code-digits rule), ``_scrub``
(``rafcid`` out of URLs and raw payloads), ``_errors`` (error envelopes to typed errors),
``_titles`` (the title keyword, description titles), ``_run`` (one search's bookkeeping).

Example:
    >>> from altfinder.sources import RakutenIchiba
    >>> RakutenIchiba(application_id="0a1b2c3d-uuid", access_key="pk_demo")
    RakutenIchiba(application_id=***, access_key=***)
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from altfinder.errors import ConfigurationError, ParseError, RequestRejectedError
from altfinder.http import RateLimit
from altfinder.models import Product
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.rakuten._errors import _raise_for_error
from altfinder.sources.rakuten._identity import carries_code
from altfinder.sources.rakuten._parse import (
    SOURCE_NAME,
    RakutenPage,
    parse_books_search,
    parse_item_search,
)
from altfinder.sources.rakuten._points import rakuten_points
from altfinder.sources.rakuten._run import _Run
from altfinder.sources.rakuten._scrub import strip_rafcid
from altfinder.sources.rakuten._titles import title_keyword

__all__ = [
    "BOOKS_ENDPOINT",
    "ENDPOINT",
    "VERSION",
    "RakutenIchiba",
    "RakutenPage",
    "carries_code",
    "parse_books_search",
    "parse_item_search",
    "rakuten_points",
    "strip_rafcid",
    "title_keyword",
]

logger = logging.getLogger("altfinder.sources.rakuten")

#: Item Search on the 2026 gateway; ``{version}`` is filled from ``version=``.
ENDPOINT = "https://openapi.rakuten.co.jp/ichibams/api/IchibaItem/Search/{version}"
#: The documented 2022-06-01 version, carried over to the new host.
VERSION = "20220601"
#: Rakuten Books total search (ISBN and JAN lookups with ``isbnjan``) on the new host.
BOOKS_ENDPOINT = "https://openapi.rakuten.co.jp/services/api/BooksTotal/Search/20170404"
MAX_HITS = 30  # items per page, documented maximum
MAX_PAGE = 100  # documented maximum page
#: Seconds the title search waits for another source's description when Rakuten's own
#: listings already described the product (without one it waits as the deadline allows).
TITLE_WAIT = 5.0

BooksMode = Literal["auto", "always", "never"]


class RakutenIchiba(Source):
    """Rakuten Ichiba Item Search (2026 gateway), with Rakuten Books for books and media.

    Args:
        application_id: the app's UUID application id (``ALTFINDER_RAKUTEN_APPLICATION_ID``).
        access_key: the app's access key, ``pk_…`` (``ALTFINDER_RAKUTEN_ACCESS_KEY``).
        affiliate_id: a Rakuten affiliate id; listing URLs become affiliate links
            (``ALTFINDER_RAKUTEN_AFFILIATE_ID``).
        origin: a website registered for the app (``https://example.com``), sent as
            ``Origin`` and ``Referer``; required for apps of the web-application type
            (``ALTFINDER_RAKUTEN_ORIGIN``). A URL with a path is sent as the Referer and
            its scheme and host as the Origin.
        books: when to ask Rakuten Books (``isbnjan``): ``"auto"`` (default) asks for every
            ISBN and magazine code (491…), and for other JANs only when Item Search found
            no listing carrying the code; ``"always"``; ``"never"``. Each Books call
            spends the same 1 request/second quota.
        max_pages: pages of 30 read for the JAN search (default 2, at most 100).
        title_search: search once more by the product's title (and model number) as
            the sources described it, for listings whose shop did not write the code.
        title_pages: pages read for the title search (default 1).
        version: the Item Search version in the path (``20220601``; ``20260401`` and
            ``20260701`` are also seen on the new host).
        endpoint: the Item Search URL template (``{version}`` is filled in).
        books_endpoint: the Books total search URL.
        access_key_in: ``"query"`` (default, the documented form), ``"header"`` or
            ``"both"``; ``access_key_header`` names the header (``accessKey``).
        rate_limit: override the documented 1 request per second per application id.

    Example:
        >>> RakutenIchiba.credit
        'Supported by Rakuten Developers'
        >>> src = RakutenIchiba(application_id="0a1b2c3d-uuid", access_key="pk_demo",
        ...                     origin="https://example.com/tools", books="never")
        >>> src.default_headers()["Origin"], src.default_headers()["Referer"]
        ('https://example.com', 'https://example.com/tools')
    """

    name: ClassVar[str] = SOURCE_NAME
    label: ClassVar[str] = "楽天市場"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    credentials: ClassVar[dict[str, str]] = {
        "application_id": "ALTFINDER_RAKUTEN_APPLICATION_ID",
        "access_key": "ALTFINDER_RAKUTEN_ACCESS_KEY",
    }
    optional_env: ClassVar[dict[str, str]] = {
        "affiliate_id": "ALTFINDER_RAKUTEN_AFFILIATE_ID",
        "origin": "ALTFINDER_RAKUTEN_ORIGIN",
    }
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 25  # Rakuten Books' catalogue title when it has one
    hosts: ClassVar[tuple[str, ...]] = ("openapi.rakuten.co.jp",)
    # The API terms allow prices and stock to be kept at most 24 h.
    cache_ttl: ClassVar[float] = 3 * 3600.0
    cache_ttl_max: ClassVar[float | None] = 24 * 3600.0
    #: Rakuten's terms require this credit wherever results from its API are shown.
    credit: ClassVar[str | None] = "Supported by Rakuten Developers"

    def __init__(
        self,
        *,
        application_id: str | None = None,
        access_key: str | None = None,
        affiliate_id: str | None = None,
        origin: str | None = None,
        books: BooksMode = "auto",
        max_pages: int = 2,
        title_search: bool = True,
        title_pages: int = 1,
        version: str = VERSION,
        endpoint: str = ENDPOINT,
        books_endpoint: str = BOOKS_ENDPOINT,
        access_key_in: Literal["query", "header", "both"] = "query",
        access_key_header: str = "accessKey",
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        self._application_id = self._credential("application_id", application_id)
        self._access_key = self._credential("access_key", access_key)
        if books not in ("auto", "always", "never"):
            raise ConfigurationError(
                f"rakuten: books must be 'auto', 'always' or 'never', got {books!r}")
        for option, value in (("max_pages", max_pages), ("title_pages", title_pages)):
            if not 1 <= value <= MAX_PAGE:
                raise ConfigurationError(
                    f"rakuten: {option} must be 1–{MAX_PAGE} (Rakuten serves at most 100 "
                    f"pages of 30), got {value}")
        if access_key_in not in ("query", "header", "both"):
            raise ConfigurationError(
                f"rakuten: access_key_in must be 'query', 'header' or 'both', "
                f"got {access_key_in!r}")
        if "{version}" not in endpoint and version != VERSION:
            raise ConfigurationError("rakuten: endpoint has no {version} to fill in")
        affiliate = affiliate_id if affiliate_id is not None else os.environ.get(
            self.optional_env["affiliate_id"])
        self._affiliate_id = (affiliate or "").strip() or None
        origin = origin if origin is not None else os.environ.get(self.optional_env["origin"])
        self.origin, self.referer = self._origin(origin)
        self.books: BooksMode = books
        self.max_pages = max_pages
        self.title_search = title_search
        self.title_pages = title_pages
        self.version = version
        self.endpoint = endpoint.replace("{version}", version)
        self.books_endpoint = books_endpoint
        self.access_key_in = access_key_in
        self.access_key_header = access_key_header

    @staticmethod
    def _origin(value: str | None) -> tuple[str | None, str | None]:
        value = (value or "").strip()
        if not value:
            return None, None
        parts = urlsplit(value if "://" in value else f"https://{value}")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"rakuten: origin must be a website registered for the app, such as "
                f"https://example.com, got {value!r}")
        origin = f"{parts.scheme}://{parts.netloc}"
        referer = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
        return origin, referer

    @property
    def limiter_key(self) -> str:
        """One quota per application id (Rakuten's limit), whatever the access key.

        Example:
            >>> a = RakutenIchiba(application_id="app-1111", access_key="pk_a")
            >>> b = RakutenIchiba(application_id="app-1111", access_key="pk_b")
            >>> a.limiter_key == b.limiter_key
            True
        """
        return f"{self.name}:{hashlib.sha256(self._application_id.encode()).hexdigest()[:12]}"

    def default_headers(self) -> dict[str, str]:
        """``User-Agent``, ``Origin``/``Referer`` when ``origin`` is set, the access-key header.

        Example:
            >>> src = RakutenIchiba(application_id="app-1", access_key="pk_1")
            >>> "Origin" in src.default_headers()
            False
        """
        headers = super().default_headers()
        headers["Accept"] = "application/json"
        if self.origin and self.referer:
            headers["Origin"] = self.origin
            headers["Referer"] = self.referer
        if self.access_key_in in ("header", "both"):
            headers[self.access_key_header] = self._access_key
        return headers

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Map both of Rakuten's error envelopes to typed errors; 404 means "no items".

        Example:
            >>> src = RakutenIchiba(application_id="app-1", access_key="pk_1")
            >>> answer = httpx.Response(403, json={"errors": {"errorCode": 403,
            ...     "errorMessage": "REQUEST_CONTEXT_BODY_HTTP_REFERRER_MISSING"}},
            ...     request=httpx.Request("GET", ENDPOINT))
            >>> src.check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.AuthenticationError: rakuten: HTTP 403 REQUEST_CONTEXT_BODY_...
        """
        _raise_for_error(response, source=self.name, origin=self.origin)

    # -- requests ----------------------------------------------------------------------
    def _auth(self) -> dict[str, Any]:
        params: dict[str, Any] = {"applicationId": self._application_id}
        if self.access_key_in in ("query", "both"):
            params["accessKey"] = self._access_key
        if self._affiliate_id:
            params["affiliateId"] = self._affiliate_id
        return params

    def item_params(self, *, keyword: str, page: int, sort: str = "+itemPrice"
                    ) -> dict[str, Any]:
        """The Item Search query (credentials included: never log it unredacted).

        Example:
            >>> src = RakutenIchiba(application_id="app-1", access_key="pk_1")
            >>> p = src.item_params(keyword="4902370548495", page=1)
            >>> p["formatVersion"], p["hits"], p["availability"], p["sort"]
            (2, 30, 0, '+itemPrice')
        """
        return {**self._auth(), "format": "json", "formatVersion": 2, "keyword": keyword,
                "hits": MAX_HITS, "page": page, "availability": 0, "sort": sort}

    def books_params(self, code: str) -> dict[str, Any]:
        """The Books total search query for one ISBN or JAN.

        Example:
            >>> RakutenIchiba(application_id="app-1", access_key="pk_1").books_params(
            ...     "9784873115658")["isbnjan"]
            '9784873115658'
        """
        return {**self._auth(), "format": "json", "formatVersion": 2, "isbnjan": code,
                "hits": MAX_HITS}

    # -- search ------------------------------------------------------------------------
    async def search(self, ctx: SearchContext) -> None:
        """Search the code (Books and/or Ichiba), describe the product, then widen by title.

        Example:
            >>> # await RakutenIchiba(application_id=..., access_key=...).search(ctx)
        """
        run = _Run(ctx=ctx, bonus=ctx.points_profile.rakuten_bonus_percent)
        code = run.code = ctx.code.jan
        if code is None:
            # An ASIN: Rakuten adds nothing to the description, so release the waiters
            # first (two describers waiting on each other would wait for the deadline).
            ctx.board.describer_done(self.name)
            product = await self._wait_for(ctx, ("jan",))
            code = run.code = product.jan if product else None
            if code is None:
                if product is not None and product.title and self.title_search:
                    await self._title_search(ctx, run, product, code=None)
                elif product is not None and product.title:
                    ctx.note(f"{self.name}: the ASIN resolved to a title but no JAN, and the "
                             "title search is off (title_search=False)")
                else:
                    ctx.note(f"{self.name}: the ASIN did not resolve to a JAN or a title, so "
                             "there was nothing to search for")
                return
        await self._code_stage(ctx, run, code)
        # Describe at once: the board merges descriptions by priority, so a better one
        # (a catalogue title) still wins whenever it arrives, and the sources waiting for a
        # title see the same product on every run.
        if run.description is not None:
            ctx.describe(run.description)
        ctx.board.describer_done(self.name)  # nothing more to tell: release the waiters
        if self.title_search:
            # Another source's description (a cleaner title, a model number) makes a better
            # title search than a shop's listing name: give it the chance to arrive first.
            await self._wait_for(ctx, ("title",), quiet=bool(run.verified),
                                 at_most=TITLE_WAIT if run.verified else None)
            if ctx.product.title:
                await self._title_search(ctx, run, ctx.product, code=code)

    def asks_books_first(self, code: str) -> bool:
        """Whether Rakuten Books is asked, before Item Search, for every lookup of ``code``.

        ISBNs (978/979) and magazine codes (491) are Rakuten Books' own ground.

        Example:
            >>> src = RakutenIchiba(application_id="app-1", access_key="pk_1")
            >>> src.asks_books_first("9784873115658"), src.asks_books_first("4902370548495")
            (True, False)
        """
        return self.books != "never" and code.startswith(("978", "979", "491"))

    async def _code_stage(self, ctx: SearchContext, run: _Run, code: str) -> None:
        books_first = self.asks_books_first(code)
        if books_first:
            await self._books_search(ctx, run, code)
        await self._code_search(ctx, run, code)
        if not books_first and (self.books == "always" or (
                self.books == "auto" and not run.verified)):
            await self._books_search(ctx, run, code)

    async def _wait_for(self, ctx: SearchContext, needs: tuple[str, ...], *,
                        quiet: bool = False, at_most: float | None = None) -> Product | None:
        """``ctx.described_product(needs)``, leaving time for the requests that follow."""
        remaining = ctx.http.deadline.remaining()
        budget = at_most
        if remaining is not None:
            reserve = min(remaining / 2, self.title_pages * self.rate_limit.interval + 1.0)
            budget = min(remaining - reserve, budget if budget is not None else remaining)
        try:
            return await asyncio.wait_for(ctx.described_product(needs=needs),
                                          timeout=None if budget is None else max(budget, 0.0))
        except TimeoutError:
            if not quiet:
                ctx.note(f"{self.name}: no other marketplace described the product in time "
                         f"(no {needs[0]} to search by)")
            return None

    async def _get_json(self, ctx: SearchContext, url: str, params: dict[str, Any]
                        ) -> Any | None:
        response = await ctx.http.get(url, params=params)
        if response.status_code == 404:
            path = urlsplit(url).path
            ctx.note(f"{self.name}: HTTP 404 not_found from {path}, read as no items (if every "
                     "code gets it, check version= and endpoint=)")
            return None
        try:
            return response.json()
        except ValueError:
            raise ParseError(f"{self.name}: the answer is not JSON", source=self.name) from None

    async def _item_pages(self, ctx: SearchContext, run: _Run, *, keyword: str,
                          code: str | None, pages: int, sort: str, api: str) -> None:
        """Item Search pages for ``keyword`` until the last page or one without items."""
        for page_number in range(1, pages + 1):
            payload = await self._get_json(
                ctx, self.endpoint, self.item_params(keyword=keyword, page=page_number, sort=sort))
            if payload is None:
                return
            page = parse_item_search(payload, code=code, now=ctx.now, bonus_percent=run.bonus)
            run.take(page, api=api)
            if page_number >= min(page.page_count, MAX_PAGE) or not (
                    page.offers or page.unavailable):
                return

    async def _code_search(self, ctx: SearchContext, run: _Run, code: str) -> None:
        await self._item_pages(ctx, run, keyword=code, code=code, pages=self.max_pages,
                               sort="+itemPrice", api="Item Search")

    async def _books_search(self, ctx: SearchContext, run: _Run, code: str) -> None:
        payload = await self._get_json(ctx, self.books_endpoint, self.books_params(code))
        if payload is None:
            return
        page = parse_books_search(payload, code=code, now=ctx.now, bonus_percent=run.bonus)
        run.take(page, api="Books")

    async def _title_search(self, ctx: SearchContext, run: _Run, product: Product, *,
                            code: str | None) -> None:
        keyword = title_keyword(product)
        if keyword is None:
            ctx.note(f"{self.name}: the product's title has no searchable words")
            return
        try:
            await self._item_pages(ctx, run, keyword=keyword, code=code, pages=self.title_pages,
                                   sort="standard", api="Item Search (title)")
        except RequestRejectedError as exc:
            ctx.note(f"{self.name}: the title search was refused ({exc.message}); only "
                     "the code search counts")
