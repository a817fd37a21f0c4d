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

Example:
    >>> from altfinder.sources import Mercari
    >>> Mercari()
    Mercari()
"""

from __future__ import annotations

import importlib
import json
import logging
import statistics
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm
from pydantic import BaseModel, ConfigDict, ValidationError
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
from altfinder.models import (
    JST,
    AuctionInfo,
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Product,
    RatingScale,
    Seller,
)
from altfinder.sources._keywords import product_keywords
from altfinder.sources.base import SearchContext, Source

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
WEB_ROOT = "https://jp.mercari.com"
#: What the web app sends; Mercari has refused python-requests' default agent.
BROWSER_USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
MAX_PAGE_SIZE = 120

#: Mercari's item condition ids (``itemConditionId``) → (condition, Mercari's label).
CONDITIONS: dict[int, tuple[Condition, str]] = {
    1: (Condition.NEW, "新品、未使用"),
    2: (Condition.LIKE_NEW, "未使用に近い"),
    3: (Condition.VERY_GOOD, "目立った傷や汚れなし"),
    4: (Condition.GOOD, "やや傷や汚れあり"),
    5: (Condition.ACCEPTABLE, "傷や汚れあり"),
    6: (Condition.POOR, "全体的に状態が悪い"),
}
_CONDITION_BY_LABEL = {label: (condition, label) for condition, label in CONDITIONS.values()}
#: ``shippingPayerId`` of C2C listings: 2 送料込み(出品者負担), 1 着払い(購入者負担).
SHIPPING_PAYERS = {"2": "送料込み(出品者負担)", "1": "着払い(購入者負担)"}
SHOPS_BADGE = "メルカリShops"


# -- DPoP ------------------------------------------------------------------------------
class DPoPSigner:
    """Signs DPoP proofs (RFC 9449) with its own P-256 key, made when it is created.

    The key never leaves the instance: it is not in the repr, not logged, and only its
    public half travels (in each proof's JOSE header, as the protocol requires).

    Example:
        >>> signer = DPoPSigner()
        >>> proof = signer.proof("POST", "https://api.mercari.jp/v2/entities:search")
        >>> header = jwt.get_unverified_header(proof)
        >>> header["typ"], header["alg"], sorted(header["jwk"])
        ('dpop+jwt', 'ES256', ['crv', 'kty', 'x', 'y'])
        >>> signer
        DPoPSigner(P-256, key=***)
    """

    __slots__ = ("__key", "_jwk", "session_uuid")

    def __init__(self, *, session_uuid: str | None = None) -> None:
        self.__key = ec.generate_private_key(ec.SECP256R1())
        public = ECAlgorithm.to_jwk(self.__key.public_key(), as_dict=True)
        self._jwk = {name: public[name] for name in ("crv", "kty", "x", "y")}
        #: The per-session id Mercari's web app sends as the ``uuid`` claim.
        self.session_uuid = session_uuid or str(uuid.uuid4())

    def proof(self, method: str, url: str, *, issued_at: float | None = None) -> str:
        """A compact JWS binding one request: ``htm``, ``htu``, a new ``jti``, ``iat``.

        Example:
            >>> claims = jwt.decode(DPoPSigner().proof("GET", "https://api.mercari.jp/items/get?id=m1"),
            ...                     options={"verify_signature": False})
            >>> claims["htm"], claims["htu"]
            ('GET', 'https://api.mercari.jp/items/get?id=m1')
        """
        claims = {
            "iat": int(time.time() if issued_at is None else issued_at),
            "jti": str(uuid.uuid4()),
            "htu": url,
            "htm": method.upper(),
            "uuid": self.session_uuid,
        }
        return jwt.encode(claims, self.__key, algorithm="ES256",
                          headers={"typ": "dpop+jwt", "jwk": dict(self._jwk)})

    def __repr__(self) -> str:
        return "DPoPSigner(P-256, key=***)"

    def __reduce__(self) -> Any:  # never pickle the key into a cache or a worker
        raise TypeError("a DPoPSigner holds a private key and cannot be pickled")


# -- the wire contract ---------------------------------------------------------------------
class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Auction(_Wire):
    id: str | None = None
    bidDeadline: str | None = None
    totalBid: str | int | None = None
    highestBid: str | int | None = None


class _Shop(_Wire):
    id: str


class _Photo(_Wire):
    uri: str | None = None


class _Item(_Wire):
    id: str
    sellerId: str | None = None
    status: str = ""
    name: str
    price: str | int
    itemType: str = "ITEM_TYPE_MERCARI"
    itemConditionId: str | int | None = None
    shippingPayerId: str | int | None = None
    shippingMethodId: str | int | None = None
    shopName: str | None = None
    isNoPrice: bool = False
    thumbnails: list[str] = []
    photos: list[_Photo] = []
    auction: _Auction | None = None
    shop: _Shop | None = None


class _Meta(_Wire):
    nextPageToken: str | None = ""
    numFound: str | int | None = None


class _SearchPage(_Wire):
    meta: _Meta
    items: list[dict[str, Any]]


@dataclass
class SearchPage:
    """One parsed ``entities:search`` page.

    Example:
        >>> SearchPage().offers
        []
    """

    offers: list[Offer] = field(default_factory=list)
    excluded: list[tuple[Offer, ExclusionReason, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    next_page_token: str = ""
    total: int | None = None


def _int(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _instant(value: object) -> datetime | None:
    """RFC 3339 (``2026-02-21T11:26:31.052037112Z``) or unix seconds → aware datetime (JST)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
        return datetime.fromtimestamp(int(value), JST)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    if "." in text:  # nanoseconds: Python reads at most microseconds
        head, _, rest = text.partition(".")
        digits = "".join(c for c in rest if c.isdigit())
        zone = rest[len(digits):]
        text = f"{head}.{digits[:6]}{zone}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    return moment.astimezone(JST)


def _condition(value: object) -> tuple[Condition, str | None]:
    grade = _int(value) if isinstance(value, (str, int)) else None
    if grade in CONDITIONS:
        condition, label = CONDITIONS[grade]
        return condition, label
    return Condition.USED, None


def item_url(item_id: str, *, shop: bool = False, web_root: str = WEB_ROOT) -> str:
    """The listing's page on jp.mercari.com.

    Example:
        >>> item_url("m78767763061")
        'https://jp.mercari.com/item/m78767763061'
        >>> item_url("2JM46MVsb6pFKhxEGHY97x", shop=True)
        'https://jp.mercari.com/shops/product/2JM46MVsb6pFKhxEGHY97x'
    """
    return f"{web_root}/shops/product/{item_id}" if shop else f"{web_root}/item/{item_id}"


def _offer(item: _Item, raw: dict[str, Any], *, now: datetime | None,
           web_root: str) -> tuple[Offer, tuple[ExclusionReason, str] | None]:
    is_shop = item.itemType == "ITEM_TYPE_BEYOND" or item.shop is not None
    price = _int(item.price)
    if price is None or price < 0 or (item.isNoPrice and not price):
        raise ValueError(f"item {item.id}: no price ({item.price!r})")
    condition, label = _condition(item.itemConditionId)
    payer = str(item.shippingPayerId) if item.shippingPayerId is not None else ""
    shipping = 0 if (payer == "2" and not is_shop) else None
    flags = {Flag.TITLE_MATCH}
    auction = None
    if item.auction is not None:
        current = _int(item.auction.highestBid) or price
        auction = AuctionInfo(current_bid=current, buy_now_price=None,
                              bids=_int(item.auction.totalBid),
                              ends_at=_instant(item.auction.bidDeadline))
        price = current
        flags.add(Flag.AUCTION)
    if is_shop:
        shop_id = item.shop.id if item.shop else None
        seller = Seller(name=item.shopName or SHOPS_BADGE, id=shop_id,
                        url=f"{web_root}/shops/profile/{shop_id}" if shop_id else None,
                        badges=(SHOPS_BADGE,))
    else:
        seller_id = item.sellerId or None
        seller = Seller(name="メルカリ出品者", id=seller_id,
                        url=f"{web_root}/user/profile/{seller_id}" if seller_id else None)
    image = (item.photos[0].uri if item.photos else None) or (
        item.thumbnails[0] if item.thumbnails else None)
    offer = Offer(
        source=Mercari.name,
        title=item.name,
        url=item_url(item.id, shop=is_shop, web_root=web_root),
        price=price,
        shipping_fee=shipping,
        condition=condition,
        condition_label=label,
        seller=seller,
        in_stock=item.status in ("", "ITEM_STATUS_ON_SALE"),
        identity=Identity.TITLE,
        flags=frozenset(flags),
        item_id=item.id,
        image_url=image,
        ships_from_overseas=False,
        auction=auction,
        raw=raw,
    )
    if item.status and item.status != "ITEM_STATUS_ON_SALE":
        return offer, (ExclusionReason.OUT_OF_STOCK, f"status: {item.status}")
    if auction is not None and auction.ends_at is not None and now is not None \
            and auction.ends_at <= now:
        return offer, (ExclusionReason.OUT_OF_STOCK,
                       f"auction ended at {auction.ends_at.isoformat()}")
    return offer, None


def parse_search(payload: Any, *, now: datetime | None = None,
                 web_root: str = WEB_ROOT) -> SearchPage:
    """Read one ``entities:search`` answer into offers, exclusions and the next page token.

    Prices and counts arrive as strings; an auction's price is its highest bid (flagged
    ``auction``); items not on sale, and auctions already ended at ``now``, are excluded
    with the reason; an item that cannot be read is a problem, not an offer.

    Raises:
        ParseError: the payload is not a search answer.

    Example:
        >>> page = parse_search({"meta": {"nextPageToken": "", "numFound": "1"}, "items": [
        ...     {"id": "m1", "sellerId": "7", "status": "ITEM_STATUS_ON_SALE", "name": "Switch",
        ...      "price": "29800", "itemConditionId": "3", "shippingPayerId": "2"}]})
        >>> o = page.offers[0]
        >>> o.price, o.shipping_fee, o.condition.value, o.condition_label, page.total
        (29800, 0, 'very_good', '目立った傷や汚れなし', 1)
    """
    if not isinstance(payload, dict):
        raise ParseError(f"mercari: expected a JSON object, got {type(payload).__name__}",
                         source=Mercari.name)
    try:
        page = _SearchPage.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not an entities:search answer: {_first_error(exc)}",
                         source=Mercari.name) from None
    result = SearchPage(next_page_token=page.meta.nextPageToken or "",
                        total=_int(page.meta.numFound))
    for index, raw in enumerate(page.items):
        try:
            item = _Item.model_validate(raw)
            offer, exclusion = _offer(item, raw, now=now, web_root=web_root)
        except (ValidationError, ValueError, TypeError) as exc:
            detail = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            result.problems.append(f"item {index + 1}: {detail}")
            continue
        if exclusion is None:
            result.offers.append(offer)
        else:
            result.excluded.append((offer, *exclusion))
    return result


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


