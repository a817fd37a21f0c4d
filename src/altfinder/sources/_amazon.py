"""What the two Amazon.co.jp sources share: sellers, conditions, lead times, listings.

``amazon`` (the All Offers Display pages) and ``amazon_creators`` (the Creators API)
describe the same marketplace. They read Amazon's condition words the same way, judge a
delivery promise the same way, and when both run in one search they report each listing
once: the All Offers Display copy wins (it shows shipping and the seller rating), taking
the API's points when the page showed none.

Example:
    >>> from altfinder.models import JST
    >>> from datetime import datetime
    >>> condition_from_label("中古品 - 非常に良い")
    <Condition.VERY_GOOD: 'very_good'>
    >>> lead_time_days("12月10日 - 12月25日 にお届け", datetime(2026, 11, 26, tzinfo=JST))
    29
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from altfinder._text import normalize
from altfinder.models import Condition, ExcludedOffer, ExclusionReason, Offer

if TYPE_CHECKING:  # pragma: no cover
    from altfinder.sources.base import ProductBoard, SearchContext

__all__ = [
    "AMAZON_JP_SELLER_ID",
    "OVERSEAS_MARKERS",
    "SharedListings",
    "condition_from_label",
    "is_amazon_itself",
    "is_outlet",
    "lead_time_days",
    "shared_listings",
    "ships_from_amazon",
]

#: The merchant id of Amazon.co.jp itself (``smid=`` / ``p_6:`` refinements).
AMAZON_JP_SELLER_ID = "AN1VRQENFRJN5"
AMAZON_JP_NAME = "Amazon.co.jp"

#: Words on an offer that say it ships from abroad (Japanese and English UI).
OVERSEAS_MARKERS: tuple[str, ...] = (
    "海外から", "国外から", "海外発送", "海外配送品", "海外の倉庫",
    "ships from outside japan", "ships from abroad", "international shipment",
)
#: 出荷元 values that are a place abroad rather than a seller.
_ABROAD = {"中国", "中華人民共和国", "香港", "台湾", "韓国", "アメリカ", "アメリカ合衆国", "米国",
           "シンガポール", "タイ", "ベトナム", "マレーシア", "イギリス", "ドイツ", "フランス",
           "china", "hong kong", "taiwan", "korea", "united states", "usa", "singapore"}

_OUTLET_NAMES = ("amazonアウトレット", "amazon アウトレット", "amazon outlet",
                 "amazon warehouse")
_AMAZON_NAMES = {"amazon.co.jp", "amazon", "amazon.co.jp株式会社", "amazon japan"}
#: What 出荷元 says when Amazon's warehouses ship (FBA, Amazon itself, the outlet).
_AMAZON_WAREHOUSES = _AMAZON_NAMES | {"amazon.com", "amazon.com services llc",
                                      "amazonアウトレット"}


def _fold(text: str) -> str:
    return normalize(text).lower()


def is_outlet(seller_name: str | None) -> bool:
    """Whether a seller is Amazonアウトレット (Amazon's own returned and open-box stock).

    Example:
        >>> is_outlet("Amazonアウトレット"), is_outlet("Amazon.co.jp アウトレット")
        (True, True)
        >>> is_outlet("Amazon.co.jp"), is_outlet("アウトレット家電のミライ")
        (False, False)
    """
    folded = _fold(seller_name or "")
    if any(name in folded for name in _OUTLET_NAMES):
        return True
    return folded.startswith("amazon") and "アウトレット" in folded


def ships_from_amazon(ships_from: str | None) -> bool:
    """Whether 出荷元 names Amazon's own warehouses (Amazon.co.jp, or "Amazon" for FBA).

    Example:
        >>> ships_from_amazon("Amazon"), ships_from_amazon("家電のミライ Amazon店")
        (True, False)
    """
    return _fold(ships_from or "") in _AMAZON_WAREHOUSES


def is_amazon_itself(seller_name: str | None, seller_id: str | None = None) -> bool:
    """Whether the seller is Amazon.co.jp itself (not a marketplace seller).

    Example:
        >>> is_amazon_itself("Amazon.co.jp"), is_amazon_itself("ゲームショップ桜")
        (True, False)
    """
    if seller_id == AMAZON_JP_SELLER_ID:
        return True
    return _fold(seller_name or "") in _AMAZON_NAMES


# -- conditions --------------------------------------------------------------------------
_REFURBISHED_WORDS = ("整備済", "再生品", "リファービッシュ", "renewed", "refurbished",
                      "renovado", "reacondicionado")
_USED_WORDS = ("中古", "コレクター", "コレクタ", "used", "usado", "collectible", "coleccionable",
               "de colección")
# Longest first: "非常に良い" contains "良い", "ほぼ新品" contains "新品".
_GRADES: tuple[tuple[str, Condition], ...] = (
    ("ほぼ新品", Condition.LIKE_NEW), ("like new", Condition.LIKE_NEW),
    ("como nuevo", Condition.LIKE_NEW), ("likenew", Condition.LIKE_NEW),
    ("非常に良い", Condition.VERY_GOOD), ("very good", Condition.VERY_GOOD),
    ("verygood", Condition.VERY_GOOD), ("muy bueno", Condition.VERY_GOOD),
    ("良い", Condition.GOOD), ("good", Condition.GOOD), ("bueno", Condition.GOOD),
    ("可", Condition.ACCEPTABLE), ("acceptable", Condition.ACCEPTABLE),
    ("aceptable", Condition.ACCEPTABLE),
)
_NEW_WORDS = ("新品", "new", "nuevo")


def condition_from_label(label: str | None) -> Condition | None:
    """Map an Amazon condition heading (新品, 中古品 - 良い, 整備済み品…) to a :class:`Condition`.

    Collectible grades (コレクター商品 - 非常に良い) map to the same grades as used items;
    再生品 and 整備済み品 (Amazon Renewed) are refurbished. English and Spanish headings of
    the other Amazon sites are read too. ``None`` for words it does not know.

    Example:
        >>> condition_from_label("コレクター商品 - ほぼ新品"), condition_from_label("整備済み品")
        (<Condition.LIKE_NEW: 'like_new'>, <Condition.REFURBISHED: 'refurbished'>)
    """
    if not label:
        return None
    text = _fold(label)
    if any(word in text for word in _REFURBISHED_WORDS):
        return Condition.REFURBISHED
    if any(word in text for word in _USED_WORDS):
        _, _, grade = text.partition("-")
        grade = grade or text
        for word, condition in _GRADES:
            if word in grade:
                return condition
        return Condition.USED
    if any(word in text for word in _NEW_WORDS):
        return Condition.NEW
    return None


# -- delivery promises --------------------------------------------------------------------
_DATE = re.compile(r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
_FULL_DATE = re.compile(r"(20\d{2})\s*[/年.-]\s*(\d{1,2})\s*[/月.-]\s*(\d{1,2})")
_WEEKS = re.compile(r"(\d+)\s*(?:(?:~|-|から)\s*(\d+)\s*)?週間")
_MONTHS = re.compile(r"(\d+)\s*(?:(?:~|-|から)\s*(\d+)\s*)?[かヶカケ箇]\s*月")
_DAYS = re.compile(r"(\d+)\s*(?:(?:~|-|から)\s*(\d+)\s*)?(?:営業)?日(?:以内|ほど|程度|前後|で)")


def _dates(text: str, today: date) -> list[date]:
    found: list[date] = []
    month: int | None = None
    explicit = False
    for match in _DATE.finditer(text):
        if match.group(1):
            month = int(match.group(1))
            explicit = True
        elif month is None:
            continue  # "3日以内" before any month: a duration, not a date
        day = int(match.group(2))
        year = found[-1].year if found else today.year
        wanted = month
        if not match.group(1) and found and day < found[-1].day:
            wanted += 1  # "12月28日 - 3日": the day rolls into the next month
        if wanted > 12:
            wanted, year = wanted - 12, year + 1
        try:
            candidate = date(year, wanted, day)
        except ValueError:
            continue
        if (not found and candidate < today - timedelta(days=1)) or (
                found and candidate < found[-1]):
            try:
                candidate = candidate.replace(year=candidate.year + 1)
            except ValueError:  # 29 February
                continue
        found.append(candidate)
        month = candidate.month
    return found if explicit else []


def lead_time_days(text: str | None, now: datetime) -> int | None:
    """Days from ``now`` until the latest delivery a promise allows, or ``None``.

    Reads the words Amazon.co.jp uses: dates (``11月28日 金曜日``, ranges
    ``12月10日 - 25日``), ``今日``/``明日``/``明後日``, and shipping times
    (``通常2～3週間以内に発送``, ``1～2か月``, ``3日以内に発送``). A range counts to its
    end: that is what the seller promises. Dates without a year are the next such date.

    Example:
        >>> from altfinder.models import JST
        >>> now = datetime(2026, 11, 26, 12, 0, tzinfo=JST)
        >>> lead_time_days("明日 11月27日 にお届け", now)
        1
        >>> lead_time_days("通常2～3週間以内に発送します。", now)
        21
        >>> lead_time_days("この商品は2026/12/10に発売予定です。", now)
        14
    """
    if not text:
        return None
    folded = normalize(text)
    today = now.date()
    dates: list[date] = []
    for year, month, day in _FULL_DATE.findall(folded):
        try:
            dates.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    dates = dates or _dates(folded, today)
    if dates:
        return max(0, (max(dates) - today).days)
    if "明後日" in folded:
        return 2
    if "明日" in folded:
        return 1
    if "今日" in folded or "本日" in folded:
        return 0
    for pattern, unit in ((_WEEKS, 7), (_MONTHS, 30), (_DAYS, 1)):
        match = pattern.search(folded)
        if match:
            high = int(match.group(2) or match.group(1))
            return high * unit
    return None


def ships_from_overseas(text: str, markers: tuple[str, ...] = OVERSEAS_MARKERS,
                        ships_from: str | None = None) -> bool:
    """Whether an offer's words (or its 出荷元 being a country) say it ships from abroad.

    Example:
        >>> ships_from_overseas("この出品者は海外から商品を発送します。")
        True
        >>> ships_from_overseas("", ships_from="中国"), ships_from_overseas("在庫あり。")
        (True, False)
    """
    if ships_from and _fold(ships_from) in _ABROAD:
        return True
    folded = _fold(text)
    return any(marker in folded for marker in markers)


# -- one listing, reported once -------------------------------------------------------------
@dataclass
class _Reported:
    ctx: SearchContext
    offer: Offer


@dataclass
class SharedListings:
    """The Amazon listings both Amazon sources reported in one search.

    The All Offers Display copy of a listing is kept; the API's copy is excluded as a
    duplicate (and lends its points when the page showed none).

    Example:
        >>> SharedListings().page == []
        True
    """

    page: list[_Reported] = field(default_factory=list)
    api: list[_Reported] = field(default_factory=list)
    api_running: bool = False

    @staticmethod
    def _same(a: Offer, b: Offer) -> bool:
        if a.asin != b.asin or a.condition is not b.condition:
            return False
        sa, sb = a.seller, b.seller
        if sa is None or sb is None:
            return sa is sb
        if sa.id and sb.id:
            return sa.id == sb.id
        return _fold(sa.name) == _fold(sb.name)

    def add_from_page(self, ctx: SearchContext, offer: Offer) -> None:
        """Add an All Offers Display offer, taking over the API's copy of the same listing.

        Example:
            >>> # shared_listings(ctx.board).add_from_page(ctx, offer)
        """
        for reported in [r for r in self.api if self._same(r.offer, offer)]:
            offer = _lend_points(offer, reported.offer)
            _withdraw(reported)
            self.api.remove(reported)
        self.page.append(_Reported(ctx, offer))
        ctx.add(offer)

    def add_from_api(self, ctx: SearchContext, offer: Offer) -> None:
        """Add a Creators API offer unless the page already reported the listing.

        Example:
            >>> # shared_listings(ctx.board).add_from_api(ctx, offer)
        """
        for reported in self.page:
            if self._same(reported.offer, offer):
                merged = _lend_points(reported.offer, offer)
                if merged is not reported.offer:
                    _replace(reported, merged)
                ctx.exclude(offer, ExclusionReason.DUPLICATE, _DUPLICATE_DETAIL)
                return
        self.api.append(_Reported(ctx, offer))
        ctx.add(offer)


_DUPLICATE_DETAIL = ("the same Amazon listing is on the All Offers Display page (source "
                     "amazon), whose copy shows its shipping fee and seller rating")


def _lend_points(page_offer: Offer, api_offer: Offer) -> Offer:
    update: dict[str, object] = {}
    if not page_offer.points and api_offer.points:
        update["points"] = api_offer.points
    if page_offer.list_price is None and api_offer.list_price is not None:
        update["list_price"] = api_offer.list_price
    return page_offer.model_copy(update=update) if update else page_offer


def _withdraw(reported: _Reported) -> None:
    offers = reported.ctx.offers
    for index, offer in enumerate(offers):
        if offer is reported.offer:
            del offers[index]
            reported.ctx.excluded.append(ExcludedOffer(
                offer=offer, reason=ExclusionReason.DUPLICATE, detail=_DUPLICATE_DETAIL))
            return


def _replace(reported: _Reported, offer: Offer) -> None:
    offers = reported.ctx.offers
    for index, existing in enumerate(offers):
        if existing is reported.offer:
            offers[index] = offer
            reported.offer = offer
            return


_boards: weakref.WeakKeyDictionary[ProductBoard, SharedListings] = weakref.WeakKeyDictionary()


def shared_listings(board: ProductBoard) -> SharedListings:
    """The listings the Amazon sources reported in the search that owns ``board``.

    Example:
        >>> from altfinder.models import Product
        >>> from altfinder.sources.base import ProductBoard
        >>> board = ProductBoard(Product(), describers=set())
        >>> shared_listings(board) is shared_listings(board)
        True
    """
    listings = _boards.get(board)
    if listings is None:
        listings = _boards[board] = SharedListings()
    return listings
