"""BOOKOFF Online (shopping.bookoff.co.jp) — the keyword search, scraped as HTML.

BOOKOFF has no API. Its keyword search takes a JAN or an ISBN-13 in the path,
``GET https://shopping.bookoff.co.jp/search/keyword/<code>``, and answers a
server-rendered page of ``div.productItem`` cards. Each card links to ``/used/<id>`` or
``/new/<id>``: **the path segment is the condition** (``used`` → 中古, ``new`` → 新品).
The card shows the price (tax included), how much below 定価 it is, and a stock line;
a card whose stock line says 在庫なし (or 品切れ, 入荷待ち…) is an excluded offer.

Identity: the card does not show the code (only the product page's JSON-LD does), so
offers are ``code_search`` — found by BOOKOFF's own search for that code.

This is unofficial scraping of a public page; see ``docs/sources/bookoff.md``.

Example:
    >>> from altfinder.sources import Bookoff
    >>> Bookoff().search_url("9784088836119")
    'https://shopping.bookoff.co.jp/search/keyword/9784088836119'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal
from urllib.parse import quote, urljoin

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
from altfinder.models import Condition, Identity, Offer, Product, Seller
from altfinder.sources._html import decode_html, first_yen, node_text
from altfinder.sources.base import SearchContext, Source

__all__ = [
    "Bookoff",
    "BookoffItem",
    "BookoffPage",
    "condition_from_url",
    "item_offer",
    "parse_search_page",
]

BASE_URL = "https://shopping.bookoff.co.jp"
#: ``{keyword}`` is replaced by the URL-quoted code.
SEARCH_PATH = "/search/keyword/{keyword}"
SELLER_NAME = "ブックオフ公式オンラインストア"

_ITEM_PATH = re.compile(r"/(used|new)/([0-9A-Za-z]+)")
_DISCOUNT = re.compile(r"定価より\s*([\d,]+)\s*円")
_COUNT = re.compile(r"検索結果\D{0,8}?([\d,]+)\s*件")
_JUNK = re.compile(r"ジャンク|動作未確認|部品取り")
#: Words of a stock line that mean the item cannot be bought online now.
OUT_OF_STOCK_WORDS = ("在庫なし", "在庫切れ", "品切れ", "売り切れ", "売切れ", "入荷待ち",
                      "販売終了", "入荷お知らせ")
_EMPTY_WORDS = ("見つかりませんでした", "該当する商品はありません", "該当する商品がありません",
                "検索結果がありません")
_BLOCK_WORDS = ("captcha", "ロボットではありません", "アクセスが制限", "Access Denied",
                "Request blocked", "不正なアクセス")


def condition_from_url(url: str) -> tuple[Condition, str] | None:
    """The condition a BOOKOFF item URL states: ``/used/…`` 中古, ``/new/…`` 新品.

    Returns ``None`` for any other path (not an item page).

    Example:
        >>> condition_from_url("https://shopping.bookoff.co.jp/used/0019876543")
        (<Condition.USED: 'used'>, '中古')
        >>> condition_from_url("/new/0015551234")
        (<Condition.NEW: 'new'>, '新品')
        >>> condition_from_url("/search/keyword/x") is None
        True
    """
    match = _ITEM_PATH.search(url)
    if match is None:
        return None
    return (Condition.USED, "中古") if match.group(1) == "used" else (Condition.NEW, "新品")


@dataclass(frozen=True)
class BookoffItem:
    """One search card.

    Example:
        >>> BookoffItem(item_id="0019876543", kind="used", title="t", url="u", price=385).in_stock
        True
    """

    item_id: str
    kind: Literal["used", "new"]
    title: str
    url: str
    price: int
    list_price: int | None = None
    author: str | None = None
    category: str | None = None
    stock: str = ""
    image_url: str | None = None

    @property
    def in_stock(self) -> bool:
        """Whether the stock line allows buying online now (no line: in stock).

        Example:
            >>> BookoffItem(item_id="1", kind="new", title="t", url="u", price=1,
            ...             stock="在庫なし").in_stock
            False
        """
        text = normalize(self.stock)
        return not any(word in text for word in OUT_OF_STOCK_WORDS)


@dataclass
class BookoffPage:
    """A parsed search page.

    Example:
        >>> BookoffPage(items=[]).total is None
        True
    """

    items: list[BookoffItem]
    total: int | None = None
    next_url: str | None = None
    problems: list[str] = field(default_factory=list)


def _parse_card(node: LexborNode, base_url: str) -> BookoffItem:
    kind: Literal["used", "new"] | None = None
    item_id = href = ""
    for link in node.css("a[href]"):
        candidate = link.attributes.get("href") or ""
        match = _ITEM_PATH.search(candidate)
        if match:
            kind = "used" if match.group(1) == "used" else "new"
            item_id, href = match.group(2), candidate
            break
    if kind is None:
        raise ValueError("no /used/ or /new/ item link")
    image = node.css_first("img")
    title = node_text(node.css_first(".productItem__title"))
    if not title and image is not None:
        title = (image.attributes.get("alt") or "").strip()
    if not title:
        raise ValueError(f"item {item_id}: no title")
    price_node = node.css_first(".productItem__price")
    price_text = node_text(price_node)
    small = node_text(price_node.css_first("small")) if price_node is not None else ""
    price = first_yen(price_text.replace(small, "") if small else price_text)
    if price is None:
        raise ValueError(f"item {item_id}: no price in {price_text!r}")
    discount = _DISCOUNT.search(normalize(price_text))
    stock = " ".join(t for n in node.css('[class*="productItem__stock"]') if (t := node_text(n)))
    image_src = image.attributes.get("src") if image is not None else None
    return BookoffItem(
        item_id=item_id, kind=kind, title=title, url=urljoin(base_url, href), price=price,
        list_price=price + (to_int_yen(discount.group(1)) or 0) if discount else None,
        author=node_text(node.css_first(".productItem__author")) or None,
        category=node_text(node.css_first(".productItem__genreItem--category")) or None,
        stock=" ".join(dict.fromkeys(stock.split())),
        image_url=urljoin(base_url, image_src) if image_src else None,
    )


def parse_search_page(html: str, *, base_url: str = BASE_URL) -> BookoffPage:
    """Read one BOOKOFF search page.

    A card that cannot be read (no item link, title or price) is named in ``problems``;
    a page without cards is empty only when it says so (a no-result message, 0 件, or
    the result list with nothing in it).

    Raises:
        BlockedError: a block or captcha page served instead of results.
        ParseError: not a search page, or one that counts hits but shows no card.

    Example:
        >>> page = parse_search_page('''<div id="items_field"><div class="productItem">
        ... <a class="productItem__link" href="/used/0019876543"></a>
        ... <p class="productItem__title">SPY×FAMILY 12</p>
        ... <p class="productItem__price">¥385<small>定価より143円（27%）おトク</small></p>
        ... </div></div>''')
        >>> item = page.items[0]
        >>> item.kind, item.price, item.list_price, item.in_stock
        ('used', 385, 528, True)
    """
    tree = LexborHTMLParser(html)
    count_node = tree.css_first(".searchResult__count")
    body = "" if count_node is not None else normalize(node_text(tree.body))
    count = _COUNT.search(normalize(node_text(count_node)) if count_node is not None else body)
    total = to_int_yen(count.group(1)) if count else None
    cards = tree.css("div.productItem")
    items: list[BookoffItem] = []
    problems: list[str] = []
    for index, node in enumerate(cards):
        try:
            items.append(_parse_card(node, base_url))
        except ValueError as exc:
            problems.append(f"card {index + 1}: {exc}")
    next_link = tree.css_first("a.pagination__next") or tree.css_first('a[rel="next"]')
    next_href = next_link.attributes.get("href") if next_link is not None else None
    page = BookoffPage(items=items, total=total, problems=problems,
                       next_url=urljoin(base_url, next_href) if next_href else None)
    if cards:
        return page
    body = body or normalize(node_text(tree.body))
    if total == 0 or any(word in body for word in _EMPTY_WORDS):
        return page
    if total:
        raise ParseError(f"bookoff: the page counts {total} hits but no card could be read "
                         "(a truncated page, or the card layout changed)", source=Bookoff.name)
    if tree.css_first("#items_field") is not None or tree.css_first(".searchResult"):
        return page
    lowered = body.lower()
    if any(word.lower() in lowered for word in _BLOCK_WORDS):
        raise BlockedError("bookoff: a block or captcha page instead of search results",
                           source=Bookoff.name)
    raise ParseError("bookoff: not a search page (no result list, no product cards)",
                     source=Bookoff.name)


def item_offer(item: BookoffItem, *, shipping_fee: int | None = None) -> Offer:
    """The offer of one card (``code_search`` identity; see the module docstring).

    Example:
        >>> item = BookoffItem(item_id="1", kind="used", title="t",
        ...                    url="https://shopping.bookoff.co.jp/used/1", price=385)
        >>> offer = item_offer(item)
        >>> offer.condition.value, offer.condition_label, offer.identity.value
        ('used', '中古', 'code_search')
    """
    condition, label = (Condition.USED, "中古") if item.kind == "used" else (Condition.NEW, "新品")
    junk = _JUNK.search(normalize(item.title))
    if junk and condition is Condition.USED:
        condition, label = Condition.POOR, f"中古（{junk.group(0)}）"
    raw: dict[str, Any] = {"item_id": item.item_id, "author": item.author,
                           "category": item.category, "stock": item.stock}
    return Offer(
        source=Bookoff.name, title=item.title, url=item.url, price=item.price,
        shipping_fee=shipping_fee, condition=condition, condition_label=label,
        seller=Seller(name=SELLER_NAME), in_stock=item.in_stock, identity=Identity.CODE_SEARCH,
        item_id=f"{item.kind}/{item.item_id}", image_url=item.image_url,
        list_price=item.list_price, raw=raw,
    )


class Bookoff(Source):
    """BOOKOFF Online through its keyword search page (HTML), searched by JAN or ISBN-13.

    Args:
        shipping_fee: the shipping fee you know applies to your BOOKOFF orders (yen), or
            ``None`` (default): unknown, estimated by the ranking policy. The search page
            does not state it (it depends on the order total and on store pickup).
        max_pages: search pages to read; a code rarely fills one.
        base_url, search_path: where the search lives; ``{keyword}`` in ``search_path``
            is replaced by the URL-quoted code.
        params: extra query parameters (none by default; e.g. a page size).
        encoding: force a page encoding (default: read from the answer).
        user_agent: the ``User-Agent`` sent (default: altfinder's own, honest one).
        rate_limit: default one request every 2 seconds (see the docs for why).

    Example:
        >>> Bookoff(search_path="/search/stock/z/keyword/{keyword}").search_url("4902370548495")
        'https://shopping.bookoff.co.jp/search/stock/z/keyword/4902370548495'
    """

    name: ClassVar[str] = "bookoff"
    label: ClassVar[str] = "BOOKOFF Online"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=2.0)
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 40  # a shop's own listing titles
    hosts: ClassVar[tuple[str, ...]] = ("shopping.bookoff.co.jp",)

    def __init__(
        self,
        *,
        shipping_fee: int | None = None,
        max_pages: int = 1,
        base_url: str = BASE_URL,
        search_path: str = SEARCH_PATH,
        params: Mapping[str, str] | None = None,
        encoding: str | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        if shipping_fee is not None and shipping_fee < 0:
            raise ConfigurationError(f"bookoff: shipping_fee must be ≥ 0, got {shipping_fee}")
        if not 1 <= max_pages <= 20:
            raise ConfigurationError(f"bookoff: max_pages must be 1–20, got {max_pages}")
        if "{keyword}" not in search_path:
            raise ConfigurationError("bookoff: search_path must contain {keyword}")
        self.shipping_fee = shipping_fee
        self.max_pages = max_pages
        self.base_url = base_url.rstrip("/")
        self.search_path = search_path
        self.params = dict(params or {})
        self.encoding = encoding
        self.user_agent = user_agent

    def search_url(self, keyword: str) -> str:
        """The search page's URL for ``keyword``.

        Example:
            >>> Bookoff().search_url("SPY×FAMILY 12")
            'https://shopping.bookoff.co.jp/search/keyword/SPY%C3%97FAMILY%2012'
        """
        return self.base_url + self.search_path.replace("{keyword}", quote(keyword, safe=""))

    def default_headers(self) -> dict[str, str]:
        """An HTML ``Accept``, Japanese first, and the configured ``User-Agent``.

        Example:
            >>> Bookoff(user_agent="me/1.0").default_headers()["User-Agent"]
            'me/1.0'
        """
        return {"User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "ja,en;q=0.5"}

    def check_response(self, response: httpx.Response) -> None:
        """Map HTTP answers to typed errors: 403 blocked, 429 rate limited, 5xx unavailable.

        Example:
            >>> req = httpx.Request("GET", BASE_URL + "/search/keyword/1")
            >>> Bookoff().check_response(httpx.Response(403, text="Access Denied", request=req))
            ... # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.BlockedError: bookoff: HTTP 403: BOOKOFF refused the request ...
        """
        status = response.status_code
        if status < 400:
            return
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        text = response.text[:20000]
        if status == 429:
            raise RateLimitedError(f"{self.name}: HTTP 429: too many requests", source=self.name,
                                   retry_after=retry_after)
        if status == 403:
            said = next((w for w in _BLOCK_WORDS if w.lower() in text.lower()), "a bot filter")
            raise BlockedError(f"{self.name}: HTTP 403: BOOKOFF refused the request ({said})",
                               source=self.name)
        if status in (408, 504):
            raise SourceTimeoutError(f"{self.name}: HTTP {status}: BOOKOFF timed out",
                                     source=self.name)
        if status >= 500:
            said = " (maintenance)" if "メンテナンス" in text else ""
            raise SourceUnavailableError(
                f"{self.name}: HTTP {status}: BOOKOFF Online is unavailable{said}",
                source=self.name, retry_after=retry_after)
        if status == 404:
            raise RequestRejectedError(
                f"{self.name}: HTTP 404 for the search page: the search path moved "
                "(set search_path=/base_url=)", source=self.name)
        raise RequestRejectedError(f"{self.name}: HTTP {status}: request rejected",
                                   source=self.name)

    async def search(self, ctx: SearchContext) -> None:
        """Search BOOKOFF by the JAN or ISBN-13 and report every card.

        Example:
            >>> # await Bookoff().search(ctx)
        """
        code = ctx.code.jan
        if code is None:
            ctx.board.describer_done(self.name)  # see Surugaya.search
            code = (await ctx.described_product(needs=("jan",))).jan
            if code is None:
                ctx.note(f"{self.name}: BOOKOFF is searched by JAN/ISBN and the ASIN did not "
                         "resolve to one")
                return
        url: str | None = self.search_url(code)
        described = False
        for page_number in range(1, self.max_pages + 1):
            assert url is not None
            params = (self.params or None) if page_number == 1 else None
            response = await ctx.http.get(url, params=params)
            html = decode_html(response.content, response.charset_encoding, self.encoding)
            page = parse_search_page(html, base_url=self.base_url)
            for problem in page.problems:
                ctx.note(f"{self.name}: skipped an unreadable card ({problem})")
            for item in page.items:
                offer = item_offer(item, shipping_fee=self.shipping_fee)
                if offer.in_stock:
                    ctx.add(offer)
                else:
                    ctx.exclude(offer, "out_of_stock", item.stock)
            if not described and page.items:
                first = next((i for i in page.items if not _JUNK.search(normalize(i.title))),
                             None)
                if first is not None:
                    ctx.describe(Product(jan=code, title=first.title))
                    described = True
            url = page.next_url
            if url is None:
                break
            if page_number == self.max_pages:
                more = f" of {page.total}" if page.total else ""
                ctx.note(f"{self.name}: read {self.max_pages} page(s){more} hits; raise "
                         "max_pages to read more")
