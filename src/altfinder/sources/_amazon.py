"""What the two Amazon.co.jp sources share: sellers, conditions, lead times, listings.

``amazon`` (the All Offers Display pages) and ``amazon_creators`` (the Creators API)
describe the same marketplace. They read Amazon's condition words the same way, judge a
delivery promise the same way, and they name each listing the same way
(:func:`listing_key`), so that when both run in one search the finder reports each
listing once: the All Offers Display copy wins (it shows shipping and the seller rating),
taking the API's points when the page showed none.

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
from datetime import date, datetime, timedelta

from altfinder._text import normalize
from altfinder.models import Condition

__all__ = [
    "AMAZON_JP_SELLER_ID",
    "OVERSEAS_MARKERS",
    "condition_from_label",
    "is_amazon_itself",
    "is_outlet",
    "lead_time_days",
    "listing_key",
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
def listing_key(asin: str | None, condition: Condition, seller_id: str | None,
                seller_name: str | None) -> str | None:
    """The identity of an Amazon.co.jp listing, shared by both Amazon sources.

    The same listing reported by the offers page and by the Creators API gets the same
    key, and the finder keeps one copy (see ``Offer.listing_key``).

    Example:
        >>> listing_key("B098RKWHHZ", Condition.NEW, "AN1VRQENFRJN5", "Amazon.co.jp")
        'amazon.co.jp|B098RKWHHZ|new|AN1VRQENFRJN5'
    """
    if not asin:
        return None
    seller = seller_id or (_fold(seller_name) if seller_name else "-")
    return f"amazon.co.jp|{asin}|{condition.value}|{seller}"