# -- item detail -------------------------------------------------------------------------
class _Ratings(_Wire):
    good: int = 0
    normal: int = 0
    bad: int = 0


class _DetailSeller(_Wire):
    id: int | str | None = None
    name: str | None = None
    ratings: _Ratings | None = None
    num_ratings: int | None = None
    is_official: bool = False
    quick_shipper: bool = False


class _Named(_Wire):
    id: int | str | None = None
    name: str | None = None
    code: str | None = None


class _Duration(_Wire):
    name: str | None = None
    min_days: int | None = None
    max_days: int | None = None


class _AuctionInfo(_Wire):
    expected_end_time: str | int | None = None
    total_bids: str | int | None = None
    highest_bid: str | int | None = None
    state: str | None = None


class _ItemData(_Wire):
    id: str
    status: str
    price: int
    name: str | None = None
    seller: _DetailSeller | None = None
    item_condition: _Named | None = None
    shipping_payer: _Named | None = None
    shipping_duration: _Duration | None = None
    shipping_from_area: _Named | None = None
    auction_info: _AuctionInfo | None = None


class _ItemAnswer(_Wire):
    result: str
    data: _ItemData


def _ratio_seller(seller: _DetailSeller, web_root: str, fallback: Seller | None) -> Seller:
    ratings = seller.ratings or _Ratings()
    polar = ratings.good + ratings.bad
    count = seller.num_ratings
    if count is None:
        count = ratings.good + ratings.normal + ratings.bad
    badges = tuple(b for b, on in (("公式", seller.is_official),
                                   ("発送が早い", seller.quick_shipper)) if on)
    seller_id = str(seller.id) if seller.id is not None else (fallback.id if fallback else None)
    return Seller(
        name=seller.name or (fallback.name if fallback else "メルカリ出品者"),
        id=seller_id,
        url=f"{web_root}/user/profile/{seller_id}" if seller_id else None,
        rating=ratings.good / polar if polar else None,
        rating_scale=RatingScale.POSITIVE_RATIO if polar else None,
        rating_count=count,
        badges=badges,
    )


