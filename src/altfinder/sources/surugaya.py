"""駿河屋 (suruga-ya.jp) — the site's JAN search, scraped as HTML.

駿河屋 has no API. Its detailed search form searches by JAN: ``GET
https://www.suruga-ya.jp/search?…&gtin=<JAN>`` returns a search page of ``div.item``
cards; one card is one 駿河屋 product page, which often lists a 中古 price, a 新品
price and the lowest 他ショップ (marketplace) price side by side. Each priced row
becomes an offer; a 品切れ row becomes an excluded offer with its reason.

Identity: the card does not show the JAN (only the product page does), so offers are
``code_search`` — found by 駿河屋's own JAN index. The site sits behind Cloudflare: a
challenge page (``cf-mitigated: challenge``, "Just a moment...") is a
:class:`~altfinder.errors.BlockedError`, never retried.

This is unofficial scraping of a public page; see ``docs/sources/surugaya.md`` for the
terms risk and the rate limit chosen.

Example:
    >>> from altfinder.sources import Surugaya
    >>> Surugaya().rate_limit.interval
    2.0
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal
from urllib.parse import urljoin

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
from altfinder.models import Condition, ExclusionReason, Flag, Identity, Offer, Product, Seller
from altfinder.sources._html import decode_html, first_yen, node_text
from altfinder.sources.base import SearchContext, Source

__all__ = [
    "Surugaya",
    "SurugayaItem",
    "SurugayaPage",
    "SurugayaRow",
    "is_cloudflare_challenge",
    "item_offers",
    "parse_search_page",
]

BASE_URL = "https://www.suruga-ya.jp"
SEARCH_PATH = "/search"
#: The fields the site's detailed search form sends besides the code (all empty but one).
FORM_FIELDS: dict[str, str] = {
    "category": "",
    "search_word": "",
    "bottom_detail_search_bookmark": "1",
    "id_s": "",
    "mpn": "",
}
SELLER_NAME = "駿河屋"
MARKETPLACE_SELLER = "駿河屋マーケットプレイス（他ショップ）"

_PRODUCT_ID = re.compile(r"/product/(?:detail|other)/([A-Za-z0-9]+)")
_HIT_COUNT = re.compile(r"該当件数\s*[:：]?\s*([\d,]+)\s*件")
_LOT_COUNT = re.compile(r"([\d,]+)\s*点")
_JUNK = re.compile(r"ジャンク|動作未確認|部品取り")
_EMPTY_WORDS = ("見つかりませんでした", "該当する商品がありません", "検索結果はありません",
                "該当商品がありません")


# -- Cloudflare ---------------------------------------------------------------------------
#: Markers of Cloudflare's interstitial challenge and block pages. Any page behind
#: Cloudflare's bot management (a normal result page, the site's own maintenance page) may
#: load ``/cdn-cgi/challenge-platform/scripts/jsd/…``: only the challenge's own
#: ``…/challenge-platform/h/…`` path counts, and only on an error status.
_CHALLENGE_STRONG = (b"_cf_chl_opt", b"<title>Just a moment...</title>",
                     b"cf-browser-verification", b"Attention Required! | Cloudflare",
                     b"challenge-error-text", "<title>しばらくお待ちください".encode())
_CHALLENGE_WEAK = (b"/cdn-cgi/challenge-platform/h/", b"Sorry, you have been blocked")


def is_cloudflare_challenge(response: httpx.Response) -> bool:
    """Whether ``response`` is a Cloudflare challenge or block page, not the site's own.

    Example:
        >>> req = httpx.Request("GET", BASE_URL + SEARCH_PATH)
        >>> page = b"<html><head><title>Just a moment...</title></head></html>"
        >>> is_cloudflare_challenge(httpx.Response(403, content=page, request=req))
        True
        >>> is_cloudflare_challenge(httpx.Response(200, content=b"<html>ok</html>", request=req))
        False
    """
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    head = response.content[:65536]
    if any(marker in head for marker in _CHALLENGE_STRONG):
        return True
    return response.status_code in (403, 429, 503) and any(m in head for m in _CHALLENGE_WEAK)


# -- the search page ---------------------------------------------------------------------
@dataclass(frozen=True)
class SurugayaRow:
    """One price row of a search card.

    ``kind``: ``used`` (中古), ``new`` (新品), ``marketplace`` (他ショップ / マケプレ, the lowest
    of ``lots`` listings), ``sold_out`` (品切れ with no condition named), ``list`` (定価).
    ``price`` is ``None`` when the row says 品切れ.

    Example:
        >>> SurugayaRow(kind="used", label="中古", price=1200).in_stock
        True
    """

    kind: Literal["used", "new", "marketplace", "sold_out", "list"]
    label: str
    price: int | None
    lots: int | None = None
    text: str = ""

    @property
    def in_stock(self) -> bool:
        """Whether the row can be bought now (it has a price).

        Example:
            >>> SurugayaRow(kind="new", label="新品", price=None).in_stock
            False
        """
        return self.price is not None and self.kind != "sold_out"


@dataclass(frozen=True)
class SurugayaItem:
    """One search card: a 駿河屋 product page and its price rows.

    Example:
        >>> item = SurugayaItem(product_id="109001", title="t",
        ...                     url=BASE_URL + "/product/detail/109001")
        >>> item.list_price is None
        True
    """

    product_id: str
    title: str
    url: str
    brand: str | None = None
    release_date: str | None = None
    category: str | None = None
    image_url: str | None = None
    rows: tuple[SurugayaRow, ...] = ()
    marketplace_url: str | None = None

    @property
    def list_price(self) -> int | None:
        """The 定価 shown on the card, if any.

        Example:
            >>> SurugayaItem(product_id="1", title="t", url="u",
            ...              rows=(SurugayaRow(kind="list", label="定価", price=3980),)).list_price
            3980
        """
        return next((r.price for r in self.rows if r.kind == "list"), None)


@dataclass
class SurugayaPage:
    """A parsed search page: cards, the hit count, the next page, unreadable cards.

    Example:
        >>> SurugayaPage(items=[], total=0).next_url is None
        True
    """

    items: list[SurugayaItem]
    total: int | None = None
    next_url: str | None = None
    problems: list[str] = field(default_factory=list)


def _row(node: LexborNode) -> SurugayaRow | None:
    """Classify one ``<p>`` of a card by the words it starts with."""
    raw = node_text(node)
    text = normalize(raw)
    if not text:
        return None
    sold_out = "品切" in text or "売切" in text
    price = None if sold_out else first_yen(text)
    is_market = ("マケプレ" in text or "他ショップ" in text or "他のショップ" in text
                 or node.css_first('a[href*="/product/other/"]') is not None)
    if is_market:
        if price is None:
            return None
        lots = _LOT_COUNT.search(text)
        return SurugayaRow(kind="marketplace", label=_market_label(text), price=price,
                           lots=to_int_yen(lots.group(1)) if lots else None, text=raw)
    if text.startswith("定価"):
        return SurugayaRow(kind="list", label="定価", price=price, text=raw)
    if text.startswith("中古"):
        return SurugayaRow(kind="used", label="中古", price=price, text=raw)
    if text.startswith("新品"):
        return SurugayaRow(kind="new", label="新品", price=price, text=raw)
    if sold_out:
        return SurugayaRow(kind="sold_out", label="", price=None, text=raw)
    return None


def _market_label(text: str) -> str:
    inside = re.search(r"[(（]([^()（）]*点[^()（）]*)[)）]", text)
    return f"他ショップ（{inside.group(1)}）" if inside else "他ショップ"


def _parse_item(node: LexborNode, base_url: str) -> SurugayaItem:
    link = (node.css_first("p.title a") or node.css_first(".product-name a")
            or node.css_first('a[href*="/product/detail/"]'))
    href = (link.attributes.get("href") or "") if link is not None else ""
    match = _PRODUCT_ID.search(href)
    if match is None:
        raise ValueError("no /product/detail/ link")
    title = node_text(node.css_first("p.title") or node.css_first(".product-name") or link)
    if not title:
        raise ValueError(f"product {match.group(1)}: no title")
    rows: list[SurugayaRow] = []
    seen: set[str] = set()
    for p in node.css("p"):
        classes = set((p.attributes.get("class") or "").split())
        if classes & {"title", "brand", "release_date", "condition", "product-name"}:
            continue
        row = _row(p)
        if row is None or row.text in seen:
            continue
        seen.add(row.text)
        rows.append(row)
    other = node.css_first('a[href*="/product/other/"]')
    image = node.css_first(".photo_box img") or node.css_first(".thum img") or node.css_first("img")
    image_src = image.attributes.get("src") if image is not None else None
    return SurugayaItem(
        product_id=match.group(1),
        title=title,
        url=urljoin(base_url, f"/product/detail/{match.group(1)}"),
        brand=node_text(node.css_first("p.brand")) or None,
        release_date=node_text(node.css_first("p.release_date")).removeprefix("発売日：") or None,
        category=node_text(node.css_first(".condition")) or None,
        image_url=urljoin(base_url, image_src) if image_src else None,
        rows=tuple(rows),
        marketplace_url=(urljoin(base_url, other.attributes.get("href") or "")
                         if other is not None else None),
    )


def parse_search_page(html: str, *, base_url: str = BASE_URL) -> SurugayaPage:
    """Read one 駿河屋 search page.

    A card that cannot be read (no product link, no title) is named in ``problems`` and
    skipped; a page with no card is empty only when it says so (an empty-result message,
    ``該当件数:0件``, or the ``#search_result`` block with nothing in it).

    Raises:
        BlockedError: the page is a Cloudflare challenge served with status 200.
        ParseError: not a search page, or a page that counts hits but shows no card.

    Example:
        >>> page = parse_search_page('''<div id="search_result">
        ... <div class="hit">該当件数:1件中</div>
        ... <div class="item"><div class="item_detail"><p class="title">
        ... <a href="/product/detail/109001">ゼルダの伝説</a></p></div>
        ... <div class="item_price"><p class="price_teika">中古：<strong>￥5,480</strong> 税込</p>
        ... </div></div></div>''')
        >>> [(r.kind, r.price) for r in page.items[0].rows], page.total
        ([('used', 5480)], 1)
    """
    if "_cf_chl_opt" in html or "<title>Just a moment...</title>" in html:
        raise BlockedError("surugaya: Cloudflare challenge page instead of search results",
                           source=Surugaya.name)
    tree = LexborHTMLParser(html)
    hit = _HIT_COUNT.search(normalize(node_text(tree.css_first("div.hit")) or node_text(tree.body)))
    total = to_int_yen(hit.group(1)) if hit else None
    items: list[SurugayaItem] = []
    problems: list[str] = []
    cards = [n for n in tree.css("div.item")
             if n.css_first("div.item_detail, p.title, .product-name") is not None]
    for index, node in enumerate(cards):
        try:
            items.append(_parse_item(node, base_url))
        except ValueError as exc:
            problems.append(f"card {index + 1}: {exc}")
    next_link = tree.css_first("li.next a") or tree.css_first('a[rel="next"]')
    next_href = next_link.attributes.get("href") if next_link is not None else None
    page = SurugayaPage(items=items, total=total,
                        next_url=urljoin(base_url, next_href) if next_href else None,
                        problems=problems)
    if cards:
        return page
    body = normalize(node_text(tree.body))
    if total == 0 or any(word in body for word in _EMPTY_WORDS):
        return page
    if total:
        raise ParseError(f"surugaya: the page counts {total} hits but no card could be read "
                         "(a truncated page, or the card layout changed)", source=Surugaya.name)
    if tree.css_first("#search_result") is not None:
        return page
    raise ParseError("surugaya: not a search page (no #search_result, no item cards)",
                     source=Surugaya.name)


# -- offers ------------------------------------------------------------------------------
def _condition(row: SurugayaRow, title: str) -> tuple[Condition, str | None]:
    """新品 → new, 中古 → used (grade unknown); a junk title makes a used item poor."""
    label = row.label or None
    junk = _JUNK.search(normalize(title))
    if row.kind == "new":
        return Condition.NEW, label
    if junk:
        return Condition.POOR, f"{label or '中古'}（{junk.group(0)}）"
    if label is None:
        return Condition.USED, None
    if row.kind == "marketplace" and "新品" in row.label and "中古" not in row.label:
        return Condition.NEW, label
    return Condition.USED, label


def item_offers(item: SurugayaItem, *, shipping_fee: int | None = None,
                include_marketplace: bool = True,
                ) -> Iterator[tuple[Offer, ExclusionReason | None, str]]:
    """The offers of one card: ``(offer, exclusion reason or None, detail)``.

    Own-stock rows (中古, 新品) are sold by 駿河屋 at ``shipping_fee`` (``None``: unknown);
    the 他ショップ row is the lowest of several marketplace listings, flagged
    ``variant_price``, with shipping unknown. A 品切れ row is an excluded offer priced at
    the card's 定価 (0 when none is shown).

    Example:
        >>> item = SurugayaItem(product_id="1", title="t", url="https://www.suruga-ya.jp/product/detail/1",
        ...                     rows=(SurugayaRow(kind="used", label="中古", price=900),
        ...                           SurugayaRow(kind="new", label="新品", price=None)))
        >>> [(o.condition.value, o.price, why) for o, why, _ in item_offers(item)]
        [('used', 900, None), ('new', 0, <ExclusionReason.OUT_OF_STOCK: 'out_of_stock'>)]
    """
    raw: dict[str, Any] = {"product_id": item.product_id, "brand": item.brand,
                           "release_date": item.release_date, "category": item.category}
    for row in item.rows:
        if row.kind == "list":
            continue
        if row.kind == "marketplace":
            if not include_marketplace or row.price is None:
                continue
            condition, label = _condition(row, item.title)
            yield Offer(
                source=Surugaya.name, title=item.title,
                url=item.marketplace_url or item.url.replace("/detail/", "/other/"),
                price=row.price, shipping_fee=None, condition=condition, condition_label=label,
                seller=Seller(name=MARKETPLACE_SELLER), in_stock=True,
                identity=Identity.CODE_SEARCH, flags=frozenset({Flag.VARIANT_PRICE}),
                item_id=f"{item.product_id}-other", image_url=item.image_url,
                list_price=item.list_price, raw={**raw, "row": row.text, "lots": row.lots},
            ), None, ""
            continue
        condition, label = _condition(row, item.title)
        in_stock = row.in_stock
        offer = Offer(
            source=Surugaya.name, title=item.title, url=item.url,
            price=row.price if row.price is not None else (item.list_price or 0),
            shipping_fee=shipping_fee, condition=condition, condition_label=label,
            seller=Seller(name=SELLER_NAME), in_stock=in_stock, identity=Identity.CODE_SEARCH,
            item_id=f"{item.product_id}-{row.kind}", image_url=item.image_url,
            list_price=item.list_price, raw={**raw, "row": row.text},
        )
        if in_stock:
            yield offer, None, ""
        else:
            shown = (f"the price shown is the 定価 ¥{item.list_price:,}" if item.list_price
                     else "no price shown")
            detail = f"{row.text}: 駿河屋 has none in stock ({shown})"
            yield offer, ExclusionReason.OUT_OF_STOCK, detail


class Surugaya(Source):
    """駿河屋 through its JAN search page (HTML).

    Args:
        shipping_fee: the shipping fee you know applies to your 駿河屋 orders (yen), or
            ``None`` (default): unknown, estimated by the ranking policy. The search page
            does not state it and 駿河屋's rules change with campaigns.
        include_marketplace: also report the lowest 他ショップ (marketplace) price of a card.
        max_pages: search pages to read (24 cards each); a JAN rarely fills one.
        book_code: search a book by its ISBN-13 in ``gtin`` (default) or by its ISBN-10 in
            ``jan10`` (the form's ISBN-10 field; older scrapers used it).
        base_url, search_path: where the search page lives.
        gtin_param, isbn10_param: the query parameter names of the form's JAN and ISBN-10
            fields; ``form_fields`` the other fields it sends (see :data:`FORM_FIELDS`).
        encoding: force a page encoding (default: read from the answer; see
            :func:`decode_html`).
        user_agent: the ``User-Agent`` sent (default: altfinder's own, honest one).
        rate_limit: default one request every 2 seconds (see the docs for why).

    Example:
        >>> Surugaya(max_pages=2, shipping_fee=440).search_url
        'https://www.suruga-ya.jp/search'
    """

    name: ClassVar[str] = "surugaya"
    label: ClassVar[str] = "駿河屋"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=2.0)
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 40  # a shop's own listing titles
    hosts: ClassVar[tuple[str, ...]] = ("www.suruga-ya.jp",)

    def __init__(
        self,
        *,
        shipping_fee: int | None = None,
        include_marketplace: bool = True,
        max_pages: int = 1,
        book_code: Literal["isbn13", "isbn10"] = "isbn13",
        base_url: str = BASE_URL,
        search_path: str = SEARCH_PATH,
        gtin_param: str = "gtin",
        isbn10_param: str = "jan10",
        form_fields: Mapping[str, str] | None = None,
        encoding: str | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        if shipping_fee is not None and shipping_fee < 0:
            raise ConfigurationError(f"surugaya: shipping_fee must be ≥ 0, got {shipping_fee}")
        if not 1 <= max_pages <= 20:
            raise ConfigurationError(f"surugaya: max_pages must be 1–20, got {max_pages}")
        if book_code not in ("isbn13", "isbn10"):
            raise ConfigurationError(f"surugaya: book_code must be isbn13 or isbn10, "
                                     f"got {book_code!r}")
        self.shipping_fee = shipping_fee
        self.include_marketplace = include_marketplace
        self.max_pages = max_pages
        self.book_code = book_code
        self.base_url = base_url.rstrip("/")
        self.search_path = search_path
        self.gtin_param = gtin_param
        self.isbn10_param = isbn10_param
        self.form_fields = dict(FORM_FIELDS if form_fields is None else form_fields)
        self.encoding = encoding
        self.user_agent = user_agent

    @property
    def search_url(self) -> str:
        """The search page's URL.

        Example:
            >>> Surugaya(base_url="https://suruga-ya.example").search_url
            'https://suruga-ya.example/search'
        """
        return self.base_url + self.search_path

    def default_headers(self) -> dict[str, str]:
        """An HTML ``Accept``, Japanese first, and the configured ``User-Agent``.

        Example:
            >>> Surugaya().default_headers()["Accept-Language"]
            'ja,en;q=0.5'
        """
        return {"User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "ja,en;q=0.5"}

    # -- errors ------------------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Map Cloudflare and HTTP answers to typed errors.

        A challenge or block page is :class:`BlockedError` whatever its status; 429 (and
        Cloudflare's 1015 page) rate limited; 5xx unavailable (504/524 a timeout); 404 a
        moved search page; other 4xx rejected.

        Example:
            >>> req = httpx.Request("GET", BASE_URL + SEARCH_PATH)
            >>> page = httpx.Response(403, headers={"cf-mitigated": "challenge"},
            ...                       text="<title>Just a moment...</title>", request=req)
            >>> Surugaya().check_response(page)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.BlockedError: surugaya: Cloudflare challenge (HTTP 403) ...
        """
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        head = response.content[:65536]
        if status == 429 or (status >= 400 and b"1015" in head and b"rate limited" in head):
            raise RateLimitedError(f"{self.name}: HTTP {status}: rate limited by 駿河屋's "
                                   "Cloudflare", source=self.name, retry_after=retry_after)
        if is_cloudflare_challenge(response):
            if b"Sorry, you have been blocked" in head or b"Attention Required!" in head:
                raise BlockedError(
                    f"{self.name}: Cloudflare block page (HTTP {status}): 駿河屋's firewall "
                    "refuses this client or network", source=self.name)
            raise BlockedError(
                f"{self.name}: Cloudflare challenge (HTTP {status}) instead of search results; "
                "駿河屋 asks for a browser check that altfinder does not solve — try later, "
                "or from another network", source=self.name)
        if status < 400:
            return
        if status == 403:
            raise BlockedError(f"{self.name}: HTTP 403: 駿河屋 refused the request (an IP or "
                               "bot filter)", source=self.name)
        if status in (408, 504, 524):
            raise SourceTimeoutError(f"{self.name}: HTTP {status}: 駿河屋 timed out",
                                     source=self.name)
        if status >= 500:
            said = " (maintenance)" if "メンテナンス" in response.text else ""
            raise SourceUnavailableError(f"{self.name}: HTTP {status}: 駿河屋 is unavailable{said}",
                                         source=self.name, retry_after=retry_after)
        if status == 404:
            raise RequestRejectedError(
                f"{self.name}: HTTP 404 for {self.search_path}: the search page moved "
                "(set search_path=/base_url=)", source=self.name)
        raise RequestRejectedError(f"{self.name}: HTTP {status}: request rejected",
                                   source=self.name)

    # -- search ------------------------------------------------------------------------
    def _params(self, jan: str, isbn10: str | None) -> dict[str, Any]:
        params: dict[str, Any] = dict(self.form_fields)
        if isbn10 and self.book_code == "isbn10":
            params[self.gtin_param] = ""
            params[self.isbn10_param] = isbn10
        else:
            params[self.gtin_param] = jan
            params[self.isbn10_param] = ""
        return params

    async def search(self, ctx: SearchContext) -> None:
        """Search 駿河屋 by the JAN (or the ISBN of a book) and report every price row.

        Example:
            >>> # await Surugaya().search(ctx)
        """
        jan = ctx.code.jan
        if jan is None:
            # An ASIN: nothing to describe until another source tells the JAN, and a
            # describer that waits must not keep the others waiting for it.
            ctx.board.describer_done(self.name)
            jan = (await ctx.described_product(needs=("jan",))).jan
            if jan is None:
                ctx.note(f"{self.name}: 駿河屋 is searched by JAN and the ASIN did not resolve "
                         "to one")
                return
        isbn10 = ctx.code.isbn10 if ctx.code.kind == "isbn" else None
        params = self._params(jan, isbn10)
        url: str | None = self.search_url
        described = False
        for page_number in range(1, self.max_pages + 1):
            assert url is not None
            response = await ctx.http.get(url, params=params if page_number == 1 else None)
            html = decode_html(response.content, response.charset_encoding, self.encoding)
            page = parse_search_page(html, base_url=self.base_url)
            for problem in page.problems:
                ctx.note(f"{self.name}: skipped an unreadable card ({problem})")
            for item in page.items:
                found = 0
                for offer, reason, detail in item_offers(
                        item, shipping_fee=self.shipping_fee,
                        include_marketplace=self.include_marketplace):
                    found += 1
                    if reason is None:
                        ctx.add(offer)
                    else:
                        ctx.exclude(offer, reason, detail)
                if not found and not any(r.kind == "marketplace" for r in item.rows):
                    ctx.note(f"{self.name}: card {item.product_id} shows neither a price nor "
                             "品切れ; not an offer")
            if not described:
                described = self._describe(ctx, jan, page.items)
            url = page.next_url
            if url is None:
                break
            if page_number == self.max_pages:
                more = f" of {page.total}" if page.total else ""
                ctx.note(f"{self.name}: read {self.max_pages} page(s){more} hits; raise "
                         "max_pages to read more")

    @staticmethod
    def _describe(ctx: SearchContext, jan: str, items: list[SurugayaItem]) -> bool:
        usable = [i for i in items if not _JUNK.search(normalize(i.title))]
        if not usable:
            return False
        first = usable[0]
        ctx.describe(Product(jan=jan, title=first.title, brand=first.brand))
        return True
