"""The demo catalogue: products with valid codes, shared by every marketplace.

Products are defined once here; each marketplace's listings live in
:mod:`altfinder.sandbox.listings` (one module per marketplace), generated from these
products with a fixed seed (so the catalogue is the same on every machine) plus
hand-written traps a shopper meets: a bait-priced offer from a brand-new store, a slow
seller, a sold-out listing, an accessory filed under the product's JAN.

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

from dataclasses import dataclass, field

__all__ = ["DEMO_CODE", "PRODUCTS", "DemoProduct", "product_by_code"]

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
