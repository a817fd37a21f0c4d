"""Yahoo!ショッピング listings of the demo catalogue."""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS, DemoProduct

__all__ = ["YahooListing", "yahoo_listings"]


@dataclass(frozen=True)
class YahooListing:
    """One Yahoo!ショッピング item as the itemSearch index holds it.

    ``indexed_jan`` is the JAN the index files it under (what ``jan_code`` finds);
    ``jan_code`` is what the item itself carries (``""`` when the store left it empty,
    another JAN for a mis-filed accessory).

    Example:
        >>> yahoo_listings()[0].indexed_jan == yahoo_listings()[0].jan_code
        True
    """

    indexed_jan: str
    jan_code: str
    seller_id: str
    seller_name: str
    item_code: str
    name: str
    price: int
    review_rate: float
    review_count: int
    shipping_code: int | None = 1  # 1 設定なし, 2 送料無料, 3 条件付き送料無料
    in_stock: bool = True
    condition: str = "new"
    point_amount: int = 0
    point_bonus: int = 0
    premium_price: int | None = None
    premium_bonus: int = 0
    best_seller: bool = False
    delivery_day: int | None = 2
    default_price: int | None = None  # the price outside the sale window
    sale_start: int | None = None  # unix seconds
    sale_end: int | None = None
    fixed_price: int | None = None
    brand: str | None = None


_STORES = (
    ("denki-mirai", "でんきのミライ Yahoo!店", 4.62, 18423, True),
    ("kaden-takara", "家電のタカラ", 4.41, 5210, False),
    ("aozora-hobby", "ホビーショップ青空", 4.73, 2410, True),
    ("kurashi-plus", "くらしプラス Yahoo!ショッピング店", 4.35, 9876, False),
    ("mori-books", "ブックス森の木", 4.58, 3302, False),
    ("beauty-hana", "コスメのはな", 4.49, 12044, True),
    ("zakka-sora", "雑貨のそら", 3.78, 310, False),
    ("nagomi-shop", "なごみ商店", 4.12, 874, False),
)
_NAME_STYLES = (
    "{title}",
    "【新品】{title} {model}",
    "{brand} {title}【送料無料】",
    "【あす楽対応】{title} 国内正規品",
    "{title} {model} 在庫あり",
)


def _points(price: int, rate: float) -> int:
    return int(price * rate) // 100


def _generated_yahoo(product: DemoProduct, rng: random.Random) -> list[YahooListing]:
    count = rng.randint(3, 5)
    stores = rng.sample(_STORES, count)
    listings = []
    for n, (sid, sname, rate, reviews, best) in enumerate(stores):
        price = int(product.price * rng.uniform(0.93, 1.08) / 10) * 10 or product.price
        shipping = rng.choice((1, 2, 2, 3))
        name = rng.choice(_NAME_STYLES).format(title=product.title, brand=product.brand,
                                               model=product.model or "").strip()
        bonus_rate = rng.choice((0, 0, 1, 4))
        listings.append(YahooListing(
            indexed_jan=product.jan,
            jan_code=product.jan if rng.random() > 0.1 else "",
            seller_id=sid, seller_name=sname, item_code=f"{sid}_{product.jan[-6:]}{n}",
            name=name, price=price, review_rate=rate, review_count=reviews,
            shipping_code=shipping, point_amount=_points(price, 1),
            point_bonus=_points(price, bonus_rate), premium_bonus=_points(price, bonus_rate + 2),
            best_seller=best, delivery_day=rng.choice((1, 1, 2, 3)), brand=product.brand,
            condition="used" if product.category == "books" and rng.random() < 0.3 else "new",
        ))
    return listings


def _demo_traps() -> list[YahooListing]:
    jan = DEMO_CODE
    title = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    return [
        # A sale price, valid only inside its window (2026-11-20 00:00 – 2026-12-01 00:00 JST).
        YahooListing(jan, jan, "denki-mirai", "でんきのミライ Yahoo!店", "denki-mirai_sw-oled-sale",
                     f"【ブラックフライデー】{title} HEG-S-KAAAA", 35980, 4.62, 18423,
                     shipping_code=2, point_amount=359, point_bonus=1439, premium_bonus=2159,
                     best_seller=True, delivery_day=1, default_price=37980,
                     sale_start=1795100400, sale_end=1796050800, fixed_price=37980,
                     brand="任天堂"),
        # LYP premium members pay less here.
        YahooListing(jan, jan, "kurashi-plus", "くらしプラス Yahoo!ショッピング店",
                     "kurashi-plus_heg-s-kaaaa", f"{title} 本体 新品", 37480, 4.35, 9876,
                     shipping_code=2, point_amount=374, point_bonus=0, premium_price=36980,
                     premium_bonus=739, delivery_day=2, brand="任天堂"),
        # Bait: far below every other offer, from a store with a handful of reviews.
        YahooListing(jan, jan, "tokuyasu-outlet77", "激安アウトレット77", "tokuyasu-outlet77_0001",
                     f"【在庫処分】{title} 新品未開封", 14800, 3.2, 3, shipping_code=2,
                     point_amount=148, delivery_day=3, brand="任天堂"),
        # A slow, poorly rated store: ships in about three weeks.
        YahooListing(jan, jan, "global-direct-jp", "グローバルダイレクト", "global-direct-jp_sw01",
                     f"{title} お取り寄せ", 34800, 3.6, 57, shipping_code=1,
                     point_amount=348, delivery_day=21, brand="任天堂"),
        # Sold out.
        YahooListing(jan, jan, "aozora-hobby", "ホビーショップ青空", "aozora-hobby_sw-oled",
                     f"{title}", 36980, 4.73, 2410, shipping_code=2, in_stock=False,
                     point_amount=369, delivery_day=2, brand="任天堂"),
        # A look-alike accessory the store filed under the console's JAN.
        YahooListing(jan, "4589765432104", "zakka-sora", "雑貨のそら", "zakka-sora_film-oled",
                     "Nintendo Switch 有機ELモデル 対応 ガラスフィルム 保護フィルム", 980, 3.78, 310,
                     shipping_code=2, point_amount=9, delivery_day=3),
        # A used console.
        YahooListing(jan, jan, "nagomi-shop", "なごみ商店", "nagomi-shop_sw-used",
                     f"【中古】{title} 箱説あり 動作確認済み", 29800, 4.12, 874, shipping_code=3,
                     condition="used", point_amount=298, delivery_day=2, brand="任天堂"),
    ]


def yahoo_listings() -> list[YahooListing]:
    """Every Yahoo!ショッピング listing of the demo catalogue (deterministic).

    Example:
        >>> len([x for x in yahoo_listings() if x.indexed_jan == DEMO_CODE]) >= 7
        True
    """
    rng = random.Random(20261126)
    listings = _demo_traps()
    for product in PRODUCTS:
        if product.jan == DEMO_CODE:
            continue
        listings.extend(_generated_yahoo(product, rng))
    return listings
