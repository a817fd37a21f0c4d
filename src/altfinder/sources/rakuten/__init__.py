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

Example:
    >>> from altfinder.sources import RakutenIchiba
    >>> RakutenIchiba(application_id="0a1b2c3d-uuid", access_key="pk_demo")
    RakutenIchiba(application_id=***, access_key=***)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from stdnum import isbn as stdnum_isbn

from altfinder._text import normalize, to_int_yen
from altfinder.errors import (
    AuthenticationError,
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceTimeoutError,
    SourceUnavailableError,
)
from altfinder.http import RateLimit, parse_retry_after, redact
from altfinder.models import (
    JST,
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Product,
    Seller,
)
from altfinder.sources.base import SearchContext, Source

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
#: Rakuten Books' own shop on Ichiba (its listings there are the same offers as the Books API's).
BOOKS_SHOP_CODE = "book"
BOOKS_SHOP_NAME = "楽天ブックス"
BOOKS_SHOP_URL = "https://books.rakuten.co.jp/"
#: Leading words of the title used by the title search (Rakuten ANDs every word).
TITLE_WORDS = 4
#: Seconds the title search waits for another source's description when Rakuten's own
#: listings already described the product (without one it waits as the deadline allows).
TITLE_WAIT = 5.0
#: Rakuten's keyword limit, counted in single-byte characters (a double-byte one counts 2).
KEYWORD_LIMIT = 128
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

BooksMode = Literal["auto", "always", "never"]


