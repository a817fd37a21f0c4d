"""Mercari (メルカリ) — the web app's own JSON API on ``api.mercari.jp``.

Mercari has no public API. Its web front-end calls ``POST /v2/entities:search`` and
``GET /items/get`` without a login; every request carries a **DPoP proof** (RFC 9449): a
JWS signed ES256 with a P-256 key the client makes up, the public key in the JOSE header,
and claims binding it to one request (``htm``, ``htu``, a fresh ``jti`` and ``iat``) plus a
per-session ``uuid``. This adapter makes one key per instance (PyJWT + cryptography sign),
signs every attempt anew, and never shows the key.

Mercari cannot be searched by JAN: the keyword matches titles and descriptions. Offers are
found by title (``Identity.TITLE``, flagged ``title_match``) and left to the title matcher.
The search gives no seller rating, so the best few candidates are read in detail
(``items/get``; Mercari Shops products through the shops API) for the seller's ratings,
the current status and the dispatch time.

These endpoints are unofficial and may change or be refused at any time; see the
marketplace page of the documentation for the terms risk and the pacing chosen.

This package holds the source (requests, errors, the search and the choice of details);
``_dpop`` signs the proofs, ``_wire`` models Mercari's answers, ``_mapping`` maps its
conditions and sellers, ``_parse`` reads a search page and ``_detail`` a listing's detail.

Example:
    >>> from altfinder.sources import Mercari
    >>> Mercari()
    Mercari()
"""

from __future__ import annotations

import importlib
import logging
import statistics
import uuid
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import httpx
from rapidfuzz import fuzz

from altfinder._text import normalize
from altfinder.errors import (
    AuthenticationError,
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceError,
    SourceTimeoutError,
    SourceUnavailableError,
)
from altfinder.http import RateLimit, parse_retry_after, redact
from altfinder.models import ExclusionReason, Offer, Product
from altfinder.sources._keywords import product_keywords
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.mercari._detail import apply_item_detail, apply_shop_product
from altfinder.sources.mercari._dpop import DPoPSigner
from altfinder.sources.mercari._mapping import (
    CONDITIONS,
    SHOPS_BADGE,
    SOURCE,
    WEB_ROOT,
    item_url,
)
from altfinder.sources.mercari._mapping import SHIPPING_PAYERS as SHIPPING_PAYERS
from altfinder.sources.mercari._parse import SearchPage as SearchPage
from altfinder.sources.mercari._parse import parse_search
from altfinder.sources.mercari._wire import error_summary, looks_like_block_page

__all__ = [
    "CONDITIONS",
    "DPoPSigner",
    "ItemNotFoundError",
    "Mercari",
    "apply_item_detail",
    "apply_shop_product",
    "item_url",
    "parse_search",
]

logger = logging.getLogger("altfinder.sources.mercari")

API_ROOT = "https://api.mercari.jp"
SEARCH_PATH = "/v2/entities:search"
ITEM_PATH = "/items/get"
SHOP_PRODUCT_PATH = "/v1/marketplaces/shops/products/{id}"
#: What the web app sends; Mercari has refused python-requests' default agent.
BROWSER_USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
MAX_PAGE_SIZE = 120


# -- errors ------------------------------------------------------------------------------
class ItemNotFoundError(RequestRejectedError):
    """``items/get`` (or the shops product) answered 404: the listing is gone.

    Example:
        >>> ItemNotFoundError("gone", source="mercari").retryable
        False
    """


# -- the source --------------------------------------------------------------------------
def _default_relevance(product: Product, title: str) -> float:
    """0–1: how plausibly ``title`` is the product (the matcher when available)."""
    matcher: Callable[[Product, str], Any] | None = getattr(
        importlib.import_module("altfinder"), "match_title", None)
    if matcher is not None:
        try:
            match = matcher(product, title)
            return float(match.score) if match.is_match else 0.0
        except Exception:  # a matcher bug must not stop the search
            logger.debug("mercari: match_title failed on %r", title, exc_info=True)
    reference = normalize(product.title or product.model_number or "").casefold()
    if not reference:
        return 0.5
    return fuzz.partial_ratio(reference, normalize(title).casefold()) / 100.0


