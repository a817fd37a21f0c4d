"""Mercari's wire contract: pydantic models of its JSON answers and readers of its encodings.

The answers of ``entities:search``, ``items/get`` and the Mercari Shops product, the two
error envelopes, numbers sent as strings and RFC 3339 instants with nanoseconds.

Example:
    >>> Item.model_validate({"id": "m1", "name": "Switch", "price": "29800"}).price
    '29800'
"""

from __future__ import annotations

import json
from datetime import datetime
from itertools import takewhile
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError

from altfinder.models import JST


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


# -- entities:search ---------------------------------------------------------------------
class _Auction(_Wire):
    id: str | None = None
    bidDeadline: str | None = None
    totalBid: str | int | None = None
    highestBid: str | int | None = None


class _Shop(_Wire):
    id: str


class _Photo(_Wire):
    uri: str | None = None


class Item(_Wire):
    """One listing of a search answer (Mercari's own or a Mercari Shops product)."""

    id: str
    sellerId: str | None = None
    status: str = ""
    name: str
    price: str | int
    itemType: str = "ITEM_TYPE_MERCARI"
    itemConditionId: str | int | None = None
    shippingPayerId: str | int | None = None
    shippingMethodId: str | int | None = None
    shopName: str | None = None
    isNoPrice: bool = False
    thumbnails: list[str] = []
    photos: list[_Photo] = []
    auction: _Auction | None = None
    shop: _Shop | None = None


class _Meta(_Wire):
    nextPageToken: str | None = ""
    numFound: str | int | None = None


class SearchAnswer(_Wire):
    """An ``entities:search`` answer; its items are read one by one (see :class:`Item`)."""

    meta: _Meta
    items: list[dict[str, Any]]


# -- items/get ---------------------------------------------------------------------------
class Ratings(_Wire):
    """A C2C seller's rating counts."""

    good: int = 0
    normal: int = 0
    bad: int = 0


class DetailSeller(_Wire):
    """The seller of an ``items/get`` answer."""

    id: int | str | None = None
    name: str | None = None
    ratings: Ratings | None = None
    num_ratings: int | None = None
    is_official: bool = False
    quick_shipper: bool = False


class _Named(_Wire):
    id: int | str | None = None
    name: str | None = None
    code: str | None = None


class _Duration(_Wire):
    name: str | None = None
    min_days: int | None = None
    max_days: int | None = None


class _AuctionInfo(_Wire):
    expected_end_time: str | int | None = None
    total_bids: str | int | None = None
    highest_bid: str | int | None = None
    state: str | None = None


class _ItemData(_Wire):
    id: str
    status: str
    price: int
    name: str | None = None
    seller: DetailSeller | None = None
    item_condition: _Named | None = None
    shipping_payer: _Named | None = None
    shipping_duration: _Duration | None = None
    shipping_from_area: _Named | None = None
    auction_info: _AuctionInfo | None = None


class ItemAnswer(_Wire):
    """An ``items/get`` answer."""

    result: str
    data: _ItemData


# -- Mercari Shops product ---------------------------------------------------------------
class ShopStats(_Wire):
    """A shop's review score (1–5) and review count."""

    score: float | int | None = None
    reviewCount: str | int | None = None


class _ShopInfo(_Wire):
    name: str | None = None
    displayName: str | None = None
    shopStats: ShopStats | None = None


class _ShopPayer(_Wire):
    displayName: str | None = None
    code: str | None = None


class _ShopDuration(_Wire):
    displayName: str | None = None
    maxDays: int | None = None


class _ShopCondition(_Wire):
    displayName: str | None = None


class ShopDetail(_Wire):
    """A shops product's ``productDetail``: the shop, condition and postage."""

    shop: _ShopInfo | None = None
    condition: _ShopCondition | None = None
    shippingPayer: _ShopPayer | None = None
    shippingDuration: _ShopDuration | None = None
    shippingFromArea: dict[str, Any] | None = None


class ShopProduct(_Wire):
    """A Mercari Shops product (``/v1/marketplaces/shops/products/{id}``)."""

    name: str
    displayName: str | None = None
    price: str | int
    productTags: list[str] = []
    productDetail: ShopDetail | None = None


# -- encodings ---------------------------------------------------------------------------
def int_or_none(value: str | int | None) -> int | None:
    """A number Mercari may send as a string; ``None`` when absent or unreadable.

    Example:
        >>> int_or_none("29800"), int_or_none(""), int_or_none("n/a")
        (29800, None, None)
    """
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_instant(value: object) -> datetime | None:
    """RFC 3339 (``2026-02-21T11:26:31.052037112Z``) or unix seconds → aware datetime (JST).

    Example:
        >>> parse_instant("2026-02-20T11:41:10Z").isoformat()
        '2026-02-20T20:41:10+09:00'
        >>> parse_instant("2026-02-21T11:26:31.052037112Z").isoformat()
        '2026-02-21T20:26:31.052037+09:00'
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
        return datetime.fromtimestamp(int(value), JST)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    if "." in text:  # nanoseconds: Python reads at most microseconds
        head, _, rest = text.partition(".")
        digits = "".join(takewhile(str.isdigit, rest))  # the fraction, not the offset
        zone = rest[len(digits):]
        text = f"{head}.{digits[:6]}{zone}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JST)
    return moment.astimezone(JST)


def first_error(exc: ValidationError) -> str:
    """Where and what the first validation error is, for a ParseError or a note.

    Example:
        >>> try:
        ...     Item.model_validate({"id": "m1"})
        ... except ValidationError as exc:
        ...     first_error(exc)
        'name: Field required'
    """
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
    return f"{where}: {err.get('msg', 'invalid')}"


def error_summary(response: httpx.Response) -> tuple[str, str]:
    """(code, message) from Mercari's ``{"result":"error","errors":[…]}`` envelope, or from
    the gRPC-gateway shape ``{"code":…, "message":…}`` of the v1/v2 endpoints.

    Example:
        >>> error_summary(httpx.Response(404, json={"code": 5, "message": "not found"}))
        ('5', 'not found')
    """
    try:
        body = json.loads(response.content)
    except ValueError:
        return "", ""
    if not isinstance(body, dict):
        return "", ""
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return str(first.get("code") or ""), str(first.get("message") or "")
    if "message" in body or "code" in body:
        return str(body.get("code") or ""), str(body.get("message") or "")
    return "", ""


def looks_like_block_page(response: httpx.Response) -> bool:
    """Whether the answer is an HTML page (a bot check or a block page) instead of JSON.

    Example:
        >>> looks_like_block_page(httpx.Response(200, text="<!DOCTYPE html><html></html>"))
        True
    """
    content_type = response.headers.get("content-type", "")
    head = response.content[:2048].lower()
    return "html" in content_type or head.lstrip().startswith((b"<!doctype", b"<html"))
