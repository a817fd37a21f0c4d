"""Yahoo!オークション listings of the demo catalogue.

Built from :mod:`altfinder.sandbox.listings._flea` drafts with the auction's own fields:
bid-only auctions, auctions with a buy-now (即決) price, fixed-price (定額) listings, store
(ストア) and individual sellers, postage text (送料無料, ＋送料N円, 着払い, 送料未定) and the
``istatus`` condition codes (1 未使用, 3 未使用に近い … 7 全体的に状態が悪い).

Example:
    >>> listings = auction_listings()
    >>> demo = [x for x in listings if x.jan == "4902370548495"]
    >>> any(x.buy_now is None for x in demo), any(x.store for x in demo)
    (True, True)
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DEMO_CODE, PRODUCTS
from altfinder.sandbox.listings._flea import UsedDraft, drafts

__all__ = ["GRADE_TO_ISTATUS", "AuctionListing", "auction_listings"]

#: The common 1–6 grade → Yahoo!オークション's ``istatus`` code.
GRADE_TO_ISTATUS = {1: 1, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7}


@dataclass(frozen=True)
class AuctionListing:
    """One auction as the search index holds it.

    ``buy_now`` is ``None`` for a bid-only auction and equals ``current`` for a fixed-price
    (定額) listing; ``ends_in`` is seconds after the sandbox clock.

    Example:
        >>> auction_listings()[0].istatus in (1, 3, 4, 5, 6, 7)
        True
    """

    auction_id: str
    jan: str
    title: str
    istatus: int
    current: int
    buy_now: int | None
    bids: int
    ends_in: int
    postage: str
    seller_id: str
    store: bool = False
    trap: str | None = None
    category_path: str = "0,2084043920,2084046777"


_INDIVIDUALS = ("mikan_box_77", "rikuto2019", "hanamizuki_shop", "taro_yamada_0", "kobo-no-mori")
_STORES = ("store-reuse-kaede", "store-game-minato")
_POSTAGES = ("送料無料", "＋送料230円", "＋送料750円", "＋送料1,200円", "着払い", "送料未定")


def _auction_id(rng: random.Random) -> str:
    return rng.choice("bcdefgkmnopqrstuvwx") + "".join(rng.choices(string.digits, k=10))


def _listing(draft: UsedDraft, rng: random.Random) -> AuctionListing:
    store = rng.random() < 0.2
    kind = rng.choices(("bid", "bid_buy_now", "fixed"), weights=(4, 3, 3))[0]
    price = draft.price
    if kind == "bid":
        current, buy_now, bids = max(100, int(price * rng.uniform(0.45, 0.8) / 10) * 10), None, \
            rng.randint(0, 18)
    elif kind == "bid_buy_now":
        current, buy_now, bids = max(100, int(price * 0.7 / 10) * 10), price, rng.randint(0, 5)
    else:
        current, buy_now, bids = price, price, 0
    if store:
        postage = rng.choice(("送料無料", "＋送料750円"))
        seller = rng.choice(_STORES)
    else:
        postage = rng.choice(_POSTAGES)
        seller = rng.choice(_INDIVIDUALS)
    return AuctionListing(
        auction_id=_auction_id(rng), jan=draft.jan, title=draft.auction_title,
        istatus=GRADE_TO_ISTATUS[draft.grade], current=current, buy_now=buy_now, bids=bids,
        ends_in=rng.randint(2, 7 * 24) * 3600, postage=postage, seller_id=seller, store=store,
        trap=draft.trap,
    )


def _demo_extras() -> list[AuctionListing]:
    """Hand-written auctions of the demo product: each kind of price and postage."""
    title = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    jan = DEMO_CODE
    return [
        # Bid only: the current bid is not a price anyone can pay.
        AuctionListing("x1000000001", jan, f"{title} 美品 1円スタート", 4, 18500, None, 23,
                       5 * 3600, "＋送料1,200円", "rikuto2019"),
        # A bid with a buy-now price: the buy-now price is the offer.
        AuctionListing("x1000000002", jan, f"【即決】{title} 箱付き", 3, 26000, 31500, 2,
                       3 * 86400, "送料無料", "hanamizuki_shop"),
        # A store's fixed-price listing, tax included, free postage.
        AuctionListing("x1000000003", jan, f"{title} 新品未開封 【ストア】", 1, 35800, 35800, 0,
                       6 * 86400, "送料無料", "store-reuse-kaede", store=True),
        # Cash on delivery: the postage is unknown.
        AuctionListing("x1000000004", jan, f"{title} 中古 着払い", 5, 24800, 24800, 0,
                       2 * 86400, "着払い", "taro_yamada_0"),
    ]


def auction_listings() -> list[AuctionListing]:
    """Every Yahoo!オークション listing of the demo catalogue (deterministic).

    Example:
        >>> traps = {x.trap for x in auction_listings() if x.jan == DEMO_CODE}
        >>> {"case", "film", "box", "junk", "lot", "lite"} <= traps
        True
    """
    rng = random.Random(20261128)
    listings = _demo_extras()
    for product in PRODUCTS:
        listings.extend(_listing(d, rng) for d in drafts(product, rng))
    return listings
