"""駿河屋 listings of the demo catalogue: games, books and electronics.

One listing is one 駿河屋 product page (管理番号), filed in the JAN index under ``gtin``.
A page may carry a 中古 price, a 新品 price, both, or neither (品切れ), and the lowest
price of the 他ショップ marketplace. The demo Switch has hand-written traps: a 箱説なし
variant, a ジャンク console, and a sold-out gift edition under the same JAN.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS, DemoProduct

__all__ = ["SurugayaListing", "surugaya_listings"]


@dataclass(frozen=True)
class SurugayaListing:
    """One 駿河屋 product page as its search index holds it.

    ``used_price`` / ``new_price`` are ``None`` when that condition is 品切れ.
    ``market_price`` is the lowest 他ショップ price over ``market_lots`` listings of
    ``market_mix`` (中古品, 新品, 中古品と新品).

    Example:
        >>> surugaya_listings()[0].gtin == DEMO_CODE
        True
    """

    product_id: str
    gtin: str
    title: str
    brand: str
    kind: str  # the category chip shown on the card
    release_date: str
    used_price: int | None
    new_price: int | None
    list_price: int | None
    market_price: int | None = None
    market_lots: int = 0
    market_mix: str = "中古品"
    isbn10: str | None = None
    model: str | None = None
    modified: int = 0  # for rankBy=modificationTime

    @property
    def in_stock(self) -> bool:
        """Whether 駿河屋 itself has a copy (what ``inStock=On`` keeps).

        Example:
            >>> surugaya_listings()[0].in_stock
            True
        """
        return self.used_price is not None or self.new_price is not None


# Titles as 駿河屋 writes them (its own wording, not the maker's).
_TITLES: dict[str, tuple[str, str]] = {
    "4902370547856": ("ニンテンドースイッチ本体 Nintendo Switch Lite本体 ターコイズ", "ゲーム機本体"),
    "4948872421560": ("プレイステーション5本体 PlayStation5本体 (CFI-2000A01)", "ゲーム機本体"),
    "4948872415248": ("PS5ハード ワイヤレスコントローラー DualSense ミッドナイト ブラック (CFI-ZCT1J01)",
                      "周辺機器"),
    "4902370550733": ("ゼルダの伝説 ティアーズ オブ ザ キングダム", "ニンテンドースイッチソフト"),
    "4902370549546": ("ポケットモンスター スカーレット", "ニンテンドースイッチソフト"),
    "4549995433944": ("AirPods Pro (第2世代) MagSafe充電ケース(USB-C)付き [MTJV3J/A]", "オーディオ機器"),
    "4549995846607": ("iPhone 15 128GB (SIMフリー) [ブルー] MTML3J/A", "スマートフォン"),
    "4548736408623": ("SONY ワイヤレスノイズキャンセリングステレオヘッドセット WH-1000XM5 (ブラック)",
                      "オーディオ機器"),
    "9784088836119": ("SPY×FAMILY(12) / 遠藤達哉", "少年コミック"),
    "9784873115658": ("リーダブルコード より良いコードを書くためのシンプルで実践的なテクニック / "
                      "ダスティン・ボズウェル", "単行本・ムック"),
    "9784873119175": ("Effective Python 第2版 Pythonプログラムを改良する90項目 / ブレット・スラットキン",
                      "単行本・ムック"),
    "0840268499990": ("Kindle Paperwhite 16GB 7インチ 広告なし ブラック", "電子書籍リーダー"),
    "5702702234565": ("LEGO レゴマリオ と ぼうけんのはじまり スターターセット 「レゴ スーパーマリオ」 71439",
                      "おもちゃ"),
}
_FITS = frozenset({"games", "books", "electronics"})


def _round(value: float, step: int = 10) -> int:
    return max(step, int(value / step) * step)


def _generated(product: DemoProduct, n: int, rng: random.Random) -> SurugayaListing:
    title, kind = _TITLES.get(product.jan, (product.title, "その他"))
    used = _round(product.price * rng.uniform(0.55, 0.85))
    new = _round(product.price * rng.uniform(0.93, 1.02))
    roll = rng.random()
    used_price = None if roll < 0.15 else used
    new_price = None if roll > 0.55 else new
    lots = rng.choice((0, 0, 2, 5, 11))
    return SurugayaListing(
        product_id=f"{109_000_000 + 7919 * (n + 3):09d}",
        gtin=product.jan,
        title=title,
        brand=product.brand,
        kind=kind,
        release_date=f"20{rng.randint(18, 25)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}",
        used_price=used_price,
        new_price=new_price,
        list_price=product.price,
        market_price=_round(used * rng.uniform(0.9, 1.05)) if lots else None,
        market_lots=lots,
        market_mix=rng.choice(("中古品", "中古品と新品")),
        isbn10=product.isbn10,
        model=product.model,
        modified=rng.randint(1_700_000_000, 1_790_000_000),
    )


def _demo_traps() -> list[SurugayaListing]:
    jan = DEMO_CODE
    base = "ニンテンドースイッチ本体 Nintendo Switch本体(有機ELモデル)"
    return [
        # Used and new on one page, plus the marketplace's lowest price.
        SurugayaListing("109270548", jan, f"{base} Joy-Con(L)/(R) ホワイト", "任天堂",
                        "ゲーム機本体", "2021/10/08", used_price=31800, new_price=37480,
                        list_price=37980, market_price=29980, market_lots=8,
                        market_mix="中古品と新品", model="HEG-S-KAAAA", modified=1_795_000_000),
        # A 箱説なし page under the same JAN: used only.
        SurugayaListing("109270549", jan, f"{base} ホワイト (箱説なし)", "任天堂", "ゲーム機本体",
                        "2021/10/08", used_price=27500, new_price=None, list_price=37980,
                        model="HEG-S-KAAAA", modified=1_794_000_000),
        # Junk: graded poor, excluded by the default policy.
        SurugayaListing("109270551", jan, f"(ジャンク品) {base} ホワイト 本体のみ 動作未確認", "任天堂",
                        "ゲーム機本体", "2021/10/08", used_price=12800, new_price=None,
                        list_price=37980, model="HEG-S-KAAAA", modified=1_793_000_000),
        # Sold out everywhere: an excluded offer with its reason.
        SurugayaListing("109270552", jan, f"{base} Joy-Con(L)/(R) ホワイト [ギフトラッピング版]",
                        "任天堂", "ゲーム機本体", "2021/10/08", used_price=None, new_price=None,
                        list_price=37980, model="HEG-S-KAAAA", modified=1_792_000_000),
    ]


def surugaya_listings() -> list[SurugayaListing]:
    """Every 駿河屋 listing of the demo catalogue (deterministic).

    Example:
        >>> len([x for x in surugaya_listings() if x.gtin == DEMO_CODE])
        4
    """
    rng = random.Random(20261127)
    listings = _demo_traps()
    for n, product in enumerate(PRODUCTS):
        if product.jan == DEMO_CODE or product.category not in _FITS:
            continue
        listings.append(_generated(product, n, rng))
    return listings
