"""BOOKOFF Online listings of the demo catalogue: books and games.

A BOOKOFF item is either used (``/used/<id>``) or new (``/new/<id>``); the same product
often has both. ``stock`` is the card's stock line: ``""`` (in stock, no line),
``"残りわずか"``, or ``"在庫なし"``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS, DemoProduct

__all__ = ["BookoffListing", "bookoff_listings"]


@dataclass(frozen=True)
class BookoffListing:
    """One BOOKOFF Online item.

    Example:
        >>> bookoff_listings()[0].kind
        'used'
    """

    item_id: str  # ten digits
    kind: str  # "used" or "new"
    code: str  # the JAN / ISBN-13 its keyword search finds it by
    title: str
    author: str
    category: str
    price: int
    list_price: int | None
    stock: str = ""
    isbn10: str | None = None

    @property
    def in_stock(self) -> bool:
        """Whether it can be bought online now.

        Example:
            >>> bookoff_listings()[1].in_stock
            False
        """
        return self.stock != "在庫なし"


# Titles and the author line as BOOKOFF shows them.
_TITLES: dict[str, tuple[str, str, str]] = {
    "4902370547856": ("Nintendo Switch Lite ターコイズ", "", "ゲーム"),
    "4948872421560": ("PlayStation5 CFI-2000A01", "", "ゲーム"),
    "4948872415248": ("DualSense ワイヤレスコントローラー ミッドナイト ブラック", "", "ゲーム"),
    "4902370550733": ("ゼルダの伝説 ティアーズ オブ ザ キングダム", "", "ゲーム"),
    "4902370549546": ("ポケットモンスター スカーレット", "", "ゲーム"),
    "9784088836119": ("SPY×FAMILY(12) ジャンプC", "遠藤達哉(著者)", "コミック"),
    "9784873115658": ("リーダブルコード より良いコードを書くためのシンプルで実践的なテクニック "
                      "Theory in practice", "ダスティン・ボズウェル(著者),トレバー・フーシェ(著者)",
                      "本"),
    "9784873119175": ("Effective Python 第2版 Pythonプログラムを改良する90項目",
                      "ブレット・スラットキン(著者),黒川利明(訳者)", "本"),
}
_FITS = frozenset({"games", "books"})


def _round(value: float) -> int:
    return max(110, int(value / 10) * 10)


def _generated(product: DemoProduct, n: int, rng: random.Random) -> list[BookoffListing]:
    if product.jan not in _TITLES:
        return []
    title, author, category = _TITLES[product.jan]
    listings = [BookoffListing(
        item_id=f"{19_000_000 + 613 * n:010d}", kind="used", code=product.jan, title=title,
        author=author, category=category,
        price=_round(product.price * rng.uniform(0.45, 0.8)), list_price=product.price,
        stock=rng.choice(("", "", "残りわずか", "在庫なし")), isbn10=product.isbn10)]
    if rng.random() < 0.6:
        listings.append(BookoffListing(
            item_id=f"{15_000_000 + 409 * n:010d}", kind="new", code=product.jan, title=title,
            author=author, category=category, price=product.price, list_price=product.price,
            stock=rng.choice(("", "在庫なし")), isbn10=product.isbn10))
    return listings


def _demo_traps() -> list[BookoffListing]:
    title = "Nintendo Switch(有機ELモデル) Joy-Con(L)/(R) ホワイト"
    return [
        BookoffListing("0019270548", "used", DEMO_CODE, title, "", "ゲーム", 30580, 37980,
                       stock="残りわずか"),
        BookoffListing("0015270548", "new", DEMO_CODE, title, "", "ゲーム", 37980, 37980,
                       stock="在庫なし"),
    ]


def bookoff_listings() -> list[BookoffListing]:
    """Every BOOKOFF Online listing of the demo catalogue (deterministic).

    Example:
        >>> sorted({x.kind for x in bookoff_listings()})
        ['new', 'used']
    """
    rng = random.Random(20261128)
    listings = _demo_traps()
    for n, product in enumerate(PRODUCTS):
        if product.jan == DEMO_CODE or product.category not in _FITS:
            continue
        listings.extend(_generated(product, n, rng))
    return listings
