"""The demo catalogue: products with valid codes and the listings each marketplace shows.

Products are defined once; each marketplace's listings are generated from them with a
fixed seed (so the catalogue is the same on every machine), plus hand-written traps a
shopper meets: a bait-priced offer from a brand-new store, a slow seller, a sold-out
listing, an accessory filed under the product's JAN.

The codes use real GS1 company prefixes with check digits computed for made-up item
references (a few, such as 4902370548495, are the real product's JAN); prices and
sellers are invented. Nothing here is real offer data.

Example:
    >>> from altfinder.sandbox.catalogue import PRODUCTS, product_by_code
    >>> len(PRODUCTS) >= 20
    True
    >>> product_by_code("4902370548495").title
    'Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト'
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["DEMO_CODE", "PRODUCTS", "DemoProduct", "YahooListing", "product_by_code",
           "yahoo_listings"]

#: The product ``altfinder demo`` shows.
DEMO_CODE = "4902370548495"


@dataclass(frozen=True)
class DemoProduct:
    """A product of the demo catalogue.

    Example:
        >>> PRODUCTS[0].brand
        '任天堂'
    """

    jan: str
    title: str
    brand: str
    model: str | None
    category: str  # electronics, games, books, cosmetics, household
    price: int  # a typical new price, tax included
    asin: str | None = None
    isbn10: str | None = None
    maker_ja: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)


PRODUCTS: tuple[DemoProduct, ...] = (
    DemoProduct("4902370548495", "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト",
                "任天堂", "HEG-S-KAAAA", "games", 37980, asin="B098RKWHHZ"),
    DemoProduct("4902370547856", "Nintendo Switch Lite ターコイズ", "任天堂", "HDH-S-BAZAA",
                "games", 21978, asin="B07XV8VSZT"),
    DemoProduct("4948872421560", "PlayStation 5 (CFI-2000A01)", "ソニー・インタラクティブエンタテインメント",
                "CFI-2000A01", "games", 79980, asin="B0CKYMNQ5B"),
    DemoProduct("4948872415248", "DualSense ワイヤレスコントローラー ミッドナイト ブラック",
                "ソニー・インタラクティブエンタテインメント", "CFI-ZCT1J01", "games", 9480,
                asin="B0952TSQ4V"),
    DemoProduct("4902370550733", "ゼルダの伝説 ティアーズ オブ ザ キングダム -Switch", "任天堂",
                "HAC-P-AXN7A", "games", 7920, asin="B09X1WY7ZB"),
    DemoProduct("4902370549546", "ポケットモンスター スカーレット -Switch", "任天堂",
                "HAC-P-ALZXA", "games", 6578, asin="B09ZV6WS3S"),
    DemoProduct("4549995433944", "Apple AirPods Pro（第2世代）MagSafe充電ケース（USB-C）付き",
                "Apple", "MTJV3J/A", "electronics", 39800, asin="B0CHXNQ7CB"),
    DemoProduct("4549995846607", "Apple iPhone 15 128GB ブルー SIMフリー", "Apple", "MTML3J/A",
                "electronics", 124800, asin="B0CHX2MMKD"),
    DemoProduct("5025155492710", "Dyson V12 Detect Slim Fluffy コードレス掃除機", "Dyson",
                "SV46 FF", "household", 98780, asin="B0BQXJ6FCT"),
    DemoProduct("4549980922156", "パナソニック ヘアードライヤー ナノケア ディープネイビー", "パナソニック",
                "EH-NA0J-A", "household", 27800, asin="B0B5TQ8ZCX"),
    DemoProduct("4548736408623", "ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM5 ブラック",
                "ソニー", "WH-1000XM5/B", "electronics", 49500, asin="B09Y5NRX8F"),
    DemoProduct("9784088836119", "SPY×FAMILY 12 (ジャンプコミックス)", "集英社", None, "books", 528,
                isbn10="4088836111"),
    DemoProduct("9784873115658", "リーダブルコード ―より良いコードを書くためのシンプルで実践的なテクニック",
                "オライリー・ジャパン", None, "books", 2640, isbn10="4873115655"),
    DemoProduct("9784873119175", "Effective Python 第2版 ―Pythonプログラムを改良する90項目",
                "オライリー・ジャパン", None, "books", 3960, isbn10="4873119170"),
    DemoProduct("4909978143701", "アネッサ パーフェクトUV スキンケアミルク NA 60mL", "資生堂", None,
                "cosmetics", 3278, asin="B0BRT3Y6PF"),
    DemoProduct("4901301348937", "キュレル 潤浸保湿 フェイスクリーム 40g", "花王", None, "cosmetics",
                2200, asin="B00BVQ2DN0"),
    DemoProduct("4901301411273", "アタックZERO 洗濯洗剤 詰め替え 超特大 1620g", "花王", None,
                "household", 1298, asin="B0C3RKTR6D"),
    DemoProduct("4562344509633", "サーモス 真空断熱ケータイマグ 500ml ブラック", "サーモス", "JNL-506 BK",
                "household", 3480, asin="B0B2R3Q7TS"),
    DemoProduct("4974305753120", "象印 圧力IH炊飯ジャー 炎舞炊き 5.5合 濃墨", "象印", "NW-FB10-BZ",
                "household", 88000, asin="B0CBKJ3V8D"),
    DemoProduct("4904710135679", "タイガー 電気ケトル わく子 0.8L マットブラック", "タイガー",
                "PCM-A080-KM", "household", 3980, asin="B09NQ1LW6G"),
    DemoProduct("4967576243216", "アイリスオーヤマ サーキュレーター 静音 首振り 8畳 ホワイト",
                "アイリスオーヤマ", "PCF-SC15T", "household", 4980, asin="B07PBC2DP3"),
    DemoProduct("0840268499990", "Kindle Paperwhite (16GB) 7インチ 広告なし ブラック", "Amazon",
                None, "electronics", 29980, asin="B0CFPJYX7P"),
    DemoProduct("5702702234565", "レゴ(LEGO) スーパーマリオ レゴマリオ と ぼうけんのはじまり スターターセット",
                "レゴ", "71439", "games", 6578, asin="B0BNJ4Y6WD"),
)

_BY_CODE = {p.jan: p for p in PRODUCTS}
_BY_CODE.update({p.isbn10: p for p in PRODUCTS if p.isbn10})


def product_by_code(code: str) -> DemoProduct | None:
    """The demo product with this JAN, ISBN-13 or ISBN-10.

    Example:
        >>> product_by_code("4873115655").jan
        '9784873115658'
    """
    return _BY_CODE.get(code)


# -- Yahoo!ショッピング ------------------------------------------------------------------
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
