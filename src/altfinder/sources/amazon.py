"""Amazon.co.jp — every offer on the All Offers Display (AOD) pages, no credentials.

``GET https://www.amazon.co.jp/gp/aod/ajax/?asin=<ASIN>&pc=dp`` is the HTML fragment the
product page loads into its "その他の出品者" panel: the pinned (featured) offer and ten
listed offers a page (``pageno=N&isonlyrenderofferlist=true`` for more). It shows what
no API shows: every used grade, Amazonアウトレット, 整備済み品, each seller's shipping
fee, its positive-feedback percentage and count, FBA, and the delivery promise.

What it cannot do: it needs an ASIN. An ASIN, an Amazon URL or an ISBN-10 book gives one
directly; a JAN does not, and only the ``amazon_creators`` source (Creators API
credentials) can tell which ASINs carry a JAN — without it a JAN input cannot reach
Amazon offers reliably, and the results say so rather than guess. Amazon also answers
scripts with robot checks (a captcha page, HTTP 503 "automated access"): those become a
:class:`~altfinder.errors.BlockedError`, never an empty result and never a retry loop.

Example:
    >>> from altfinder.sources import AmazonOffers
    >>> AmazonOffers().rate_limit.interval
    2.0
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import httpx
from selectolax.lexbor import LexborHTMLParser, LexborNode

from altfinder._text import normalize, to_int_yen
from altfinder.errors import (
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    SourceUnavailableError,
)
from altfinder.http import USER_AGENT, RateLimit, default_check, parse_retry_after, register_secret
from altfinder.models import ExclusionReason, Identity, Offer, Product, RatingScale, Seller
from altfinder.sources._amazon import (
    AMAZON_JP_NAME,
    AMAZON_JP_SELLER_ID,
    OVERSEAS_MARKERS,
    condition_from_label,
    is_amazon_itself,
    is_outlet,
    lead_time_days,
    listing_key,
    ships_from_amazon,
    ships_from_overseas,
)
from altfinder.sources.base import SearchContext, Source

__all__ = ["AmazonOffers", "AodPage", "parse_aod_page", "robot_marker"]

logger = logging.getLogger("altfinder.sources.amazon")

BASE_URL = "https://www.amazon.co.jp"
AOD_PATH = "/gp/aod/ajax/"
#: Offers listed per AOD page (the pinned offer comes on top of these on page 1).
PAGE_SIZE = 10

#: Text that only Amazon's robot checks carry (compared lower-case).
ROBOT_MARKERS: tuple[str, ...] = (
    "to discuss automated access to amazon data",
    "api-services-support@amazon.com",
    "validatecaptcha",
    "enter the characters you see below",
    "type the characters you see in this image",
    "make sure you're not a robot",
    "<title>robot check</title>",
    "ロボットでないことを確認",
    "表示されている文字を入力してください",
)
#: Elements only an All Offers Display answer has; a page with none of them is not one.
OFFER_MARKUP = (
    "#aod-container", "#all-offers-display", "#aod-pinned-offer", "#aod-offer",
    "#aod-offer-list", ".aod-information-block", ".aod-other-offer-block",
    "#aod-total-offer-count", "#aod-asin-block-asin",
)
#: The same, as text: checked on the raw answer so that a block is never cached.
_MARKUP_WORDS = ("aod-offer", "aod-pinned-offer", "aod-container", "all-offers-display",
                 "aod-total-offer-count", "aod-other-offer-block", "aod-asin-block")
NO_JAN_ROUTE_NOTE = (
    "amazon: a JAN cannot reach Amazon offers reliably without an ASIN, and only the "
    "Creators API (source amazon_creators, with credentials) tells which ASINs carry a "
    "JAN; search by ASIN or Amazon URL, or configure ALTFINDER_AMAZON_CREDENTIAL_ID, "
    "ALTFINDER_AMAZON_CREDENTIAL_SECRET and ALTFINDER_AMAZON_PARTNER_TAG"
)

_FREE_WORDS = ("無料", "free", "gratis", "送料込")
_NEW_SELLER_WORDS = ("just launched", "新規出品者", "新着出品者", "新しい出品者", "まだ評価",
                     "評価はありません", "評価なし", "ジャストローンチ", "recién lanzado",
                     "nuevo vendedor")
_OUT_OF_STOCK_WORDS = ("在庫切れ", "現在お取り扱いできません", "out of stock",
                       "currently unavailable", "no disponible")
_LABELS = ("出荷元", "発送元", "販売元", "販売者", "ships from", "sold by", "envío por", "vendedor")
_HEADINGS = ("#aod-offer-heading", "#aod-condition-heading", '[id^="aod-offer-heading"]',
             ".aod-offer-heading")
_POINTS = re.compile(r"(\d[\d,]*)\s*(?:pt|ポイント)(?![a-z])", re.IGNORECASE)
_THRESHOLD = re.compile(r"[¥￥]\s*([\d,]+)\s*以上|([\d,]+)\s*円以上|over\s*\D{0,3}([\d,]+)",
                        re.IGNORECASE)
_RATING_COUNT = re.compile(r"\(\s*([\d,]+)")
_RATING_COUNT_JA = re.compile(r"([\d,]+)\s*件")
_PERCENT = re.compile(r"(\d{1,3})\s*%")
_SELLER_ID = re.compile(r"[?&]seller=([A-Za-z0-9]+)")


def robot_marker(text: str) -> str | None:
    """The robot-check marker ``text`` carries, if any (captcha, automated-access page).

    Example:
        >>> robot_marker('<form action="/errors/validateCaptcha">')
        'validatecaptcha'
        >>> robot_marker('<div id="aod-offer">') is None
        True
    """
    lowered = text.lower()
    return next((marker for marker in ROBOT_MARKERS if marker in lowered), None)


@dataclass
class AodPage:
    """One All Offers Display page, read.

    Attributes:
        title: the product title in the page header (page 1 only).
        offers: every offer read, pinned first, in page order.
        listed: how many listed (not pinned) offer blocks the page had.
        total: the offer count the page announces, when it does.
        has_more: whether another page exists (``None``: the page does not say).
        problems: offer blocks that could not be read (they are not offers).

    Example:
        >>> AodPage().offers
        []
    """

    title: str | None = None
    image_url: str | None = None
    offers: list[Offer] = field(default_factory=list)
    listed: int = 0
    total: int | None = None
    has_more: bool | None = None
    problems: list[str] = field(default_factory=list)


class _UnreadableError(Exception):
    pass


def _text(node: LexborNode | None) -> str:
    if node is None:
        return ""
    return normalize(node.text(separator=" ") or "")


def _plain(node: LexborNode | None) -> str:
    """Text as shown (whitespace collapsed, no NFKC): titles keep their own characters."""
    if node is None:
        return ""
    return " ".join((node.text(separator=" ") or "").split())


def _strip_label(text: str) -> str:
    folded = text
    for label in _LABELS:
        if folded.lower().startswith(label):
            folded = folded[len(label):]
    return folded.strip(" :：")


def _row_value(row: LexborNode | None) -> str:
    """The value of a 出荷元 / 販売元 row: its right column's link or text, label stripped.

    (A ``.a-col-right x`` selector would also match through the pinned offer's own
    ``.a-col-right`` ancestor, so the right column is found first, then searched.)
    """
    if row is None:
        return ""
    right = next(iter(row.css(".a-col-right")), None)
    if right is not None:
        shown = right.css_first("a") or right.css_first("span") or right
        return _strip_label(_text(shown))
    link = row.css_first("a")
    return _strip_label(_text(link if link is not None else row))


def _blocks(tree: LexborHTMLParser) -> tuple[LexborNode | None, list[LexborNode]]:
    pinned = tree.css_first("#aod-pinned-offer")
    chosen: list[LexborNode] = []
    seen: set[int] = set()
    selector = "#aod-offer, .aod-other-offer-block, #aod-offer-list .aod-information-block"
    for node in tree.css(selector):
        if node.mem_id in seen:
            continue
        ancestor = node.parent
        nested = False
        while ancestor is not None:
            if ancestor.mem_id in seen or (pinned is not None and ancestor.mem_id == pinned.mem_id):
                nested = True
                break
            ancestor = ancestor.parent
        seen.add(node.mem_id)
        if not nested:
            chosen.append(node)
    return pinned, chosen


def _price(block: LexborNode) -> tuple[int | None, int | None]:
    """(price to pay, reference price) with the fallbacks the real markup needs."""
    scope = (block.css_first('[id^="aod-price-"]') or block.css_first("#aod-offer-price")
             or block)
    price: int | None = None
    for selector in (".apex-pricetopay-value .a-offscreen", ".priceToPay .a-offscreen",
                     ".a-price:not(.a-text-price) .a-offscreen",
                     ".apex-pricetopay-accessibility-label"):
        for node in scope.css(selector):
            value = to_int_yen(_text(node))
            if value is not None:
                price = value
                break
        if price is not None:
            break
    if price is None:
        whole = scope.css_first(".a-price:not(.a-text-price) .a-price-whole")
        price = to_int_yen(_text(whole)) if whole is not None else None
    if price is None:
        button = block.css_first('input[name="submit.addToCart"][aria-label]')
        label = (button.attributes.get("aria-label") or "") if button is not None else ""
        match = re.search(r"(?:price|価格)\D{0,4}([\d,]+)", normalize(label), re.IGNORECASE)
        price = to_int_yen(match.group(1)) if match else None
    reference = None
    for selector in (".a-text-price .a-offscreen", ".basisPrice .a-offscreen"):
        shown = scope.css_first(selector)
        if shown is not None and (value := to_int_yen(_text(shown))) is not None:
            reference = value
            break
    return price, reference


@dataclass
class _Delivery:
    fee: int | None = None
    message: str | None = None
    when: str | None = None


def _delivery(block: LexborNode, price: int) -> _Delivery:
    slot = (block.css_first("#mir-layout-DELIVERY_BLOCK-slot-PRIMARY_DELIVERY_MESSAGE_LARGE")
            or block.css_first('[id^="unified-delivery-message"]')
            or block.css_first(".aod-delivery-promise") or block)
    node = slot.css_first("[data-csa-c-delivery-price]")
    result = _Delivery()
    conditions = ""
    price_words = ""
    if node is not None:
        attrs = node.attributes
        price_words = normalize(attrs.get("data-csa-c-delivery-price") or "")
        conditions = normalize(attrs.get("data-csa-c-delivery-condition") or "")
        result.when = normalize(attrs.get("data-csa-c-delivery-time") or "") or None
        result.message = _text(node) or None
        if result.when is None:
            bold = node.css_first(".a-text-bold")
            result.when = _text(bold) or None
    elif slot is not block:
        result.message = _text(slot) or None
    charge = _text(block.css_first(".aod-ship-charge"))
    free = any(w in price_words.lower() for w in _FREE_WORDS)
    amount = None if free else to_int_yen(price_words)
    if amount is None and charge:
        if any(w in charge.lower() for w in _FREE_WORDS):
            free = True
        else:
            amount = to_int_yen(charge)
    if not free and amount is None and result.message:
        lowered = result.message.lower()
        if lowered.startswith(("無料", "free", "配送料無料", "送料無料")) or "無料配送" in lowered:
            free = True
    threshold_text = " ".join(t for t in (conditions, result.message or "", charge) if t)
    threshold_match = _THRESHOLD.search(threshold_text) if threshold_text else None
    threshold = None
    if threshold_match is not None:
        threshold = to_int_yen(next(g for g in threshold_match.groups() if g))
    if threshold is not None and (free or "無料" in threshold_text or "free" in threshold_text):
        # "￥2,000以上の注文で無料配送": free from the threshold; below it only an amount
        # shown elsewhere tells the fee.
        result.fee = 0 if price >= threshold else amount
    elif free:
        result.fee = 0
    else:
        result.fee = amount
    return result


@dataclass
class _Rating:
    ratio: float | None = None
    count: int | None = None
    text: str = ""


def _rating(block: LexborNode) -> _Rating | None:
    node = block.css_first("#aod-offer-seller-rating")
    if node is None:
        return None
    count_node = node.css_first('[id^="seller-rating-count"]')
    text = _text(count_node) or _text(node)
    rating = _Rating(text=text)
    count = _RATING_COUNT.search(text) or _RATING_COUNT_JA.search(text)
    if count is not None:
        rating.count = to_int_yen(count.group(1))
    percent = _PERCENT.search(text)
    if percent is not None:
        rating.ratio = min(int(percent.group(1)), 100) / 100
    if rating.count is None and rating.ratio is None and any(
            word in text.lower() for word in _NEW_SELLER_WORDS):
        rating.count = 0  # a seller without ratings yet
    return rating


def _seller_id(sold_by: LexborNode | None, block: LexborNode) -> str | None:
    if sold_by is not None:
        for link in sold_by.css("a[href]"):
            href = link.attributes.get("href") or ""
            query = parse_qs(urlsplit(href).query)
            if query.get("seller"):
                return query["seller"][0]
            match = _SELLER_ID.search(href)
            if match:
                return match.group(1)
    for selector in ("input#aod-offer-soldBy-merchantID", 'input[name="merchantID"]',
                     'input[name$="[merchantID]"]'):
        node = block.css_first(selector)
        if node is not None and node.attributes.get("value"):
            return node.attributes["value"]
    return None


def _offer_id(block: LexborNode) -> str | None:
    node = block.css_first('input[name$="[offerListingId]"]')
    if node is not None and node.attributes.get("value"):
        return node.attributes["value"]
    for selector in ("[data-aw-aod-cart-api]", "[data-select-aod-qty-atc]"):
        holder = block.css_first(selector)
        if holder is None:
            continue
        raw = holder.attributes.get(selector[1:-1]) or ""
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("oid"):
            return str(data["oid"])
    return None


def _offer(block: LexborNode, *, asin: str, title: str, now: datetime, base_url: str,
           identity: Identity, image_url: str | None, skip_text: str,
           overseas_markers: tuple[str, ...]) -> Offer:
    heading = ""
    for selector in _HEADINGS:
        heading = _text(block.css_first(selector))
        if heading:
            break
    if not heading:
        raise _UnreadableError("no condition heading")
    condition = condition_from_label(heading)
    if condition is None:
        raise _UnreadableError(f"unknown condition {heading!r}")
    sold_by = block.css_first("#aod-offer-soldBy")
    seller_name = _row_value(sold_by)
    price, reference = _price(block)
    if price is None:
        who = f" from {seller_name}" if seller_name else ""
        raise _UnreadableError(f"{heading}{who}: no price (shown only in the cart?)")
    ships_from = _row_value(block.css_first("#aod-offer-shipsFrom")) or None
    seller_id = _seller_id(sold_by, block)
    amazon_itself = is_amazon_itself(seller_name, seller_id)
    if amazon_itself:
        seller_id = seller_id or AMAZON_JP_SELLER_ID
        seller_name = seller_name or AMAZON_JP_NAME
    outlet = is_outlet(seller_name)
    rating = None if (amazon_itself or outlet) else _rating(block)
    seller = None
    if seller_name:
        seller = Seller(
            name=seller_name,
            id=seller_id,
            url=f"{base_url}/sp?seller={seller_id}" if seller_id and not amazon_itself else None,
            rating=rating.ratio if rating else None,
            rating_scale=RatingScale.POSITIVE_RATIO if rating and rating.ratio is not None
            else None,
            rating_count=rating.count if rating else None,
        )
    fulfilled = None
    if ships_from is not None:
        fulfilled = ships_from_amazon(ships_from)
    elif amazon_itself or outlet:
        fulfilled = True
    delivery = _delivery(block, price)
    whole = _text(block)
    if skip_text:
        whole = whole.replace(skip_text, " ")
    points_match = _POINTS.search(whole)
    availability = _text(block.css_first("#aod-offer-availability"))
    stock_words = f"{availability} {delivery.message or ''}".lower()
    in_stock = not any(w in stock_words for w in _OUT_OF_STOCK_WORDS)
    lead = lead_time_days(delivery.when, now)
    if lead is None:
        lead = lead_time_days(delivery.message, now)
    if lead is None and availability:
        lead = lead_time_days(availability, now)
    offer_id = _offer_id(block)
    item_id = offer_id or f"{asin}:{seller_id or seller_name}:{condition.value}:{price}"
    url = f"{base_url}/dp/{asin}" + (f"?smid={seller_id}" if seller_id else "")
    note = _text(block.css_first("#aod-condition-container")) or None
    return Offer(
        source=AmazonOffers.name,
        title=title,
        url=url,
        price=price,
        shipping_fee=delivery.fee,
        points=(to_int_yen(points_match.group(1)) or 0) if points_match else 0,
        condition=condition,
        condition_label=heading,
        seller=seller,
        in_stock=in_stock,
        asin=asin,
        identity=identity,
        item_id=item_id,
        image_url=image_url,
        lead_time_days=lead,
        delivery_estimate=delivery.message or availability or None,
        ships_from=ships_from,
        ships_from_overseas=ships_from_overseas(whole, overseas_markers, ships_from),
        fulfilled_by_marketplace=fulfilled,
        outlet=outlet,
        list_price=reference if reference and reference > price else None,
        raw={"offer_id": offer_id, "heading": heading, "sold_by": seller_name,
             "ships_from": ships_from, "rating": rating.text if rating else None,
             "delivery": delivery.message, "delivery_time": delivery.when,
             "availability": availability or None, "condition_note": note},
    )


def parse_aod_page(
    html: str,
    *,
    asin: str,
    now: datetime,
    page: int = 1,
    title: str | None = None,
    identity: Identity = Identity.CODE,
    base_url: str = BASE_URL,
    overseas_markers: tuple[str, ...] = OVERSEAS_MARKERS,
) -> AodPage:
    """Read one All Offers Display page of ``asin`` into offers.

    ``now`` judges delivery promises; ``title`` names the offers of later pages (their
    fragment has no header); ``identity`` is how the ASIN was tied to the product.

    Raises:
        BlockedError: a robot check, or a page with no offer markup at all (a sign-in
            page, a captcha) — never read as "no offers". An empty later page
            (``page > 1``) just ends the list.
        ParseError: the page has offer blocks, but not one could be read (a changed
            layout). Some unreadable blocks among readable ones are ``problems``.

    Example:
        >>> from altfinder.models import JST
        >>> html = ('<div id="aod-container"><div id="aod-offer">'
        ...         '<div id="aod-offer-heading"><span>中古品 - 良い</span></div>'
        ...         '<span id="aod-price-1"><span class="a-price"><span class="a-offscreen">'
        ...         '￥28,800</span></span></span></div></div>')
        >>> result = parse_aod_page(html, asin="B098RKWHHZ", now=datetime(2026, 11, 26, tzinfo=JST))
        >>> [(o.condition.value, o.price) for o in result.offers]
        [('good', 28800)]
    """
    marker = robot_marker(html)
    if marker is not None:
        raise BlockedError(f"amazon: Amazon answered with a robot check ({marker!r}) instead of "
                           "the offers", source=AmazonOffers.name)
    result = AodPage()
    if page > 1 and not html.strip():
        result.has_more = False
        return result
    tree = LexborHTMLParser(html)
    if not any(tree.css_first(selector) is not None for selector in OFFER_MARKUP):
        page_title = _text(tree.css_first("title"))
        shown = f" (page title {page_title!r})" if page_title else ""
        raise BlockedError(
            f"amazon: the answer for {asin} has no offer markup{shown}: Amazon served a "
            "robot check, a sign-in page or a layout altfinder does not know, not the offers",
            source=AmazonOffers.name)
    header = tree.css_first("#aod-asin-block-asin")
    result.title = _plain(tree.css_first("#aod-asin-title-text")) or None
    image = tree.css_first("#aod-asin-image-id")
    result.image_url = (image.attributes.get("src") or None) if image is not None else None
    total_node = tree.css_first("#aod-total-offer-count")
    if total_node is not None:
        result.total = to_int_yen(total_node.attributes.get("value") or "")
    elif (count := tree.css_first("#aod-filter-offer-count-string")) is not None:
        result.total = to_int_yen(_text(count))
    pagination = tree.css_first("ul.a-pagination li.a-last")
    if pagination is not None:
        result.has_more = "a-disabled" not in (pagination.attributes.get("class") or "")
    name = result.title or title or f"Amazon.co.jp {asin}"
    pinned, listed = _blocks(tree)
    result.listed = len(listed)
    header_text = _text(header)
    for position, block in enumerate(([pinned] if pinned is not None else []) + listed):
        is_pinned = block is pinned
        if is_pinned and not any(block.css_first(h) is not None for h in _HEADINGS) and \
                _price(block)[0] is None:
            continue  # the product header with "no featured offer": not an offer
        try:
            result.offers.append(_offer(
                block, asin=asin, title=name, now=now, base_url=base_url, identity=identity,
                image_url=result.image_url, skip_text=header_text if is_pinned else "",
                overseas_markers=overseas_markers))
        except _UnreadableError as exc:
            where = "pinned offer" if is_pinned else f"offer {position}"
            result.problems.append(f"{where}: {exc}")
    if result.problems and not result.offers:
        raise ParseError(
            f"amazon: the offers page of {asin} has offer blocks but none could be read "
            f"({'; '.join(result.problems[:3])}): the layout may have changed",
            source=AmazonOffers.name)
    if result.has_more is None:
        result.has_more = result.listed >= PAGE_SIZE
    return result


def _cookie_header(cookies: str | Mapping[str, str] | None) -> str | None:
    if cookies is None:
        return None
    if isinstance(cookies, str):
        pairs = [part.strip() for part in cookies.split(";") if part.strip()]
        values = [part.partition("=")[2] for part in pairs]
        header = "; ".join(pairs)
    else:
        values = [str(v) for v in cookies.values()]
        header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    for value in values:
        register_secret(value)
    return header or None


class AmazonOffers(Source):
    """Amazon.co.jp through its All Offers Display pages (no credentials).

    Args:
        max_pages: at most this many pages (ten offers each) per ASIN.
        max_asins: at most this many ASINs per JAN (a JAN can map to several).
        headers: extra or replacing request headers (a browser ``User-Agent``, say);
            Amazon answers most scripts with a robot check whatever they send.
        cookies: a ``Cookie`` header string or a mapping (a browser session's cookies
            make robot checks rarer); or ``ALTFINDER_AMAZON_COOKIES``. Treated as a secret.
        base_url / aod_path: where the pages live (configurable should Amazon move them).
        overseas_markers: words that mark an offer as shipping from abroad.
        rate_limit: override the polite default of one page every 2 seconds.

    Example:
        >>> AmazonOffers(cookies="session-id=358-0000000-0000000").max_pages
        5
    """

    name: ClassVar[str] = "amazon"
    label: ClassVar[str] = "Amazon.co.jp"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=2.0)
    credentials: ClassVar[dict[str, str]] = {}
    optional_env: ClassVar[dict[str, str]] = {"cookies": "ALTFINDER_AMAZON_COOKIES"}
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 15  # Amazon's catalogue title, after the API's
    # The offers page shows shipping and the seller rating: its copy of a listing wins.
    listing_preference: ClassVar[int] = 10
    hosts: ClassVar[tuple[str, ...]] = ("www.amazon.co.jp",)
    cache_ttl: ClassVar[float] = 3600.0  # offers and prices move within the day

    def __init__(
        self,
        *,
        max_pages: int = 5,
        max_asins: int = 5,
        headers: Mapping[str, str] | None = None,
        cookies: str | Mapping[str, str] | None = None,
        base_url: str = BASE_URL,
        aod_path: str = AOD_PATH,
        overseas_markers: tuple[str, ...] = OVERSEAS_MARKERS,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        if max_pages < 1 or max_asins < 1:
            raise ConfigurationError("amazon: max_pages and max_asins must be at least 1")
        self.max_pages = max_pages
        self.max_asins = max_asins
        self.base_url = base_url.rstrip("/")
        self.aod_path = aod_path
        self.overseas_markers = tuple(m.lower() for m in overseas_markers)
        self._extra_headers = dict(headers or {})
        self._cookie = _cookie_header(cookies)

    def secrets(self) -> tuple[str, ...]:
        """The session cookie values this instance holds (for redaction checks).

        Example:
            >>> AmazonOffers(cookies={"session-token": "abcd1234"}).secrets()
            ('abcd1234',)
        """
        if not self._cookie:
            return ()
        return tuple(part.partition("=")[2] for part in self._cookie.split("; ")
                     if part.partition("=")[2])

    @property
    def limiter_key(self) -> str:
        """One pace for every instance: Amazon paces by client, not by cookie.

        Example:
            >>> AmazonOffers().limiter_key
            'amazon:www.amazon.co.jp'
        """
        return f"{self.name}:{urlsplit(self.base_url).hostname}"

    def __repr__(self) -> str:
        return f"AmazonOffers(cookies={'***' if self._cookie else None})"

    def default_headers(self) -> dict[str, str]:
        """Japanese-language HTML headers, the configured extras, and the cookies.

        Example:
            >>> AmazonOffers().default_headers()["Accept-Language"]
            'ja-JP,ja;q=0.9'
        """
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,*/*;q=0.8",
            "Accept-Language": "ja-JP,ja;q=0.9",
        }
        headers.update(self._extra_headers)
        if self._cookie:
            headers["Cookie"] = self._cookie
        return headers

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Robot checks → :class:`BlockedError` (before any status rule: Amazon's robot
        page is an HTTP 503), 429 → rate limited, 5xx → unavailable; 404 is "no such
        product" and left to :meth:`search`.

        Example:
            >>> page = "<p>To discuss automated access to Amazon data please contact ...</p>"
            >>> answer = httpx.Response(503, text=page,
            ...                         request=httpx.Request("GET", BASE_URL + AOD_PATH))
            >>> AmazonOffers().check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.BlockedError: amazon: Amazon answered with a robot check ...
        """
        status = response.status_code
        marker = robot_marker(response.text)
        if marker is None:
            where = f"{response.headers.get('location', '')} {response.url.path}".lower()
            if "validatecaptcha" in where or "/ap/signin" in where:
                marker = "a redirect to a captcha or sign-in page"
        if marker is not None:
            raise BlockedError(
                f"amazon: Amazon answered with a robot check (HTTP {status}, {marker}); "
                "not retried — see the amazon source docs (headers, cookies, pacing)",
                source=self.name)
        if status in (403, 407):
            raise BlockedError(f"amazon: HTTP {status}: Amazon refused the request",
                               source=self.name)
        if status == 429:
            raise RateLimitedError("amazon: HTTP 429: too many requests", source=self.name,
                                   retry_after=parse_retry_after(
                                       response.headers.get("Retry-After")))
        if status >= 500:
            raise SourceUnavailableError(f"amazon: HTTP {status}: Amazon.co.jp is unavailable",
                                         source=self.name,
                                         retry_after=parse_retry_after(
                                             response.headers.get("Retry-After")))
        if status == 404:
            return
        default_check(response, self.name)
        text = response.text
        if text.strip() and not any(mark in text for mark in _MARKUP_WORDS):
            raise BlockedError(
                f"amazon: the answer (HTTP {status}) has no offer markup: Amazon served a "
                "robot check, a sign-in page or another page instead of the offers; not "
                "retried", source=self.name)

    # -- search ------------------------------------------------------------------------
    async def search(self, ctx: SearchContext) -> None:
        """List every offer of the ASIN(s) of ``ctx.code``.

        An ASIN, Amazon URL or ISBN-10 book is fetched directly (and its title told to
        the title-searching sources); a JAN waits for ``amazon_creators`` to name the
        ASINs that carry it, and without them adds a note instead of guessing.

        Example:
            >>> # await AmazonOffers().search(ctx)
        """
        if ctx.code.asin:
            asins = [ctx.code.asin]
            identity = Identity.CODE
        else:
            product = await self._wait_for_asins(ctx)
            if product is None:
                return
            asins = list(dict.fromkeys((*product.asins, *((product.asin,) if product.asin
                                                           else ()))))
            identity = Identity.CODE_SEARCH
            if not asins:
                if "amazon_creators" not in ctx.sources:
                    ctx.note(NO_JAN_ROUTE_NOTE)
                return
        if len(asins) > self.max_asins:
            ctx.note(f"amazon: JAN {ctx.code.value} maps to {len(asins)} ASINs; listed the "
                     f"offers of the first {self.max_asins} (max_asins)")
        for asin in asins[:self.max_asins]:
            await self._offers_for(ctx, asin, identity, describe=identity is Identity.CODE)

    async def _wait_for_asins(self, ctx: SearchContext) -> Product | None:
        """The product once ``amazon_creators`` named its ASINs — but not to the deadline:
        a hanging API must not make this source time out too."""
        remaining = ctx.http.deadline.remaining()
        limit = None if remaining is None else max(remaining - min(2.0, remaining / 4), 0.0)
        try:
            return await asyncio.wait_for(ctx.described_product(needs=("asins",)), limit)
        except TimeoutError:
            ctx.note(f"amazon: amazon_creators had not named the ASINs of JAN "
                     f"{ctx.code.value} when the deadline neared; no Amazon offers listed")
            return None

    async def _offers_for(self, ctx: SearchContext, asin: str, identity: Identity, *,
                          describe: bool) -> None:
        url = f"{self.base_url}{self.aod_path}"
        seen: set[str] = set()
        title: str | None = None
        total: int | None = None
        listed = 0
        for page in range(1, self.max_pages + 1):
            params: dict[str, Any] = {"asin": asin, "pc": "dp"}
            if page > 1:
                params.update({"pageno": page, "isonlyrenderofferlist": "true"})
            response = await ctx.http.get(url, params=params,
                                          headers={"Referer": f"{self.base_url}/dp/{asin}"})
            if response.status_code == 404:
                ctx.note(f"amazon: Amazon.co.jp has no product page for ASIN {asin}")
                return
            parsed = parse_aod_page(response.text, asin=asin, now=ctx.now, page=page,
                                    title=title, identity=identity, base_url=self.base_url,
                                    overseas_markers=self.overseas_markers)
            listed += parsed.listed
            if page == 1:
                title, total = parsed.title, parsed.total
                if describe and title:
                    ctx.describe(Product(asin=asin, title=title))
            for problem in parsed.problems:
                ctx.note(f"amazon: {asin} page {page}: skipped an unreadable offer ({problem})")
            for offer in parsed.offers:
                key = offer.item_id or offer.url
                if key in seen:
                    ctx.exclude(offer, ExclusionReason.DUPLICATE,
                                "the same offer appears twice on the offers pages "
                                "(the pinned offer repeated in the list)")
                    continue
                seen.add(key)
                if not offer.in_stock:
                    ctx.exclude(offer, ExclusionReason.OUT_OF_STOCK,
                                str((offer.raw or {}).get("availability") or "在庫切れ"))
                else:
                    seller = offer.seller
                    ctx.add(offer.model_copy(update={"listing_key": listing_key(
                        offer.asin, offer.condition, seller.id if seller else None,
                        seller.name if seller else None)}))
            if not parsed.has_more or (total is not None and listed >= total):
                return
        ctx.note(f"amazon: {asin} has more offers than {self.max_pages} pages; listed the "
                 f"first {self.max_pages * PAGE_SIZE} (max_pages)")

