"""Reading an ``entities:search`` answer into offers, exclusions, problems and the next page.

Example:
    >>> parse_search({"meta": {}, "items": []}).total is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from altfinder.errors import ParseError
from altfinder.models import (
    AuctionInfo,
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Seller,
)
from altfinder.sources.mercari._mapping import (
    ANONYMOUS_SELLER,
    SHOPS_BADGE,
    SOURCE,
    WEB_ROOT,
    condition_of,
    item_url,
    profile_url,
)
from altfinder.sources.mercari._wire import (
    Item,
    SearchAnswer,
    first_error,
    int_or_none,
    parse_instant,
)


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


def _offer(item: Item, raw: dict[str, Any], *, now: datetime | None,
           web_root: str) -> tuple[Offer, tuple[ExclusionReason, str] | None]:
    is_shop = item.itemType == "ITEM_TYPE_BEYOND" or item.shop is not None
    price = int_or_none(item.price)
    if price is None or price < 0 or (item.isNoPrice and not price):
        raise ValueError(f"item {item.id}: no price ({item.price!r})")
    condition, label = condition_of(item.itemConditionId) or (Condition.USED, None)
    payer = str(item.shippingPayerId) if item.shippingPayerId is not None else ""
    shipping = 0 if (payer == "2" and not is_shop) else None
    flags = {Flag.TITLE_MATCH}
    auction = None
    if item.auction is not None:
        current = int_or_none(item.auction.highestBid) or price
        auction = AuctionInfo(current_bid=current, buy_now_price=None,
                              bids=int_or_none(item.auction.totalBid),
                              ends_at=parse_instant(item.auction.bidDeadline))
        price = current
        flags.add(Flag.AUCTION)
    if is_shop:
        shop_id = item.shop.id if item.shop else None
        seller = Seller(name=item.shopName or SHOPS_BADGE, id=shop_id,
                        url=profile_url(shop_id, shop=True, web_root=web_root),
                        badges=(SHOPS_BADGE,))
    else:
        seller_id = item.sellerId or None
        seller = Seller(name=ANONYMOUS_SELLER, id=seller_id,
                        url=profile_url(seller_id, web_root=web_root))
    image = (item.photos[0].uri if item.photos else None) or (
        item.thumbnails[0] if item.thumbnails else None)
    offer = Offer(
        source=SOURCE,
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
                         source=SOURCE)
    try:
        page = SearchAnswer.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"mercari: not an entities:search answer: {first_error(exc)}",
                         source=SOURCE) from None
    result = SearchPage(next_page_token=page.meta.nextPageToken or "",
                        total=int_or_none(page.meta.numFound))
    for index, raw in enumerate(page.items):
        try:
            item = Item.model_validate(raw)
            offer, exclusion = _offer(item, raw, now=now, web_root=web_root)
        except (ValidationError, ValueError, TypeError) as exc:
            detail = first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            result.problems.append(f"item {index + 1}: {detail}")
            continue
        if exclusion is None:
            result.offers.append(offer)
        else:
            result.excluded.append((offer, *exclusion))
    return result
