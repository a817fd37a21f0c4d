"""Rakuten Ichiba and Rakuten Books listings of the demo catalogue.

Rakuten shops write product codes where they please: in the item name, in the caption,
as the item number, only as an item attribute the search index reads, or nowhere. The
generated listings cover each case, with Rakuten's price extras: 送料込 and 送料別,
tax-excluded prices (taxFlag 1), "from" prices of listings with variations, sold-out
items and point campaigns (windows relative to the sandbox clock, so a demo run any day
meets running and upcoming campaigns).

Example:
    >>> from altfinder.sandbox.catalogue import DEMO_CODE
    >>> len([x for x in ichiba_listings() if x.jan == DEMO_CODE]) >= 8
    True
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS, DemoProduct

__all__ = ["BooksListing", "IchibaListing", "books_listings", "ichiba_listings"]


@dataclass(frozen=True)
class IchibaListing:
    """One Rakuten Ichiba item as Item Search holds it.

    ``jan`` is the product the listing sells (catalogue bookkeeping, never served);
    whether the served item *shows* it depends on ``name``, ``caption`` and
    ``item_number``. ``indexed_jan``: the shop registered the JAN as an item attribute,
    so a keyword search for it finds the item although no served text carries it.
    ``price`` is ``itemPrice`` as served: tax excluded when ``tax_flag`` is 1.
    ``point_window`` is (start, end) in hours from the sandbox clock.

    Example:
        >>> ichiba_listings()[0].item_code.startswith("gameshop-rakuichi:")
        True
    """

    jan: str
    shop_code: str
    shop_name: str
    item_number: str
    name: str
    price: int
    caption: str = ""
    catchcopy: str = ""
    tax_flag: int = 0
    postage_flag: int = 0  # 0 送料込, 1 送料別
    availability: int = 1
    point_rate: int = 1
    point_window: tuple[float, float] | None = None
    price_range: tuple[int, int] | None = None
    indexed_jan: bool = False
    shop_of_the_year: bool = False
    review_count: int = 0
    review_average: float = 0.0
    genre_id: str = "100026"

    @property
    def item_code(self) -> str:
        """``shopCode:itemNumber``, Rakuten's item key.

        Example:
            >>> ichiba_listings()[0].item_code.count(":")
            1
        """
        return f"{self.shop_code}:{self.item_number}"


@dataclass(frozen=True)
class BooksListing:
    """One Rakuten Books item (Books total search).

    Example:
        >>> books_listings()[0].availability
        '1'
    """

    books_id: int
    title: str
    price: int
    isbn: str = ""
    jan: str = ""
    author: str = ""
    publisher: str = ""
    label: str = ""
    hardware: str = ""
    sales_date: str = "2024年04月01日"
    availability: str = "1"
    postage_flag: int = 2  # 0 送料別, 1 宅配送料無料, 2 送料無料(コンビニ送料含む)
    genre_id: str = "001"
    review_count: int = 0
    review_average: float = 0.0

    @property
    def code(self) -> str:
        """The ISBN or JAN that ``isbnjan`` finds it by.

        Example:
            >>> books_listings()[0].code.isdigit()
            True
        """
        return self.isbn or self.jan


_SHOPS = (
    ("denki-rakuichi", "でんき楽市 楽天市場店", True),
    ("kaden-hiroba", "家電ひろば", False),
    ("hobby-ichiba", "ホビー市場 楽天店", False),
    ("kurashi-mori", "暮らしの森 楽天市場店", False),
    ("cosme-sakura", "コスメさくら", False),
    ("daily-nagomi", "日用品のなごみ 楽天市場店", False),
    ("select-tokiwa", "セレクトショップときわ", False),
    ("shop-aozora", "あおぞらマーケット", False),
)
_USED_BOOKSHOPS = (
    ("reuse-books", "リユースブックス 楽天市場店"),
    ("furuhon-ninomiya", "古書ニノミヤ"),
)
_GENRES = {"games": "101205", "electronics": "562637", "books": "200162",
           "cosmetics": "100939", "household": "100804"}
_NAME_STYLES = (
    "{title}",
    "【送料無料】{title}",
    "{brand} {title}",
    "{title} 新品 国内正規品",
    "【あす楽】{title} {model}",
)
# Where the listing writes the product code: the weights follow how often shops do.
_CODE_PLACES = ("name", "caption", "caption", "item_number", "indexed", "nowhere")


def _caption(product: DemoProduct, *, with_code: bool) -> str:
    parts = [f"{product.title}。メーカー：{product.brand}"]
    if product.model:
        parts.append(f"型番：{product.model}")
    if with_code:
        label = "ISBN" if product.jan.startswith("978") else "JANコード"
        parts.append(f"{label}：{product.jan}")
    parts.append("お届けまで2〜5日程度。")
    return " ".join(parts)


def _campaign(rng: random.Random) -> tuple[int, tuple[float, float] | None]:
    roll = rng.random()
    if roll < 0.6:
        return 1, None
    rate = rng.choice((2, 3, 5, 10))
    if roll < 0.85:  # running now
        return rate, (-rng.uniform(2, 72), rng.uniform(30, 200))
    return rate, (rng.uniform(24, 96), rng.uniform(120, 300))  # announced, not started


def _generated(product: DemoProduct, rng: random.Random) -> list[IchibaListing]:
    listings: list[IchibaListing] = []
    genre = _GENRES.get(product.category, "100026")
    for n, (code, shop, of_the_year) in enumerate(rng.sample(_SHOPS, rng.randint(3, 5))):
        place = rng.choice(_CODE_PLACES)
        name = rng.choice(_NAME_STYLES).format(title=product.title, brand=product.brand,
                                               model=product.model or "").strip()
        if place == "name":
            name = f"{name} {product.jan}"
        price = int(product.price * rng.uniform(0.92, 1.08) / 10) * 10 or product.price
        tax_flag = 1 if rng.random() < 0.06 else 0
        rate, window = _campaign(rng)
        span = None
        if rng.random() < 0.1:
            span = (price, price + rng.choice((500, 1000, 2000)))
        listings.append(IchibaListing(
            jan=product.jan, shop_code=code, shop_name=shop,
            item_number=product.jan if place == "item_number" else f"{product.jan[-5:]}{n}a",
            name=name, caption=_caption(product, with_code=place == "caption"),
            price=price * 10 // 11 if tax_flag else price, tax_flag=tax_flag,
            postage_flag=rng.choice((0, 0, 1)), availability=0 if rng.random() < 0.07 else 1,
            point_rate=rate, point_window=window, price_range=span,
            indexed_jan=place == "indexed", shop_of_the_year=of_the_year,
            review_count=rng.randint(0, 400), review_average=round(rng.uniform(3.6, 4.9), 2),
            genre_id=genre,
        ))
    if product.category in ("books", "games"):
        listings.append(IchibaListing(
            jan=product.jan, shop_code="book", shop_name="楽天ブックス",
            item_number=str(17000000 + int(product.jan[-6:])), name=product.title,
            caption=_caption(product, with_code=True),
            catchcopy="【楽天ブックスならいつでも送料無料】", price=product.price,
            postage_flag=0, point_rate=1, genre_id=genre, review_count=rng.randint(5, 900),
            review_average=round(rng.uniform(4.0, 4.9), 2)))
    if product.category == "books":
        for m, (code, shop) in enumerate(_USED_BOOKSHOPS):
            listings.append(IchibaListing(
                jan=product.jan, shop_code=code, shop_name=shop,
                item_number=f"u{product.jan[-7:]}{m}", name=f"【中古】{product.title}",
                caption=_caption(product, with_code=m == 0) + " 中古品のため多少の使用感があります。",
                price=max(110, int(product.price * rng.uniform(0.35, 0.6) / 10) * 10),
                postage_flag=1, genre_id=genre))
    return listings


def _demo_traps() -> list[IchibaListing]:
    jan = DEMO_CODE
    title = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    caption = (f"{title}。メーカー：任天堂 型番：HEG-S-KAAAA JANコード：{jan} "
               "お届けまで2〜5日程度。")
    plain = f"{title}。メーカー：任天堂 型番：HEG-S-KAAAA 新品・未開封。"
    return [
        # A 10x point campaign running now: the points make it the cheapest.
        IchibaListing(jan, "gameshop-rakuichi", "ゲームショップ楽市", "sw-oled-w",
                      f"【ポイント10倍】{title} {jan}", 37980, caption=caption,
                      point_rate=10, point_window=(-30, 90), shop_of_the_year=True,
                      review_count=812, review_average=4.71, genre_id="101205"),
        # Rakuten Books' own shop on Ichiba; the JAN is in its caption.
        IchibaListing(jan, "book", "楽天ブックス", "17012345", title, 37980, caption=caption,
                      catchcopy="【楽天ブックスならいつでも送料無料】", genre_id="101205",
                      review_count=1420, review_average=4.62),
        # A wholesaler quoting the tax-excluded price (taxFlag 1), postage extra.
        IchibaListing(jan, "oroshi-net", "業務用卸ネット", jan, f"{title} 業務用 まとめ買い対応",
                      34527, caption=plain, tax_flag=1, postage_flag=1, genre_id="101205"),
        # Postage extra (送料別): the fee is unknown.
        IchibaListing(jan, "kaden-denden", "家電のでんでん", "heg-s-kaaaa",
                      f"{title} HEG-S-KAAAA", 36480, caption=caption, postage_flag=1,
                      genre_id="101205", review_count=95, review_average=4.3),
        # An announced campaign that has not started: the base rate applies now.
        IchibaListing(jan, "toy-maruya", "トイショップまるや", "sw-oled", f"{title} 新品 本体",
                      37480, caption=caption, point_rate=5, point_window=(48, 200),
                      genre_id="101205"),
        # Sold out (availability 0).
        IchibaListing(jan, "hobby-ichiba", "ホビー市場 楽天店", "sw-oled-4902",
                      f"【在庫切れ】{title} {jan}", 36980, caption=caption, availability=0,
                      genre_id="101205"),
        # A listing with colour variations: the price is a "from" price.
        IchibaListing(jan, "select-tokiwa", "セレクトショップときわ", "sw-oled-select",
                      "Nintendo Switch（有機ELモデル） 本体 選べるカラー ホワイト / ネオン",
                      37980, caption=f"{caption} カラーにより価格が異なります。",
                      price_range=(37980, 39980), genre_id="101205"),
        # Used, postage extra.
        IchibaListing(jan, "reuse-game", "リユースゲーム館", "u-sw-oled",
                      f"【中古】{title} 箱・説明書あり {jan}", 29980, caption=caption,
                      postage_flag=1, genre_id="101205"),
        # The JAN is only an item attribute: the search finds it, the text does not show it.
        IchibaListing(jan, "hobbyland-pochi", "ホビーランドぽち", "oled-white",
                      f"任天堂 {title} 本体", 36280, caption=plain, indexed_jan=True,
                      genre_id="101205", review_count=41, review_average=4.5),
        # No code anywhere: only a search by title finds it.
        IchibaListing(jan, "shop-aozora", "あおぞらマーケット", "nsw-oled-wh",
                      f"{title} 新品未使用", 35980, caption=plain, genre_id="101205"),
    ]


def ichiba_listings() -> list[IchibaListing]:
    """Every Rakuten Ichiba listing of the demo catalogue (deterministic).

    Example:
        >>> len(ichiba_listings()) > 60
        True
    """
    rng = random.Random(20261126 + 3)
    listings = _demo_traps()
    for product in PRODUCTS:
        if product.jan == DEMO_CODE:
            continue
        listings.extend(_generated(product, rng))
    return listings


def books_listings() -> list[BooksListing]:
    """Rakuten Books' items: the catalogue's books and games.

    Example:
        >>> {b.code for b in books_listings()} >= {"9784873115658", DEMO_CODE}
        True
    """
    rng = random.Random(20261126 + 4)
    listings: list[BooksListing] = []
    for n, product in enumerate(PRODUCTS):
        if product.category == "books":
            listings.append(BooksListing(
                books_id=16000000 + n * 7919, title=product.title, price=product.price,
                isbn=product.jan, publisher=product.brand, author="（著者）",
                sales_date=rng.choice(("2017年06月10日", "2020年01月25日", "2023年10月04日")),
                genre_id="001005", review_count=rng.randint(3, 600),
                review_average=round(rng.uniform(3.8, 4.9), 2)))
        elif product.category == "games":
            listings.append(BooksListing(
                books_id=16000000 + n * 7919, title=product.title, price=product.price,
                jan=product.jan, label=product.brand, hardware="Nintendo Switch"
                if "Switch" in product.title else "",
                availability=rng.choice(("1", "1", "2", "4")), genre_id="006",
                review_count=rng.randint(3, 900), review_average=round(rng.uniform(4.0, 4.9), 2)))
    return listings
