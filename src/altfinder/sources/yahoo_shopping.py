"""Yahoo!ショッピング — the itemSearch v3 API.

``GET https://shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch`` with the client
id as ``appid``. It is the one Japanese mall API with a real JAN search (``jan_code``),
and every hit carries its ``janCode``, so identity is checked against the code itself.

What it cannot tell: the shipping fee (only 設定なし / 送料無料 / 条件付き送料無料, so the
fee is unknown unless free), the free-shipping threshold, and the user's own PayPay
bonus campaigns beyond LYP premium.

Example:
    >>> from altfinder.sources import YahooShopping
    >>> src = YahooShopping(client_id="dj00demo")
    >>> src
    YahooShopping(client_id=***)
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, ClassVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from altfinder.codes import same_gtin
from altfinder.errors import (
    AltfinderError,
    AuthenticationError,
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceUnavailableError,
)
from altfinder.http import RateLimit, default_check, parse_retry_after, redact
from altfinder.models import Condition, Flag, Identity, Offer, Product, RatingScale, Seller
from altfinder.sources.base import SearchContext, Source

__all__ = ["YahooShopping", "parse_item_search"]

logger = logging.getLogger("altfinder.sources.yahoo_shopping")

ENDPOINT = "https://shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch"
MAX_POSITION = 1000  # start + results must not exceed this
MAX_PAGE_SIZE = 50


# -- the wire contract (v3 itemSearch) ----------------------------------------------
class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Review(_Wire):
    rate: float | None = None
    count: int | None = None


class _Seller(_Wire):
    sellerId: str | None = None
    name: str = ""
    url: str | None = None
    isBestSeller: bool | None = None
    review: _Review | None = None


class _Point(_Wire):
    amount: int = 0
    bonusAmount: int = 0
    premiumAmount: int = 0
    premiumBonusAmount: int = 0


class _PriceLabel(_Wire):
    taxable: bool | None = None
    defaultPrice: int | None = None
    discountedPrice: int | None = None
    fixedPrice: int | None = None
    premiumPrice: int | None = None
    periodStart: int | None = None
    periodEnd: int | None = None


class _Shipping(_Wire):
    code: int | None = None
    name: str | None = None


class _Delivery(_Wire):
    day: int | None = None
    deadLine: int | None = None
    area: str | None = None


class _Image(_Wire):
    small: str | None = None
    medium: str | None = None


class _ExImage(_Wire):
    url: str | None = None


class _Brand(_Wire):
    id: int | None = None
    name: str | None = None


class _Hit(_Wire):
    name: str
    url: str
    price: int = Field(ge=0)
    inStock: bool = True
    code: str | None = None
    condition: str | None = None
    premiumPrice: int | None = None
    premiumPriceStatus: bool = False
    priceLabel: _PriceLabel | None = None
    point: _Point | None = None
    shipping: _Shipping | None = None
    seller: _Seller | None = None
    delivery: _Delivery | None = None
    janCode: str | None = None
    image: _Image | None = None
    exImage: _ExImage | None = None
    brand: _Brand | None = None


class _Page(_Wire):
    totalResultsAvailable: int = 0
    totalResultsReturned: int = 0
    firstResultsPosition: int | None = None
    firstResultPosition: int | None = None  # the spelling of the documentation's sample
    hits: list[dict[str, Any]]


# -- parsing ---------------------------------------------------------------------------
def _condition(value: str | None) -> tuple[Condition, str | None]:
    if value == "used":
        return Condition.USED, "中古"
    if value == "new":
        return Condition.NEW, "新品"
    return Condition.NEW, value


def _price(hit: _Hit, *, premium: bool, now: datetime | None) -> int:
    """The price at ``now``: a sale price only inside its window; premium price for members."""
    price = hit.price
    label = hit.priceLabel
    if (label is not None and now is not None and label.discountedPrice is not None
            and label.periodStart and label.periodEnd and label.defaultPrice):
        inside = label.periodStart <= now.timestamp() <= label.periodEnd
        price = label.discountedPrice if inside else label.defaultPrice
    if premium and hit.premiumPriceStatus:
        member = hit.premiumPrice or (label.premiumPrice if label else None)
        if member and member < price:
            price = member
    return price


def _seller(raw: _Seller | None) -> Seller | None:
    if raw is None or not raw.name:
        return None
    review = raw.review or _Review()
    count = review.count
    rating = None
    if review.rate is not None and count:
        rating = min(max(review.rate / 5.0, 0.0), 1.0)
    return Seller(
        name=raw.name,
        id=raw.sellerId,
        url=raw.url,
        rating=rating,
        rating_scale=RatingScale.STARS_5 if rating is not None else None,
        rating_count=count,
        badges=("ベストストア",) if raw.isBestSeller else (),
    )


def _offer(hit: _Hit, raw: dict[str, Any], *, code: str | None, premium: bool,
           now: datetime | None) -> Offer:
    condition, label = _condition(hit.condition)
    point = hit.point or _Point()
    points = (point.premiumAmount + point.premiumBonusAmount) if premium else (
        point.amount + point.bonusAmount)
    shipping_code = hit.shipping.code if hit.shipping else None
    jan = (hit.janCode or "").strip() or None
    if code is None:
        identity = Identity.TITLE
    elif jan is None:
        identity = Identity.CODE_SEARCH
    else:
        identity = Identity.CODE
    day = hit.delivery.day if hit.delivery else None
    image = (hit.exImage.url if hit.exImage else None) or (hit.image.medium if hit.image else None)
    return Offer(
        source=YahooShopping.name,
        title=hit.name,
        url=hit.url,
        price=_price(hit, premium=premium, now=now),
        shipping_fee=0 if shipping_code == 2 else None,
        points=max(points, 0),
        condition=condition,
        condition_label=label,
        seller=_seller(hit.seller),
        in_stock=hit.inStock,
        jan=jan,
        identity=identity,
        flags=frozenset({Flag.TITLE_MATCH}) if identity is Identity.TITLE else frozenset(),
        item_id=hit.code,
        image_url=image,
        lead_time_days=day if day is not None and day >= 0 else None,
        list_price=hit.priceLabel.fixedPrice if hit.priceLabel else None,
        ships_from_overseas=None,
        raw=raw,
    )


def parse_item_search(
    payload: Any,
    *,
    code: str | None = None,
    premium: bool = False,
    now: datetime | None = None,
) -> tuple[list[Offer], int, list[str]]:
    """Read one itemSearch v3 page: ``(offers, totalResultsAvailable, problems)``.

    ``code`` is the JAN searched with ``jan_code`` (``None`` for a title search, whose
    offers are flagged ``title_match``). ``premium`` applies LYP premium prices and
    points. ``problems`` names hits that could not be read (they are not offers).

    Raises:
        ParseError: the payload is not an itemSearch page.

    Example:
        >>> page = {"totalResultsAvailable": 1, "hits": [{"name": "Switch", "url": "https://x",
        ...         "price": 32978, "inStock": True, "janCode": "4902370548495",
        ...         "shipping": {"code": 2}, "point": {"amount": 299, "bonusAmount": 0}}]}
        >>> offers, total, problems = parse_item_search(page, code="4902370548495")
        >>> offers[0].price, offers[0].shipping_fee, offers[0].points, total
        (32978, 0, 299, 1)
    """
    if not isinstance(payload, dict):
        raise ParseError(f"yahoo_shopping: expected a JSON object, got {type(payload).__name__}",
                         source=YahooShopping.name)
    try:
        page = _Page.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"yahoo_shopping: not an itemSearch page: {_first_error(exc)}",
                         source=YahooShopping.name) from None
    offers: list[Offer] = []
    problems: list[str] = []
    for index, raw in enumerate(page.hits):
        try:
            hit = _Hit.model_validate(raw)
            offers.append(_offer(hit, raw, code=code, premium=premium, now=now))
        except (ValidationError, ValueError, TypeError) as exc:
            detail = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"hit {index + 1}: {detail}")
    return offers, page.totalResultsAvailable, problems


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


def _error_message(response: httpx.Response) -> str:
    text = response.text.strip()
    if text.startswith("<"):
        from xml.etree import ElementTree

        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError:
            return ""
        return (root.findtext("Message") or root.findtext(".//Message") or "").strip()
    try:
        body = json.loads(text)
    except ValueError:
        return ""
    if isinstance(body, dict):
        error = body.get("Error") or body.get("error")
        if isinstance(error, dict):
            return str(error.get("Message") or error.get("message") or "").strip()
        if isinstance(error, str):
            return error
    return ""


MAX_SIBLINGS = 20  # titles of the family kept from the search by name

_BRACKETS = re.compile(r"【[^】]*】|\[[^\]]*\]|（[^）]*）|\([^)]*\)|＜[^＞]*＞|<[^>]*>")


def _family_query(offers: list[Offer], jan: str) -> str | None:
    """The product's name for a search of its family: the first two words of the shortest
    title that carries the JAN, brackets (【送料無料】, (有機ELモデル)) dropped.

    Example:
        >>> o = Offer(source="yahoo_shopping", title="【送料無料】Nintendo Switch Lite ターコイズ",
        ...           url="https://store.shopping.yahoo.co.jp/x/1.html", price=21978,
        ...           jan="4902370542912")
        >>> _family_query([o], "4902370542912")
        'Nintendo Switch'
    """
    titles = [o.title for o in offers if o.jan and same_gtin(o.jan, jan)]
    if not titles:
        return None
    words = _BRACKETS.sub(" ", min(titles, key=len)).split()
    return " ".join(words[:2]) or None


class YahooShopping(Source):
    """Yahoo!ショッピング through the itemSearch v3 API.

    Args:
        client_id: the application's Client ID (``appid``); or ``ALTFINDER_YAHOO_CLIENT_ID``.
        affiliate_id: a ValueCommerce affiliate id, so listing URLs earn commission
            (``ALTFINDER_YAHOO_AFFILIATE_ID``); ``affiliate_type`` is ``"vc"``.
        max_results: at most this many hits per search (pages of up to 50; the API never
            returns past position 1,000).
        page_size: hits per request (1–50).
        in_stock: send ``in_stock`` (``None``: do not send it; sold-out hits are then
            reported as excluded).
        endpoint: the itemSearch URL (configurable should Yahoo move it).
        rate_limit: override the documented 1 query per second per client id.
        family_search: after a JAN search, one more request by the product's name: its
            hits under other JANs are the product's siblings (another colour, edition,
            platform…), which the title matcher uses to reject flea-market listings of
            them. Off by default: it doubles this source's requests per code (one query a
            second) and lengthens the search's critical path.

    Example:
        >>> YahooShopping(client_id="dj00demo", max_results=50).page_size
        50
    """

    name: ClassVar[str] = "yahoo_shopping"
    label: ClassVar[str] = "Yahoo!ショッピング"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    credentials: ClassVar[dict[str, str]] = {"client_id": "ALTFINDER_YAHOO_CLIENT_ID"}
    optional_env: ClassVar[dict[str, str]] = {"affiliate_id": "ALTFINDER_YAHOO_AFFILIATE_ID"}
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 30
    #: Yahoo's terms require this credit wherever results from its API are shown.
    credit: ClassVar[str | None] = "Web Services by Yahoo! JAPAN"
    hosts: ClassVar[tuple[str, ...]] = ("shopping.yahooapis.jp",)
    cache_ttl: ClassVar[float] = 3600.0  # the API terms discourage keeping data

    def __init__(
        self,
        *,
        client_id: str | None = None,
        affiliate_id: str | None = None,
        affiliate_type: str = "vc",
        max_results: int = 100,
        page_size: int = MAX_PAGE_SIZE,
        in_stock: bool | None = None,
        endpoint: str = ENDPOINT,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
        family_search: bool = False,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        self.family_search = family_search
        self._client_id = self._credential("client_id", client_id)
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ConfigurationError(f"yahoo_shopping: page_size must be 1–50, got {page_size}")
        if not 1 <= max_results <= MAX_POSITION:
            raise ConfigurationError(
                f"yahoo_shopping: max_results must be 1–{MAX_POSITION}, got {max_results}")
        self._affiliate_id = affiliate_id
        self.affiliate_type = affiliate_type
        self.max_results = max_results
        self.page_size = page_size
        self.in_stock = in_stock
        self.endpoint = endpoint

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Map Yahoo's error answers (JSON ``Error.Message``, XML maintenance) to typed errors.

        Example:
            >>> xml = "<Error><Message>API_MAINTENANCE</Message><Code>503</Code></Error>"
            >>> answer = httpx.Response(503, text=xml, request=httpx.Request("GET", ENDPOINT))
            >>> YahooShopping(client_id="dj00x").check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.SourceUnavailableError: yahoo_shopping: the API is in maintenance ...
        """
        status = response.status_code
        content_type = response.headers.get("content-type", "")
        looks_xml = "xml" in content_type or response.content[:20].lstrip().startswith(b"<Error")
        if status < 400 and not looks_xml:
            return
        message = redact(_error_message(response))
        said = f": {message}" if message else ""
        if status in (403, 429, 503) and not message and "html" in content_type:
            # Not Yahoo's API answering but an edge in front of it: a block page.
            raise BlockedError(f"{self.name}: HTTP {status} block page instead of an API answer "
                               "(too many requests from this address, or blocked)",
                               source=self.name)
        if "MAINTENANCE" in message.upper():
            raise SourceUnavailableError(f"{self.name}: the API is in maintenance ({message})",
                                         source=self.name)
        if status == 400:
            if "appid" in message.lower():
                raise AuthenticationError(
                    f"{self.name}: the Client ID (appid) was refused{said}", source=self.name)
            raise RequestRejectedError(f"{self.name}: bad request{said}", source=self.name)
        if status in (401, 403):
            if "insufficient_scope" in message:
                hint = "the Client ID is not allowed to use the Shopping API"
            else:
                hint = ("the Client ID is unknown, deleted or not allowed, or today's quota "
                        "(50,000 requests per Client ID, reset at 00:00 JST) is used up")
            raise AuthenticationError(f"{self.name}: HTTP {status}{said} — {hint}",
                                      source=self.name)
        if status == 429:
            raise RateLimitedError(f"{self.name}: too many requests{said}", source=self.name,
                                   retry_after=parse_retry_after(response.headers.get("Retry-After")))
        if looks_xml and status < 400:
            raise SourceUnavailableError(f"{self.name}: error answer{said}", source=self.name)
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: HTTP {status}{said}", source=self.name,
                                         retry_after=parse_retry_after(
                                             response.headers.get("Retry-After")))
        default_check(response, self.name)

    # -- search ------------------------------------------------------------------------
    def _params(self, *, jan: str | None, query: str | None, start: int, results: int,
                sort: str | None = "+price") -> dict[str, Any]:
        params: dict[str, Any] = {"appid": self._client_id}
        if jan:
            params["jan_code"] = jan
        if query:
            params["query"] = query
        params.update({"results": results, "start": start})
        if sort:
            params["sort"] = sort
        if self.in_stock is not None:
            params["in_stock"] = "true" if self.in_stock else "false"
        if self._affiliate_id:
            params["affiliate_type"] = self.affiliate_type
            params["affiliate_id"] = self._affiliate_id
        return params

    def _pages(self) -> Iterator[tuple[int, int]]:
        start = 1
        while start <= self.max_results:
            results = min(self.page_size, self.max_results - start + 1, MAX_POSITION - start + 1)
            if results <= 0:
                return
            yield start, results
            start += results

    async def search(self, ctx: SearchContext) -> None:
        """Search by JAN (``jan_code``), or by title when the code is an ASIN with no JAN.

        Example:
            >>> # await YahooShopping(client_id=...).search(ctx)
        """
        jan = ctx.code.jan
        query: str | None = None
        if jan is None:
            product = await ctx.described_product(needs=("jan",))
            jan = product.jan
            if jan is None:
                if not product.title:
                    ctx.note(f"{self.name}: the ASIN did not resolve to a JAN or a title, "
                             "so there was nothing to search for")
                    return
                query = " ".join(p for p in (product.model_number, product.title) if p)[:120]
        premium = ctx.points_profile.yahoo_premium
        described = False
        name: str | None = None
        for start, results in self._pages():
            response = await ctx.http.get(
                self.endpoint, params=self._params(jan=jan, query=query, start=start,
                                                   results=results))
            try:
                payload = response.json()
            except ValueError:
                raise ParseError(f"{self.name}: the answer is not JSON", source=self.name) from None
            offers, total, problems = parse_item_search(payload, code=jan, premium=premium,
                                                        now=ctx.now)
            for problem in problems:
                ctx.note(f"{self.name}: skipped an unreadable hit ({problem})")
            for offer in offers:
                if offer.in_stock:
                    ctx.add(offer)
                else:
                    ctx.exclude(offer, "out_of_stock", "inStock: false (在庫なし)")
            if not described and jan:
                described = self._describe(ctx, jan, offers)
                name = _family_query(offers, jan) if described and self.family_search else None
            if start + results > min(total, self.max_results) or not offers:
                break
        if jan and name:
            await self._siblings(ctx, jan, name)

    async def _siblings(self, ctx: SearchContext, jan: str, name: str) -> None:
        """One search by name (relevance order): its hits under another JAN are siblings."""
        try:
            response = await ctx.http.get(self.endpoint, params=self._params(
                jan=None, query=name, start=1, results=MAX_PAGE_SIZE, sort=None))
            offers, _, _ = parse_item_search(response.json(), code=None, premium=False,
                                             now=ctx.now)
        except (AltfinderError, ValueError) as exc:  # the siblings only help: never fail
            ctx.note(f"{self.name}: the search for the product's siblings failed ({exc})")
            return
        siblings = [o.title for o in offers if o.jan and not same_gtin(o.jan, jan)]
        if siblings:
            ctx.describe(Product(siblings=tuple(dict.fromkeys(siblings))[:MAX_SIBLINGS]))

    @staticmethod
    def _describe(ctx: SearchContext, jan: str, offers: list[Offer]) -> bool:
        carrying = [o for o in offers if o.jan == jan]
        if not carrying:
            return False
        title = min((o.title for o in carrying), key=len)
        brand = None
        for offer in carrying:
            raw_brand = (offer.raw or {}).get("brand")
            if isinstance(raw_brand, dict) and raw_brand.get("name"):
                brand = str(raw_brand["name"])
                break
        ctx.describe(Product(jan=jan, title=title, brand=brand))
        return True