def apply_item_detail(offer: Offer, payload: Any, *, now: datetime | None = None,
                      web_root: str = WEB_ROOT) -> tuple[Offer, str | None]:
    """Complete a search offer with ``items/get``: seller ratings, status, price, dispatch.

    Returns the updated offer and, when the item is no longer on sale (or its auction
    ended), the reason to exclude it. The seller rating is ``good / (good + bad)`` on the
    ``positive_ratio`` scale; ``rating_count`` is Mercari's ``num_ratings``.

    Raises:
        ParseError: the payload is not an ``items/get`` answer.

    Example:
        >>> offer = Offer(source="mercari", title="Switch", url="u", price=29800, item_id="m1")
        >>> updated, why = apply_item_detail(offer, {"result": "OK", "data": {
        ...     "id": "m1", "status": "on_sale", "price": 29500,
        ...     "seller": {"id": 7, "name": "もちごめ", "ratings": {"good": 97, "normal": 1,
        ...                "bad": 3}, "num_ratings": 101},
        ...     "shipping_payer": {"id": 2, "code": "seller"},
        ...     "shipping_duration": {"name": "2~3日で発送", "min_days": 2, "max_days": 3}}})
        >>> seller = updated.seller
        >>> updated.price, seller.rating, seller.rating_count, updated.lead_time_days
        (29500, 0.97, 101, 3)
        >>> why is None
        True
    """
    try:
        answer = _ItemAnswer.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not an items/get answer: {_first_error(exc)}",
                         source=Mercari.name) from None
    data = answer.data
    update: dict[str, Any] = {"price": data.price}
    if data.seller is not None:
        update["seller"] = _ratio_seller(data.seller, web_root, offer.seller)
    if data.item_condition is not None:
        grade = _int(data.item_condition.id) if isinstance(data.item_condition.id,
                                                           (int, str)) else None
        if grade in CONDITIONS:
            update["condition"], update["condition_label"] = CONDITIONS[grade]
    payer = data.shipping_payer
    if payer is not None and payer.code in ("seller", "buyer"):
        update["shipping_fee"] = 0 if payer.code == "seller" else None
    duration = data.shipping_duration
    if duration is not None:
        update["lead_time_days"] = duration.max_days
        update["delivery_estimate"] = duration.name
    if data.shipping_from_area is not None and data.shipping_from_area.name:
        update["ships_from"] = data.shipping_from_area.name
    if data.auction_info is not None and offer.auction is not None:
        info = data.auction_info
        current = _int(info.highest_bid) or offer.auction.current_bid
        auction = offer.auction.model_copy(update={
            "current_bid": current,
            "bids": _int(info.total_bids) if info.total_bids is not None else offer.auction.bids,
            "ends_at": _instant(info.expected_end_time) or offer.auction.ends_at,
        })
        update["auction"] = auction
        update["price"] = current or data.price
    updated = offer.model_copy(update=update)
    if data.status != "on_sale":
        return updated.model_copy(update={"in_stock": False}), f"items/get status: {data.status}"
    ends = updated.auction.ends_at if updated.auction else None
    if ends is not None and now is not None and ends <= now:
        return updated, f"auction ended at {ends.isoformat()}"
    return updated, None


