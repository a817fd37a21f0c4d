"""Amazon.co.jp — the Creators API (the successor of PA-API 5, retired in 2026).

OAuth2 client credentials (Login with Amazon, Far-East region for www.amazon.co.jp: the
"3.3" credentials), then ``POST https://creatorsapi.amazon/catalog/v1/getItems`` /
``searchItems`` with ``Authorization: Bearer <token>`` and
``x-marketplace: www.amazon.co.jp``. It is the one reliable way between Amazon's codes
and everyone else's:

* an ASIN input → ``getItems`` → ``itemInfo.externalIds.eans`` → the JAN the other
  marketplaces search by;
* a JAN input → ``searchItems`` with the JAN as keywords, keeping only items whose
  ``externalIds`` carry that JAN (one JAN can have several ASINs; look-alikes that merely
  mention it are dropped, with their reason) → the ASINs the ``amazon`` source lists
  offers for.

Its offers (``offersV2``) are few — the featured offer, and the Amazonアウトレット listing
when Amazon returns it — and carry price, condition, merchant, availability, points and
deals, but no shipping fee and no seller rating; the ``amazon`` source sees those.

Access needs an Associates account with at least ten qualifying sales in the last 30
days (403 ``AssociateNotEligible`` otherwise). Hosts, paths, the token URL, the credential
version and the header names are constructor options: the contract is new and partly
uncertain.

Example:
    >>> from altfinder.sources import AmazonCreators
    >>> AmazonCreators(credential_id="amzn1.application-oa2-client.x", credential_secret="s3cr3t",
    ...                partner_tag="mytag-22")
    AmazonCreators(credential_id=***, credential_secret=***, partner_tag=***)
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from stdnum import ean, isbn

from altfinder.errors import (
    AuthenticationError,
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceUnavailableError,
)
from altfinder.http import (
    RateLimit,
    SourceHttp,
    default_check,
    parse_retry_after,
    redact,
    register_secret,
)
from altfinder.models import (
    Condition,
    ExclusionReason,
    Identity,
    Offer,
    Product,
    Seller,
)
from altfinder.sources._amazon import (
    AMAZON_JP_NAME,
    is_amazon_itself,
    is_outlet,
    lead_time_days,
    listing_key,
)
from altfinder.sources.base import SearchContext, Source

__all__ = [
    "AmazonCreators",
    "CreatorsItem",
    "CreatorsPage",
    "item_offers",
    "parse_get_items",
    "parse_search_items",
]

logger = logging.getLogger("altfinder.sources.amazon_creators")

API_HOST = "https://creatorsapi.amazon"
GET_ITEMS_PATH = "/catalog/v1/getItems"
SEARCH_ITEMS_PATH = "/catalog/v1/searchItems"
MARKETPLACE = "www.amazon.co.jp"
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

OFFER_RESOURCES = (
    "offersV2.listings.availability", "offersV2.listings.condition",
    "offersV2.listings.dealDetails", "offersV2.listings.isBuyBoxWinner",
    "offersV2.listings.loyaltyPoints", "offersV2.listings.merchantInfo",
    "offersV2.listings.price", "offersV2.listings.type",
)
ITEM_RESOURCES = (
    "itemInfo.title", "itemInfo.byLineInfo", "itemInfo.externalIds",
    "itemInfo.manufactureInfo", "images.primary.medium",
)
ELIGIBILITY_HELP = (
    "the Associates account behind these credentials does not currently qualify for the "
    "Creators API: Amazon requires at least 10 qualifying (shipped) sales referred in the "
    "last 30 days and revokes access while the account is below that. Until it qualifies, "
    "the amazon source (All Offers Display pages) needs no credentials for ASIN inputs"
)
_TOKEN_REFUSALS = {"TokenExpired", "InvalidToken"}
_GONE = {"OUT_OF_STOCK", "UNAVAILABLE"}
_PRIME_ONLY = {"PRIME_EXCLUSIVE", "PRIME_EARLY_ACCESS"}
_TRACKING_PARAMS = {"tag", "linkcode", "ascsubtag", "creative", "creativeasin", "camp",
                    "linkid", "ref_"}


# -- the wire contract (lowerCamelCase JSON) ---------------------------------------------
class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Money(_Wire):
    amount: float | None = None
    currency: str | None = None
    displayAmount: str | None = None


class _SavingBasis(_Wire):
    money: _Money | None = None
    savingBasisType: str | None = None
    savingBasisTypeLabel: str | None = None


class _Price(_Wire):
    money: _Money | None = None
    savingBasis: _SavingBasis | None = None


class _ListingCondition(_Wire):
    value: str | None = None
    subCondition: str | None = None
    conditionNote: str | None = None

    @field_validator("value", "subCondition", "conditionNote", mode="before")
    @classmethod
    def _plain(cls, raw: Any) -> Any:
        # OffersV2 sends plain strings; tolerate the v1 {"Value": ...} objects too.
        if isinstance(raw, dict):
            return raw.get("value") or raw.get("Value") or raw.get("displayValue")
        return raw


class _Merchant(_Wire):
    id: str | None = None
    name: str | None = None


class _Availability(_Wire):
    type: str | None = None
    message: str | None = None
    maxOrderQuantity: int | str | None = None


class _Points(_Wire):
    points: int | None = None


class _Deal(_Wire):
    accessType: str | None = None
    badge: str | None = None
    startTime: str | None = None
    endTime: str | None = None


class _Listing(_Wire):
    availability: _Availability | None = None
    condition: _ListingCondition | None = None
    dealDetails: _Deal | None = None
    isBuyBoxWinner: bool | None = None
    loyaltyPoints: _Points | None = None
    merchantInfo: _Merchant | None = None
    price: _Price | None = None
    type: str | None = None


class _Offers(_Wire):
    listings: list[dict[str, Any]] = []


class _Single(_Wire):
    displayValue: str | None = None


class _Multi(_Wire):
    displayValues: list[str] = []


class _ExternalIds(_Wire):
    eans: _Multi | None = None
    isbns: _Multi | None = None
    upcs: _Multi | None = None


class _ByLine(_Wire):
    brand: _Single | None = None
    manufacturer: _Single | None = None


class _Manufacture(_Wire):
    model: _Single | None = None
    itemPartNumber: _Single | None = None


class _ItemInfo(_Wire):
    title: _Single | None = None
    byLineInfo: _ByLine | None = None
    externalIds: _ExternalIds | None = None
    manufactureInfo: _Manufacture | None = None


class _Image(_Wire):
    url: str | None = None


class _Primary(_Wire):
    medium: _Image | None = None
    large: _Image | None = None
    small: _Image | None = None


class _Images(_Wire):
    primary: _Primary | None = None


class _Item(_Wire):
    asin: str
    detailPageURL: str | None = None
    images: _Images | None = None
    itemInfo: _ItemInfo | None = None
    offersV2: _Offers | None = None


class _ErrorData(_Wire):
    code: str = ""
    message: str = ""


class _ItemsResult(_Wire):
    items: list[dict[str, Any]] = []


class _SearchResult(_Wire):
    items: list[dict[str, Any]] = []
    totalResultCount: int | None = None


class _GetItems(_Wire):
    itemsResult: _ItemsResult | None = None
    errors: list[_ErrorData] = []


class _SearchItems(_Wire):
    searchResult: _SearchResult | None = None
    errors: list[_ErrorData] = []


class _TokenAnswer(_Wire):
    access_token: str
    expires_in: float = 3600.0


# -- reading ---------------------------------------------------------------------------------
@dataclass
class CreatorsItem:
    """One catalog item of a getItems/searchItems answer.

    ``codes`` holds every EAN-13 the item carries: its EANs, its UPCs (as EAN-13) and its
    ISBNs (as ISBN-13).

    Example:
        >>> CreatorsItem(asin="B098RKWHHZ", codes=("4902370548495",)).jan
        '4902370548495'
    """

    asin: str
    title: str | None = None
    brand: str | None = None
    model: str | None = None
    codes: tuple[str, ...] = ()
    url: str | None = None
    image_url: str | None = None
    listings: list[dict[str, Any]] = field(default_factory=list)
    has_offers: bool = False

    def carries(self, code: str) -> bool:
        """Whether the item's external ids include ``code`` (leading zeros ignored).

        Example:
            >>> CreatorsItem(asin="B0X", codes=("0889698357999",)).carries("889698357999")
            True
        """
        wanted = code.zfill(14)
        return any(c.zfill(14) == wanted for c in self.codes)

    @property
    def jan(self) -> str | None:
        """The item's JAN: a Japanese (45/49) EAN first, a book's ISBN-13, else the first.

        Example:
            >>> CreatorsItem(asin="B0X", codes=("0889698357999", "4902370548495")).jan
            '4902370548495'
        """
        for prefix in (("45", "49"), ("978", "979")):
            for code in self.codes:
                if len(code) == 13 and code.startswith(prefix):
                    return code
        return self.codes[0] if self.codes else None


@dataclass
class CreatorsPage:
    """A getItems or searchItems answer: items, per-item errors, the search's total.

    Example:
        >>> CreatorsPage().items
        []
    """

    items: list[CreatorsItem] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    total: int | None = None
    problems: list[str] = field(default_factory=list)


def _codes(ids: _ExternalIds | None) -> tuple[str, ...]:
    if ids is None:
        return ()
    found: list[str] = []
    for raw in (ids.eans.displayValues if ids.eans else []):
        digits = "".join(ch for ch in str(raw) if ch.isdigit())
        if len(digits) in (8, 13) and ean.is_valid(digits):
            found.append(digits)
        elif len(digits) == 14 and digits.startswith("0") and ean.is_valid(digits[1:]):
            found.append(digits[1:])
    for raw in (ids.upcs.displayValues if ids.upcs else []):
        digits = "".join(ch for ch in str(raw) if ch.isdigit())
        if len(digits) == 12 and ean.is_valid("0" + digits):
            found.append("0" + digits)
    for raw in (ids.isbns.displayValues if ids.isbns else []):
        compact = str(raw).replace("-", "").strip().upper()
        if isbn.is_valid(compact):
            found.append(isbn.to_isbn13(compact).replace("-", ""))
    return tuple(dict.fromkeys(found))


def _item(raw: dict[str, Any]) -> CreatorsItem:
    item = _Item.model_validate(raw)
    info = item.itemInfo or _ItemInfo()
    byline = info.byLineInfo or _ByLine()
    brand = (byline.brand or byline.manufacturer or _Single()).displayValue
    manufacture = info.manufactureInfo or _Manufacture()
    model = (manufacture.model or manufacture.itemPartNumber or _Single()).displayValue
    primary = item.images.primary if item.images else None
    image = None
    if primary is not None:
        image = next((i.url for i in (primary.medium, primary.large, primary.small)
                      if i is not None and i.url), None)
    listings = item.offersV2.listings if item.offersV2 else []
    return CreatorsItem(
        asin=item.asin.strip().upper(),
        title=(info.title.displayValue if info.title else None) or None,
        brand=brand or None,
        model=model or None,
        codes=_codes(info.externalIds),
        url=item.detailPageURL,
        image_url=image,
        listings=listings,
        has_offers=bool(listings),
    )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


def _read(payload: Any, model: type[_GetItems] | type[_SearchItems], key: str) -> CreatorsPage:
    operation = "getItems" if model is _GetItems else "searchItems"
    if not isinstance(payload, dict):
        raise ParseError(f"amazon_creators: expected a JSON object from {operation}, got "
                         f"{type(payload).__name__}", source=AmazonCreators.name)
    if key not in payload and "errors" not in payload:
        raise ParseError(f"amazon_creators: not a {operation} answer (keys: "
                         f"{', '.join(sorted(payload)[:5]) or 'none'})",
                         source=AmazonCreators.name)
    try:
        answer = model.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"amazon_creators: not a {operation} answer: {_first_error(exc)}",
                         source=AmazonCreators.name) from None
    page = CreatorsPage(errors=[(e.code, e.message) for e in answer.errors])
    result = answer.itemsResult if isinstance(answer, _GetItems) else answer.searchResult
    if isinstance(result, _SearchResult):
        page.total = result.totalResultCount
    for index, raw in enumerate(result.items if result is not None else []):
        try:
            page.items.append(_item(raw))
        except ValidationError as exc:
            page.problems.append(f"item {index + 1}: {_first_error(exc)}")
    return page


def parse_get_items(payload: Any) -> CreatorsPage:
    """Read a getItems answer (``itemsResult.items`` and per-item ``errors``).

    Raises:
        ParseError: the payload is not a getItems answer (the old PA-API 5 PascalCase
            shape included: ``ItemsResult`` is not ``itemsResult``).

    Example:
        >>> page = parse_get_items({"itemsResult": {"items": [{"asin": "B098RKWHHZ",
        ...     "itemInfo": {"externalIds": {"eans": {"displayValues": ["4902370548495"]}}}}]},
        ...     "errors": [{"code": "ItemNotAccessible", "message": "..."}]})
        >>> page.items[0].jan, page.errors[0][0]
        ('4902370548495', 'ItemNotAccessible')
    """
    return _read(payload, _GetItems, "itemsResult")


def parse_search_items(payload: Any) -> CreatorsPage:
    """Read a searchItems answer (``searchResult.items``, ``totalResultCount``).

    Example:
        >>> parse_search_items({"searchResult": {"items": [], "totalResultCount": 0}}).total
        0
    """
    return _read(payload, _SearchItems, "searchResult")


_GRADE_LABELS = {"likenew": ("ほぼ新品", Condition.LIKE_NEW),
                 "verygood": ("非常に良い", Condition.VERY_GOOD),
                 "good": ("良い", Condition.GOOD),
                 "acceptable": ("可", Condition.ACCEPTABLE),
                 "openbox": ("ほぼ新品", Condition.LIKE_NEW)}


def _condition(raw: _ListingCondition | None) -> tuple[Condition, str | None]:
    """The offer's condition and the words Amazon.co.jp shows for it."""
    if raw is None or not raw.value:
        return Condition.NEW, None  # the resource was not returned: the featured new offer
    value = raw.value.strip().lower()
    sub = (raw.subCondition or "").strip().lower().replace("_", "").replace(" ", "")
    if value == "new":
        return Condition.NEW, "新品"
    if value == "refurbished":
        return Condition.REFURBISHED, "再生品"
    if value in ("used", "collectible"):
        prefix = "中古品" if value == "used" else "コレクター商品"
        grade = _GRADE_LABELS.get(sub)
        if grade is None:
            return Condition.USED, prefix
        return grade[1], f"{prefix} - {grade[0]}"
    return Condition.USED, raw.value  # "Unknown": not sold as new