class Mercari(Source):
    """Mercari through the web app's API: DPoP-signed search and item detail.

    Args:
        max_pages: pages of up to 120 listings to read (1 by default: a keyword search
            sorted by relevance puts the product's listings first).
        page_size: listings per page (1–120).
        detail_limit: at most this many ``items/get`` (or shops product) requests per
            search, for the cheapest plausible candidates: their sellers' ratings,
            current status and dispatch time. 0 turns details off.
        min_relevance: candidates for detail must score at least this (0–1) against the
            product (the title matcher's score when it is installed, a fuzzy score else).
        keywords: builds the keyword query from the described product.
        api_root, search_path, item_path, shop_product_path, web_root: where the API and
            the listing pages live (configurable should Mercari move them).
        platform_header: the header that names the client platform (``X-Platform: web``).
        user_agent: a browser user agent, as the web app sends.
        with_auction: send ``withAuction: true`` so auction listings are returned.
        datasets: ``defaultDatasets`` — Mercari's own listings and Mercari Shops.
        rate_limit: override the polite default of one request per second.

    Example:
        >>> Mercari(detail_limit=2).detail_limit
        2
    """

    name: ClassVar[str] = SOURCE
    label: ClassVar[str] = "メルカリ"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    hosts: ClassVar[tuple[str, ...]] = ("api.mercari.jp",)
    cache_ttl: ClassVar[float] = 900.0  # 15 min: flea-market listings sell within hours

    def __init__(
        self,
        *,
        max_pages: int = 1,
        page_size: int = MAX_PAGE_SIZE,
        detail_limit: int = 4,
        min_relevance: float = 0.5,
        keywords: Callable[[Product], str] = product_keywords,
        api_root: str = API_ROOT,
        search_path: str = SEARCH_PATH,
        item_path: str = ITEM_PATH,
        shop_product_path: str = SHOP_PRODUCT_PATH,
        web_root: str = WEB_ROOT,
        platform_header: str = "X-Platform",
        user_agent: str = BROWSER_USER_AGENT,
        with_auction: bool = True,
        datasets: Iterable[str] = ("DATASET_TYPE_MERCARI", "DATASET_TYPE_BEYOND"),
        relevance: Callable[[Product, str], float] = _default_relevance,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ConfigurationError(f"mercari: page_size must be 1–120, got {page_size}")
        if max_pages < 1:
            raise ConfigurationError(f"mercari: max_pages must be at least 1, got {max_pages}")
        if detail_limit < 0:
            raise ConfigurationError(f"mercari: detail_limit must be ≥ 0, got {detail_limit}")
        self.max_pages = max_pages
        self.page_size = page_size
        self.detail_limit = detail_limit
        self.min_relevance = min_relevance
        self.keywords = keywords
        self.relevance = relevance
        self.api_root = api_root.rstrip("/")
        self.search_path = search_path
        self.item_path = item_path
        self.shop_product_path = shop_product_path
        self.web_root = web_root.rstrip("/")
        self.platform_header = platform_header
        self.user_agent = user_agent
        self.with_auction = with_auction
        self.datasets = tuple(datasets)
        # One key and session uuid per instance, as the web app has one per browser session.
        self._dpop = DPoPSigner()

    def __repr__(self) -> str:
        return "Mercari()"

    # -- requests ------------------------------------------------------------------
    def default_headers(self) -> dict[str, str]:
        """A browser user agent and ``X-Platform: web``, as Mercari's web app sends.

        Example:
            >>> Mercari().default_headers()["X-Platform"]
            'web'
        """
        return {"User-Agent": self.user_agent, self.platform_header: "web",
                "Accept": "application/json"}

    def prepare_request(self, request: httpx.Request) -> None:
        """Sign every attempt with a fresh DPoP proof bound to its method and URL.

        Example:
            >>> import jwt
            >>> request = httpx.Request("GET", "https://api.mercari.jp/items/get?id=m1")
            >>> Mercari().prepare_request(request)
            >>> jwt.decode(request.headers["DPoP"], options={"verify_signature": False})["htu"]
            'https://api.mercari.jp/items/get?id=m1'
        """
        request.headers["DPoP"] = self._dpop.proof(request.method, str(request.url))

    def search_body(self, keyword: str, *, conditions: Iterable[int] = (),
                    page_token: str = "") -> dict[str, Any]:
        """The ``entities:search`` body: on-sale listings matching ``keyword``.

        Example:
            >>> body = Mercari().search_body("Nintendo Switch", conditions=[1, 2, 3])
            >>> body["searchCondition"]["status"], body["searchCondition"]["itemConditionId"]
            (['STATUS_ON_SALE'], [1, 2, 3])
        """
        return {
            "userId": "",
            "pageSize": self.page_size,
            "pageToken": page_token,
            "searchSessionId": uuid.uuid4().hex,
            "indexRouting": "INDEX_ROUTING_UNSPECIFIED",
            "thumbnailTypes": [],
            "searchCondition": {
                "keyword": keyword,
                "excludeKeyword": "",
                "sort": "SORT_SCORE",
                "order": "ORDER_DESC",
                "status": ["STATUS_ON_SALE"],
                "sizeId": [],
                "categoryId": [],
                "brandId": [],
                "sellerId": [],
                "priceMin": 0,
                "priceMax": 0,
                "itemConditionId": sorted(conditions),
                "shippingPayerId": [],
                "shippingFromArea": [],
                "shippingMethod": [],
                "colorId": [],
                "hasCoupon": False,
                "attributes": [],
                "itemTypes": [],
                "skuIds": [],
            },
            "defaultDatasets": list(self.datasets),
            "serviceFrom": "suruga",
            "withAuction": self.with_auction,
        }

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Map Mercari's answers to typed errors.

        401 → :class:`AuthenticationError` (the DPoP proof or the client was refused);
        403 or an HTML page → :class:`BlockedError` (Cloudflare / IP blocking); 404 on an
        item → :class:`ItemNotFoundError`; 429 → :class:`RateLimitedError`;
        5xx → :class:`SourceUnavailableError`.

        Example:
            >>> req = httpx.Request("GET", "https://api.mercari.jp/items/get?id=m1")
            >>> body = (b'{"result":"error","errors":[{"code":"RecordNotFoundException",'
            ...         b'"message":"gone"}]}')
            >>> answer = httpx.Response(404, content=body, request=req)
            >>> Mercari().check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.sources.mercari.ItemNotFoundError: mercari: HTTP 404 ... gone
        """
        status = response.status_code
        if status < 400:
            if looks_like_block_page(response):
                raise BlockedError(f"{self.name}: an HTML page instead of the API's JSON "
                                   "(a bot check or a block page)", source=self.name)
            return
        code, message = error_summary(response)
        said = redact(" ".join(p for p in (code, message) if p))
        said = f" {said}" if said else ""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 401:
            raise AuthenticationError(
                f"{self.name}: HTTP 401{said} — Mercari refused the request's DPoP proof or "
                "client (the web API changed, or this network is not trusted)", source=self.name)
        if status == 403:
            raise BlockedError(
                f"{self.name}: HTTP 403{said} — blocked (Mercari refuses some networks, "
                "e.g. data centres and VPNs)", source=self.name)
        if status == 404:
            raise ItemNotFoundError(f"{self.name}: HTTP 404{said}", source=self.name)
        if status == 429:
            raise RateLimitedError(f"{self.name}: HTTP 429 too many requests{said}",
                                   source=self.name, retry_after=retry_after)
        if status in (408, 504):
            raise SourceTimeoutError(f"{self.name}: HTTP {status}{said}", source=self.name)
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: HTTP {status}{said}", source=self.name,
                                         retry_after=retry_after)
        raise RequestRejectedError(f"{self.name}: HTTP {status}{said}", source=self.name)

    # -- search ------------------------------------------------------------------------
    @staticmethod
    def _allowed_conditions(ctx: SearchContext) -> list[int]:
        excluded = set(ctx.policy.excluded_conditions)
        allowed = [grade for grade, (condition, _) in CONDITIONS.items()
                   if condition not in excluded]
        return [] if len(allowed) == len(CONDITIONS) else allowed

    async def search(self, ctx: SearchContext) -> None:
        """Search on-sale listings by keyword, then read the best candidates in detail.

        Example:
            >>> # await Mercari().search(ctx)
        """
        product = await ctx.described_product(needs=("title",))
        keyword = self.keywords(product)
        if not keyword:
            ctx.note(f"{self.name}: Mercari has no code search and nothing described the "
                     "product's title, so there was nothing to search for")
            return
        conditions = self._allowed_conditions(ctx)
        url = f"{self.api_root}{self.search_path}"
        found: dict[str, Offer] = {}
        token = ""
        for _ in range(self.max_pages):
            # A read-only search: cacheable, keyed by what it asks (the body's session id
            # is fresh every time).
            response = await ctx.http.request(
                "POST", url, json=self.search_body(keyword, conditions=conditions,
                                                   page_token=token),
                cache=True, cache_identity=f"{keyword}|{sorted(conditions)}|{token}")
            try:
                payload = response.json()
            except ValueError:
                raise ParseError(f"{self.name}: the search answer is not JSON",
                                 source=self.name) from None
            page = parse_search(payload, now=ctx.now, web_root=self.web_root)
            for problem in page.problems:
                ctx.note(f"{self.name}: skipped an unreadable listing ({problem})")
            for offer, reason, detail in page.excluded:
                ctx.exclude(offer, reason, detail)
            for offer in page.offers:
                if offer.item_id is not None:
                    found.setdefault(offer.item_id, offer)
            token = page.next_page_token
            if not token or not page.offers:
                break
        # Added now, so they survive a deadline or a failure while reading details.
        for offer in found.values():
            ctx.add(offer)
        await self._details(ctx, product, list(found.values()))

    def _candidates(self, product: Product, offers: list[Offer]) -> list[Offer]:
        plausible = [o for o in offers if self.relevance(product, o.title) >= self.min_relevance]
        if not plausible:
            return []
        # Accessories sort first by price; the product's own listings cluster around a median.
        median = statistics.median(o.price for o in plausible)
        plausible = [o for o in plausible if o.price >= 0.4 * median]
        return sorted(plausible, key=lambda o: o.price)[:self.detail_limit]

    async def _details(self, ctx: SearchContext, product: Product, offers: list[Offer]) -> None:
        if not self.detail_limit or not offers:
            return
        for candidate in self._candidates(product, offers):
            item_id = candidate.item_id or ""
            shop = bool(candidate.seller and SHOPS_BADGE in candidate.seller.badges)
            try:
                if shop:
                    response = await ctx.http.get(
                        self.api_root + self.shop_product_path.format(id=item_id),
                        params={"view": "FULL", "imageType": "JPEG"})
                    updated, gone = apply_shop_product(candidate, response.json(),
                                                       web_root=self.web_root)
                else:
                    response = await ctx.http.get(f"{self.api_root}{self.item_path}",
                                                  params={"id": item_id})
                    updated, gone = apply_item_detail(candidate, response.json(), now=ctx.now,
                                                      web_root=self.web_root)
            except ItemNotFoundError:
                updated, gone = candidate, "the listing was deleted after the search (HTTP 404)"
            except (ParseError, ValueError) as exc:
                ctx.note(f"{self.name}: could not read the detail of {item_id} "
                         f"({redact(str(exc))}); the offer keeps the search's data")
                continue
            except SourceError as exc:
                ctx.note(f"{self.name}: stopped reading listing details ({redact(str(exc))}); "
                         "the other offers keep the search's data (no seller rating)")
                return
            position = next(i for i, o in enumerate(ctx.offers) if o is candidate)
            if gone is None:
                ctx.offers[position] = updated
            else:
                del ctx.offers[position]
                ctx.exclude(updated, ExclusionReason.OUT_OF_STOCK, gone)