class _ShopStats(_Wire):
    score: float | int | None = None
    reviewCount: str | int | None = None


class _ShopInfo(_Wire):
    name: str | None = None
    displayName: str | None = None
    shopStats: _ShopStats | None = None


class _ShopPayer(_Wire):
    displayName: str | None = None
    code: str | None = None


class _ShopDuration(_Wire):
    displayName: str | None = None
    maxDays: int | None = None


class _ShopCondition(_Wire):
    displayName: str | None = None


class _ShopDetail(_Wire):
    shop: _ShopInfo | None = None
    condition: _ShopCondition | None = None
    shippingPayer: _ShopPayer | None = None
    shippingDuration: _ShopDuration | None = None
    shippingFromArea: dict[str, Any] | None = None


class _ShopProduct(_Wire):
    name: str
    displayName: str | None = None
    price: str | int
    productTags: list[str] = []
    productDetail: _ShopDetail | None = None


def apply_shop_product(offer: Offer, payload: Any, *,
                       web_root: str = WEB_ROOT) -> tuple[Offer, str | None]:
    """Complete a Mercari Shops offer with its product (shop name and rating, postage).

    The shop's ``shopStats.score`` is read as a 1–5 star average (``stars_5``) over
    ``reviewCount`` reviews; ``shippingPayer.code`` SELLER means postage included.

    Raises:
        ParseError: the payload is not a shops product.

    Example:
        >>> offer = Offer(source="mercari", title="PS5", url="u", price=60000, item_id="s1")
        >>> updated, why = apply_shop_product(offer, {"name": "s1", "price": "59800",
        ...     "productTags": [], "productDetail": {"shop": {"name": "shopA",
        ...     "displayName": "ゲーム堂", "shopStats": {"score": 5, "reviewCount": "7437"}},
        ...     "shippingPayer": {"code": "SELLER"}}})
        >>> updated.price, updated.shipping_fee, updated.seller.name, updated.seller.rating_count
        (59800, 0, 'ゲーム堂', 7437)
    """
    try:
        product = _ShopProduct.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not a shops product: {_first_error(exc)}",
                         source=Mercari.name) from None
    update: dict[str, Any] = {}
    price = _int(product.price)
    if price is not None:
        update["price"] = price
    detail = product.productDetail or _ShopDetail()
    shop = detail.shop
    if shop is not None:
        stats = shop.shopStats or _ShopStats()
        count = _int(stats.reviewCount) if isinstance(stats.reviewCount, (str, int)) else None
        rating = None
        if stats.score is not None and count:
            rating = min(max(float(stats.score) / 5.0, 0.0), 1.0)
        shop_id = shop.name or (offer.seller.id if offer.seller else None)
        update["seller"] = Seller(
            name=shop.displayName or (offer.seller.name if offer.seller else SHOPS_BADGE),
            id=shop_id,
            url=f"{web_root}/shops/profile/{shop_id}" if shop_id else None,
            rating=rating,
            rating_scale=RatingScale.STARS_5 if rating is not None else None,
            rating_count=count,
            badges=(SHOPS_BADGE,),
        )
    if detail.condition is not None and detail.condition.displayName in _CONDITION_BY_LABEL:
        update["condition"], update["condition_label"] = _CONDITION_BY_LABEL[
            detail.condition.displayName]
    payer = (detail.shippingPayer.code or "").upper() if detail.shippingPayer else ""
    if payer in ("SELLER", "BUYER"):
        update["shipping_fee"] = 0 if payer == "SELLER" else None
    if detail.shippingDuration is not None:
        update["lead_time_days"] = detail.shippingDuration.maxDays
        update["delivery_estimate"] = detail.shippingDuration.displayName
    area = (detail.shippingFromArea or {}).get("displayName")
    if isinstance(area, str) and area:
        update["ships_from"] = area
    updated = offer.model_copy(update=update)
    if "sold_out" in product.productTags:
        return updated.model_copy(update={"in_stock": False}), "productTags: sold_out"
    return updated, None


# -- errors ------------------------------------------------------------------------------
class ItemNotFoundError(RequestRejectedError):
    """``items/get`` (or the shops product) answered 404: the listing is gone.

    Example:
        >>> ItemNotFoundError("gone", source="mercari").retryable
        False
    """


def _error_summary(response: httpx.Response) -> tuple[str, str]:
    """(code, message) from Mercari's ``{"result":"error","errors":[…]}`` envelope, or from
    the gRPC-gateway shape ``{"code":…, "message":…}`` of the v1/v2 endpoints."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return str(first.get("code") or ""), str(first.get("message") or "")
    if "message" in body or "code" in body:
        return str(body.get("code") or ""), str(body.get("message") or "")
    return "", ""


def _looks_like_block_page(response: httpx.Response) -> bool:
    content_type = response.headers.get("content-type", "")
    head = response.content[:2048].lower()
    return "html" in content_type or head.lstrip().startswith((b"<!doctype", b"<html"))


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

    name: ClassVar[str] = "mercari"
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
            if _looks_like_block_page(response):
                raise BlockedError(f"{self.name}: an HTML page instead of the API's JSON "
                                   "(a bot check or a block page)", source=self.name)
            return
        code, message = _error_summary(response)
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