def _clean_url(url: str | None, asin: str, *, keep_tag: bool) -> str:
    if not url:
        return f"https://www.amazon.co.jp/dp/{asin}"
    if keep_tag:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _TRACKING_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass
class _ItemOffers:
    offers: list[Offer] = field(default_factory=list)
    excluded: list[tuple[Offer, ExclusionReason, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def item_offers(
    item: CreatorsItem,
    *,
    now: datetime,
    jan: str | None = None,
    identity: Identity = Identity.CODE,
    prime_member: bool = False,
    keep_affiliate_tag: bool = False,
) -> tuple[list[Offer], list[tuple[Offer, ExclusionReason, str]], list[str]]:
    """The offers of one item's ``offersV2`` listings: ``(offers, excluded, problems)``.

    Out-of-stock listings and, for non-members, Prime-member-only deal prices are
    excluded with their reason; unreadable listings are problems, not offers.

    Example:
        >>> from altfinder.models import JST
        >>> item = CreatorsItem(asin="B098RKWHHZ", title="Switch", listings=[{
        ...     "price": {"money": {"amount": 37980, "currency": "JPY"}},
        ...     "condition": {"value": "Used", "subCondition": "LikeNew"},
        ...     "merchantInfo": {"id": "A2OUTLET", "name": "Amazonアウトレット"},
        ...     "loyaltyPoints": {"points": 380}}])
        >>> offers, _, _ = item_offers(item, now=datetime(2026, 11, 26, tzinfo=JST))
        >>> offers[0].condition.value, offers[0].outlet, offers[0].points
        ('like_new', True, 380)
    """
    result = _ItemOffers()
    url = _clean_url(item.url, item.asin, keep_tag=keep_affiliate_tag)
    for index, raw in enumerate(item.listings):
        try:
            listing = _Listing.model_validate(raw)
        except ValidationError as exc:
            result.problems.append(f"{item.asin} listing {index + 1}: {_first_error(exc)}")
            continue
        money = listing.price.money if listing.price else None
        if money is None or money.amount is None:
            result.problems.append(f"{item.asin} listing {index + 1}: no price")
            continue
        if money.currency and money.currency.upper() != "JPY":
            result.problems.append(f"{item.asin} listing {index + 1}: price in {money.currency}, "
                                   "not yen")
            continue
        price = round(money.amount)
        condition, label = _condition(listing.condition)
        merchant = listing.merchantInfo or _Merchant()
        name = (merchant.name or "").strip()
        outlet = is_outlet(name)
        amazon = is_amazon_itself(name, merchant.id)
        seller = None
        if name or merchant.id:
            seller = Seller(
                name=name or (AMAZON_JP_NAME if amazon else str(merchant.id)),
                id=merchant.id,
                url=(f"https://www.amazon.co.jp/sp?seller={merchant.id}"
                     if merchant.id and not amazon else None),
            )
        availability = listing.availability or _Availability()
        kind = (availability.type or "").upper()
        basis = listing.price.savingBasis if listing.price else None
        list_price = None
        basis_money = basis.money if basis is not None else None
        if basis_money is not None and basis_money.amount is not None and \
                round(basis_money.amount) > price:
            list_price = round(basis_money.amount)
        deal = listing.dealDetails
        points = (listing.loyaltyPoints.points or 0) if listing.loyaltyPoints else 0
        key = f"{merchant.id or name}:{condition.value}"
        offer = Offer(
            source=AmazonCreators.name,
            title=item.title or f"Amazon.co.jp {item.asin}",
            url=url,
            price=price,
            shipping_fee=None,  # OffersV2 carries no delivery information
            points=max(points, 0),
            condition=condition,
            condition_label=label,
            seller=seller,
            in_stock=kind not in _GONE,
            jan=jan,
            asin=item.asin,
            identity=identity,
            item_id=f"{item.asin}:{key}",
            image_url=item.image_url,
            lead_time_days=lead_time_days(availability.message, now)
            if kind not in ("IN_STOCK", "IN_STOCK_SCARCE") else None,
            delivery_estimate=availability.message or None,
            ships_from=AMAZON_JP_NAME if (amazon or outlet) else None,
            fulfilled_by_marketplace=True if (amazon or outlet) else None,
            outlet=outlet,
            list_price=list_price,
            raw=raw,
        )
        if kind in _GONE:
            result.excluded.append((offer, ExclusionReason.OUT_OF_STOCK,
                                    f"availability {availability.type}: "
                                    f"{availability.message or ''}".strip()))
        elif deal is not None and (deal.accessType or "").upper() in _PRIME_ONLY and \
                not prime_member:
            result.excluded.append((offer, ExclusionReason.POLICY,
                                    f"a Prime-member-only price ({deal.accessType}, "
                                    f"{deal.badge or 'deal'}); pass prime_member=True to "
                                    "AmazonCreators if you are a Prime member"))
        else:
            result.offers.append(offer)
    return result.offers, result.excluded, result.problems


# -- tokens, cached per credential ---------------------------------------------------------------
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


class _TokenRefusedError(AuthenticationError):
    """The API refused a cached token (expired or revoked early): fetch a new one once."""


class AmazonCreators(Source):
    """Amazon.co.jp through the Creators API (codes both ways, the featured offers).

    Args:
        credential_id / credential_secret: the Creators API credentials (Associates
            Central → Creators API); or ``ALTFINDER_AMAZON_CREDENTIAL_ID`` /
            ``ALTFINDER_AMAZON_CREDENTIAL_SECRET``.
        partner_tag: the Associates tracking id (``xxxx-22``); or
            ``ALTFINDER_AMAZON_PARTNER_TAG``.
        credential_version: ``"3.3"`` (Login with Amazon, Far East — www.amazon.co.jp);
            ``2.x`` legacy Cognito credentials are understood too
            (``ALTFINDER_AMAZON_CREDENTIAL_VERSION``).
        token_url / scope: override the version's token endpoint and scope.
        api_host, get_items_path, search_items_path: where the operations live.
        marketplace, marketplace_header, authorization_header: the marketplace and the
            header names the API reads (``x-marketplace``, ``Authorization``).
        max_search_pages: pages of ten items to read when matching a JAN (1–10).
        prime_member: count Prime-member-only deal prices (excluded otherwise).
        keep_affiliate_tag: keep ``tag=`` in listing URLs (they earn you commission but
            show your tracking id in results); stripped by default.
        rate_limit: override the 1 request per second the API grants new accounts.

    Example:
        >>> src = AmazonCreators(credential_id="amzn1.application-oa2-client.x",
        ...                      credential_secret="s3cr3t", partner_tag="mytag-22")
        >>> src.token_url
        'https://api.amazon.co.jp/auth/o2/token'
    """

    name: ClassVar[str] = "amazon_creators"
    label: ClassVar[str] = "Amazon.co.jp (Creators API)"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    credentials: ClassVar[dict[str, str]] = {
        "credential_id": "ALTFINDER_AMAZON_CREDENTIAL_ID",
        "credential_secret": "ALTFINDER_AMAZON_CREDENTIAL_SECRET",
        "partner_tag": "ALTFINDER_AMAZON_PARTNER_TAG",
    }
    optional_env: ClassVar[dict[str, str]] = {
        "credential_version": "ALTFINDER_AMAZON_CREDENTIAL_VERSION",
    }
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 10  # Amazon's catalogue: title, brand, model, JAN
    listing_preference: ClassVar[int] = 20  # the API's copy of a listing lends its points
    hosts: ClassVar[tuple[str, ...]] = ("creatorsapi.amazon", "api.amazon.co.jp")
    cache_ttl: ClassVar[float] = 3600.0
    #: The Associates terms let API data be kept at most 24 hours [uncertain for Creators].
    cache_ttl_max: ClassVar[float | None] = 86400.0

    def __init__(
        self,
        *,
        credential_id: str | None = None,
        credential_secret: str | None = None,
        partner_tag: str | None = None,
        credential_version: str = "3.3",
        token_url: str | None = None,
        scope: str | None = None,
        api_host: str = API_HOST,
        get_items_path: str = GET_ITEMS_PATH,
        search_items_path: str = SEARCH_ITEMS_PATH,
        marketplace: str = MARKETPLACE,
        marketplace_header: str = "x-marketplace",
        authorization_header: str = "Authorization",
        max_search_pages: int = 2,
        prime_member: bool = False,
        keep_affiliate_tag: bool = False,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        self._credential_id = self._credential("credential_id", credential_id)
        self._credential_secret = self._credential("credential_secret", credential_secret)
        self._partner_tag = self._credential("partner_tag", partner_tag)
        family = credential_version.partition(".")[0]
        if family not in ("2", "3"):
            raise ConfigurationError(
                f"amazon_creators: credential_version {credential_version!r} is not a 2.x "
                "(Cognito) or 3.x (Login with Amazon) version")
        resolved_url = token_url or TOKEN_URLS.get(credential_version)
        if resolved_url is None:
            raise ConfigurationError(
                f"amazon_creators: no known token endpoint for credential_version "
                f"{credential_version!r}; pass token_url=... (known: {', '.join(TOKEN_URLS)})")
        if not 1 <= max_search_pages <= 10:
            raise ConfigurationError("amazon_creators: max_search_pages must be 1–10")
        self.credential_version = credential_version
        self.lwa = family == "3"
        self.token_url = resolved_url
        self.scope = scope or (LWA_SCOPE if self.lwa else COGNITO_SCOPE)
        self.api_host = api_host.rstrip("/")
        self.get_items_path = get_items_path
        self.search_items_path = search_items_path
        self.marketplace = marketplace
        self.marketplace_header = marketplace_header
        self.authorization_header = authorization_header
        self.max_search_pages = max_search_pages
        self.prime_member = prime_member
        self.keep_affiliate_tag = keep_affiliate_tag
        material = "\0".join((self.token_url, self.scope, self._credential_id,
                              self._credential_secret))
        self._token_key = hashlib.sha256(material.encode()).hexdigest()

    # -- errors ------------------------------------------------------------------------
    def _is_token_endpoint(self, url: httpx.URL) -> bool:
        wanted = httpx.URL(self.token_url)
        return url.host == wanted.host and url.path == wanted.path

    def check_response(self, response: httpx.Response) -> None:
        """Map the token endpoint's OAuth errors and the API's exception bodies to typed
        errors; a 404 from the catalog ("no results") is left to :meth:`search`.

        Example:
            >>> src = AmazonCreators(credential_id="amzn1.x", credential_secret="s3cr3t",
            ...                      partner_tag="tag-22")
            >>> body = {"message": "Your account does not currently meet the eligibility "
            ...         "requirements.", "reason": "AssociateNotEligible",
            ...         "type": "AccessDeniedException"}
            >>> answer = httpx.Response(403, json=body, request=httpx.Request(
            ...     "POST", API_HOST + GET_ITEMS_PATH))
            >>> src.check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.AuthenticationError: amazon_creators: HTTP 403 ...
        """
        status = response.status_code
        if status < 400:
            return
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
            if status == 403 and "html" in response.headers.get("content-type", "").lower():
                raise BlockedError(f"{self.name}: HTTP 403 with an HTML page, not the API's "
                                   "answer: an edge or firewall block", source=self.name)
        if self._is_token_endpoint(response.request.url):
            self._check_token_answer(status, body, retry_after)
            return
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
            raise RateLimitedError(f"{self.name}: HTTP {status} {what}{said} — the API grants "
                                   "new accounts about 1 request per second and 8,640 a day",
                                   source=self.name, retry_after=retry_after)
        if status == 401:
            if reason in _TOKEN_REFUSALS:
                raise _TokenRefusedError(f"{self.name}: HTTP 401 {what}{said}", source=self.name)
            raise AuthenticationError(f"{self.name}: HTTP 401 {what}{said} — the API refused "
                                      "the access token", source=self.name)
        if status == 403:
            if reason == "AssociateNotEligible":
                raise AuthenticationError(f"{self.name}: HTTP 403 AssociateNotEligible: "
                                          f"{ELIGIBILITY_HELP}", source=self.name)
            raise AuthenticationError(f"{self.name}: HTTP 403 {what}{said} — the credentials "
                                      "are not allowed to use the Creators API",
                                      source=self.name)
        if status == 400:
            if reason in ("InvalidPartnerTag", "InvalidAssociate"):
                raise AuthenticationError(
                    f"{self.name}: HTTP 400 {reason}{said} — the partner tag is not an "
                    f"Associates tracking id of these credentials for {self.marketplace}",
                    source=self.name)
            raise RequestRejectedError(f"{self.name}: HTTP 400 {what}{said}", source=self.name)
        if status == 404:
            return
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: HTTP {status} {what}{said}",
                                         source=self.name, retry_after=retry_after)
        default_check(response, self.name)

    def _check_token_answer(self, status: int, body: dict[str, Any],
                            retry_after: float | None) -> None:
        error = str(body.get("error") or "")
        description = redact(str(body.get("error_description") or "")).strip()
        said = f" ({error}: {description})" if error or description else ""
        if status == 429:
            raise RateLimitedError(f"{self.name}: the token endpoint says too many requests",
                                   source=self.name, retry_after=retry_after)
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: the token endpoint answered HTTP "
                                         f"{status}{said}", source=self.name,
                                         retry_after=retry_after)
        if error == "invalid_scope":
            hint = (f"scope {self.scope!r} is not the one of credential version "
                    f"{self.credential_version}")
        else:
            hint = (f"the credential id or secret was refused; check that they are "
                    f"Creators API credentials of version {self.credential_version} "
                    f"(token endpoint {self.token_url})")
        raise AuthenticationError(f"{self.name}: HTTP {status} from the token endpoint{said} — "
                                  f"{hint}", source=self.name)

    # -- tokens --------------------------------------------------------------------------
    async def _token(self, ctx: SearchContext) -> str:
        cached = _cached(self._token_key)
        if cached is not None:
            return cached.value
        async with _fetch_lock(self._token_key):
            cached = _cached(self._token_key)
            if cached is not None:
                return cached.value
            fields = {"grant_type": "client_credentials", "client_id": self._credential_id,
                      "client_secret": self._credential_secret, "scope": self.scope}
            # The token endpoint is Login with Amazon, not the catalog: its own pace, so a
            # token fetch does not take one of the catalog's one-per-second slots.
            http = SourceHttp(ctx.http.client, source=self.name,
                              limiter_key=f"{self.limiter_key}:token", rate_limit=TOKEN_RATE,
                              check=self.check_response, deadline=ctx.http.deadline,
                              request_timeout=self.request_timeout,
                              headers=self.default_headers())
            try:
                if self.lwa:
                    response = await http.request("POST", self.token_url, json=fields)
                else:
                    response = await http.request("POST", self.token_url, data=fields)
            finally:
                ctx.http.requests_sent += http.requests_sent
            try:
                answer = _TokenAnswer.model_validate(response.json())
            except (ValueError, ValidationError):
                raise ParseError(f"{self.name}: the token endpoint's answer has no access_token",
                                 source=self.name) from None
            register_secret(answer.access_token)
            token = _Token(answer.access_token, time.monotonic() + answer.expires_in)
            with _tokens_lock:
                _tokens[self._token_key] = token
            return token.value

    def _authorization(self, token: str) -> str:
        if self.lwa:
            return f"Bearer {token}"
        return f"Bearer {token}, Version {self.credential_version}"

    async def _call(self, ctx: SearchContext, path: str, body: dict[str, Any]
                    ) -> httpx.Response:
        url = f"{self.api_host}{path}"
        cache = ctx.http.cache
        if cache is not None and _cached(self._token_key) is None:
            # A warm cache answers without a token: do not fetch one just to read it.
            probe = ctx.http.client.build_request("POST", url, json=body)
            hit = await cache.get(cache.key(self.name, probe), probe)
            if hit is not None:
                ctx.http.cache_hits += 1
                return hit
        for attempt in (1, 2):
            token = await self._token(ctx)
            headers = {
                self.authorization_header: self._authorization(token),
                self.marketplace_header: self.marketplace,
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            }
            try:
                # The body names no secret (the partner tag is redacted in the cache key).
                return await ctx.http.request("POST", url, json=body, headers=headers,
                                              cache=True)
            except _TokenRefusedError as exc:
                _forget(self._token_key, token)
                if attempt == 2:
                    raise AuthenticationError(f"{exc.message} — even with a new token",
                                              source=self.name) from None
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _json(response: httpx.Response, operation: str) -> Any:
        if response.status_code == 404:
            return {"errors": [{"code": "NoResults",
                                "message": "No results found for your request."}]}
        try:
            return response.json()
        except ValueError:
            raise ParseError(f"amazon_creators: the {operation} answer is not JSON",
                             source=AmazonCreators.name) from None

    def _body(self, **fields: Any) -> dict[str, Any]:
        return {"partnerTag": self._partner_tag, "condition": "Any",
                "languagesOfPreference": ["ja_JP"], "currencyOfPreference": "JPY",
                "resources": [*ITEM_RESOURCES, *OFFER_RESOURCES], **fields}

    # -- search ------------------------------------------------------------------------
    async def search(self, ctx: SearchContext) -> None:
        """Resolve the code across marketplaces and add the API's offers.

        An ASIN (or ISBN-10 book) → ``getItems`` → its JAN, title and brand for the other
        sources; a JAN → ``searchItems`` → the ASINs that carry it for the ``amazon``
        source.

        Example:
            >>> # await AmazonCreators(...).search(ctx)
        """
        if ctx.code.asin:
            await self._by_asin(ctx, ctx.code.asin)
        else:
            await self._by_jan(ctx, ctx.code.value)

    def _notes_for(self, ctx: SearchContext, page: CreatorsPage) -> None:
        for problem in page.problems:
            ctx.note(f"{self.name}: skipped an unreadable item ({problem})")
        for code, message in page.errors:
            if code == "NoResults":
                continue
            ctx.note(f"{self.name}: {code}: {redact(message)}")

    def _add(self, ctx: SearchContext, item: CreatorsItem, *, jan: str | None) -> None:
        if not item.has_offers:
            ctx.note(f"{self.name}: {item.asin} has no offer through the Creators API "
                     "(discontinued or out of stock)")
            return
        offers, excluded, problems = item_offers(
            item, now=ctx.now, jan=jan, prime_member=self.prime_member,
            keep_affiliate_tag=self.keep_affiliate_tag)
        for problem in problems:
            ctx.note(f"{self.name}: skipped an unreadable listing ({problem})")
        for offer, reason, detail in excluded:
            ctx.exclude(offer, reason, detail)
        for offer in offers:
            seller = offer.seller
            ctx.add(offer.model_copy(update={"listing_key": listing_key(
                offer.asin, offer.condition, seller.id if seller else None,
                seller.name if seller else None)}))

    async def _by_asin(self, ctx: SearchContext, asin: str) -> None:
        response = await self._call(ctx, self.get_items_path, self._body(itemIds=[asin]))
        page = parse_get_items(self._json(response, "getItems"))
        self._notes_for(ctx, page)
        item = next((i for i in page.items if i.asin == asin), None)
        if item is None:
            if all(code == "NoResults" for code, _ in page.errors):
                ctx.note(f"{self.name}: getItems returned nothing for {asin} (not exposed to "
                         "the API, or discontinued)")
            return
        if ctx.code.kind == "asin":
            jan = item.jan
            ctx.describe(Product(jan=jan, asin=asin, title=item.title, brand=item.brand,
                                 model_number=item.model))
            if jan is None:
                ctx.note(f"{self.name}: {asin} carries no JAN/EAN in its catalog entry; the "
                         "other marketplaces can only search by its title")
        else:
            ctx.describe(Product(title=item.title, brand=item.brand))
        self._add(ctx, item, jan=None)

    async def _by_jan(self, ctx: SearchContext, jan: str) -> None:
        matched: list[CreatorsItem] = []
        others: list[CreatorsItem] = []
        for number in range(1, self.max_search_pages + 1):
            response = await self._call(ctx, self.search_items_path, self._body(
                keywords=jan, searchIndex="All", itemCount=10, itemPage=number))
            page = parse_search_items(self._json(response, "searchItems"))
            self._notes_for(ctx, page)
            for item in page.items:
                (matched if item.carries(jan) else others).append(item)
            seen = (number - 1) * 10 + len(page.items)
            if len(page.items) < 10 or (page.total is not None and seen >= page.total):
                break
        if matched:
            first = matched[0]
            ctx.describe(Product(asins=tuple(i.asin for i in matched), title=first.title,
                                 brand=first.brand, model_number=first.model))
        else:
            ctx.note(f"{self.name}: no Amazon.co.jp item carries JAN {jan}"
                     + (f" ({len(others)} keyword matches carry other codes)" if others else ""))
        for item in matched:
            self._add(ctx, item, jan=jan)
        for item in others:
            self._drop_look_alike(ctx, item, jan)

    def _drop_look_alike(self, ctx: SearchContext, item: CreatorsItem, jan: str) -> None:
        if item.codes:
            reason = ExclusionReason.OTHER_PRODUCT
            detail = (f"searchItems returned {item.asin} for JAN {jan}, but its external ids "
                      f"are {', '.join(item.codes)}")
        else:
            reason = ExclusionReason.UNVERIFIED
            detail = (f"searchItems returned {item.asin} for JAN {jan}, but it carries no "
                      "JAN/EAN to confirm it")
        offers, excluded, _ = item_offers(item, now=ctx.now, identity=Identity.TITLE,
                                          keep_affiliate_tag=self.keep_affiliate_tag)
        for offer in [*offers, *(o for o, _, _ in excluded)]:
            ctx.exclude(offer, reason, detail)
        if not offers and not excluded:
            ctx.note(f"{self.name}: dropped look-alike {item.asin} ({detail})")
