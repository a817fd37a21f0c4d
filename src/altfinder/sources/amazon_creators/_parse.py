"""Reading the catalog's answers: getItems/searchItems payloads → items, items → offers.

Pure functions, no I/O: :func:`parse_get_items` / :func:`parse_search_items` turn a payload
into a :class:`CreatorsPage` of :class:`CreatorsItem` (an unreadable item is a problem, not
an error), and :func:`item_offers` turns one item's ``offersV2`` listings into offers, the
excluded ones with their reason.

Example:
    >>> parse_search_items({"searchResult": {"items": [{"asin": "B098RKWHHZ"}]}}).items[0].asin
    'B098RKWHHZ'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import ValidationError
from stdnum import ean, isbn

from altfinder.codes import same_gtin
from altfinder.errors import ParseError
from altfinder.models import Condition, ExclusionReason, Identity, Offer, Seller
from altfinder.sources._amazon import (
    AMAZON_JP_NAME,
    is_amazon_itself,
    is_outlet,
    lead_time_days,
)
from altfinder.sources.amazon_creators._wire import (
    _Availability,
    _ByLine,
    _ExternalIds,
    _GetItems,
    _Item,
    _ItemInfo,
    _Listing,
    _ListingCondition,
    _Manufacture,
    _Merchant,
    _SearchItems,
    _SearchResult,
    _Single,
)

#: The source's registered name (``AmazonCreators.name``): its offers and errors carry it.
SOURCE = "amazon_creators"
_GONE = {"OUT_OF_STOCK", "UNAVAILABLE"}
_PRIME_ONLY = {"PRIME_EXCLUSIVE", "PRIME_EARLY_ACCESS"}
_TRACKING_PARAMS = {"tag", "linkcode", "ascsubtag", "creative", "creativeasin", "camp",
                    "linkid", "ref_"}


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
        return any(same_gtin(c, code) for c in self.codes)

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
                         f"{type(payload).__name__}", source=SOURCE)
    if key not in payload and "errors" not in payload:
        raise ParseError(f"amazon_creators: not a {operation} answer (keys: "
                         f"{', '.join(sorted(payload)[:5]) or 'none'})",
                         source=SOURCE)
    try:
        answer = model.model_validate(payload)
    except ValidationError as exc:
        raise ParseError(f"amazon_creators: not a {operation} answer: {_first_error(exc)}",
                         source=SOURCE) from None
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
    offers: list[Offer] = []
    excluded: list[tuple[Offer, ExclusionReason, str]] = []
    problems: list[str] = []
    url = _clean_url(item.url, item.asin, keep_tag=keep_affiliate_tag)
    for index, raw in enumerate(item.listings):
        try:
            listing = _Listing.model_validate(raw)
        except ValidationError as exc:
            problems.append(f"{item.asin} listing {index + 1}: {_first_error(exc)}")
            continue
        money = listing.price.money if listing.price else None
        if money is None or money.amount is None:
            problems.append(f"{item.asin} listing {index + 1}: no price")
            continue
        if money.currency and money.currency.upper() != "JPY":
            problems.append(f"{item.asin} listing {index + 1}: price in {money.currency}, "
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
            source=SOURCE,
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
            excluded.append((offer, ExclusionReason.OUT_OF_STOCK,
                             f"availability {availability.type}: "
                             f"{availability.message or ''}".strip()))
        elif deal is not None and (deal.accessType or "").upper() in _PRIME_ONLY and \
                not prime_member:
            excluded.append((offer, ExclusionReason.POLICY,
                             f"a Prime-member-only price ({deal.accessType}, "
                             f"{deal.badge or 'deal'}); pass prime_member=True to "
                             "AmazonCreators if you are a Prime member"))
        else:
            offers.append(offer)
    return offers, excluded, problems
