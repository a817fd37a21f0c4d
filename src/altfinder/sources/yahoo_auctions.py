"""Yahoo!オークション — the HTML search at ``auctions.yahoo.co.jp/search/search``.

Yahoo closed its Auctions Web API in 2018; every tool since reads the search page. Each
result card (``li.Product``) carries its data in ``data-auction-*`` attributes (id,
current price, buy-now price, end time, seller, store flag) and shows the postage as text.

* A **buy-now** (即決) price is a price anyone can pay: the offer's price, with the auction
  data kept in :class:`~altfinder.models.AuctionInfo`. A listing with only a **current
  bid** is not a price anyone can pay: flagged ``auction``, the bid as its price.
* The card shows no condition, so the search asks by condition (``istatus``): new (未使用)
  in one request, the used grades the ranking policy allows in another. ``per_grade``
  condition groups give every offer its exact grade, at one request per grade.
* Zero results are an HTTP 404 page with ``div.Empty``: no offers, not an error. When no
  listing has every keyword, Yahoo silently shows partial-keyword results under a banner;
  those are discarded with a note.

Keyword search only (no JAN search): offers are ``Identity.TITLE``, flagged ``title_match``.

Example:
    >>> from altfinder.sources import YahooAuctions
    >>> YahooAuctions().condition_groups
    ((1,), (3, 4, 5, 6, 7))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

import httpx
from selectolax.lexbor import LexborHTMLParser, LexborNode

from altfinder._text import normalize, to_int_yen
from altfinder.errors import (
    BlockedError,
    ConfigurationError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceTimeoutError,
    SourceUnavailableError,
)
from altfinder.http import USER_AGENT, RateLimit, parse_retry_after
from altfinder.models import (
    JST,
    AuctionInfo,
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Product,
    Seller,
)
from altfinder.sources._keywords import product_keywords
from altfinder.sources.base import SearchContext, Source

__all__ = ["ISTATUS", "AuctionPage", "YahooAuctions", "parse_postage", "parse_search_page"]

ENDPOINT = "https://auctions.yahoo.co.jp/search/search"
ITEM_ROOT = "https://auctions.yahoo.co.jp/jp/auction/"
SELLER_ROOT = "https://auctions.yahoo.co.jp/seller/"
PAGE_SIZES = (20, 50, 100)

#: ``istatus`` condition codes → (condition, Yahoo's label). 2 means "any used grade".
ISTATUS: dict[int, tuple[Condition, str]] = {
    1: (Condition.NEW, "未使用"),
    3: (Condition.LIKE_NEW, "未使用に近い"),
    4: (Condition.VERY_GOOD, "目立った傷や汚れなし"),
    5: (Condition.GOOD, "やや傷や汚れあり"),
    6: (Condition.ACCEPTABLE, "傷や汚れあり"),
    7: (Condition.POOR, "全体的に状態が悪い"),
}
STORE_BADGE = "ストア"
FLEA_BADGE = "Yahoo!フリマ"
#: Yahoo's banner over partial-keyword results ("…に一致する商品はありません。キーワードの一部
#: を利用した結果を表示しています").
PARTIAL_MARKER = "キーワードの一部を利用した結果"
#: Words of Yahoo! JAPAN's block page ("ご覧になろうとしているページは現在表示できません",
#: "機械的な大量アクセス") and of challenge pages.
BLOCK_MARKERS = ("ご覧になろうとしているページは現在表示できません", "アクセスを一時的に制限",
                 "機械的な大量アクセス", "captcha", "Unable to process request at this time")
_AUCTION_ID = re.compile(r"/auction/([A-Za-z0-9]+)")
_END_IN_YLK = re.compile(r"(?:etm=|end:)(\d{9,11})")
_AMOUNT = re.compile(r"送料\s*([\d,]+)\s*円")


def parse_postage(text: str | None, *, free_flag: bool = False) -> int | None:
    """The postage from a card's text: 送料無料 → 0, ＋送料230円 → 230, 着払い/未定 → ``None``.

    Example:
        >>> parse_postage("＋送料230円"), parse_postage("送料無料"), parse_postage("送料未定")
        (230, 0, None)
        >>> parse_postage("着払い"), parse_postage(None, free_flag=True)
        (None, 0)
    """
    if free_flag:
        return 0
    if not text:
        return None
    clean = normalize(text)
    if "送料無料" in clean:
        return 0
    if "着払" in clean or "未定" in clean:
        return None
    match = _AMOUNT.search(clean)
    return int(match.group(1).replace(",", "")) if match else None


@dataclass
class AuctionPage:
    """One parsed search page.

    Example:
        >>> AuctionPage().empty
        False
    """

    offers: list[Offer] = field(default_factory=list)
    excluded: list[tuple[Offer, ExclusionReason, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cards: int = 0
    total: int | None = None
    empty: bool = False
    partial_match: bool = False


def _attrs(card: LexborNode) -> dict[str, str]:
    """Every ``data-auction-*`` attribute of the card (the bonus div, links, image)."""
    found: dict[str, str] = {}
    for node in (card, *card.css("[data-auction-id]")):
        for key, value in node.attributes.items():
            if key.startswith("data-auction-") and value is not None and key not in found:
                found[key] = value
    return found


def _text(node: LexborNode | None) -> str:
    return node.text(strip=True) if node is not None else ""


def _prices(card: LexborNode) -> tuple[int | None, int | None]:
    """(current, buy-now) from the ``.Product__price`` blocks (labels 現在 / 即決)."""
    current: int | None = None
    buy_now: int | None = None
    for block in card.css(".Product__price"):
        label = _text(block.css_first(".Product__label"))
        value = to_int_yen(_text(block.css_first(".Product__priceValue")))
        if "即決" in label:
            buy_now = value if value else None
        elif current is None:
            current = value
    return current, buy_now


def _card_offer(card: LexborNode, *, condition_codes: Sequence[int],
                now: datetime | None) -> tuple[Offer, tuple[ExclusionReason, str] | None]:
    attrs = _attrs(card)
    link = card.css_first("a.Product__titleLink") or card.css_first("a.Product__imageLink")
    href = link.attributes.get("href") if link is not None else None
    auction_id = attrs.get("data-auction-id") or ""
    if not auction_id and href:
        found = _AUCTION_ID.search(href)
        auction_id = found.group(1) if found else ""
    if not auction_id:
        raise ValueError("a card without an auction id")
    title = _text(card.css_first("a.Product__titleLink")) or attrs.get("data-auction-title", "")
    if not title:
        raise ValueError(f"{auction_id}: no title")
    shown_current, shown_buy_now = _prices(card)
    current = to_int_yen(attrs.get("data-auction-price")) or shown_current
    buy_now = to_int_yen(attrs.get("data-auction-buynowprice")) or shown_buy_now or None
    if current is None and buy_now is None:
        raise ValueError(f"{auction_id}: no price")
    flea = attrs.get("data-auction-isflea") == "1"
    store = attrs.get("data-auction-isshoppingitem") == "1"
    ends_at = None
    end = attrs.get("data-auction-endtime")
    if not end:
        for node in card.css("[data-ylk], [data-cl-params]"):
            blob = (node.attributes.get("data-cl-params") or "") + (
                node.attributes.get("data-ylk") or "")
            found_end = _END_IN_YLK.search(blob)
            if found_end:
                end = found_end.group(1)
                break
    if end and end.isdigit():
        ends_at = datetime.fromtimestamp(int(end), JST)
    bids = to_int_yen(_text(card.css_first(".Product__bid")))
    postage_node = card.css_first(".Product__postage") or card.css_first(
        ".Product__icon--freeShipping")
    postage_text = _text(postage_node)
    shipping = parse_postage(postage_text,
                             free_flag=attrs.get("data-auction-isfreeshipping") == "1")
    flags = {Flag.TITLE_MATCH}
    auction: AuctionInfo | None = None
    if flea:
        price = buy_now or current or 0
    else:
        auction = AuctionInfo(current_bid=current, buy_now_price=buy_now, bids=bids,
                              ends_at=ends_at)
        price = buy_now if buy_now else (current or 0)
        if not buy_now:
            flags.add(Flag.AUCTION)
    if len(condition_codes) == 1 and condition_codes[0] in ISTATUS:
        condition, label = ISTATUS[condition_codes[0]]
    else:
        condition, label = Condition.USED, None
    seller_id = attrs.get("data-auction-sellerid") or attrs.get("data-auction-auc-seller-id")
    badges = tuple(b for b, on in ((STORE_BADGE, store), (FLEA_BADGE, flea)) if on)
    seller = None
    if seller_id or badges:
        seller = Seller(name=seller_id or badges[0], id=seller_id or None,
                        url=f"{SELLER_ROOT}{seller_id}" if seller_id else None, badges=badges)
    picture = card.css_first("img.Product__imageData")
    image = attrs.get("data-auction-img") or (
        picture.attributes.get("src") if picture is not None else None)
    raw: dict[str, Any] = {**attrs, "postage": postage_text or None, "bids": bids}
    offer = Offer(
        source=YahooAuctions.name,
        title=title,
        url=href or f"{ITEM_ROOT}{auction_id}",
        price=price,
        shipping_fee=shipping,
        condition=condition,
        condition_label=label,
        seller=seller,
        identity=Identity.TITLE,
        flags=frozenset(flags),
        item_id=auction_id,
        image_url=image,
        ships_from_overseas=False,
        auction=auction,
        raw=raw,
    )
    if ends_at is not None and now is not None and ends_at <= now:
        return offer, (ExclusionReason.OUT_OF_STOCK, f"auction ended at {ends_at.isoformat()}")
    return offer, None


def parse_search_page(html: str, *, condition_codes: Sequence[int] = (),
                      now: datetime | None = None) -> AuctionPage:
    """Read one search-result page.

    ``condition_codes`` are the ``istatus`` codes the page was asked for: a single code
    gives every offer that grade, several give ``used`` (grade unknown).

    Raises:
        ParseError: the page is neither a result list nor Yahoo's empty page.

    Example:
        >>> card = ('<ul><li class="Product"><div class="Product__bonus" data-auction-id="x1"'
        ...         ' data-auction-price="3440" data-auction-buynowprice="30000"'
        ...         ' data-auction-endtime="1790083000"></div><a class="Product__titleLink"'
        ...         ' href="https://auctions.yahoo.co.jp/jp/auction/x1">EXAMPLE A-100</a>'
        ...         '<p class="Product__postage">＋送料230円</p></li></ul>')
        >>> o = parse_search_page(card, condition_codes=[3]).offers[0]
        >>> o.price, o.auction.current_bid, o.shipping_fee, o.condition.value
        (30000, 3440, 230, 'like_new')
    """
    tree = LexborHTMLParser(html)
    page = AuctionPage()
    body_text = tree.body.text(separator=" ") if tree.body is not None else ""
    if PARTIAL_MARKER in body_text:
        page.partial_match = True
        return page
    if tree.css_first("div.Empty") is not None:
        page.empty = True
        return page
    cards = tree.css("li.Product")
    if not cards:
        if tree.css_first(".Products, .Products__items, #allContents") is not None:
            page.empty = True
            return page
        raise ParseError("yahoo_auctions: the page has neither result cards nor the empty "
                         "notice (the layout changed, or this is not a search page)",
                         source=YahooAuctions.name)
    page.cards = len(cards)
    count = _text(tree.css_first("li.Tab__item--current .Tab__subText"))
    page.total = to_int_yen(count) if count else None
    for index, card in enumerate(cards):
        try:
            offer, exclusion = _card_offer(card, condition_codes=condition_codes, now=now)
        except (ValueError, TypeError) as exc:
            page.problems.append(f"card {index + 1}: {exc}")
            continue
        if exclusion is None:
            page.offers.append(offer)
        else:
            page.excluded.append((offer, *exclusion))
    if page.problems and not page.offers and not page.excluded:
        # Cards, but not one readable: a cut-off or garbled page, not "no offers".
        raise ParseError(f"yahoo_auctions: none of the {len(cards)} result cards could be read "
                         f"({page.problems[0]})", source=YahooAuctions.name)
    return page


class YahooAuctions(Source):
    """Yahoo!オークション through its search page (HTML).

    Args:
        page_size: cards per page (20, 50 or 100: ``n``).
        max_pages: pages per condition group (``b`` is the 1-based item offset).
        condition_groups: ``istatus`` codes asked together; one request each. The default
            asks new (1) apart from the used grades (3–7), so new offers are graded
            exactly and used ones are ``used`` (grade unknown); ``per_grade=True`` asks
            each grade alone (exact grades, more requests). Grades the ranking policy
            excludes (``poor`` → 7) are never asked for.
        per_grade: shorthand for one group per grade.
        sort, order: ``s1`` / ``o1`` (e.g. ``"tbidorbuy"``, ``"a"``); default: the site's
            own relevance order.
        postage_prefecture: ``dest_pref_code`` (1–47, 13 = 東京都) so cards show postage to
            that prefecture (``is_postage_mode=1``).
        keywords: builds the keyword query from the described product.
        endpoint: the search URL (configurable should Yahoo move it).
        user_agent: sent as ``User-Agent`` (altfinder's own by default: honest identification).
        rate_limit: override the polite default of one request every two seconds.

    Example:
        >>> YahooAuctions(per_grade=True).condition_groups
        ((1,), (3,), (4,), (5,), (6,), (7,))
    """

    name: ClassVar[str] = "yahoo_auctions"
    label: ClassVar[str] = "Yahoo!オークション"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=2.0)
    hosts: ClassVar[tuple[str, ...]] = ("auctions.yahoo.co.jp",)

    def __init__(
        self,
        *,
        page_size: int = 100,
        max_pages: int = 1,
        condition_groups: Iterable[Iterable[int]] | None = None,
        per_grade: bool = False,
        sort: str | None = None,
        order: str | None = None,
        postage_prefecture: int | None = None,
        keywords: Callable[[Product], str] = product_keywords,
        endpoint: str = ENDPOINT,
        user_agent: str = USER_AGENT,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        if page_size not in PAGE_SIZES:
            raise ConfigurationError(
                f"yahoo_auctions: page_size must be 20, 50 or 100, got {page_size}")
        if max_pages < 1:
            raise ConfigurationError(f"yahoo_auctions: max_pages must be ≥ 1, got {max_pages}")
        if postage_prefecture is not None and not 1 <= postage_prefecture <= 47:
            raise ConfigurationError("yahoo_auctions: postage_prefecture must be 1–47")
        if condition_groups is None:
            groups: tuple[tuple[int, ...], ...] = (
                tuple((code,) for code in ISTATUS) if per_grade else ((1,), (3, 4, 5, 6, 7)))
        else:
            groups = tuple(tuple(group) for group in condition_groups)
        unknown = {c for g in groups for c in g} - set(ISTATUS) - {2}
        if unknown or not all(groups):
            raise ConfigurationError(
                f"yahoo_auctions: condition groups must hold istatus codes 1–7, got {groups}")
        self.condition_groups = groups
        self.page_size = page_size
        self.max_pages = max_pages
        self.sort = sort
        self.order = order
        self.postage_prefecture = postage_prefecture
        self.keywords = keywords
        self.endpoint = endpoint
        self.user_agent = user_agent

    def __repr__(self) -> str:
        return "YahooAuctions()"

    def default_headers(self) -> dict[str, str]:
        """altfinder's user agent and Japanese pages.

        Example:
            >>> YahooAuctions().default_headers()["Accept-Language"]
            'ja,en;q=0.5'
        """
        return {"User-Agent": self.user_agent, "Accept-Language": "ja,en;q=0.5",
                "Accept": "text/html,application/xhtml+xml"}

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Map Yahoo's answers: 404 with the empty notice is *no results*; block pages,
        403 (including the EEA/UK geo-block) and 999 are :class:`BlockedError`.

        Example:
            >>> req = httpx.Request("GET", ENDPOINT)
            >>> page = '<div class="Empty"><h2 class="Empty__title">見つかりませんでした</h2></div>'
            >>> YahooAuctions().check_response(httpx.Response(404, text=page, request=req))
            >>> YahooAuctions().check_response(httpx.Response(403, text="x", request=req))
            ... # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.BlockedError: yahoo_auctions: HTTP 403 — Yahoo! JAPAN refused ...
        """
        status = response.status_code
        text = response.text if response.content else ""
        if any(marker in text for marker in BLOCK_MARKERS) or status == 999:
            raise BlockedError(f"{self.name}: Yahoo! JAPAN's block page (too many automated "
                               "requests, or this network is refused)", source=self.name)
        if status < 400:
            return
        if status == 404 and ('class="Empty' in text or "class='Empty" in text):
            return  # zero results: Yahoo answers 404 with its empty notice
        if status == 403:
            raise BlockedError(f"{self.name}: HTTP 403 — Yahoo! JAPAN refused this client "
                               "(blocked, or outside Japan's service area: the EEA and the UK "
                               "get 403)", source=self.name)
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 429:
            raise RateLimitedError(f"{self.name}: HTTP 429 too many requests", source=self.name,
                                   retry_after=retry_after)
        if status in (408, 504):
            raise SourceTimeoutError(f"{self.name}: HTTP {status}", source=self.name)
        if status >= 500:
            raise SourceUnavailableError(f"{self.name}: HTTP {status}", source=self.name,
                                         retry_after=retry_after)
        raise RequestRejectedError(f"{self.name}: HTTP {status}", source=self.name)

    # -- search ------------------------------------------------------------------------
    def groups_for(self, excluded: Iterable[Condition]) -> list[tuple[int, ...]]:
        """The condition groups to ask, without the grades the policy excludes.

        Example:
            >>> YahooAuctions().groups_for({Condition.POOR})
            [(1,), (3, 4, 5, 6)]
        """
        banned = {code for code, (condition, _) in ISTATUS.items() if condition in set(excluded)}
        groups = [tuple(c for c in group if c not in banned) for group in self.condition_groups]
        return [group for group in groups if group]

    def params(self, keyword: str, codes: Sequence[int], *, page: int = 0) -> dict[str, Any]:
        """The query of one search request.

        Example:
            >>> YahooAuctions().params("Nintendo Switch", (3, 4))["istatus"]
            '3,4'
        """
        params: dict[str, Any] = {"p": keyword, "istatus": ",".join(str(c) for c in codes),
                                  "n": self.page_size, "b": 1 + page * self.page_size,
                                  "exflg": 1, "ei": "utf-8"}
        if self.sort:
            params["s1"] = self.sort
            params["o1"] = self.order or "a"
        if self.postage_prefecture is not None:
            params["is_postage_mode"] = 1
            params["dest_pref_code"] = self.postage_prefecture
        return params

    async def search(self, ctx: SearchContext) -> None:
        """Search by keyword, one request per condition group (and page).

        Example:
            >>> # await YahooAuctions().search(ctx)
        """
        product = await ctx.described_product(needs=("title",))
        keyword = self.keywords(product)
        if not keyword:
            ctx.note(f"{self.name}: Yahoo!オークション has no code search and nothing described "
                     "the product's title, so there was nothing to search for")
            return
        seen: set[str] = set()
        for codes in self.groups_for(ctx.policy.excluded_conditions):
            for page_number in range(self.max_pages):
                response = await ctx.http.get(self.endpoint,
                                              params=self.params(keyword, codes, page=page_number))
                page = parse_search_page(response.text, condition_codes=codes, now=ctx.now)
                if page.partial_match:
                    ctx.note(f"{self.name}: no listing has every word of “{keyword}”; Yahoo "
                             "showed partial-keyword results, which were discarded")
                    break
                for problem in page.problems:
                    ctx.note(f"{self.name}: skipped an unreadable card ({problem})")
                for offer, reason, detail in page.excluded:
                    if offer.item_id not in seen:
                        seen.add(offer.item_id or "")
                        ctx.exclude(offer, reason, detail)
                for offer in page.offers:
                    if offer.item_id in seen:
                        continue  # promoted cards repeat on later pages
                    seen.add(offer.item_id or "")
                    ctx.add(offer)
                if page.empty or page.cards < self.page_size:
                    break
