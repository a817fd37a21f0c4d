"""Mercari's vocabulary in altfinder's terms: condition grades, shipping payers, sellers' URLs.

Example:
    >>> condition_of("1")
    (<Condition.NEW: 'new'>, '新品、未使用')
"""

from __future__ import annotations

from altfinder.models import Condition
from altfinder.sources.mercari._wire import int_or_none

#: The registered source name (``Mercari.name``), carried by every offer and error.
SOURCE = "mercari"
WEB_ROOT = "https://jp.mercari.com"

#: Mercari's item condition ids (``itemConditionId``) → (condition, Mercari's label).
CONDITIONS: dict[int, tuple[Condition, str]] = {
    1: (Condition.NEW, "新品、未使用"),
    2: (Condition.LIKE_NEW, "未使用に近い"),
    3: (Condition.VERY_GOOD, "目立った傷や汚れなし"),
    4: (Condition.GOOD, "やや傷や汚れあり"),
    5: (Condition.ACCEPTABLE, "傷や汚れあり"),
    6: (Condition.POOR, "全体的に状態が悪い"),
}
#: Mercari Shops names the condition by its label instead of its id.
CONDITION_BY_LABEL = {label: (condition, label) for condition, label in CONDITIONS.values()}
#: ``shippingPayerId`` of C2C listings: 2 送料込み(出品者負担), 1 着払い(購入者負担).
SHIPPING_PAYERS = {"2": "送料込み(出品者負担)", "1": "着払い(購入者負担)"}
SHOPS_BADGE = "メルカリShops"
#: The seller's name when Mercari does not give it (the search never does for C2C).
ANONYMOUS_SELLER = "メルカリ出品者"


def condition_of(grade: str | int | None) -> tuple[Condition, str] | None:
    """The condition and Mercari's label of an ``itemConditionId``; ``None`` if unknown.

    Example:
        >>> condition_of(3)[1], condition_of("9")
        ('目立った傷や汚れなし', None)
    """
    number = int_or_none(grade)
    return CONDITIONS.get(number) if number is not None else None


def item_url(item_id: str, *, shop: bool = False, web_root: str = WEB_ROOT) -> str:
    """The listing's page on jp.mercari.com.

    Example:
        >>> item_url("m78767763061")
        'https://jp.mercari.com/item/m78767763061'
        >>> item_url("2JM46MVsb6pFKhxEGHY97x", shop=True)
        'https://jp.mercari.com/shops/product/2JM46MVsb6pFKhxEGHY97x'
    """
    return f"{web_root}/shops/product/{item_id}" if shop else f"{web_root}/item/{item_id}"


def profile_url(seller_id: str | None, *, shop: bool = False,
                web_root: str = WEB_ROOT) -> str | None:
    """The seller's (or the shop's) profile page; ``None`` without an id.

    Example:
        >>> profile_url("7")
        'https://jp.mercari.com/user/profile/7'
        >>> profile_url("shopA", shop=True), profile_url(None)
        ('https://jp.mercari.com/shops/profile/shopA', None)
    """
    if not seller_id:
        return None
    return f"{web_root}/{'shops' if shop else 'user'}/profile/{seller_id}"
