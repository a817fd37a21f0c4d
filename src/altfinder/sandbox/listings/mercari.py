"""Mercari listings of the demo catalogue: C2C items, auctions and Mercari Shops products.

Built from :mod:`altfinder.sandbox.listings._flea` drafts (the product's own used copies
and the look-alikes a keyword search also returns) with Mercari's own fields: condition
ids 1–6, the shipping payer (2 送料込み, 1 着払い), sellers with good/normal/bad ratings,
auctions with a bid deadline, and Mercari Shops products (their own ids and shop stats).
Plus a few listings that are not on sale (sold out, in a trade) for the status filter.

Example:
    >>> listings = mercari_listings()
    >>> demo = [x for x in listings if x.jan == "4902370548495"]
    >>> any(x.auction_bids is not None for x in demo), any(x.shop_id for x in demo)
    (True, True)
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS
from altfinder.sandbox.listings._flea import GRADES, UsedDraft, drafts

__all__ = ["MercariListing", "mercari_listings"]


@dataclass(frozen=True)
class MercariListing:
    """One Mercari listing as the search index and ``items/get`` hold it.

    ``auction_ends_in`` is seconds after the sandbox clock (auctions end relative to
    whatever time the sandbox runs at). A ``shop_id`` makes it a Mercari Shops product.

    Example:
        >>> mercari_listings()[0].item_id.startswith("m")
        True
    """

    item_id: str
    jan: str
    name: str
    description: str
    price: int
    condition_id: int
    shipping_payer: int  # 2 送料込み(出品者負担), 1 着払い(購入者負担)
    shipping_method: int
    seller_id: int
    seller_name: str
    ratings: tuple[int, int, int]  # good, normal, bad
    status: str = "on_sale"  # on_sale | trading | sold_out
    auction_bids: int | None = None
    auction_ends_in: int | None = None
    shop_id: str | None = None
    shop_name: str = ""
    shop_score: int = 5
    shop_reviews: int = 0
    ships_from: str = "東京都"
    dispatch: tuple[int, int] = (1, 2)
    trap: str | None = None
    created_ago: int = 86400

    @property
    def condition_label(self) -> str:
        """Mercari's label for the condition id.

        Example:
            >>> mercari_listings()[0].condition_label in ("新品、未使用", "未使用に近い",
            ...     "目立った傷や汚れなし", "やや傷や汚れあり", "傷や汚れあり", "全体的に状態が悪い")
            True
        """
        return GRADES[self.condition_id]


_SELLERS = (
    (512300871, "もちもち商店", (1288, 4, 2)),
    (733012458, "ゆうきの部屋", (214, 1, 0)),
    (401998230, "みかん箱", (57, 0, 3)),
    (620044417, "かなえ", (9, 0, 0)),
    (815530092, "リサイクルのなかま", (3120, 12, 41)),
    (297716540, "sora_sora", (0, 0, 0)),
    (688210337, "こつこつ出品", (486, 3, 1)),
)
_SHOPS = (
    ("Qm7xTr2LpWa9sD4fGh6JkZ", "リユースショップ楓", 5, 8421),
    ("Vb3nHs8KqPc1xY5tRw2MeL", "ゲームと家電のみなと", 4, 1290),
)
_AREAS = ("東京都", "大阪府", "北海道", "福岡県", "愛知県", "神奈川県")
_SELLER_METHODS = (14, 17, 9, 8)  # らくらくメルカリ便, ゆうゆうメルカリ便, 普通郵便, レターパック
_BUYER_METHODS = (3, 4, 1)  # クロネコヤマト, ゆうパック, 未定


def _item_id(rng: random.Random) -> str:
    return "m" + "".join(rng.choices(string.digits, k=11))


def _shop_product_id(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=22))


def _listing(draft: UsedDraft, rng: random.Random, *, n: int) -> MercariListing:
    seller_id, seller_name, ratings = rng.choice(_SELLERS)
    payer = 2 if rng.random() < 0.8 else 1
    method = rng.choice(_SELLER_METHODS if payer == 2 else _BUYER_METHODS)
    low = rng.randint(1, 3)
    return MercariListing(
        item_id=_item_id(rng), jan=draft.jan, name=draft.title, description=draft.description,
        price=draft.price, condition_id=draft.grade, shipping_payer=payer,
        shipping_method=method, seller_id=seller_id, seller_name=seller_name, ratings=ratings,
        ships_from=rng.choice(_AREAS), dispatch=(low, low + rng.choice((1, 2, 4))),
        trap=draft.trap, created_ago=3600 * (n + 1) * rng.randint(2, 30),
    )


def _for_product(jan: str, product_drafts: list[UsedDraft],
                 rng: random.Random) -> list[MercariListing]:
    out = [_listing(d, rng, n=i) for i, d in enumerate(product_drafts)]
    genuine = [i for i, d in enumerate(product_drafts) if d.trap is None]
    # One of the product's own listings is an auction, one is sold by a Mercari Shops shop.
    if len(genuine) >= 2:
        auction, shop = genuine[0], genuine[1]
        current = out[auction]
        out[auction] = MercariListing(**{
            **current.__dict__, "price": int(current.price * 0.6 / 100) * 100,
            "auction_bids": rng.randint(1, 14), "auction_ends_in": rng.randint(3, 72) * 3600})
        shop_id, shop_name, score, reviews = rng.choice(_SHOPS)
        current = out[shop]
        out[shop] = MercariListing(**{
            **current.__dict__, "item_id": _shop_product_id(rng), "shop_id": shop_id,
            "shop_name": shop_name, "shop_score": score, "shop_reviews": reviews,
            "seller_id": 0, "seller_name": "", "shipping_payer": 2})
    return out


def _demo_extras() -> list[MercariListing]:
    """Hand-written listings of the demo product: sold out, in a trade, a cheap new one."""
    jan, title = DEMO_CODE, "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    return [
        MercariListing("m10000000001", jan, f"{title} 新品未開封", f"{title}。新品未開封品です。",
                       33800, 1, 2, 17, 512300871, "もちもち商店", (1288, 4, 2),
                       dispatch=(1, 2)),
        MercariListing("m10000000002", jan, f"{title} 箱あり", f"{title}。箱と付属品あり。",
                       26500, 3, 2, 14, 688210337, "こつこつ出品", (486, 3, 1),
                       status="sold_out"),
        MercariListing("m10000000003", jan, f"{title} 美品", f"{title}。取引中です。",
                       27800, 2, 2, 14, 733012458, "ゆうきの部屋", (214, 1, 0),
                       status="trading"),
    ]


def mercari_listings() -> list[MercariListing]:
    """Every Mercari listing of the demo catalogue (deterministic).

    Example:
        >>> traps = {x.trap for x in mercari_listings() if x.jan == DEMO_CODE}
        >>> {"case", "film", "box", "junk", "lot", "lite"} <= traps
        True
    """
    rng = random.Random(20261127)
    listings = _demo_extras()
    for product in PRODUCTS:
        listings.extend(_for_product(product.jan, drafts(product, rng), rng))
    return listings
