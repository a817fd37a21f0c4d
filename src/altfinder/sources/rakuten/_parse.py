"""Pure parse functions: an Item Search or Rakuten Books page to offers and problems.

Ichiba items: the price tax included, shipping 0 for 送料込 (``postageFlag`` 0) and unknown
for 送料別, points by :func:`rakuten_points`, the condition from the marker shops put in the
name (【中古】), identity by :func:`carries_code`. Rakuten Books items: Rakuten Books is
the seller, ``availability`` and ``postageFlag`` are codes. An item that cannot be read
becomes a problem (a note), never an exception; a payload that is not a page of the API
raises :class:`~altfinder.errors.ParseError`.

Example:
    >>> from datetime import datetime
    >>> from altfinder.models import JST
    >>> parse_item_search({"count": 0, "page": 1, "pageCount": 0}, code="4902370548495",
    ...                   now=datetime(2026, 11, 26, tzinfo=JST)).offers
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from altfinder._text import normalize
from altfinder.errors import ParseError
from altfinder.models import JST, Condition, Flag, Identity, Offer, Seller
from altfinder.sources.rakuten._identity import carries_code
from altfinder.sources.rakuten._points import _tax_included, rakuten_points
from altfinder.sources.rakuten._scrub import _scrub, strip_rafcid
from altfinder.sources.rakuten._wire import _BooksItem, _IchibaItem, _lenient_int

#: The source name offers and errors carry (``RakutenIchiba.name``).
SOURCE_NAME = "rakuten"
#: Rakuten Books' own shop on Ichiba (its listings there are the same offers as the Books API's).
BOOKS_SHOP_CODE = "book"
BOOKS_SHOP_NAME = "楽天ブックス"
BOOKS_SHOP_URL = "https://books.rakuten.co.jp/"
#: Rakuten Books availability codes that can be ordered, with their words.
BOOKS_AVAILABILITY: dict[str, str] = {
    "1": "在庫あり",
    "2": "通常3～7日程度で発送",
    "3": "通常3～9日程度で発送",
    "4": "メーカー取り寄せ",
    "5": "予約受付中",
    "6": "メーカーに在庫確認",
}
#: Rakuten Books postageFlag codes that mean free shipping: 1 宅配送料無料, 2 送料無料.
BOOKS_FREE_POSTAGE: dict[int, int] = {1: 0, 2: 0}
#: Days until shipping for the codes that promise a window (the upper bound).
BOOKS_LEAD_DAYS = {"2": 7, "3": 9}


@dataclass
class RakutenPage:
    """One parsed page of Item Search or Books total search.

    Attributes:
        offers: buyable offers, in the page's order.
        unavailable: offers that cannot be bought now, each with the reason's detail.
        count: total hits (``count``); ``page`` and ``page_count`` (``pageCount``).
        problems: items that could not be read, or read with an assumption.

    Example:
        >>> page = RakutenPage(count=0, page=1, page_count=0)
        >>> page.offers, page.problems
        ([], [])
    """

    count: int
    page: int
    page_count: int
    offers: list[Offer] = field(default_factory=list)
    unavailable: list[tuple[Offer, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


_USED = re.compile(r"(?:^|[【\[［(（〔<＜《])\s*(中古|USED|ユーズド)", re.IGNORECASE)
_JUNK = re.compile(r"(?:^|[【\[［(（〔<＜《])\s*(ジャンク)")


def _condition(name: str) -> tuple[Condition, str | None]:
    """Ichiba has no condition field: read the marker shops put in the name (【中古】)."""
    text = normalize(name)
    if _JUNK.search(text):
        return Condition.POOR, "ジャンク"
    if _USED.search(text):
        return Condition.USED, "中古"
    return Condition.NEW, None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


def _page_items(payload: Any, api: str) -> tuple[list[dict[str, Any]], int, int, int]:
    if not isinstance(payload, dict):
        raise ParseError(f"rakuten: expected a JSON object from {api}, got "
                         f"{type(payload).__name__}", source=SOURCE_NAME)
    count = _lenient_int(payload.get("count"))
    page = _lenient_int(payload.get("page"))
    page_count = _lenient_int(payload.get("pageCount"))
    items = payload.get("Items", payload.get("items"))
    if items is None:
        # A zero-hit page may come without Items (and ``elements=`` can drop it too); a
        # page with hits but no Items is not a page of this API (a Product Search page…).
        if count == 0 or (count is None and _lenient_int(payload.get("hits")) == 0):
            return [], 0, page if isinstance(page, int) else 1, 0
        keys = ", ".join(sorted(str(k) for k in payload)[:6]) or "nothing"
        raise ParseError(f"rakuten: not a page of {api} (no Items; it has {keys})",
                         source=SOURCE_NAME)
    if not isinstance(items, list):
        raise ParseError(f"rakuten: {api} Items is {type(items).__name__}, not a list",
                         source=SOURCE_NAME)
    unwrapped: list[dict[str, Any]] = []
    for entry in items:
        if isinstance(entry, dict):
            inner = entry.get("Item", entry.get("item"))
            unwrapped.append(inner if isinstance(inner, dict) else entry)
        else:
            unwrapped.append({"_not_an_object": entry})
    total = count if isinstance(count, int) else len(unwrapped)
    return (unwrapped, total, page if isinstance(page, int) else 1,
            page_count if isinstance(page_count, int) else (1 if unwrapped else 0))


# -- Ichiba ----------------------------------------------------------------------------
def _variant_range(item: _IchibaItem) -> tuple[int, int] | None:
    """The (min, max) price over SKUs named by ``itemPriceBaseField`` (3: purchasable)."""
    base = (item.itemPriceBaseField or "").strip().lower()
    index = base[-1] if base[-1:] in ("1", "2", "3") else "3"
    low = getattr(item, f"itemPriceMin{index}")
    high = getattr(item, f"itemPriceMax{index}")
    if low is None or high is None:
        return None
    return low, high


def _ichiba_offer(item: _IchibaItem, raw: dict[str, Any], *, code: str | None,
                  now: datetime, bonus_percent: float, problems: list[str],
                  index: int) -> Offer:
    tax_excluded = item.taxFlag == 1
    try:
        points = rakuten_points(item.itemPrice, tax_excluded=tax_excluded,
                                point_rate=item.pointRate, start=item.pointRateStartTime,
                                end=item.pointRateEndTime, now=now,
                                bonus_percent=bonus_percent)
    except ValueError as exc:
        problems.append(f"item {index} ({item.itemCode or item.itemName[:30]}): {exc} in its "
                        "point campaign; the base rate 1 was assumed")
        points = rakuten_points(item.itemPrice, tax_excluded=tax_excluded, point_rate=1,
                                now=now, bonus_percent=bonus_percent)
    flags: set[Flag] = set()
    verified = code is not None and carries_code(code, item.itemName, item.itemCaption,
                                                 item.itemCode)
    if not verified:
        flags.add(Flag.TITLE_MATCH)
    span = _variant_range(item)
    if span is not None and span[1] > span[0]:
        flags.add(Flag.VARIANT_PRICE)
    condition, label = _condition(item.itemName)
    shop_url = strip_rafcid(item.shopUrl) if item.shopUrl else None
    seller = None
    if item.shopName or item.shopCode:
        seller = Seller(
            name=item.shopName or item.shopCode, id=item.shopCode or None, url=shop_url,
            badges=("ショップ・オブ・ザ・イヤー",) if item.shopOfTheYearFlag == 1 else (),
        )
    images = item.mediumImageUrls or item.smallImageUrls
    return Offer(
        source=SOURCE_NAME,
        title=item.itemName,
        url=strip_rafcid(item.affiliateUrl or item.itemUrl),
        price=_tax_included(item.itemPrice, tax_excluded=tax_excluded),
        shipping_fee=0 if item.postageFlag == 0 else None,  # 1 送料別: amount unknown
        points=points,
        condition=condition,
        condition_label=label,
        seller=seller,
        in_stock=item.availability != 0,
        jan=code if verified else None,
        identity=Identity.CODE if verified else Identity.TITLE,
        flags=frozenset(flags),
        item_id=item.itemCode or None,
        image_url=strip_rafcid(images[0]) if images else None,
        raw=_scrub(raw),
    )


def parse_item_search(
    payload: Any,
    *,
    code: str | None,
    now: datetime,
    bonus_percent: float = 0.0,
) -> RakutenPage:
    """Read one Item Search page (formatVersion 1 or 2, 2014–2026 versions).

    ``code`` is the JAN/ISBN searched (``None`` for a search by title only): items whose
    name, caption or item code carry its digits are ``Identity.CODE``, the others
    ``Identity.TITLE`` with ``Flag.TITLE_MATCH``. Prices, shipping and points follow the
    rules in :func:`rakuten_points` and the module docs; ``availability`` 0 goes to
    ``unavailable``.

    Raises:
        ParseError: the payload is not an Item Search page.

    Example:
        >>> from datetime import datetime
        >>> from altfinder.models import JST
        >>> page = {"count": 1, "page": 1, "pageCount": 1, "Items": [{"Item": {
        ...     "itemName": "Switch 有機EL 4902370548495", "itemCode": "s:1", "itemPrice": "37980",
        ...     "itemUrl": "https://item.rakuten.co.jp/s/1/?rafcid=wsc_i_is_x", "taxFlag": 0,
        ...     "postageFlag": 0, "availability": 1, "pointRate": 1}}]}
        >>> result = parse_item_search(page, code="4902370548495",
        ...                            now=datetime(2026, 11, 26, tzinfo=JST))
        >>> offer = result.offers[0]
        >>> offer.price, offer.shipping_fee, offer.points, offer.identity.value, offer.url
        (37980, 0, 345, 'code', 'https://item.rakuten.co.jp/s/1/')
    """
    items, count, page_number, page_count = _page_items(payload, "Item Search")
    page = RakutenPage(count=count, page=page_number, page_count=page_count)
    for index, raw in enumerate(items, start=1):
        try:
            item = _IchibaItem.model_validate(raw)
            offer = _ichiba_offer(item, raw, code=code, now=now, bonus_percent=bonus_percent,
                                  problems=page.problems, index=index)
        except ValidationError as exc:
            page.problems.append(f"item {index} skipped: {_first_error(exc)}")
            continue
        except (ValueError, TypeError) as exc:
            page.problems.append(f"item {index} skipped: {exc}")
            continue
        if offer.in_stock:
            page.offers.append(offer)
        else:
            page.unavailable.append(
                (offer, "availability: 0 (sold out or not on sale: 販売不可)"))
    return page


# -- Rakuten Books -----------------------------------------------------------------------
_SALES_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _books_lead_days(item: _BooksItem, now: datetime) -> int | None:
    if item.availability in BOOKS_LEAD_DAYS:
        return BOOKS_LEAD_DAYS[item.availability]
    if item.availability == "5":  # 予約受付中: days until the release date, when it is a date
        match = _SALES_DATE.search(normalize(item.salesDate))
        if match:
            try:
                release = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=JST)
            except ValueError:
                return None
            days = (release.date() - now.astimezone(JST).date()).days
            return days if days >= 0 else None
    return None


def parse_books_search(
    payload: Any,
    *,
    code: str | None,
    now: datetime,
    bonus_percent: float = 0.0,
) -> RakutenPage:
    """Read one Rakuten Books search page (BooksTotal, BooksBook…; formatVersion 1 or 2).

    Rakuten Books is the seller. ``availability`` is a code: 1 在庫あり, 2 通常3～7日程度で
    発送 (lead time 7 days), 3 通常3～9日程度で発送 (9), 4 メーカー取り寄せ, 5 予約受付中
    (lead time until the release date), 6 メーカーに在庫確認; anything else cannot be
    ordered. ``postageFlag``: 0 送料別 (unknown), 1 宅配送料無料 and 2 送料無料 (0). Points
    are the base 1 % plus ``bonus_percent`` (the Books API gives no campaign rate).

    Raises:
        ParseError: the payload is not a Books search page.

    Example:
        >>> from datetime import datetime
        >>> from altfinder.models import JST
        >>> page = {"count": 1, "page": 1, "pageCount": 1, "Items": [{"title": "リーダブルコード",
        ...     "isbn": "9784873115658", "jan": "", "itemPrice": 2640, "availability": "1",
        ...     "postageFlag": 2, "itemUrl": "https://books.rakuten.co.jp/rb/11753651/"}]}
        >>> offer = parse_books_search(page, code="9784873115658",
        ...                            now=datetime(2026, 11, 26, tzinfo=JST)).offers[0]
        >>> offer.price, offer.shipping_fee, offer.points, offer.seller.name, offer.jan
        (2640, 0, 24, '楽天ブックス', '9784873115658')
    """
    items, count, page_number, page_count = _page_items(payload, "Books search")
    page = RakutenPage(count=count, page=page_number, page_count=page_count)
    for index, raw in enumerate(items, start=1):
        try:
            item = _BooksItem.model_validate(raw)
        except ValidationError as exc:
            page.problems.append(f"Books item {index} skipped: {_first_error(exc)}")
            continue
        carried = (item.isbn or item.jan).strip() or None
        if code is not None and carried is not None and carried != code and carries_code(
                code, carried):
            carried = code  # an ISBN-10 or a UPC written for our code
        if code is None:
            identity = Identity.TITLE
        elif carried is None:
            identity = Identity.CODE_SEARCH  # Books' own isbnjan index found it
        else:
            identity = Identity.CODE  # another code: the finder excludes it as other_product
        status = item.availability.strip()
        words = BOOKS_AVAILABILITY.get(status)
        rb = re.search(r"/rb/(\d+)", item.itemUrl)
        title = " ".join(p for p in (item.title, item.subTitle) if p)
        try:
            offer = _books_offer(item, raw, title=title, carried=carried, identity=identity,
                                 words=words, rb=rb, now=now, bonus_percent=bonus_percent)
        except (ValidationError, ValueError) as exc:
            detail = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            page.problems.append(f"Books item {index} skipped: {detail}")
            continue
        if offer.in_stock:
            page.offers.append(offer)
        else:
            page.unavailable.append(
                (offer, f"Rakuten Books availability {status or '(empty)'!r}: not orderable"))
    return page


def _books_offer(item: _BooksItem, raw: dict[str, Any], *, title: str, carried: str | None,
                 identity: Identity, words: str | None, rb: re.Match[str] | None,
                 now: datetime, bonus_percent: float) -> Offer:
    return Offer(
        source=SOURCE_NAME,
        title=title,
        url=strip_rafcid(item.affiliateUrl or item.itemUrl),
        price=item.itemPrice,
        shipping_fee=BOOKS_FREE_POSTAGE.get(item.postageFlag or 0),  # 0 送料別: unknown
        points=rakuten_points(item.itemPrice, point_rate=1, now=now,
                              bonus_percent=bonus_percent),
        seller=Seller(name=BOOKS_SHOP_NAME, id=BOOKS_SHOP_CODE, url=BOOKS_SHOP_URL),
        in_stock=words is not None,
        jan=carried,
        identity=identity,
        flags=frozenset({Flag.TITLE_MATCH}) if identity is Identity.TITLE else frozenset(),
        item_id=f"books:{rb[1]}" if rb else strip_rafcid(item.itemUrl),
        image_url=item.largeImageUrl or item.mediumImageUrl or None,
        lead_time_days=_books_lead_days(item, now),
        delivery_estimate=words,
        list_price=item.listPrice if item.listPrice else None,
        raw=_scrub(raw),
    )