# -- lenient scalars: Rakuten serves numbers as ints, floats or strings ---------------
def _lenient_int(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = normalize(value)
        if re.fullmatch(r"-?\d+(\.0+)?", text):
            return int(float(text)) if "." in text else int(text)
        yen = to_int_yen(text)
        return yen if yen is not None else value
    return value


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a code served as a number ("availability": 1, a JAN)
    return value


def _images(value: Any) -> list[str]:
    """Images as plain strings (formatVersion 2) or ``{"imageUrl": ...}`` (formatVersion 1)."""
    if not isinstance(value, list):
        return []
    urls: list[str] = []
    for entry in value:
        if isinstance(entry, str) and entry:
            urls.append(entry)
        elif isinstance(entry, dict):
            url = entry.get("imageUrl") or entry.get("imageURL") or entry.get("url")
            if isinstance(url, str) and url:
                urls.append(url)
    return urls


Int = Annotated[int, BeforeValidator(_lenient_int)]
OptInt = Annotated[int | None, BeforeValidator(_lenient_int)]
Text = Annotated[str, BeforeValidator(_text)]
Images = Annotated[list[str], BeforeValidator(_images)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _IchibaItem(_Wire):
    itemName: str
    itemCode: Text = ""
    itemPrice: Int
    itemPriceBaseField: str | None = None
    itemPriceMin1: OptInt = None
    itemPriceMin2: OptInt = None
    itemPriceMin3: OptInt = None
    itemPriceMax1: OptInt = None
    itemPriceMax2: OptInt = None
    itemPriceMax3: OptInt = None
    itemCaption: Text = ""
    catchcopy: Text = ""
    itemUrl: str
    affiliateUrl: Text = ""
    shopName: Text = ""
    shopCode: Text = ""
    shopUrl: Text = ""
    mediumImageUrls: Images = []
    smallImageUrls: Images = []
    availability: OptInt = None
    taxFlag: OptInt = None
    postageFlag: OptInt = None
    shopOfTheYearFlag: OptInt = None
    pointRate: OptInt = None
    pointRateStartTime: Text = ""
    pointRateEndTime: Text = ""


class _BooksItem(_Wire):
    title: str
    subTitle: Text = ""
    author: Text = ""
    artistName: Text = ""
    publisherName: Text = ""
    label: Text = ""
    isbn: Text = ""
    jan: Text = ""
    itemCaption: Text = ""
    salesDate: Text = ""
    itemPrice: Int
    listPrice: OptInt = None
    itemUrl: str
    affiliateUrl: Text = ""
    mediumImageUrl: Text = ""
    largeImageUrl: Text = ""
    availability: Text = ""
    postageFlag: OptInt = None


# -- small pure helpers ----------------------------------------------------------------
def strip_rafcid(url: str) -> str:
    """Remove Rakuten's ``rafcid`` tracking parameter (it carries the application id).

    Only the ``rafcid`` pair goes; every other parameter keeps its exact encoding. The item
    URL an affiliate link wraps (``pc=``/``m=``) is cleaned too.

    Example:
        >>> strip_rafcid("https://item.rakuten.co.jp/shop/x/?rafcid=wsc_i_is_0a1b-uuid")
        'https://item.rakuten.co.jp/shop/x/'
        >>> strip_rafcid("https://hb.afl.rakuten.co.jp/hgc/12ab/?pc=https%3A%2F%2Fitem"
        ...              ".rakuten.co.jp%2Fs%2F1%2F%3Frafcid%3Dwsc_i_is_1&m=x&rafcid=wsc_i_is_1")
        'https://hb.afl.rakuten.co.jp/hgc/12ab/?pc=https%3A%2F%2Fitem.rakuten.co.jp%2Fs%2F1%2F&m=x'
    """
    if "rafcid" not in url.lower():
        return url
    parts = urlsplit(url)
    kept: list[str] = []
    for pair in parts.query.split("&") if parts.query else []:
        key, _, value = pair.partition("=")
        if unquote(key).lower() == "rafcid":
            continue
        if "rafcid" in value.lower():
            inner = unquote(value)
            if inner.startswith(("http://", "https://")):
                value = quote(strip_rafcid(inner), safe="")
        kept.append(f"{key}={value}" if _ or value else key)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _code_variants(code: str) -> list[str]:
    """The digit strings a listing may write for ``code``: itself, UPC-12, ISBN-10."""
    variants = [code]
    if len(code) == 13 and code.startswith("0"):
        variants.append(code[1:])  # a UPC-A written without the EAN's leading zero
    if len(code) == 13 and code.startswith("978"):
        with contextlib.suppress(Exception):  # the code was validated by parse_code
            variants.append(stdnum_isbn.to_isbn10(code))
    return variants


@functools.lru_cache(maxsize=256)
def _code_pattern(code: str) -> re.Pattern[str]:
    alternatives = []
    for variant in _code_variants(code):
        # Digits may be grouped with hyphens or spaces (978-4-87311-565-8, 4 902370 548495).
        alternatives.append(r"[-\s]?".join(re.escape(c) for c in variant))
    return re.compile(r"(?<!\d)(?:" + "|".join(alternatives) + r")(?!\d)")


def carries_code(code: str, *texts: str) -> bool:
    """Whether any of ``texts`` carries the exact digits of ``code``.

    Full-width digits are read, hyphens and spaces between digits are allowed, and the
    digits must not be part of a longer number. A JAN starting with 0 also matches its
    12-digit UPC, an ISBN-13 starting 978 its ISBN-10.

    Example:
        >>> carries_code("4902370548495", "JANコード：４９０２３７０５４８４９５")
        True
        >>> carries_code("4902370548495", "品番 49023705484951")
        False
        >>> carries_code("9784873115658", "ISBN4-87311-565-5")
        True
    """
    pattern = _code_pattern(code)
    return any(text and pattern.search(normalize(text)) for text in texts)


def _parse_time(text: str) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (JST) to a minute-precision datetime; ``None`` when empty."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
                "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return moment.replace(second=0, tzinfo=JST)
    raise ValueError(f"unreadable time {text!r}")


def rakuten_points(
    price: int,
    *,
    tax_excluded: bool = False,
    point_rate: int | None = 1,
    start: str = "",
    end: str = "",
    now: datetime | None = None,
    bonus_percent: float = 0.0,
) -> int:
    """The points an item earns at ``now``.

    ``points = floor(tax-excluded price × rate / 100)``: the tax-excluded price is
    ``floor(price / 1.1)`` for a tax-included price, or the listed price itself when
    ``tax_excluded`` (``taxFlag`` 1); ``rate`` is ``point_rate`` when ``now`` lies inside
    ``[start, end]`` (JST, minute precision, both ends inclusive; an empty end is open),
    otherwise 1; ``bonus_percent`` (the user's SPU and the like) is added to the rate.

    Raises:
        ValueError: ``start`` or ``end`` is not a ``YYYY-MM-DD HH:MM`` time.

    Example:
        >>> from datetime import datetime
        >>> from altfinder.models import JST
        >>> inside = datetime(2026, 3, 19, 13, 59, 59, tzinfo=JST)
        >>> rakuten_points(6587, point_rate=5, start="2026-03-13 19:00",
        ...                end="2026-03-19 13:59", now=inside)
        299
        >>> rakuten_points(6587, point_rate=5, start="2026-03-13 19:00",
        ...                end="2026-03-19 13:59", now=datetime(2026, 3, 19, 14, 0, tzinfo=JST))
        59
        >>> rakuten_points(1000, tax_excluded=True, bonus_percent=3)
        40
    """
    base = price if tax_excluded else price * 10 // 11  # floor(price / 1.1), exactly
    rate = 1
    if point_rate is not None and point_rate > 1:
        starts, ends = _parse_time(start), _parse_time(end)
        moment = now or datetime.now(JST)
        moment = moment.replace(tzinfo=JST) if moment.tzinfo is None else moment.astimezone(JST)
        moment = moment.replace(second=0, microsecond=0)
        if (starts is None or starts <= moment) and (ends is None or moment <= ends):
            rate = point_rate
    total = Decimal(rate) + Decimal(str(bonus_percent))
    points = (Decimal(base) * total / 100).to_integral_value(rounding=ROUND_FLOOR)
    return max(int(points), 0)


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


def _scrub(value: Any) -> Any:
    """A copy of a raw payload with ``rafcid`` and every registered credential removed."""
    if isinstance(value, str):
        return redact(strip_rafcid(value)) if "rafcid" in value.lower() else redact(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


# -- pages -----------------------------------------------------------------------------
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


def _page_items(payload: Any, api: str) -> tuple[list[dict[str, Any]], int, int, int]:
    if not isinstance(payload, dict):
        raise ParseError(f"rakuten: expected a JSON object from {api}, got "
                         f"{type(payload).__name__}", source=RakutenIchiba.name)
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
                         source=RakutenIchiba.name)
    if not isinstance(items, list):
        raise ParseError(f"rakuten: {api} Items is {type(items).__name__}, not a list",
                         source=RakutenIchiba.name)
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
    price = item.itemPrice * 11 // 10 if tax_excluded else item.itemPrice  # + 10 %, floor
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
        source=RakutenIchiba.name,
        title=item.itemName,
        url=strip_rafcid(item.affiliateUrl or item.itemUrl),
        price=price,
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
            source=RakutenIchiba.name,
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


# -- errors -----------------------------------------------------------------------------
def _error_fields(response: httpx.Response) -> tuple[str, str]:
    """``(code, message)`` from either envelope: classic ``error``/``error_description``
    or the 2026 gateway's ``errors: {errorCode, errorMessage}``."""
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        errors = errors[0]
    if isinstance(errors, dict):
        code = errors.get("errorCode", errors.get("code", ""))
        message = errors.get("errorMessage", errors.get("message", ""))
        return str(code), str(message)
    error = body.get("error")
    if isinstance(error, dict):  # tolerate {"error": {"code", "message"}}
        return str(error.get("code", "")), str(error.get("message", ""))
    if error is not None or "error_description" in body:
        return str(error or ""), str(body.get("error_description", ""))
    return "", ""


_ABOUT_ORIGIN = re.compile(r"referr?er|\borigin\b")
_ERROR_START = re.compile(rb'^\s*\{\s*"(?:errors?|error_description)"\s*:')


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

    name: ClassVar[str] = "rakuten"
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
        status = response.status_code
        if status < 400 and not _ERROR_START.match(response.content[:200]):
            return
        code, message = _error_fields(response)
        code, message = redact(code), redact(message)
        if status < 400:  # an error envelope served with 200: judge it by its own code
            status = int(code) if code.isdigit() else {
                "wrong_parameter": 400, "not_found": 404, "too_many_requests": 429,
                "system_error": 500, "service_unavailable": 503}.get(code, 500)
        label = "" if code.isdigit() else code
        said = f" {label}: {message}" if label and message else f" {label or message}".rstrip()
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        lowered = f"{code} {message}".lower()
        if status == 404:
            return  # not_found: no items (the search reads it as an empty page)
        if _ABOUT_ORIGIN.search(lowered):
            where = (f"the Origin sent was {self.origin}, which is not one of the app's "
                     "allowed websites" if self.origin else "no Origin/Referer was sent")
            raise AuthenticationError(
                f"{self.name}: HTTP {status}{said} — the app is registered as a web application "
                f"and {where}; set origin= (or ALTFINDER_RAKUTEN_ORIGIN) to a site registered "
                "for the app, or register an app of the API/backend type",
                source=self.name)
        if "applicationid" in lowered or "application_id" in lowered:
            raise AuthenticationError(
                f"{self.name}: HTTP {status}{said} — the applicationId was refused; check "
                "ALTFINDER_RAKUTEN_APPLICATION_ID (since 2026-05-14 only the UUID application "
                "id of an app registered on the new Rakuten Developers platform works)",
                source=self.name)
        if "accesskey" in lowered or "access_key" in lowered or "access key" in lowered:
            raise AuthenticationError(
                f"{self.name}: HTTP {status}{said} — the accessKey was refused; check "
                "ALTFINDER_RAKUTEN_ACCESS_KEY (the app's pk_… access key)", source=self.name)
        if status == 429:
            raise RateLimitedError(
                f"{self.name}: HTTP 429{said} — more than one request per second for this "
                "application id", source=self.name, retry_after=retry_after)
        if status in (401, 403):
            if not message and "html" in response.headers.get("content-type", ""):
                raise BlockedError(f"{self.name}: HTTP {status}: an HTML block page from "
                                   "Rakuten's edge, not the API", source=self.name)
            raise AuthenticationError(
                f"{self.name}: HTTP {status}{said} — the application id and access key were "
                "refused (or the app may not use this API)", source=self.name)
        if status in (408, 504):
            raise SourceTimeoutError(f"{self.name}: HTTP {status}{said}", source=self.name)
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: HTTP {status}{said}", source=self.name,
                                         retry_after=retry_after)
        raise RequestRejectedError(f"{self.name}: HTTP {status}{said}", source=self.name)

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

    async def _code_search(self, ctx: SearchContext, run: _Run, code: str) -> None:
        for page_number in range(1, self.max_pages + 1):
            payload = await self._get_json(ctx, self.endpoint,
                                           self.item_params(keyword=code, page=page_number))
            if payload is None:
                return
            page = parse_item_search(payload, code=code, now=ctx.now, bonus_percent=run.bonus)
            run.take(page, api="Item Search")
            if page_number >= min(page.page_count, MAX_PAGE) or not (
                    page.offers or page.unavailable):
                return

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
        for page_number in range(1, self.title_pages + 1):
            try:
                payload = await self._get_json(
                    ctx, self.endpoint,
                    self.item_params(keyword=keyword, page=page_number, sort="standard"))
            except RequestRejectedError as exc:
                ctx.note(f"{self.name}: the title search was refused ({exc.message}); only "
                         "the code search counts")
                return
            if payload is None:
                return
            page = parse_item_search(payload, code=code, now=ctx.now, bonus_percent=run.bonus)
            run.take(page, api="Item Search (title)")
            if page_number >= min(page.page_count, MAX_PAGE) or not (
                    page.offers or page.unavailable):
                return


_PROMO = re.compile(r"【[^】]*】|\[[^\]]*\]|［[^］]*］|〔[^〕]*〕")
_WORD_BREAK = re.compile(r"[\s()（）/／,、・|｜!！?？「」『』<>＜＞:：;；]+")


def title_keyword(product: Product) -> str | None:
    """The keyword for the title search: the model number, then the title's first words.

    Promotional brackets (【送料無料】) go, one-character words go (Rakuten refuses them),
    and the keyword stays within Rakuten's 128 single-byte characters.

    Example:
        >>> title = "【新品】Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
        >>> title_keyword(Product(title=title, model_number="HEG-S-KAAAA"))
        'HEG-S-KAAAA Nintendo Switch 有機ELモデル'
    """
    words: list[str] = []
    if product.model_number:
        words.extend(w for w in normalize(product.model_number).split() if len(w) > 1)
    title = _PROMO.sub(" ", normalize(product.title or ""))
    for word in _WORD_BREAK.split(title):
        if len(words) >= TITLE_WORDS:
            break
        word = word.strip("-~.'\"")
        if len(word) > 1 and word not in words:
            words.append(word)
    keyword = ""
    for word in words[:TITLE_WORDS]:
        candidate = f"{keyword} {word}".strip()
        if sum(1 if ord(c) < 128 else 2 for c in candidate) > KEYWORD_LIMIT:
            break
        keyword = candidate
    return keyword or None


def _clean_title(title: str, code: str | None = None) -> str:
    """A listing's name without promotional brackets and without the code's digits."""
    text = _PROMO.sub(" ", normalize(title))
    if code is not None:
        text = re.sub(r"(?:JAN|ISBN|EAN)?\s*[:：]?\s*" + _code_pattern(code).pattern, " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Run:
    """What one search found so far: de-duplication, identity and the description."""

    ctx: SearchContext
    bonus: float
    code: str | None = None
    seen: set[str] = field(default_factory=set)
    books_api: list[Offer] = field(default_factory=list)
    books_shop: list[Offer] = field(default_factory=list)
    verified: int = 0
    titles: list[str] = field(default_factory=list)
    books_title: tuple[str, str | None] | None = None

    def take(self, page: RakutenPage, *, api: str) -> None:
        ctx = self.ctx
        for problem in page.problems:
            ctx.note(f"rakuten: {api}: {problem}")
        for offer, detail in page.unavailable:
            if self._first_report(offer):
                ctx.exclude(offer, ExclusionReason.OUT_OF_STOCK, detail)
        for offer in page.offers:
            if not self._first_report(offer):
                continue
            ctx.add(offer)
            if self._for_our_code(offer):
                self.verified += 1
                self._learn(offer)

    def _for_our_code(self, offer: Offer) -> bool:
        if self.code is None or offer.identity is Identity.TITLE:
            return False
        return offer.jan in (None, self.code)

    def _first_report(self, offer: Offer) -> bool:
        """Skip a listing this search already reported; report Rakuten Books' offer once."""
        key = offer.item_id or offer.url
        if key in self.seen:
            return False  # the code search and the title search met the same listing
        self.seen.add(key)
        if offer.seller is None or offer.seller.id != BOOKS_SHOP_CODE:
            return True
        if not self._for_our_code(offer):
            return True
        from_api = (offer.item_id or "").startswith("books:")
        twins = self.books_shop if from_api else self.books_api
        if twins:
            self.ctx.exclude(offer, ExclusionReason.DUPLICATE,
                             "Rakuten Books' own offer, already reported from "
                             + ("its Ichiba shop" if from_api else "the Rakuten Books API"))
            return False
        (self.books_api if from_api else self.books_shop).append(offer)
        return True

    def _learn(self, offer: Offer) -> None:
        """Collect titles of the listings that carry the code, for the description."""
        title = _clean_title(offer.title, self.code)
        if not title or offer.condition is not Condition.NEW:
            return
        raw = offer.raw or {}
        if (offer.item_id or "").startswith("books:"):
            brand = str(raw.get("publisherName") or raw.get("label") or "") or None
            self.books_title = self.books_title or (title, brand)
        elif offer.seller is not None and offer.seller.id == BOOKS_SHOP_CODE:
            self.books_title = self.books_title or (title, None)
        else:
            self.titles.append(title)

    @property
    def description(self) -> Product | None:
        """What the verified listings tell: Rakuten Books' title first (catalogue quality),
        else the shop title closest to all the others (the least promotional)."""
        if self.books_title is not None:
            title, brand = self.books_title
        elif self.titles:
            words = [set(w for w in _WORD_BREAK.split(t) if len(w) > 1) for t in self.titles]

            def centrality(i: int) -> tuple[float, int]:
                score = sum(len(words[i] & other) / max(len(words[i] | other), 1)
                            for j, other in enumerate(words) if j != i)
                return score, -len(self.titles[i])

            title, brand = self.titles[max(range(len(self.titles)), key=centrality)], None
        else:
            return None
        code = self.ctx.code
        return Product(jan=self.code, isbn=code.value if code.kind == "isbn" else None,
                       title=title, brand=brand)
