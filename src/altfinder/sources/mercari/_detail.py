"""Completing a search offer from its detail: ``items/get`` (C2C) or the Mercari Shops product.

Example:
    >>> from altfinder.models import Offer
    >>> offer = Offer(source="mercari", title="Switch", url="u", price=29800, item_id="m1")
    >>> apply_item_detail(offer, {"result": "OK", "data": {"id": "m1", "status": "sold_out",
    ...                                                     "price": 29800}})[1]
    'items/get status: sold_out'
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from altfinder.errors import ParseError
from altfinder.models import Offer, RatingScale, Seller
from altfinder.sources.mercari._mapping import (
    ANONYMOUS_SELLER,
    CONDITION_BY_LABEL,
    SHOPS_BADGE,
    SOURCE,
    WEB_ROOT,
    condition_of,
    profile_url,
)
from altfinder.sources.mercari._wire import (
    DetailSeller,
    ItemAnswer,
    Ratings,
    ShopDetail,
    ShopProduct,
    ShopStats,
    first_error,
    int_or_none,
    parse_instant,
)


def _ratio_seller(seller: DetailSeller, web_root: str, fallback: Seller | None) -> Seller:
    ratings = seller.ratings or Ratings()
    polar = ratings.good + ratings.bad
    count = seller.num_ratings
    if count is None:
        count = ratings.good + ratings.normal + ratings.bad
    badges = tuple(b for b, on in (("公式", seller.is_official),
                                   ("発送が早い", seller.quick_shipper)) if on)
    seller_id = str(seller.id) if seller.id is not None else (fallback.id if fallback else None)
    return Seller(
        name=seller.name or (fallback.name if fallback else ANONYMOUS_SELLER),
        id=seller_id,
        url=profile_url(seller_id, web_root=web_root),
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
        answer = ItemAnswer.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not an items/get answer: {first_error(exc)}",
                         source=SOURCE) from None
    data = answer.data
    update: dict[str, Any] = {"price": data.price}
    if data.seller is not None:
        update["seller"] = _ratio_seller(data.seller, web_root, offer.seller)
    if data.item_condition is not None:
        graded = condition_of(data.item_condition.id)
        if graded is not None:
            update["condition"], update["condition_label"] = graded
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
        current = int_or_none(info.highest_bid) or offer.auction.current_bid
        auction = offer.auction.model_copy(update={
            "current_bid": current,
            "bids": (int_or_none(info.total_bids) if info.total_bids is not None
                     else offer.auction.bids),
            "ends_at": parse_instant(info.expected_end_time) or offer.auction.ends_at,
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
        product = ShopProduct.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not a shops product: {first_error(exc)}",
                         source=SOURCE) from None
    update: dict[str, Any] = {}
    price = int_or_none(product.price)
    if price is not None:
        update["price"] = price
    detail = product.productDetail or ShopDetail()
    shop = detail.shop
    if shop is not None:
        stats = shop.shopStats or ShopStats()
        count = int_or_none(stats.reviewCount)
        rating = None
        if stats.score is not None and count:
            rating = min(max(float(stats.score) / 5.0, 0.0), 1.0)
        shop_id = shop.name or (offer.seller.id if offer.seller else None)
        update["seller"] = Seller(
            name=shop.displayName or (offer.seller.name if offer.seller else SHOPS_BADGE),
            id=shop_id,
            url=profile_url(shop_id, shop=True, web_root=web_root),
            rating=rating,
            rating_scale=RatingScale.STARS_5 if rating is not None else None,
            rating_count=count,
            badges=(SHOPS_BADGE,),
        )
    if detail.condition is not None and detail.condition.displayName in CONDITION_BY_LABEL:
        update["condition"], update["condition_label"] = CONDITION_BY_LABEL[
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
