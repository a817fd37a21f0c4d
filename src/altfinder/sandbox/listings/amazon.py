"""Amazon.co.jp items and offers of the demo catalogue (both Amazon services read them).

Every product of :data:`~altfinder.sandbox.catalogue.PRODUCTS` has an item under its
ASIN (a book's ASIN is its ISBN-10) carrying its JAN in ``externalIds``, with offers
generated from a fixed seed: Amazon.co.jp itself, marketplace sellers (FBA or shipping
themselves), used grades, Amazonアウトレット, 整備済み品, コレクター商品. The demo product
adds hand-written traps: a second ASIN carrying the same JAN, look-alike accessories a
JAN keyword search returns, a brand-new seller with three ratings, a seller without
ratings yet, an overseas seller promising delivery in three to six weeks, a seller
giving 10 % points, and (under the second ASIN) a sold-out offer. The Zelda game always
has a コレクター商品 offer.

Example:
    >>> item = amazon_item("B098RKWHHZ")
    >>> item.eans, len(item.offers)
    (('4902370548495',), 11)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS, DemoProduct

__all__ = [
    "AMAZON_JP_ID",
    "OUTLET_ID",
    "AmazonItem",
    "AmazonOfferListing",
    "amazon_item",
    "amazon_items",
]

#: Amazon.co.jp's own merchant id, and the Amazonアウトレット seller's (made up).
AMAZON_JP_ID = "AN1VRQENFRJN5"
OUTLET_ID = "A2OUTLETJP7Q1Z"


@dataclass(frozen=True)
class AmazonOfferListing:
    """One offer on an Amazon.co.jp product page.

    ``condition`` is the All Offers Display heading (新品, 中古品 - 良い, 整備済み品…);
    ``shipping`` the fee in yen (0 free), free from ``free_over`` yen when set;
    ``rating_count`` ``None`` for Amazon's own accounts (no rating shown), 0 for a seller
    without ratings yet; ``delivery`` the earliest and latest day from today.

    Example:
        >>> AmazonOfferListing("o1", "新品", 1000, "Amazon.co.jp", AMAZON_JP_ID, fba=True).fba
        True
    """

    offer_id: str
    condition: str
    price: int
    seller: str
    seller_id: str
    fba: bool
    shipping: int = 0
    free_over: int | None = None
    rating_percent: int | None = None
    rating_count: int | None = None
    points: int = 0
    delivery: tuple[int, int] = (1, 2)
    overseas: bool = False
    in_stock: bool = True
    condition_note: str | None = None
    list_price: int | None = None
    deal_badge: str | None = None
    prime_only: bool = False


@dataclass(frozen=True)
class AmazonItem:
    """An Amazon.co.jp product (ASIN) with the codes its catalogue entry carries.

    ``keyword_jans``: JANs whose keyword search also returns this item although it does
    not carry them (accessories that mention the product).

    Example:
        >>> amazon_item("4873115655").isbns
        ('4873115655', '9784873115658')
    """

    asin: str
    title: str
    brand: str
    eans: tuple[str, ...]
    offers: tuple[AmazonOfferListing, ...] = ()
    isbns: tuple[str, ...] = ()
    keyword_jans: tuple[str, ...] = ()
    model: str | None = None

    @property
    def buy_box(self) -> AmazonOfferListing | None:
        """The featured offer: the first in-stock one (the AOD page pins it).

        Example:
            >>> amazon_item("B098RKWHHZ").buy_box.seller
            'Amazon.co.jp'
        """
        return next((o for o in self.offers if o.in_stock), None)


_SELLERS = (
    ("ゲームショップ桜", "A1SAKURAGAME01", 98, 23456),
    ("家電のミライ Amazon店", "A2MIRAIKADEN02", 97, 8123),
    ("ホビーランド青空", "A3AOZORAHOBBY3", 99, 1502),
    ("くらしの便利堂", "A4BENRIDOU0004", 95, 640),
    ("ブックオフ・スタイル", "A5BOOKSTYLE005", 96, 120345),
    ("リサイクルショップまるやま", "A6MARUYAMA0006", 96, 1203),
    ("トレジャーマーケット", "A7TREASURE0007", 93, 389),
    ("エコリユース東京", "A8ECOREUSE0008", 91, 77),
)
_GRADES = ("中古品 - ほぼ新品", "中古品 - 非常に良い", "中古品 - 良い", "中古品 - 可")
_GRADE_SHARE = {"中古品 - ほぼ新品": 0.9, "中古品 - 非常に良い": 0.83, "中古品 - 良い": 0.75,
                "中古品 - 可": 0.62}
_NOTES = {
    "中古品 - ほぼ新品": "開封済みですが未使用品です。付属品はすべて揃っています。",
    "中古品 - 非常に良い": "目立つ傷はありません。動作確認済みです。",
    "中古品 - 良い": "使用感と小傷があります。動作に問題はありません。",
    "中古品 - 可": "外箱に傷みがあります。本体に擦り傷があります。",
}


def _amazon_offer(product: DemoProduct, n: int) -> AmazonOfferListing:
    price = product.price
    return AmazonOfferListing(
        f"amzn-{product.jan[-7:]}-{n}", "新品", price, "Amazon.co.jp", AMAZON_JP_ID, fba=True,
        shipping=0 if price >= 2000 else 410, free_over=2000, points=price // 100,
        delivery=(1, 1))


def _generated(product: DemoProduct, rng: random.Random) -> tuple[AmazonOfferListing, ...]:
    offers: list[AmazonOfferListing] = []
    n = 0
    if rng.random() < 0.85:
        offers.append(_amazon_offer(product, n))
        n += 1
    for name, sid, percent, count in rng.sample(_SELLERS[:5], rng.randint(1, 3)):
        fba = rng.random() < 0.5
        price = max(100, int(product.price * rng.uniform(0.95, 1.06) / 10) * 10)
        offers.append(AmazonOfferListing(
            f"{sid[:6].lower()}-{product.jan[-6:]}-{n}", "新品", price, name, sid, fba=fba,
            shipping=0 if fba else rng.choice((0, 350, 550, 800)), rating_percent=percent,
            rating_count=count, points=price // 100 if rng.random() < 0.3 else 0,
            delivery=(1, 2) if fba else (2, 4)))
        n += 1
    for _ in range(rng.randint(0, 3)):
        name, sid, percent, count = rng.choice(_SELLERS[4:])
        grade = rng.choice(_GRADES)
        price = max(100, int(product.price * _GRADE_SHARE[grade] * rng.uniform(0.92, 1.05)))
        offers.append(AmazonOfferListing(
            f"{sid[:6].lower()}-{product.jan[-6:]}-{n}", grade, price, name, sid,
            fba=rng.random() < 0.3, shipping=rng.choice((0, 350, 600)), rating_percent=percent,
            rating_count=count, delivery=(2, 4), condition_note=_NOTES[grade]))
        n += 1
    if rng.random() < 0.25:
        grade = rng.choice(_GRADES[:2])
        offers.append(AmazonOfferListing(
            f"outlet-{product.jan[-6:]}-{n}", grade, int(product.price * 0.86), "Amazonアウトレット",
            OUTLET_ID, fba=True, delivery=(1, 2), condition_note="Amazonアウトレット：" + _NOTES[grade]))
        n += 1
    if product.category == "electronics" and rng.random() < 0.5:
        offers.append(AmazonOfferListing(
            f"renew-{product.jan[-6:]}-{n}", "整備済み品", int(product.price * 0.8),
            "リニューアル・ジャパン", "A9RENEWJAPAN09", fba=True, rating_percent=94,
            rating_count=2210, delivery=(1, 2),
            condition_note="Amazon整備済み品：180日間の返品・交換保証付き。"))
        n += 1
    collectible = product.jan == "4902370550733"  # the Zelda first print, always
    if collectible or (product.category in ("games", "books") and rng.random() < 0.2):
        offers.append(AmazonOfferListing(
            f"collect-{product.jan[-6:]}-{n}", "コレクター商品 - 非常に良い",
            int(product.price * 1.4), "トレジャーマーケット", "A7TREASURE0007", fba=False,
            shipping=600, rating_percent=93, rating_count=389, delivery=(3, 5),
            condition_note="初版。帯付き。"))
    return tuple(offers)


def _demo_items() -> list[AmazonItem]:
    jan = DEMO_CODE
    title = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    offers = (
        AmazonOfferListing("amzn-sw-oled-new", "新品", 37980, "Amazon.co.jp", AMAZON_JP_ID,
                           fba=True, points=380, delivery=(1, 1)),
        AmazonOfferListing("sakura-sw-oled-new", "新品", 37480, "ゲームショップ桜",
                           "A1SAKURAGAME01", fba=True, rating_percent=98, rating_count=23456,
                           delivery=(1, 2)),
        AmazonOfferListing("points-sw-oled-new", "新品", 38500, "ポイント還元ストア",
                           "A1POINTSTORE10", fba=True, rating_percent=99, rating_count=4512,
                           points=3850, delivery=(1, 2)),
        AmazonOfferListing("fresh-sw-oled-new", "新品", 33800, "新規ショップ123", "A1NEWSHOP1230",
                           fba=False, shipping=0, rating_percent=67, rating_count=3,
                           delivery=(3, 5)),
        AmazonOfferListing("launch-sw-oled-new", "新品", 36500, "はじめてストア", "A1HAJIMETE001",
                           fba=False, shipping=700, rating_count=0, delivery=(2, 4)),
        AmazonOfferListing("global-sw-oled-new", "新品", 34500, "Global Trade HK",
                           "A1GLOBALHK0001", fba=False, shipping=1500, rating_percent=89,
                           rating_count=312, delivery=(19, 40), overseas=True),
        AmazonOfferListing("outlet-sw-oled", "中古品 - ほぼ新品", 31500, "Amazonアウトレット",
                           OUTLET_ID, fba=True, delivery=(1, 2),
                           condition_note="Amazonアウトレット：外箱に傷があります。本体・付属品は未使用です。"),
        AmazonOfferListing("maruyama-sw-oled", "中古品 - 良い", 28800, "リサイクルショップまるやま",
                           "A6MARUYAMA0006", fba=False, shipping=800, rating_percent=96,
                           rating_count=1203, delivery=(2, 3), condition_note=_NOTES["中古品 - 良い"]),
        AmazonOfferListing("style-sw-oled-vg", "中古品 - 非常に良い", 31980, "ブックオフ・スタイル",
                           "A5BOOKSTYLE005", fba=True, rating_percent=96, rating_count=120345,
                           delivery=(1, 2), condition_note=_NOTES["中古品 - 非常に良い"]),
        AmazonOfferListing("eco-sw-oled-ok", "中古品 - 可", 24000, "エコリユース東京",
                           "A8ECOREUSE0008", fba=False, shipping=600, rating_percent=91,
                           rating_count=77, delivery=(3, 5), condition_note=_NOTES["中古品 - 可"]),
        AmazonOfferListing("renew-sw-oled", "整備済み品", 30800, "リニューアル・ジャパン",
                           "A9RENEWJAPAN09", fba=True, rating_percent=94, rating_count=2210,
                           delivery=(1, 2), condition_note="Amazon整備済み品：180日間の返品・交換保証付き。"),
    )
    return [
        AmazonItem("B098RKWHHZ", title, "任天堂", (jan,), offers, model="HEG-S-KAAAA"),
        # The same console under a second ASIN (an Amazon.co.jp edition): same JAN.
        AmazonItem("B0ALTFSW02", f"{title}【Amazon.co.jp限定】液晶保護フィルム付き", "任天堂", (jan,), (
            AmazonOfferListing("amzn-sw-oled-ltd", "新品", 38480, "Amazon.co.jp", AMAZON_JP_ID,
                               fba=True, points=385, delivery=(1, 1)),
            AmazonOfferListing("sakura-sw-oled-ltd", "新品", 38200, "ゲームショップ桜",
                               "A1SAKURAGAME01", fba=True, rating_percent=98,
                               rating_count=23456, delivery=(1, 2)),
            AmazonOfferListing("mirai-sw-oled-ltd", "新品", 37900, "家電のミライ Amazon店",
                               "A2MIRAIKADEN02", fba=False, shipping=550, rating_percent=97,
                               rating_count=8123, delivery=(2, 3)),
            AmazonOfferListing("aozora-sw-oled-ltd", "新品", 37200, "ホビーランド青空",
                               "A3AOZORAHOBBY3", fba=True, rating_percent=99, rating_count=1502,
                               in_stock=False),
        ), model="HEG-S-KAAAA"),
        # Look-alikes a keyword search for the JAN returns.
        AmazonItem("B0ALTFCS01", "Nintendo Switch 有機ELモデル 専用 キャリングケース ホワイト",
                   "サードパーティ", ("4589765432104",), (
                       AmazonOfferListing("case-sw-oled", "新品", 1980, "くらしの便利堂",
                                          "A4BENRIDOU0004", fba=True, rating_percent=95,
                                          rating_count=640),), keyword_jans=(jan,)),
        AmazonItem("B0ALTFFL01", "有機ELモデル対応 ガラスフィルム 2枚入り", "ノーブランド", (), (
            AmazonOfferListing("film-sw-oled", "新品", 880, "トレジャーマーケット",
                               "A7TREASURE0007", fba=False, shipping=200, rating_percent=93,
                               rating_count=389, delivery=(2, 4)),), keyword_jans=(jan,)),
    ]


def amazon_items() -> list[AmazonItem]:
    """Every Amazon.co.jp item of the demo catalogue (deterministic).

    Example:
        >>> all(item.offers for item in amazon_items()[:2])
        True
    """
    rng = random.Random(20261127)
    items = _demo_items()
    for product in PRODUCTS:
        if product.jan == DEMO_CODE:
            continue
        asin = product.asin or product.isbn10
        if asin is None:  # pragma: no cover - every demo product has one
            continue
        isbns = (product.isbn10, product.jan) if product.isbn10 else ()
        offers = _generated(product, rng)
        if product.jan == "4549995846607":  # a time sale on the iPhone, as the API shows it
            first = offers[0]
            offers = (AmazonOfferListing(
                first.offer_id, first.condition, int(product.price * 0.9), first.seller,
                first.seller_id, fba=first.fba, points=int(product.price * 0.9) // 100,
                delivery=first.delivery, list_price=product.price, deal_badge="タイムセール"),
                *offers[1:])
        if product.jan == "0840268499990":  # a Prime-member-only price on the Kindle
            first = _amazon_offer(product, 0)
            offers = (AmazonOfferListing(
                first.offer_id, "新品", product.price - 5000, first.seller, first.seller_id,
                fba=True, points=0, delivery=(1, 1), list_price=product.price,
                deal_badge="プライム会員限定価格", prime_only=True), *offers[1:])
        items.append(AmazonItem(asin, product.title, product.brand, (product.jan,), offers,
                                isbns=isbns, model=product.model))
    return items


_BY_ASIN: dict[str, AmazonItem] = {}


def amazon_item(asin: str) -> AmazonItem | None:
    """The item with this ASIN (a book's ASIN is its ISBN-10), if the catalogue has it.

    Example:
        >>> amazon_item("B0C1234567") is None
        True
    """
    if not _BY_ASIN:
        _BY_ASIN.update({item.asin: item for item in amazon_items()})
    return _BY_ASIN.get(asin.upper())
